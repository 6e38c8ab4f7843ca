import { EntityManager } from 'typeorm';

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER; PostgreSQL allows 65535 bind parameters. */
const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 };

/**
 * `INSERT INTO table (columns) VALUES (…), (…), …` in as few statements as the driver's parameter limit
 * allows. Hand-written because TypeORM's InsertQueryBuilder names every parameter and looks each one up
 * among the others (quadratic in rows × columns: a third of the CPU of a 100-row batch in the profile).
 * Values are bound as given: the caller serializes (JSON columns) itself. With `returning`, the rows
 * answer that column, in statement order.
 */
export async function insertRows<R = never>(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  returning?: string,
): Promise<R[]> {
  const returned: R[] = [];
  if (rows.length === 0) return returned;
  const postgres = manager.connection.options.type === 'postgres';
  const perStatement = Math.max(1, Math.floor((postgres ? MAX_PARAMETERS.postgres : MAX_PARAMETERS.sqlite) / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let n = 0;
    const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
    const values = chunk.map(tuple).join(', ');
    const sql = `INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${values}${returning ? ` RETURNING "${returning}"` : ''}`;
    const answer: unknown = await manager.query(sql, parametersOf(chunk));
    if (returning) returned.push(...(answer as R[]));
  }
  return returned;
}

/** The rows' values in one list. Not `rows.flat()`: V8's generic `flat` took 60 µs for 100 rows of 7 values, this 4. */
function parametersOf(rows: readonly unknown[][]): unknown[] {
  const parameters: unknown[] = [];
  for (const row of rows) for (const value of row) parameters.push(value);
  return parameters;
}
