import { MissionControlClient, MissionEvent, TaskActivity } from '@mission-control/shared';
import { socketClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

describe('POST /api/tasks/:id/activities with an array (a batch)', () => {
  let t: TestApp;
  let taskId: string;
  beforeEach(async () => {
    t = await startTestApp();
    taskId = (await t.http().post('/api/tasks').send({ title: 'batched' }).expect(201)).body.id;
  });
  afterEach(() => t.close());

  const item = (i: number) => ({ activity_type: 'updated', message: `step ${i}`, metadata: { i } });

  it('logs every item in one go, answers them in order and emits their events in array order', async () => {
    const board = await socketClient(t.url);
    const before = t.count('domain_events');
    const res = await t.http().post(`/api/tasks/${taskId}/activities`).send(Array.from({ length: 100 }, (_, i) => item(i))).expect(201);
    const logged = res.body as TaskActivity[];
    expect(logged.map((a) => a.message)).toEqual(Array.from({ length: 100 }, (_, i) => `step ${i}`));
    expect(logged[7]).toMatchObject({ task_id: taskId, activity_type: 'updated', agent_id: null, metadata: { i: 7 } });
    expect(t.count('task_activities')).toBe(100);
    expect(t.count('domain_events')).toBe(before + 100);

    const events = (await board.waitForCount(100)) as MissionEvent[];
    expect(events.map((e) => e.type)).toEqual(Array(100).fill('activity_logged'));
    expect(events.map((e) => (e.payload as TaskActivity).id)).toEqual(logged.map((a) => a.id));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    board.close();

    // the log reads them newest first, like activities logged one by one
    const log = (await t.http().get(`/api/tasks/${taskId}/activities?limit=3`)).body as TaskActivity[];
    expect(log.map((a) => a.message)).toEqual(['step 99', 'step 98', 'step 97']);
  });

  it('writes nothing when one item is bad, and names it as [i].field', async () => {
    const before = { activities: t.count('task_activities'), events: t.count('domain_events') };
    const batch = Array.from({ length: 10 }, (_, i) => item(i));
    batch[3] = { activity_type: 'exploded', message: 'boom', metadata: { i: 3 } };
    const res = await t.http().post(`/api/tasks/${taskId}/activities`).send(batch).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^\[3\]\.activity_type must be one of the following values: spawned/) });

    const unknownField = await t.http().post(`/api/tasks/${taskId}/activities`).send([item(0), { ...item(1), colour: 'red' }]).expect(400);
    expect(unknownField.body.message).toBe('[1].colour should not exist');
    const notObject = await t.http().post(`/api/tasks/${taskId}/activities`).send([item(0), 'text']).expect(400);
    expect(notObject.body.message).toBe('[1] must be an activity object');
    const tooLong = await t.http().post(`/api/tasks/${taskId}/activities`).send([item(0), item(1), { activity_type: 'updated', message: 'x'.repeat(5001) }]).expect(400);
    expect(tooLong.body.message).toMatch(/^\[2\]\.message must be shorter than or equal to 5000 characters$/);

    // a reference that does not exist is found inside the transaction: still nothing written
    const ghost = await t.http().post(`/api/tasks/${taskId}/activities`).send([item(0), item(1), { ...item(2), agent_id: 'ghost' }]).expect(404);
    expect(ghost.body.message).toBe('[2].agent_id refers to "ghost", which does not exist');

    expect(t.count('task_activities')).toBe(before.activities);
    expect(t.count('domain_events')).toBe(before.events);
  });

  it('stamps a batch with the time it was written, not later, and lists it newest first in array order', async () => {
    const res = await t.http().post(`/api/tasks/${taskId}/activities`).send(Array.from({ length: 1000 }, (_, i) => item(i))).expect(201);
    const answeredAt = Date.now();
    const logged = res.body as TaskActivity[];
    // Timestamps need not be unique (ties are ordered by id), so a thousand rows do not push the clock a second ahead.
    expect(Math.max(...logged.map((a) => Date.parse(a.created_at)))).toBeLessThanOrEqual(answeredAt);
    const listed: TaskActivity[] = (await t.http().get(`/api/tasks/${taskId}/activities?limit=1000`).expect(200)).body;
    expect(listed.map((a) => a.message)).toEqual(Array.from({ length: 1000 }, (_, i) => `step ${999 - i}`));
  });

  it('takes 1 to 1000 items', async () => {
    expect((await t.http().post(`/api/tasks/${taskId}/activities`).send([]).expect(400)).body.message).toBe('A batch must hold 1 to 1000 activities, got 0');
    const tooMany = await t.http().post(`/api/tasks/${taskId}/activities`).send(Array.from({ length: 1001 }, () => ({ activity_type: 'updated', message: 'm' }))).expect(400);
    expect(tooMany.body.message).toBe('A batch must hold 1 to 1000 activities, got 1001');
    const full = await t.http().post(`/api/tasks/${taskId}/activities`).send(Array.from({ length: 1000 }, (_, i) => ({ activity_type: 'updated', message: `m${i}` }))).expect(201);
    expect(full.body).toHaveLength(1000);
    expect(t.count('task_activities')).toBe(1000);
    await t.http().post('/api/tasks/nope/activities').send([item(0)]).expect(404);
  });

  it('replaces the spawn the server logged itself, in place, keeping the order of the rest', async () => {
    await t.http().post(`/api/tasks/${taskId}/subagent`).send({ openclaw_session_id: 'child', agent_name: 'Dev' }).expect(201);
    const [auto] = (await t.http().get(`/api/tasks/${taskId}/activities`)).body as TaskActivity[];
    const board = await socketClient(t.url, { rooms: [`task:${taskId}`] });
    const res = await t.http().post(`/api/tasks/${taskId}/activities`).send([
      item(0),
      { activity_type: 'spawned', message: 'Spawned my own way', metadata: { session_id: 'child' } },
      item(2),
    ]).expect(201);
    expect((res.body as TaskActivity[]).map((a) => a.message)).toEqual(['step 0', 'Spawned my own way', 'step 2']);
    expect(res.body[1].id).toBe(auto.id);
    const events = await board.waitForCount(3);
    expect(events.map((e) => (e.payload as TaskActivity).message)).toEqual(['step 0', 'Spawned my own way', 'step 2']);
    expect(t.count('task_activities')).toBe(3);
    board.close();
  });

  it('is what the typed client sends for logActivities, and appendOutput / readOutput round-trip', async () => {
    const client = new MissionControlClient({ baseUrl: t.url, retries: 0 });
    const logged = await client.logActivities(taskId, [item(1), item(2)]);
    expect(logged.map((a) => a.message)).toEqual(['step 1', 'step 2']);
    await expect(client.logActivities(taskId, [item(3), { activity_type: 'nope' as never, message: 'x' }])).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^\[1\]\.activity_type/) });
    const session = await client.registerSubagent(taskId, { openclaw_session_id: 'typed', agent_name: 'Typed' });
    expect(await client.appendOutput('typed', ['a', 'b'], 'stderr')).toEqual({ from: 1, to: 2, dropped: 0 });
    expect(await client.appendOutput(session.id, ['c'])).toEqual({ from: 3, to: 3, dropped: 0 });
    const lines = await client.readOutput(session.id, { tail: true, limit: 2 });
    expect(lines.map((l) => [l.seq, l.stream, l.text])).toEqual([
      [2, 'stderr', 'b'],
      [3, 'stdout', 'c'],
    ]);
  });

  it('still takes a single object and answers with the one activity', async () => {
    const res = await t.http().post(`/api/tasks/${taskId}/activities`).send(item(1)).expect(201);
    expect(res.body).toMatchObject({ message: 'step 1', metadata: { i: 1 } });
    const bad = await t.http().post(`/api/tasks/${taskId}/activities`).send({ activity_type: 'updated' }).expect(400);
    expect(bad.body.message).toMatch(/^message /);
  });
});
