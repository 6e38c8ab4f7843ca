import { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../src/app.factory';
import { AppConfig, loadConfig } from '../../../src/config/app-config';

export interface TestApp {
  app: INestApplication;
  url: string;
  dir: string;
  dbFile: string;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Every route the server added, as `METHOD /path/:param`. */
  routes: string[];
  /** Reads the SQLite file directly, as a second process would. */
  count: (table: string) => number;
  rows: <T>(sql: string) => T[];
  close: () => Promise<void>;
}

export function tempDir(prefix = 'mc-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Boots the real application on a fresh SQLite file (or `dbFile`, to reopen one) on a free loopback port. */
export async function startTestApp(options: { dbFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  const dir = options.dbFile ? path.dirname(options.dbFile) : tempDir();
  const dbFile = options.dbFile ?? path.join(dir, 'mission-control.db');
  const config = loadConfig({
    DATABASE_URL: `sqlite:${dbFile}`,
    DELIVERABLES_ROOT: path.join(dir, 'deliverables'),
    CLIENT_DIST: path.join(dir, 'no-client'),
    MC_RATE_LIMIT: '0',
    ...options.env,
  });
  const routes: string[] = [];
  const app = await createApp(config, ['error'], { onRoute: (method, url) => routes.push(`${method} ${url}`) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    dir,
    dbFile,
    config,
    http: () => request(url),
    routes,
    count: (table) => readDb(dbFile, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n),
    rows: <T>(sql: string) => readDb(dbFile, (db) => db.prepare(sql).all() as T[]),
    close: () => app.close(),
  };
}

function readDb<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
