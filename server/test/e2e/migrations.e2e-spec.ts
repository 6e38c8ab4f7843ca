import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options';
import { InitialSchema1700000000000 } from '../../src/database/migrations/1700000000000-InitialSchema';
import { startTestApp, tempDir } from './support/test-app';

/** Builds a database as the pre-real-time Mission Control left it: migration 1 only, with rows in it. */
async function legacyDatabase(file: string): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(`sqlite:${file}`), migrations: [InitialSchema1700000000000] } as never);
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  const db = new Database(file);
  db.exec(`
    INSERT INTO agents (id, name, role, status, is_master, created_at, updated_at)
      VALUES ('charlie', 'Charlie', 'Orchestrator', 'working', 1, '2026-01-01 10:00:00', '2026-01-01 10:00:00');
    INSERT INTO agents (id, name) VALUES ('dev', 'Developer');
    INSERT INTO tasks (id, title, description, status, priority, assigned_agent_id, created_at, updated_at)
      VALUES ('t1', 'Old task', 'from before real-time', 'in_progress', 'high', 'dev', '2026-01-02T09:00:00.000Z', '2026-01-02T09:00:00.000Z');
    INSERT INTO tasks (id, title) VALUES ('t2', 'Another old task');
    INSERT INTO openclaw_sessions (id, agent_id, openclaw_session_id, channel, status)
      VALUES ('s1', 'charlie', 'agent:main:main', 'slack', 'active');
  `);
  db.close();
}

describe('upgrading a populated database from migration 1', () => {
  it('runs the real-time migration on start-up and keeps every row', async () => {
    const dbFile = path.join(tempDir(), 'legacy.db');
    await legacyDatabase(dbFile);

    const t = await startTestApp({ dbFile });
    try {
      const migrations = t.rows<{ name: string }>('SELECT name FROM migrations ORDER BY id').map((m) => m.name);
      expect(migrations).toEqual(MIGRATIONS.map((migration) => new migration().name));
      expect(migrations.slice(0, 2)).toEqual(['InitialSchema1700000000000', 'RealTime1710000000000']);

      const tasks = (await t.http().get('/api/tasks')).body;
      expect(tasks).toHaveLength(2);
      expect(tasks.find((task: { id: string }) => task.id === 't1')).toMatchObject({
        title: 'Old task',
        description: 'from before real-time',
        status: 'in_progress',
        priority: 'high',
        assigned_agent_id: 'dev',
        version: 1,
      });
      expect(tasks.find((task: { id: string }) => task.id === 't2')).toMatchObject({ status: 'inbox', priority: 'normal', version: 1 });

      const agents = (await t.http().get('/api/agents')).body;
      expect(agents.map((a: { id: string }) => a.id).sort()).toEqual(['charlie', 'dev']);
      expect(agents.find((a: { id: string }) => a.id === 'charlie')).toMatchObject({ is_master: true, status: 'working' });

      const sessions = (await t.http().get('/api/sessions')).body;
      expect(sessions).toEqual([
        expect.objectContaining({ id: 's1', channel: 'slack', session_type: 'persistent', task_id: null, ended_at: null }),
      ]);
      // a persistent session does not count as a sub-agent
      expect((await t.http().get('/api/stats')).body.active_subagents).toBe(0);

      // the new tables work on the upgraded file
      const activity = await t.http().post('/api/tasks/t1/activities').send({ activity_type: 'updated', message: 'Still here', metadata: { n: 1 } });
      expect(activity.status).toBe(201);
      const patched = await t.http().patch('/api/tasks/t1').send({ status: 'review' });
      expect(patched.body.version).toBe(2);
      const indexes = t.rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'").map((i) => i.name);
      expect(indexes).toEqual(expect.arrayContaining(['idx_activities_task', 'idx_deliverables_task']));
    } finally {
      await t.close();
    }

    // a second start on the same file runs nothing again and still has everything
    const again = await startTestApp({ dbFile });
    try {
      expect(again.count('migrations')).toBe(MIGRATIONS.length);
      expect((await again.http().get('/api/tasks/t1')).body).toMatchObject({ status: 'review', version: 2 });
    } finally {
      await again.close();
    }
  });

  it('turns on WAL and enforces foreign keys', async () => {
    const t = await startTestApp();
    try {
      const journal = t.rows<{ journal_mode: string }>('PRAGMA journal_mode')[0].journal_mode;
      expect(journal).toBe('wal');
      const task = (await t.http().post('/api/tasks').send({ title: 'cascade me' })).body;
      await t.http().post(`/api/tasks/${task.id}/activities`).send({ activity_type: 'updated', message: 'm' });
      await t.http().delete(`/api/tasks/${task.id}`).expect(204);
      // ON DELETE CASCADE only works with foreign keys on
      expect(t.count('task_activities')).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('waits for another process holding the write lock instead of failing (busy timeout)', async () => {
    const t = await startTestApp();
    try {
      // A second process takes SQLite's write lock and keeps it for 400 ms.
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(process.argv[1]);
           db.exec('BEGIN IMMEDIATE'); console.log('locked');
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
           db.exec('COMMIT'); db.close();`,
          t.dbFile,
        ],
        { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
      const res = await t.http().post('/api/tasks').send({ title: 'written after the lock is released' });
      expect(res.status).toBe(201);
      expect(t.count('tasks')).toBe(1);
      await new Promise((resolve) => holder.once('exit', resolve));
    } finally {
      await t.close();
    }
  });

  it('every migration can be undone and run again', async () => {
    const file = path.join(tempDir(), 'roundtrip.db');
    const ds = new DataSource(dataSourceOptions(`sqlite:${file}`));
    await ds.initialize();
    try {
      const tables = async () =>
        (await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence') ORDER BY name`)).map(
          (row: { name: string }) => row.name,
        );
      await ds.runMigrations();
      const full = await tables();
      expect(full).toEqual(expect.arrayContaining(['agents', 'tasks', 'openclaw_sessions', 'task_activities', 'task_deliverables', 'domain_events']));
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      expect(await tables()).toEqual([]);
      await ds.runMigrations();
      expect(await tables()).toEqual(full);
    } finally {
      await ds.destroy();
    }
  });
});
