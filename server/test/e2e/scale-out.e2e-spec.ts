import { MissionEvent } from '@mission-control/shared';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { InitialSchema1700000000000 } from '../../src/database/migrations/1700000000000-InitialSchema';
import { assertRedisReachable, createPostgresDatabase, TEST_REDIS_URL, TestDatabase } from './support/postgres';
import { socketClient, sseClient, wsClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

const seqs = (events: MissionEvent[]) => events.map((event) => event.seq);

describe('PostgreSQL', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createPostgresDatabase();
  });
  afterEach(() => db.drop());

  it('upgrades a populated migration-1 database and runs the orchestration sequence', async () => {
    const legacy = new DataSource({ ...dataSourceOptions(db.url), migrations: [InitialSchema1700000000000] } as never);
    await legacy.initialize();
    await legacy.runMigrations();
    await legacy.destroy();
    await db.query(`INSERT INTO agents (id, name, is_master) VALUES ('charlie', 'Charlie', true)`);
    await db.query(`INSERT INTO tasks (id, title, status) VALUES ('t1', 'Old task', 'inbox')`);

    const t = await startTestApp({ env: { DATABASE_URL: db.url } });
    try {
      expect((await t.http().get('/api/tasks/t1')).body).toMatchObject({ title: 'Old task', version: 1 });
      expect((await t.http().get('/api/agents/charlie')).body).toMatchObject({ is_master: true });
      await t.http().post('/api/tasks/t1/activities').send({ activity_type: 'updated', message: 'Task triaged', agent_id: 'charlie', metadata: { n: 1 } }).expect(201);
      await t.http().patch('/api/tasks/t1').send({ status: 'assigned' }).expect(200);
      const session = (await t.http().post('/api/tasks/t1/subagent').send({ openclaw_session_id: 'child', agent_name: 'Dev' }).expect(201)).body;
      expect((await t.http().get('/api/stats')).body.active_subagents).toBe(1);
      await t.http().post('/api/tasks/t1/deliverables').send({ deliverable_type: 'file', title: 'Page', path: 'page.html' }).expect(201);
      await t.http().patch(`/api/sessions/${session.id}`).send({ status: 'completed', summary: 'done' }).expect(200);
      const review = (await t.http().patch('/api/tasks/t1').send({ status: 'review' }).expect(200)).body;
      expect(review.version).toBe(3);
      const activities = (await t.http().get('/api/tasks/t1/activities')).body;
      expect(activities.map((a: { activity_type: string }) => a.activity_type)).toEqual(['status_changed', 'spawned', 'status_changed', 'updated']);
      expect(activities[3].metadata).toEqual({ n: 1 });
      const events = (await t.http().get('/api/events')).body as MissionEvent[];
      expect(events.length).toBeGreaterThan(8);
      expect(seqs(events)).toEqual([...seqs(events)].sort((a, b) => a - b));
      expect(typeof events[0].seq).toBe('number');
    } finally {
      await t.close();
    }
  });
});

describe('several instances on one PostgreSQL, sharing events through Redis', () => {
  let db: TestDatabase | null = null;
  let a: TestApp;
  let b: TestApp;
  /** What this test started, so a failed setup still closes the instance that did start. */
  const apps: TestApp[] = [];
  beforeEach(async () => {
    await assertRedisReachable();
    db = await createPostgresDatabase();
    const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_CHANNEL: `mc-test:${randomUUID()}` };
    apps.push((a = await startTestApp({ env })));
    apps.push((b = await startTestApp({ env })));
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await db?.drop();
    db = null;
  });

  it('clients on either instance see every write from both, in one order, without duplicates', async () => {
    const task = (await a.http().post('/api/tasks').send({ title: 'shared' }).expect(201)).body.id;
    const onA = await socketClient(a.url);
    const sseOnB = await sseClient(b.url);
    const taskWsOnB = await wsClient(b.url, { task_id: task });

    // 40 writes at once, half through each instance
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).http().post(`/api/tasks/${task}/activities`).send({ activity_type: 'updated', message: `write ${i}` }).expect(201),
      ),
    );
    await b.http().post('/api/tasks').send({ title: 'other task' }).expect(201);
    await Promise.all([onA.waitForCount(41), sseOnB.waitForCount(41), taskWsOnB.waitForCount(40)]);

    const stored = (await b.http().get('/api/events?since=1')).body as MissionEvent[];
    expect(stored).toHaveLength(41);
    expect(onA.events).toEqual(stored);
    expect(sseOnB.events).toEqual(stored);
    expect(taskWsOnB.events).toEqual(stored.filter((event) => event.task_id === task));
    for (const client of [onA, sseOnB, taskWsOnB]) client.close();
  });

  it('a client that leaves one instance resumes on the other with exactly what it missed', async () => {
    const task = (await a.http().post('/api/tasks').send({ title: 'hand-over' }).expect(201)).body.id;
    const first = await socketClient(a.url, { lastSeq: 0 });
    await first.waitForCount(1);
    first.close();
    for (let i = 0; i < 10; i++) await (i % 2 ? a : b).http().patch(`/api/tasks/${task}`).send({ title: `v${i}` }).expect(200);
    const resumed = await socketClient(b.url, { lastSeq: first.events[0].seq });
    await resumed.waitForCount(10);
    expect([...first.events, ...resumed.events]).toEqual((await a.http().get('/api/events')).body);
    resumed.close();
  });
});
