import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { Client } from 'pg';

/** The PostgreSQL server the tests may use (CI and developer machines run one on loopback). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test PostgreSQL server, dropped afterwards. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `mc_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: async <T>(sql: string, params: unknown[] = []) => {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Fails in seconds when nothing listens at TEST_REDIS_URL: an app given an unreachable REDIS_URL keeps retrying
 * and never finishes starting, which would leave it running after the test and keep jest from exiting.
 */
export function assertRedisReachable(timeoutMs = 3000): Promise<void> {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: timeoutMs });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`Redis is not reachable at ${TEST_REDIS_URL} (${why}): start it, or set TEST_REDIS_URL`));
    };
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => fail('timed out'));
    socket.once('error', (error) => fail(error.message));
  });
}
