import { socketClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

/** The original Mission Control's agent-facing session calls, as its agents send them. */
describe('PATCH /api/openclaw/sessions/:openclaw_session_id and GET /api/openclaw/sessions', () => {
  let t: TestApp;
  let taskId: string;
  beforeAll(async () => {
    t = await startTestApp();
    taskId = (await t.http().post('/api/tasks').send({ title: 'Build a test page' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const register = async (key: string) =>
    (await t.http().post(`/api/tasks/${taskId}/subagent`).send({ openclaw_session_id: key, agent_name: 'Developer Sub-Agent' }).expect(201)).body;
  // The original's agents send `fetch(url, {method: 'PATCH', body: JSON.stringify(x)})`: a text/plain body.
  const patchTheOriginalWay = (key: string, body: unknown) =>
    t.http().patch(`/api/openclaw/sessions/${encodeURIComponent(key)}`).set('Content-Type', 'text/plain;charset=UTF-8').send(JSON.stringify(body));

  it('ends a sub-agent session: agent_completed live, and Active Sub-Agents drops', async () => {
    const session = await register('agent:main:subagent:live');
    const socket = await socketClient(t.url);
    try {
      expect((await t.http().get('/api/stats')).body.active_subagents).toBe(1);

      const res = await patchTheOriginalWay('agent:main:subagent:live', { status: 'completed', ended_at: '2026-01-22T08:20:00.000Z' });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: session.id,
        openclaw_session_id: 'agent:main:subagent:live',
        status: 'completed',
        session_type: 'subagent',
        task_id: taskId,
        ended_at: '2026-01-22T08:20:00.000Z',
      });
      const [completed] = await socket.waitForCount(1);
      expect(completed).toMatchObject({ type: 'agent_completed', task_id: taskId, payload: { taskId, sessionId: session.id, session: res.body } });
      // the agent it ran as is released, as PATCH /api/sessions does
      await socket.waitForCount(2);
      expect(socket.events[1]).toMatchObject({ type: 'agent_updated', payload: { id: session.agent_id, status: 'standby' } });
      expect((await t.http().get('/api/stats')).body).toMatchObject({ active_subagents: 0 });
    } finally {
      socket.close();
    }
  });

  it('takes the server clock when ended_at is left out, and normalises one given with an offset', async () => {
    await register('agent:main:subagent:clock');
    const ended = await patchTheOriginalWay('agent:main:subagent:clock', { status: 'failed' }).expect(200);
    expect(ended.body.status).toBe('failed');
    expect(Date.parse(ended.body.ended_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(ended.body.ended_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    await register('agent:main:subagent:offset');
    const offset = await patchTheOriginalWay('agent:main:subagent:offset', { status: 'completed', ended_at: '2026-01-22T10:20:00+02:00' }).expect(200);
    expect(offset.body.ended_at).toBe('2026-01-22T08:20:00.000Z');
  });

  it('validates the body like every DTO: 400 naming the field, nothing written', async () => {
    await register('agent:main:subagent:bad');
    const before = t.count('domain_events');
    const cases: [unknown, string][] = [
      [{ status: 'done' }, 'status'],
      [{}, 'status'],
      [{ status: 'completed', ended_at: 'yesterday' }, 'ended_at'],
      [{ status: 'completed', ended_at: '2026-01-22' }, 'ended_at'],
      [{ status: 'completed', ended_at: 42 }, 'ended_at'],
      [{ status: 'completed', colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await patchTheOriginalWay('agent:main:subagent:bad', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toContain(field);
    }
    expect(t.count('domain_events')).toBe(before);
    expect((await t.http().get('/api/sessions?status=active').expect(200)).body.map((s: { openclaw_session_id: string }) => s.openclaw_session_id)).toContain(
      'agent:main:subagent:bad',
    );
  });

  it('404 for an unknown session, 409 for one that already ended', async () => {
    const unknown = await patchTheOriginalWay('agent:main:subagent:nobody', { status: 'completed' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(unknown.body.message).toContain('agent:main:subagent:nobody');

    await register('agent:main:subagent:twice');
    await patchTheOriginalWay('agent:main:subagent:twice', { status: 'completed' }).expect(200);
    const again = await patchTheOriginalWay('agent:main:subagent:twice', { status: 'completed' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('GET lists sessions like GET /api/sessions, with the same filters', async () => {
    const all = (await t.http().get('/api/openclaw/sessions').expect(200)).body;
    expect(all).toEqual((await t.http().get('/api/sessions').expect(200)).body);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const active = (await t.http().get('/api/openclaw/sessions?session_type=subagent&status=active').expect(200)).body;
    expect(active.map((s: { openclaw_session_id: string }) => s.openclaw_session_id)).toEqual(['agent:main:subagent:bad']);
    const bad = await t.http().get('/api/openclaw/sessions?status=finished');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('status');
  });

  it('addresses a session by the longest key it may have (200 characters), URL-encoded, in the path', async () => {
    const key = `agent:main:subagent:${'x'.repeat(180)}`;
    expect(key).toHaveLength(200);
    await register(key);
    await t.http().post(`/api/sessions/${encodeURIComponent(key)}/heartbeat`).expect(200);
    const ended = await patchTheOriginalWay(key, { status: 'completed' }).expect(200);
    expect(ended.body).toMatchObject({ openclaw_session_id: key, status: 'completed' });
  });
});
