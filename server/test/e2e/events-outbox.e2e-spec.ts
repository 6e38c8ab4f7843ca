import { EventBus } from '../../src/events/event-bus';
import { EventRetention } from '../../src/events/event-retention';
import { OutboxRelay } from '../../src/events/outbox-relay';
import { socketClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

describe('the outbox and the bus', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('a subscriber that throws never fails the write, and other listeners still get the event', async () => {
    t = await startTestApp();
    const client = await socketClient(t.url);
    const unsubscribe = t.app.get(EventBus).subscribe(() => {
      throw new Error('broken listener');
    });
    const res = await t.http().post('/api/tasks').send({ title: 'still written' });
    expect(res.status).toBe(201);
    await client.waitForCount(1);
    expect(client.events[0]).toMatchObject({ type: 'task_created', payload: { title: 'still written' } });
    unsubscribe();
    client.close();
  });

  it('a write that fails leaves no event behind, and the next event follows on without a gap', async () => {
    t = await startTestApp();
    await t.http().post('/api/tasks').send({ title: 'one' }).expect(201);
    await t.http().patch('/api/tasks/missing').send({ status: 'review' }).expect(404);
    await t.http().post('/api/tasks').send({ title: 'two' }).expect(201);
    const seqs = t.rows<{ seq: number }>('SELECT seq FROM domain_events ORDER BY seq').map((row) => row.seq);
    expect(seqs).toHaveLength(2);
    expect(seqs[1]).toBeGreaterThan(seqs[0]);
  });

  it('prunes events older than EVENTS_RETENTION_DAYS and keeps the rest', async () => {
    t = await startTestApp({ env: { EVENTS_RETENTION_DAYS: '7' } });
    for (const title of ['old', 'older', 'new']) await t.http().post('/api/tasks').send({ title }).expect(201);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(t.dbFile);
    db.prepare(`UPDATE domain_events SET created_at = '2020-01-01T00:00:00.000Z' WHERE json_extract(payload, '$.title') IN ('old', 'older')`).run();
    db.close();
    expect(await t.app.get(EventRetention).prune()).toBe(2);
    const left = (await t.http().get('/api/events')).body;
    expect(left.map((event: { payload: { title: string } }) => event.payload.title)).toEqual(['new']);
  });

  it('keeps every event with EVENTS_RETENTION_DAYS=0, even when asked to prune', async () => {
    t = await startTestApp({ env: { EVENTS_RETENTION_DAYS: '0' } });
    for (const title of ['kept', 'also kept']) await t.http().post('/api/tasks').send({ title }).expect(201);
    expect(await t.app.get(EventRetention).prune(Date.now() + 365 * 24 * 60 * 60 * 1000)).toBe(0);
    expect(t.count('domain_events')).toBe(2);
  });
});

describe('the outbox relay', () => {
  it('publishes events in sequence order: one that arrives ahead of a missing one waits while the gap is read from the outbox', async () => {
    const t = await startTestApp();
    try {
      await t.http().post('/api/tasks').send({ title: 'local' }).expect(201);
      const client = await socketClient(t.url);
      // Another instance committed seq 2 and 3; only 3 reaches this one (its message for 2 was lost).
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(t.dbFile);
      const insert = db.prepare(`INSERT INTO domain_events (seq, type, task_id, payload, created_at) VALUES (?, 'task_deleted', ?, ?, ?)`);
      for (const seq of [2, 3]) insert.run(seq, `remote-${seq}`, JSON.stringify({ id: `remote-${seq}` }), new Date().toISOString());
      db.close();
      const relay = t.app.get(OutboxRelay);
      relay.ingest([{ seq: 3, type: 'task_deleted', task_id: 'remote-3', at: new Date().toISOString(), payload: { id: 'remote-3' } }]);
      await client.waitForCount(2);
      expect(client.events.map((event) => event.seq)).toEqual([2, 3]);
      // a late duplicate of something already published is dropped
      relay.ingest([{ seq: 2, type: 'task_deleted', task_id: 'remote-2', at: new Date().toISOString(), payload: { id: 'remote-2' } }]);
      await t.http().post('/api/tasks').send({ title: 'next' }).expect(201);
      await client.waitForCount(3);
      expect(client.events.map((event) => event.seq)).toEqual([2, 3, 4]);
      client.close();
    } finally {
      await t.close();
    }
  });
});
