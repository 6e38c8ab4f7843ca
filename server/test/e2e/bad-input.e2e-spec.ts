import { startTestApp, TestApp } from './support/test-app';

const TABLES = ['agents', 'tasks', 'openclaw_sessions', 'task_activities', 'task_deliverables', 'domain_events'];

interface BadCase {
  name: string;
  method: 'post' | 'patch' | 'delete' | 'get';
  path: string;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  message: RegExp;
}

describe('bad input gets a clear 4xx and writes nothing', () => {
  let t: TestApp;
  let taskId: string;
  let agentId: string;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    taskId = (await t.http().post('/api/tasks').send({ title: 'Existing task' })).body.id;
    agentId = (await t.http().post('/api/agents').send({ name: 'Charlie' })).body.id;
    sessionId = (await t.http().post(`/api/tasks/${taskId}/subagent`).send({ openclaw_session_id: 'sess-1', agent_name: 'Dev' })).body.id;
    await t.http().patch(`/api/sessions/${sessionId}`).send({ status: 'failed', summary: 'crashed' });
  });
  afterAll(() => t.close());

  const long = (n: number) => 'x'.repeat(n);
  const cases = (): BadCase[] => [
    { name: 'task without title', method: 'post', path: '/api/tasks', body: {}, status: 400, message: /title/ },
    { name: 'task title of wrong type', method: 'post', path: '/api/tasks', body: { title: 5 }, status: 400, message: /title must be a string/ },
    { name: 'empty task title', method: 'post', path: '/api/tasks', body: { title: '' }, status: 400, message: /title should not be empty/ },
    { name: 'task title too long', method: 'post', path: '/api/tasks', body: { title: long(201) }, status: 400, message: /title must be shorter than or equal to 200/ },
    { name: 'task description too long', method: 'post', path: '/api/tasks', body: { title: 'a', description: long(10_001) }, status: 400, message: /description/ },
    { name: 'unknown task field', method: 'post', path: '/api/tasks', body: { title: 'a', colour: 'red' }, status: 400, message: /property colour should not exist/ },
    { name: 'bad task status', method: 'post', path: '/api/tasks', body: { title: 'a', status: 'doing' }, status: 400, message: /status must be one of the following values: inbox, assigned/ },
    { name: 'bad task priority', method: 'post', path: '/api/tasks', body: { title: 'a', priority: 'asap' }, status: 400, message: /priority must be one of/ },
    { name: 'bad due date', method: 'post', path: '/api/tasks', body: { title: 'a', due_date: 'tomorrow' }, status: 400, message: /due_date must be a valid ISO 8601/ },
    { name: 'unknown assigned agent', method: 'post', path: '/api/tasks', body: { title: 'a', assigned_agent_id: 'ghost' }, status: 404, message: /assigned_agent_id refers to "ghost"/ },
    { name: 'malformed JSON', method: 'post', path: '/api/tasks', body: '{"title": "a",', status: 400, message: /Malformed JSON body/ },
    { name: 'malformed JSON as text/plain', method: 'post', path: '/api/tasks', body: '{title: a}', contentType: 'text/plain', status: 400, message: /Malformed JSON body/ },
    { name: 'JSON array body', method: 'post', path: '/api/tasks', body: '[{"title":"a"}]', status: 400, message: /must be a JSON object/ },
    { name: 'JSON string body', method: 'post', path: '/api/tasks', body: '"hello"', status: 400, message: /must be a JSON object/ },
    { name: 'JSON nested too deep (a title)', method: 'post', path: '/api/tasks', body: `{"title":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, status: 400, message: /nested more than 64 levels deep/ },
    { name: 'JSON nested too deep (activity metadata, with a key)', method: 'post', path: '/api/tasks/:task/activities', headers: { 'Idempotency-Key': 'deep-1' }, body: `{"activity_type":"updated","message":"m","metadata":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, status: 400, message: /nested more than 64 levels deep/ },
    { name: 'body over 1 MB', method: 'post', path: '/api/tasks', body: { title: 'a', description: long(1_100_000) }, status: 413, message: /larger than the 1mb limit/ },
    { name: 'PATCH title to null', method: 'patch', path: '/api/tasks/:task', body: { title: null }, status: 400, message: /title/ },
    { name: 'PATCH bad status', method: 'patch', path: '/api/tasks/:task', body: { status: 'finished' }, status: 400, message: /status must be one of/ },
    { name: 'PATCH unknown field', method: 'patch', path: '/api/tasks/:task', body: { version: 9 }, status: 400, message: /property version should not exist/ },
    { name: 'PATCH unknown task', method: 'patch', path: '/api/tasks/nope', body: { status: 'review' }, status: 404, message: /Task "nope" not found/ },
    { name: 'PATCH unknown acting agent', method: 'patch', path: '/api/tasks/:task', body: { status: 'review', agent_id: 'ghost' }, status: 404, message: /agent_id refers to "ghost"/ },
    { name: 'DELETE unknown task', method: 'delete', path: '/api/tasks/nope', status: 404, message: /Task "nope" not found/ },
    { name: 'GET unknown task', method: 'get', path: '/api/tasks/nope', status: 404, message: /Task "nope" not found/ },
    { name: 'list with bad status filter', method: 'get', path: '/api/tasks?status=later', status: 400, message: /status must be one of/ },
    { name: 'list with bad limit', method: 'get', path: '/api/tasks?limit=zero', status: 400, message: /limit must be an integer/ },
    { name: 'activity without message', method: 'post', path: '/api/tasks/:task/activities', body: { activity_type: 'updated' }, status: 400, message: /message/ },
    { name: 'activity with bad type', method: 'post', path: '/api/tasks/:task/activities', body: { activity_type: 'exploded', message: 'm' }, status: 400, message: /activity_type must be one of the following values: spawned/ },
    { name: 'activity metadata as string', method: 'post', path: '/api/tasks/:task/activities', body: { activity_type: 'updated', message: 'm', metadata: '{"a":1}' }, status: 400, message: /metadata must be a JSON object/ },
    { name: 'activity metadata as array', method: 'post', path: '/api/tasks/:task/activities', body: { activity_type: 'updated', message: 'm', metadata: [1, 2] }, status: 400, message: /metadata must be a JSON object/ },
    { name: 'activity message too long', method: 'post', path: '/api/tasks/:task/activities', body: { activity_type: 'updated', message: long(5001) }, status: 400, message: /message must be shorter than or equal to 5000/ },
    { name: 'activity on unknown task', method: 'post', path: '/api/tasks/nope/activities', body: { activity_type: 'updated', message: 'm' }, status: 404, message: /Task "nope" not found/ },
    { name: 'activity by unknown agent', method: 'post', path: '/api/tasks/:task/activities', body: { activity_type: 'updated', message: 'm', agent_id: 'ghost' }, status: 404, message: /agent_id refers to "ghost"/ },
    { name: 'activities of unknown task', method: 'get', path: '/api/tasks/nope/activities', status: 404, message: /Task "nope" not found/ },
    { name: 'deliverable with bad type', method: 'post', path: '/api/tasks/:task/deliverables', body: { deliverable_type: 'pdf', title: 't' }, status: 400, message: /deliverable_type must be one of the following values: file, url, artifact/ },
    { name: 'deliverable without title', method: 'post', path: '/api/tasks/:task/deliverables', body: { deliverable_type: 'file' }, status: 400, message: /title/ },
    { name: 'deliverable path too long', method: 'post', path: '/api/tasks/:task/deliverables', body: { deliverable_type: 'file', title: 't', path: long(2001) }, status: 400, message: /path must be shorter than or equal to 2000/ },
    { name: 'deliverable on unknown task', method: 'post', path: '/api/tasks/nope/deliverables', body: { deliverable_type: 'url', title: 't' }, status: 404, message: /Task "nope" not found/ },
    { name: 'sub-agent without session id', method: 'post', path: '/api/tasks/:task/subagent', body: { agent_name: 'Dev' }, status: 400, message: /openclaw_session_id/ },
    { name: 'sub-agent with numeric name', method: 'post', path: '/api/tasks/:task/subagent', body: { openclaw_session_id: 's', agent_name: 7 }, status: 400, message: /agent_name must be a string/ },
    { name: 'sub-agent session id too long', method: 'post', path: '/api/tasks/:task/subagent', body: { openclaw_session_id: long(201), agent_name: 'Dev' }, status: 400, message: /openclaw_session_id must be shorter than or equal to 200/ },
    { name: 'sub-agent on unknown task', method: 'post', path: '/api/tasks/nope/subagent', body: { openclaw_session_id: 's', agent_name: 'Dev' }, status: 404, message: /Task "nope" not found/ },
    { name: 'session ended with bad status', method: 'patch', path: '/api/sessions/:session', body: { status: 'active' }, status: 400, message: /status must be one of the following values: completed, failed/ },
    { name: 'unknown session', method: 'patch', path: '/api/sessions/nope', body: { status: 'completed' }, status: 404, message: /Session "nope" not found/ },
    { name: 'session ended twice', method: 'patch', path: '/api/sessions/:session', body: { status: 'completed' }, status: 409, message: /already ended as failed/ },
    { name: 'sessions list with bad type', method: 'get', path: '/api/sessions?session_type=robot', status: 400, message: /session_type must be one of/ },
    { name: 'agent without name', method: 'post', path: '/api/agents', body: { role: 'x' }, status: 400, message: /name/ },
    { name: 'agent with bad status', method: 'post', path: '/api/agents', body: { name: 'A', status: 'sleeping' }, status: 400, message: /status must be one of the following values: standby, working, offline/ },
    { name: 'agent is_master as string', method: 'post', path: '/api/agents', body: { name: 'A', is_master: 'yes' }, status: 400, message: /is_master must be a boolean/ },
    { name: 'PATCH agent name to null', method: 'patch', path: '/api/agents/:agent', body: { name: null }, status: 400, message: /name/ },
    { name: 'unknown agent', method: 'get', path: '/api/agents/nope', status: 404, message: /Agent "nope" not found/ },
  ];

  const snapshot = () => Object.fromEntries(TABLES.map((table) => [table, t.count(table)]));
  const resolvePath = (path: string) => path.replace(':task', taskId).replace(':agent', agentId).replace(':session', sessionId);

  it('covers at least 30 cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = snapshot();
    let req = t.http()[c.method](resolvePath(c.path)).set(c.headers ?? {});
    if (c.body !== undefined) {
      req = req.set('Content-Type', c.contentType ?? 'application/json').send(typeof c.body === 'string' ? c.body : JSON.stringify(c.body));
    }
    const res = await req;
    expect(res.status).toBe(c.status);
    expect(res.body).toEqual({ statusCode: c.status, error: expect.any(String), message: expect.stringMatching(c.message) });
    expect(snapshot()).toEqual(before);
  });
});
