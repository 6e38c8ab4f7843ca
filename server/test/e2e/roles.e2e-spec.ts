import { startTestApp, TestApp } from './support/test-app';

const OPERATOR = 'operator-secret';
const op = { Authorization: `Bearer ${OPERATOR}` };

describe('roles: operator, agent and viewer tokens on REST', () => {
  let t: TestApp;
  let agentA: string;
  let agentB: string;
  let taskId: string;
  let agentToken: { id: string; token: string };
  let viewerToken: { id: string; token: string };
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ env: { MC_API_TOKEN: OPERATOR } });
    agentA = (await t.http().post('/api/agents').set(op).send({ name: 'Alpha', role: 'Builder' }).expect(201)).body.id;
    agentB = (await t.http().post('/api/agents').set(op).send({ name: 'Bravo', role: 'Builder' }).expect(201)).body.id;
    taskId = (await t.http().post('/api/tasks').set(op).send({ title: 'Guarded' }).expect(201)).body.id;
    agentToken = (await t.http().post('/api/tokens').set(op).send({ role: 'agent', agent_id: agentA, label: 'alpha laptop' }).expect(201)).body;
    viewerToken = (await t.http().post('/api/tokens').set(op).send({ role: 'viewer', label: 'wall screen' }).expect(201)).body;
  });
  afterAll(() => t.close());

  it('issues a token once, stores only its SHA-256, lists without secrets', async () => {
    expect(agentToken.token).toMatch(/^mc_[A-Za-z0-9_-]{43}$/);
    const stored = t.rows<{ token_hash: string; role: string; agent_id: string }>('SELECT token_hash, role, agent_id FROM api_tokens ORDER BY created_at');
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(agentToken.token);
    expect(stored[0]).toMatchObject({ role: 'agent', agent_id: agentA, token_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const list = await t.http().get('/api/tokens').set(op).expect(200);
    expect(list.body).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toMatch(/mc_|token_hash/);
    expect(list.body.find((token: { id: string }) => token.id === agentToken.id)).toMatchObject({ role: 'agent', agent_id: agentA, label: 'alpha laptop', revoked_at: null });
  });

  it('an Idempotency-Key is the caller\'s own: another token using the same key is a new write, not a replay of the first answer', async () => {
    const key = { 'Idempotency-Key': 'shared-key-1' };
    const first = await t.http().post(`/api/tasks/${taskId}/activities`).set(op).set(key).send({ activity_type: 'updated', message: 'the operator wrote this' }).expect(201);
    const other = await t.http().post(`/api/tasks/${taskId}/activities`).set(as(agentToken.token)).set(key).send({ activity_type: 'updated', message: 'the agent wrote this' }).expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body).toMatchObject({ message: 'the agent wrote this', agent_id: agentA });
    expect(other.body.id).not.toBe(first.body.id);
    // and each caller's own repeat is still a replay
    const again = await t.http().post(`/api/tasks/${taskId}/activities`).set(as(agentToken.token)).set(key).send({ activity_type: 'updated', message: 'the agent wrote this' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(other.body.id);
  });

  it('refuses bad token requests with 400/404 and writes nothing', async () => {
    const before = t.count('api_tokens');
    expect((await t.http().post('/api/tokens').set(op).send({ role: 'agent' })).status).toBe(400);
    expect((await t.http().post('/api/tokens').set(op).send({ role: 'viewer', agent_id: agentA })).status).toBe(400);
    expect((await t.http().post('/api/tokens').set(op).send({ role: 'operator' })).status).toBe(400);
    expect((await t.http().post('/api/tokens').set(op).send({ role: 'agent', agent_id: 'nobody' })).status).toBe(404);
    expect((await t.http().delete('/api/tokens/nope').set(op)).status).toBe(404);
    expect(t.count('api_tokens')).toBe(before);
  });

  it('an agent token makes its allowed writes, credited to its agent', async () => {
    const activity = await t.http().post(`/api/tasks/${taskId}/activities`).set(as(agentToken.token)).send({ activity_type: 'updated', message: 'working' }).expect(201);
    expect(activity.body.agent_id).toBe(agentA);
    const moved = await t.http().patch(`/api/tasks/${taskId}`).set(as(agentToken.token)).send({ status: 'in_progress', assigned_agent_id: agentA }).expect(200);
    expect(moved.body).toMatchObject({ status: 'in_progress', assigned_agent_id: agentA });
    const changed = t.rows<{ agent_id: string }>(`SELECT agent_id FROM task_activities WHERE activity_type = 'status_changed' ORDER BY created_at DESC LIMIT 1`);
    expect(changed[0].agent_id).toBe(agentA);
    await t.http().post(`/api/tasks/${taskId}/deliverables`).set(as(agentToken.token)).send({ deliverable_type: 'url', title: 'Spec', path: 'https://example.com' }).expect(201);
    const session = await t.http().post(`/api/tasks/${taskId}/subagent`).set(as(agentToken.token)).send({ openclaw_session_id: 'agent-run-1', agent_name: 'Helper' }).expect(201);
    await t.http().post(`/api/sessions/${session.body.id}/heartbeat`).set(as(agentToken.token)).expect(200);
    await t.http().patch(`/api/sessions/${session.body.id}`).set(as(agentToken.token)).send({ status: 'completed', summary: 'done' }).expect(200);
    // and reads everything
    for (const path of ['/api/tasks', '/api/agents', '/api/sessions', '/api/stats', `/api/tasks/${taskId}/activities`]) {
      await t.http().get(path).set(as(agentToken.token)).expect(200);
    }
  });

  it('an agent token naming another agent, or going beyond its rights, is refused with 403 and writes nothing', async () => {
    const events = t.count('domain_events');
    const refusals: Array<[string, string, unknown]> = [
      ['post', `/api/tasks/${taskId}/activities`, { activity_type: 'updated', message: 'spoof', agent_id: agentB }],
      ['patch', `/api/tasks/${taskId}`, { status: 'review', agent_id: agentB }],
      ['patch', `/api/tasks/${taskId}`, { title: 'renamed by an agent' }],
      ['delete', `/api/tasks/${taskId}`, undefined],
      ['post', '/api/tasks', { title: 'new' }],
      ['post', '/api/agents', { name: 'Intruder', role: 'x' }],
      ['patch', `/api/agents/${agentB}`, { status: 'offline' }],
      ['delete', `/api/agents/${agentB}`, undefined],
      ['post', '/api/tokens', { role: 'viewer' }],
      ['delete', `/api/tokens/${viewerToken.id}`, undefined],
    ];
    for (const [method, path, body] of refusals) {
      const res = await t.http()[method as 'post'](path).set(as(agentToken.token)).send(body as object);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String) });
    }
    expect((await t.http().get('/api/tokens').set(as(agentToken.token))).status).toBe(403);
    expect(t.count('domain_events')).toBe(events);
    expect(t.count('api_tokens')).toBe(2);
  });

  it('a viewer token reads, and every write is 403 with a message', async () => {
    await t.http().get('/api/tasks').set(as(viewerToken.token)).expect(200);
    await t.http().get(`/api/tasks/${taskId}`).set(as(viewerToken.token)).expect(200);
    const events = t.count('domain_events');
    for (const [method, path, body] of [
      ['post', '/api/tasks', { title: 'x' }],
      ['patch', `/api/tasks/${taskId}`, { status: 'done' }],
      ['post', `/api/tasks/${taskId}/activities`, { activity_type: 'updated', message: 'x' }],
      ['post', `/api/tasks/${taskId}/deliverables`, { deliverable_type: 'url', title: 'x' }],
      ['post', `/api/tasks/${taskId}/subagent`, { openclaw_session_id: 'v', agent_name: 'V' }],
      ['delete', `/api/tasks/${taskId}`, undefined],
      ['post', '/api/tokens', { role: 'viewer' }],
    ] as const) {
      const res = await t.http()[method](path).set(as(viewerToken.token)).send(body as object);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.message).toMatch(/viewer token may only read/);
    }
    expect(t.count('domain_events')).toBe(events);
  });

  it('a revoked token is refused at once; the operator keeps everything', async () => {
    const spare = (await t.http().post('/api/tokens').set(op).send({ role: 'agent', agent_id: agentB }).expect(201)).body;
    await t.http().get('/api/tasks').set(as(spare.token)).expect(200);
    await t.http().delete(`/api/tokens/${spare.id}`).set(op).expect(204);
    const refused = await t.http().get('/api/tasks').set(as(spare.token));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid API token' });
    const listed = (await t.http().get('/api/tokens').set(op)).body.find((token: { id: string }) => token.id === spare.id);
    expect(listed.revoked_at).toEqual(expect.any(String));
    expect(listed.last_used_at).toEqual(expect.any(String));
    await t.http().delete(`/api/tasks/${taskId}`).set(op).expect(204);
  });

  it('a keyed write repeated after its token is revoked, or without a token, is refused (401), not replayed', async () => {
    const short = (await t.http().post('/api/tokens').set(op).send({ role: 'agent', agent_id: agentA, label: 'short-lived' }).expect(201)).body;
    const task = (await t.http().post('/api/tasks').set(op).send({ title: 'Keyed' }).expect(201)).body.id;
    const key = { 'Idempotency-Key': 'revoked-key-1' };
    const body = { activity_type: 'updated', message: 'written before the revocation' };
    await t.http().post(`/api/tasks/${task}/activities`).set(as(short.token)).set(key).send(body).expect(201);
    await t.http().delete(`/api/tokens/${short.id}`).set(op).expect(204);
    const again = await t.http().post(`/api/tasks/${task}/activities`).set(as(short.token)).set(key).send(body);
    expect(again.status).toBe(401);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect((await t.http().post(`/api/tasks/${task}/activities`).set(key).send(body)).status).toBe(401);
  });

  it('no token is 401 everywhere but health', async () => {
    for (const path of ['/api/tasks', '/api/tokens', '/api/agents', '/api/events']) expect((await t.http().get(path)).status).toBe(401);
    expect((await t.http().post('/api/tokens').send({ role: 'viewer' })).status).toBe(401);
    await t.http().get('/api/health').expect(200);
  });

  it('sends helmet security headers on every response', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect((await t.http().get('/api/tasks')).headers['strict-transport-security']).toBeDefined();
  });
});

describe('without MC_API_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('anybody is the operator, but an issued agent token still acts as its agent only', async () => {
    const agent = (await t.http().post('/api/agents').send({ name: 'Solo', role: 'x' }).expect(201)).body.id;
    const token = (await t.http().post('/api/tokens').send({ role: 'agent', agent_id: agent }).expect(201)).body.token;
    expect((await t.http().post('/api/tasks').set('Authorization', `Bearer ${token}`).send({ title: 'x' })).status).toBe(403);
    await t.http().post('/api/tasks').send({ title: 'open' }).expect(201);
  });
});
