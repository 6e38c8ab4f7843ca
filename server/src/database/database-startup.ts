import type { LogLevel } from '@nestjs/common';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { adoptOriginalDatabase, AdoptionRefused, recognise } from './adopt-original';
import { dataSourceOptions, MIGRATIONS } from './data-source-options';

/** A database the server cannot open or migrate: the message names the file and the problem. */
export class DatabaseStartError extends Error {}

/** PostgreSQL may still be starting (a container, a restart): retried this often, this far apart. */
export const POSTGRES_CONNECT_ATTEMPTS = 5;
export const POSTGRES_CONNECT_DELAY_MS = 2000;

/**
 * How TypeOrmModule retries its connection. SQLite never: a file that cannot be opened or migrated will
 * not become one by waiting, and the default (nine retries, three seconds apart, "Retrying…") only hid
 * the cause. PostgreSQL only while it refuses connections, a bounded number of times, saying so.
 */
export function connectionRetryOptions(databaseUrl: string): Pick<TypeOrmModuleOptions, 'retryAttempts' | 'retryDelay' | 'toRetry' | 'verboseRetryLog'> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return { retryAttempts: 0, toRetry: () => false };
  return {
    retryAttempts: POSTGRES_CONNECT_ATTEMPTS,
    retryDelay: POSTGRES_CONNECT_DELAY_MS,
    verboseRetryLog: true,
    toRetry: refusesConnections,
  };
}

/** Connection refused, or PostgreSQL's "the database system is starting up / shutting down". */
export function refusesConnections(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNREFUSED' || code === '57P03';
}

/**
 * Runs before the application is built, on every start (`createApp`): for SQLite it checks that the file
 * is a database, adopts the original Mission Control's database (backup first), then runs the pending
 * migrations, so that any failure stops the start at once with a message naming the file. PostgreSQL is
 * migrated by TypeOrmModule as before.
 */
export async function prepareDatabase(databaseUrl: string, logger: LogLevel[] | false = ['log']): Promise<void> {
  if (!databaseUrl.startsWith('sqlite:')) return;
  const file = path.resolve(databaseUrl.slice('sqlite:'.length));
  const say = logger && (logger.includes('log') || logger.includes('warn')) ? (line: string) => console.log(line) : () => undefined;
  if (fs.existsSync(file)) {
    checkIsDatabase(file);
    try {
      const adoption = await adoptOriginalDatabase(file);
      if (adoption) {
        const added = adoption.addedColumns.length ? `; added ${adoption.addedColumns.join(', ')}` : '';
        say(`Adopted the original Mission Control's database ${file}: backup written to ${adoption.backupFile}${added}`);
      }
    } catch (error) {
      if (error instanceof AdoptionRefused) throw new DatabaseStartError(`Cannot adopt the database ${file}: ${error.message}`);
      throw new DatabaseStartError(`Cannot adopt the database ${file}: ${messageOf(error)}`);
    }
  }
  await migrate(databaseUrl, file, say);
}

function checkIsDatabase(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    const kind = recognise(db);
    if (kind === 'unknown') {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
      throw new DatabaseStartError(
        `Cannot use the database ${file}: it has tables (${tables.map((t) => t.name).join(', ')}) but no migrations table, ` +
          "and it is not the original Mission Control's database (agents, tasks, openclaw_sessions). Nothing was changed.",
      );
    }
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`Cannot open the database ${file}: ${messageOf(error)}`);
  } finally {
    db?.close();
  }
}

async function migrate(databaseUrl: string, file: string, say: (line: string) => void): Promise<void> {
  let dataSource: DataSource;
  try {
    dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), migrationsTransactionMode: 'each' });
    await dataSource.initialize();
  } catch (error) {
    throw new DatabaseStartError(`Cannot open the database ${file}: ${messageOf(error)}`);
  }
  try {
    const ran = await dataSource.runMigrations();
    if (ran.length > 0) say(`Database ${file}: applied ${ran.map((migration) => migration.name).join(', ')}`);
  } catch (error) {
    const failed = await firstPending(dataSource).catch(() => null);
    throw new DatabaseStartError(
      `Cannot upgrade the database ${file}: migration ${failed ?? '(unknown)'} failed: ${messageOf(error)}. ` +
        'Each migration runs in its own transaction, so the file is as the last successful one left it.',
    );
  } finally {
    await dataSource.destroy().catch(() => undefined);
  }
}

async function firstPending(dataSource: DataSource): Promise<string | null> {
  const applied = new Set((await dataSource.query('SELECT name FROM migrations')).map((row: { name: string }) => row.name));
  return MIGRATIONS.map((migration) => new migration().name).find((name) => !applied.has(name)) ?? null;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}
