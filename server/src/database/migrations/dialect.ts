import { QueryRunner } from 'typeorm';

/** The few column spellings that differ between SQLite and PostgreSQL. */
export function dialect(queryRunner: QueryRunner) {
  const sqlite = queryRunner.connection.options.type === 'better-sqlite3';
  return {
    sqlite,
    falseValue: sqlite ? '0' : 'false',
    nowIso: sqlite
      ? `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
      : `(to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
    autoIncrementKey: sqlite ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY',
  };
}
