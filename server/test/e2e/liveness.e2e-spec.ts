import { AgentSession, TaskActivity } from '@mission-control/shared';
import { startTestApp, TestApp } from './support/test-app';

/** Polls until `read` returns a value `done` accepts; the jest timeout bounds the wait. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('session liveness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SESSION_STALE_AFTER_MS: '300' } });
  });
  afterAll(() => t.close());

  const register = async (key: string) => {
    const task = await t.http().post('/api/tasks').send({ title: `Work for ${key}` });
    const session = await t.http().post(`/api/tasks/${task.body.id}/subagent`).send({ openclaw_session_id: key, agent_name: `Agent ${key}` });
    expect(session.status).toBe(201);
    return { taskId: task.body.id as string, session: session.body as AgentSession };
  };
  const session = async (id: string): Promise<AgentSession> =>
    (await t.http().get('/api/sessions?session_type=subagent')).body.find((s: AgentSession) => s.id === id);

  it('turns a silent sub-agent session stale, with an activity and an event, and frees its agent', async () => {
    const { taskId, session: started } = await register('silent-1');
    const stale = await until(() => session(started.id), (s) => s.status === 'stale');
    expect(stale.summary).toMatch(/No heartbeat or activity for \d+ seconds/);
    expect(stale.ended_at).toBeNull();
    const activities: TaskActivity[] = (await t.http().get(`/api/tasks/${taskId}/activities`)).body;
    expect(activities[0]).toMatchObject({ activity_type: 'updated', message: expect.stringMatching(/^Sub-agent session went stale: /) });
    const events = t.rows<{ type: string; payload: string }>(`SELECT type, payload FROM domain_events WHERE task_id = '${taskId}' ORDER BY seq`);
    expect(events.some((e) => e.type === 'session_updated' && JSON.parse(e.payload).status === 'stale')).toBe(true);
    expect((await t.http().get(`/api/agents/${started.agent_id}`)).body.status).toBe('standby');
    expect((await t.http().get('/api/stats')).body.active_subagents).toBe(0);
  });

  it('brings a stale session back on a heartbeat (by openclaw_session_id)', async () => {
    const { taskId, session: started } = await register('silent-2');
    await until(() => session(started.id), (s) => s.status === 'stale');
    const beat = await t.http().post('/api/sessions/silent-2/heartbeat');
    expect(beat.status).toBe(200);
    expect(beat.body).toMatchObject({ id: started.id, status: 'active', summary: null });
    // The session may go stale again right away (the deadline is tiny), so check what was recorded.
    const activities: TaskActivity[] = (await t.http().get(`/api/tasks/${taskId}/activities`)).body;
    expect(activities.map((a) => a.message)).toContain('Sub-agent session is alive again (heartbeat after going stale)');
    const events = t.rows<{ type: string; payload: string }>(`SELECT type, payload FROM domain_events ORDER BY seq`).map((e) => ({ type: e.type, payload: JSON.parse(e.payload) }));
    const revived = events.findIndex((e) => e.type === 'session_updated' && e.payload.id === started.id && e.payload.status === 'active');
    expect(revived).toBeGreaterThan(-1);
    expect(events.slice(revived).some((e) => e.type === 'agent_updated' && e.payload.id === started.agent_id && e.payload.status === 'working')).toBe(true);
  });

  it('answers 404 for an unknown session and 409 for an ended one', async () => {
    expect((await t.http().post('/api/sessions/nope/heartbeat')).status).toBe(404);
    const { session: started } = await register('ended-1');
    await t.http().patch(`/api/sessions/${started.id}`).send({ status: 'completed' });
    const beat = await t.http().post(`/api/sessions/${started.id}/heartbeat`);
    expect(beat.status).toBe(409);
    expect(beat.body.message).toContain('already ended as completed');
  });
});

describe('session liveness signals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const lastSeen = (id: string): string => t.rows<{ last_seen_at: string }>(`SELECT last_seen_at FROM openclaw_sessions WHERE id = '${id}'`)[0].last_seen_at;

  it('moves last_seen_at on a heartbeat and on an activity naming the session, without an event', async () => {
    const task = await t.http().post('/api/tasks').send({ title: 'Signals' });
    const started = await t.http().post(`/api/tasks/${task.body.id}/subagent`).send({ openclaw_session_id: 'signals-1', agent_name: 'Signaller' });
    const registered = lastSeen(started.body.id);

    const events = t.count('domain_events');
    const beat = await t.http().post(`/api/sessions/${started.body.id}/heartbeat`);
    expect(beat.status).toBe(200);
    expect(beat.body.last_seen_at > registered).toBe(true);
    expect(lastSeen(started.body.id)).toBe(beat.body.last_seen_at);
    expect(t.count('domain_events')).toBe(events);

    const logged = await t.http().post(`/api/tasks/${task.body.id}/activities`).send({ activity_type: 'updated', message: 'Working', metadata: { session_id: 'signals-1' } });
    expect(logged.status).toBe(201);
    expect(lastSeen(started.body.id) > beat.body.last_seen_at).toBe(true);

    const unrelated = lastSeen(started.body.id);
    await t.http().post(`/api/tasks/${task.body.id}/activities`).send({ activity_type: 'updated', message: 'Someone else', metadata: { session_id: 'other' } });
    expect(lastSeen(started.body.id)).toBe(unrelated);
  });

  it('does not sweep a session heard from within the deadline', async () => {
    const sessions = await t.http().get('/api/sessions?status=active');
    expect(sessions.body.map((s: AgentSession) => s.openclaw_session_id)).toEqual(['signals-1']);
  });
});
