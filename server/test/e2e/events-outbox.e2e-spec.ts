import { EventBus } from '../../src/events/event-bus';
import { EventRetention } from '../../src/events/event-retention';
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
});
