import Database from 'better-sqlite3';
import { IdempotencyPruner } from '../../src/idempotency/idempotency-pruner';
import { startTestApp, TestApp } from './support/test-app';

describe('Idempotency-Key on writes', () => {
  let t: TestApp;
  let taskId: string;
  beforeAll(async () => {
    t = await startTestApp();
    taskId = (await t.http().post('/api/tasks').send({ title: 'Idempotent writes' })).body.id;
  });
  afterAll(() => t.close());

  const counts = () => ({
    activities: t.count('task_activities'),
    deliverables: t.count('task_deliverables'),
    sessions: t.count('openclaw_sessions'),
    tasks: t.count('tasks'),
    events: t.count('domain_events'),
  });

  it('writes an activity once when the same POST is retried with the same key', async () => {
    const body = { activity_type: 'updated', message: 'Retried after a timeout', metadata: { step: 1 } };
    const first = await t.http().post(`/api/tasks/${taskId}/activities`).set('Idempotency-Key', 'act-1').send(body);
    expect(first.status).toBe(201);
    const before = counts();

    const again = await t.http().post(`/api/tasks/${taskId}/activities`).set('Idempotency-Key', 'act-1').send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(counts()).toEqual(before);
  });

  it('treats the body the same whatever its key order or content type', async () => {
    const body = { message: 'Same body, other order', activity_type: 'updated' };
    const first = await t.http().post(`/api/tasks/${taskId}/activities`).set('Idempotency-Key', 'act-order').send(body);
    const before = counts();
    const again = await t
      .http()
      .post(`/api/tasks/${taskId}/activities`)
      .set('Idempotency-Key', 'act-order')
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .send(JSON.stringify({ activity_type: 'updated', message: 'Same body, other order' }));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(counts()).toEqual(before);
  });

  it('replays a sub-agent registration with its first status and writes no second session', async () => {
    const body = { openclaw_session_id: 'agent:main:subagent:idem', agent_name: 'Developer Sub-Agent' };
    const first = await t.http().post(`/api/tasks/${taskId}/subagent`).set('Idempotency-Key', 'reg-1').send(body);
    expect(first.status).toBe(201);
    const before = counts();
    const again = await t.http().post(`/api/tasks/${taskId}/subagent`).set('Idempotency-Key', 'reg-1').send(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(counts()).toEqual(before);
  });

  it('answers 422 when the key comes back with a different body, and writes nothing', async () => {
    const path = `/api/tasks/${taskId}/deliverables`;
    const first = await t.http().post(path).set('Idempotency-Key', 'del-1').send({ deliverable_type: 'url', title: 'Docs', path: 'https://example.com' });
    expect(first.status).toBe(201);
    const before = counts();
    const other = await t.http().post(path).set('Idempotency-Key', 'del-1').send({ deliverable_type: 'url', title: 'Other docs', path: 'https://example.com' });
    expect(other.status).toBe(422);
    expect(other.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: expect.stringContaining('Idempotency-Key "del-1" was already used'),
    });
    expect(counts()).toEqual(before);
  });

  it('keeps keys per route: the same key on another path is a new request', async () => {
    const other = await t.http().post('/api/tasks').send({ title: 'Second task' });
    const before = counts();
    const body = { activity_type: 'updated', message: 'Retried after a timeout', metadata: { step: 1 } };
    const res = await t.http().post(`/api/tasks/${other.body.id}/activities`).set('Idempotency-Key', 'act-1').send(body);
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(counts()).toEqual({ ...before, activities: before.activities + 1, events: before.events + 1 });
  });

  it('lets concurrent duplicates write only once', async () => {
    const before = counts();
    const send = () =>
      t.http().post('/api/tasks').set('Idempotency-Key', 'task-burst').send({ title: 'Created by a burst of retries' });
    const responses = await Promise.all([send(), send(), send(), send(), send()]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(counts()).toEqual({ ...before, tasks: before.tasks + 1, events: before.events + 1 });
  });

  it('does not store a key for a request that failed, so a corrected retry goes through', async () => {
    const before = counts();
    const bad = await t.http().post('/api/tasks').set('Idempotency-Key', 'bad-then-good').send({ title: '' });
    expect(bad.status).toBe(400);
    expect(counts()).toEqual(before);
    expect(t.rows("SELECT id FROM idempotency_keys WHERE idempotency_key = 'bad-then-good'")).toEqual([]);
    const good = await t.http().post('/api/tasks').set('Idempotency-Key', 'bad-then-good').send({ title: 'Corrected' });
    expect(good.status).toBe(201);
    expect(counts()).toEqual({ ...before, tasks: before.tasks + 1, events: before.events + 1 });
    const after = counts();
    const missing = await t.http().post('/api/tasks/nope/activities').set('Idempotency-Key', 'k-404').send({ activity_type: 'updated', message: 'x' });
    expect(missing.status).toBe(404);
    expect(counts()).toEqual(after);
  });

  it('replays a PATCH that ended a session instead of answering 409', async () => {
    const task = await t.http().post('/api/tasks').send({ title: 'Session to end' });
    const session = await t.http().post(`/api/tasks/${task.body.id}/subagent`).send({ openclaw_session_id: 'end-me', agent_name: 'Worker' });
    const end = () => t.http().patch(`/api/sessions/${session.body.id}`).set('Idempotency-Key', 'end-1').send({ status: 'completed', summary: 'done' });
    const first = await end();
    expect(first.status).toBe(200);
    const before = counts();
    const again = await end();
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(counts()).toEqual(before);
    // Without the key the server says it already ended.
    expect((await t.http().patch(`/api/sessions/${session.body.id}`).send({ status: 'completed' })).status).toBe(409);
  });

  it('refuses an empty or oversized key with 400', async () => {
    const empty = await t.http().post('/api/tasks').set('Idempotency-Key', ' ').send({ title: 'x' });
    expect(empty.status).toBe(400);
    const long = await t.http().post('/api/tasks').set('Idempotency-Key', 'k'.repeat(201)).send({ title: 'x' });
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('Idempotency-Key');
  });

  it('keeps the key in the database with the first response', () => {
    const [row] = t.rows<{ method: string; path: string; status_code: number; response_body: string }>(
      "SELECT method, path, status_code, response_body FROM idempotency_keys WHERE idempotency_key = 'reg-1'",
    );
    expect(row).toMatchObject({ method: 'POST', path: `/api/tasks/${taskId}/subagent`, status_code: 201 });
    expect(JSON.parse(row.response_body)).toMatchObject({ openclaw_session_id: 'agent:main:subagent:idem', status: 'active' });
  });

  it('writes once when duplicates reach two instances sharing one database', async () => {
    const second = await startTestApp({ dbFile: t.dbFile });
    try {
      const before = counts();
      const send = (app: TestApp) =>
        app.http().post(`/api/tasks/${taskId}/activities`).set('Idempotency-Key', 'two-instances').send({ activity_type: 'updated', message: 'Sent to two servers' });
      const responses = await Promise.all([send(t), send(second), send(t), send(second)]);
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(counts()).toEqual({ ...before, activities: before.activities + 1, events: before.events + 1 });
    } finally {
      await second.close();
    }
  });

  it('forgets keys older than 24 hours: a key seen again after that is a new request, and the pruner deletes old keys', async () => {
    const body = { activity_type: 'updated', message: 'A day later' };
    const first = await t.http().post(`/api/tasks/${taskId}/activities`).set('Idempotency-Key', 'day-old').send(body);
    expect(first.status).toBe(201);
    const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000 - 1000).toISOString();
    const db = new Database(t.dbFile);
    try {
      db.prepare("UPDATE idempotency_keys SET created_at = ? WHERE idempotency_key = 'day-old'").run(dayAgo);
    } finally {
      db.close();
    }
    const again = await t.http().post(`/api/tasks/${taskId}/activities`).set('Idempotency-Key', 'day-old').send(body);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);

    const kept = t.count('idempotency_keys');
    const pruner = t.app.get(IdempotencyPruner);
    // A day and a bit from now, every key stored so far is past its 24 hours.
    expect(await pruner.prune(Date.now() + 24 * 60 * 60 * 1000 + 60_000)).toBe(kept);
    expect(t.count('idempotency_keys')).toBe(0);
  });
});
