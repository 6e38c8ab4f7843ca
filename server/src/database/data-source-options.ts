import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { InitialSchema1700000000000 } from './migrations/1700000000000-InitialSchema';
import { RealTime1710000000000 } from './migrations/1710000000000-RealTime';
import { IdempotencyKeys1720000000000 } from './migrations/1720000000000-IdempotencyKeys';
import { SessionOutput1730000000000 } from './migrations/1730000000000-SessionOutput';
import { ApiTokens1740000000000 } from './migrations/1740000000000-ApiTokens';
import { ActivityIndexAscending1750000000000 } from './migrations/1750000000000-ActivityIndexAscending';

export const MIGRATIONS = [InitialSchema1700000000000, RealTime1710000000000, IdempotencyKeys1720000000000, SessionOutput1730000000000, ApiTokens1740000000000, ActivityIndexAscending1750000000000];

/** `sqlite:<path>` (relative to the working directory) or `postgres://…`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const common = { migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  if (databaseUrl.startsWith('sqlite:')) {
    const file = path.resolve(databaseUrl.slice('sqlite:'.length));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: true,
      timeout: 5000,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return { ...common, type: 'postgres', url: databaseUrl };
  }
  throw new Error(`DATABASE_URL must be sqlite:<path> or postgres://…, got "${databaseUrl}"`);
}
