import { startTestApp, TestApp } from './support/test-app';

describe('REST API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const post = (path: string, body: object) => t.http().post(path).send(body);
  const newTask = async (body: object = {}) => (await post('/api/tasks', { title: 'Task', ...body }).expect(201)).body;

  describe('tasks', () => {
    it('creates with defaults, lists newest first and filters by status and assignee', async () => {
      const agent = (await post('/api/agents', { name: 'Dev' })).body;
      const first = await newTask({ title: 'First' });
      const second = await newTask({ title: 'Second', status: 'assigned', assigned_agent_id: agent.id, priority: 'urgent' });
      expect(first).toMatchObject({ status: 'inbox', priority: 'normal', version: 1, description: null, due_date: null });
      expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      expect((await t.http().get('/api/tasks')).body.map((x: { title: string }) => x.title)).toEqual(['Second', 'First']);
      expect((await t.http().get('/api/tasks?status=inbox')).body.map((x: { id: string }) => x.id)).toEqual([first.id]);
      expect((await t.http().get(`/api/tasks?assigned_agent_id=${agent.id}`)).body.map((x: { id: string }) => x.id)).toEqual([second.id]);
      expect((await t.http().get('/api/tasks?limit=1')).body).toHaveLength(1);
      expect((await t.http().get(`/api/tasks/${first.id}`)).body).toEqual(first);
    });

    it('PATCH changes only the fields sent, bumps version, and logs a status change', async () => {
      const task = await newTask({ title: 'Keep me', description: 'keep this too', priority: 'high' });
      const patched = (await t.http().patch(`/api/tasks/${task.id}`).send({ status: 'in_progress' }).expect(200)).body;
      expect(patched).toMatchObject({ title: 'Keep me', description: 'keep this too', priority: 'high', status: 'in_progress', version: 2 });
      expect(patched.updated_at > task.updated_at).toBe(true);

      const cleared = (await t.http().patch(`/api/tasks/${task.id}`).send({ description: null }).expect(200)).body;
      expect(cleared).toMatchObject({ description: null, status: 'in_progress', version: 3 });

      const activities = (await t.http().get(`/api/tasks/${task.id}/activities`)).body;
      expect(activities).toEqual([
        expect.objectContaining({ activity_type: 'status_changed', message: 'Status changed from inbox to in_progress', metadata: { from: 'inbox', to: 'in_progress' } }),
      ]);
    });

    it('If-Match makes a PATCH conditional on the version: 412 and nothing written when it changed meanwhile', async () => {
      const task = await newTask({ title: 'Contested' });
      await t.http().patch(`/api/tasks/${task.id}`).send({ status: 'assigned' }).expect(200);
      const events = t.count('domain_events');
      const stale = await t.http().patch(`/api/tasks/${task.id}`).set('If-Match', '1').send({ status: 'in_progress' });
      expect(stale.status).toBe(412);
      expect(stale.body).toEqual({ statusCode: 412, error: 'Precondition Failed', message: expect.stringContaining('is at version 2, not 1') });
      expect(t.count('domain_events')).toBe(events);
      expect((await t.http().get(`/api/tasks/${task.id}`)).body.status).toBe('assigned');
      const fresh = await t.http().patch(`/api/tasks/${task.id}`).set('If-Match', '"2"').send({ status: 'in_progress' }).expect(200);
      expect(fresh.body).toMatchObject({ status: 'in_progress', version: 3 });
      const bad = await t.http().patch(`/api/tasks/${task.id}`).set('If-Match', 'yesterday').send({ status: 'review' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/If-Match must be the task's version number/);
    });

    it('a PATCH that changes nothing keeps the version and writes no event', async () => {
      const task = await newTask({ title: 'Same' });
      const events = t.count('domain_events');
      const same = (await t.http().patch(`/api/tasks/${task.id}`).send({ title: 'Same', status: 'inbox' }).expect(200)).body;
      expect(same.version).toBe(1);
      expect(t.count('domain_events')).toBe(events);
    });

    it('DELETE removes the task with its activities and deliverables and fails its running session', async () => {
      const task = await newTask();
      await post(`/api/tasks/${task.id}/deliverables`, { deliverable_type: 'url', title: 'Docs', path: 'https://example.com' }).expect(201);
      const session = (await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'k1', agent_name: 'Dev' })).body;
      await t.http().delete(`/api/tasks/${task.id}`).expect(204);
      await t.http().get(`/api/tasks/${task.id}`).expect(404);
      expect(t.count('task_activities')).toBe(0);
      expect(t.count('task_deliverables')).toBe(0);
      const [ended] = (await t.http().get('/api/sessions')).body;
      expect(ended).toMatchObject({ id: session.id, status: 'failed', summary: 'Task deleted', task_id: null });
      expect((await t.http().get('/api/stats')).body.active_subagents).toBe(0);
      expect(t.rows<{ type: string }>('SELECT type FROM domain_events ORDER BY seq DESC LIMIT 1')[0].type).toBe('task_deleted');
    });
  });

  describe('activities', () => {
    it('come back newest first in write order, with metadata as an object', async () => {
      const task = await newTask();
      for (let i = 0; i < 20; i++) {
        await post(`/api/tasks/${task.id}/activities`, { activity_type: 'updated', message: `step ${i}`, metadata: { i, nested: { ok: true } } }).expect(201);
      }
      const activities = (await t.http().get(`/api/tasks/${task.id}/activities`)).body;
      expect(activities.map((a: { message: string }) => a.message)).toEqual(Array.from({ length: 20 }, (_, i) => `step ${19 - i}`));
      expect(activities[0].metadata).toEqual({ i: 19, nested: { ok: true } });
      const stored = t.rows<{ metadata: string }>('SELECT metadata FROM task_activities LIMIT 1')[0].metadata;
      expect(typeof JSON.parse(stored)).toBe('object');
    });

    it('reads a double-encoded metadata string left by older code as an object', async () => {
      const task = await newTask();
      const activity = (await post(`/api/tasks/${task.id}/activities`, { activity_type: 'updated', message: 'm' })).body;
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(t.dbFile);
      db.prepare('UPDATE task_activities SET metadata = ? WHERE id = ?').run(JSON.stringify(JSON.stringify({ legacy: true })), activity.id);
      db.close();
      expect((await t.http().get(`/api/tasks/${task.id}/activities`)).body[0].metadata).toEqual({ legacy: true });
    });
  });

  describe('sub-agents and sessions', () => {
    it('registers a sub-agent: finds or creates the agent, opens a session, logs the spawn once', async () => {
      const task = await newTask();
      const first = await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'child-1', agent_name: 'Developer Sub-Agent' }).expect(201);
      const agents = (await t.http().get('/api/agents')).body;
      expect(agents).toEqual([expect.objectContaining({ name: 'Developer Sub-Agent', status: 'working' })]);
      expect(first.body).toMatchObject({ agent_id: agents[0].id, status: 'active', session_type: 'subagent' });

      // the same key again is a retry: same session, nothing new
      const retry = await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'child-1', agent_name: 'Developer Sub-Agent' }).expect(200);
      expect(retry.body.id).toBe(first.body.id);

      // a second sub-agent with the same name reuses the agent
      await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'child-2', agent_name: 'Developer Sub-Agent' }).expect(201);
      expect((await t.http().get('/api/agents')).body).toHaveLength(1);

      const activities = (await t.http().get(`/api/tasks/${task.id}/activities`)).body;
      expect(activities.map((a: { activity_type: string; metadata: { session_id: string } }) => [a.activity_type, a.metadata.session_id])).toEqual([
        ['spawned', 'child-2'],
        ['spawned', 'child-1'],
      ]);
      expect((await t.http().get(`/api/tasks/${task.id}/subagent`)).body).toHaveLength(2);
      expect((await t.http().get('/api/stats')).body).toMatchObject({ active_subagents: 2, agents_working: 1 });
    });

    it("the caller's own spawn activity replaces the one the server logged, so the log shows it once", async () => {
      const task = await newTask();
      await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'child-1', agent_name: 'Dev' }).expect(201);
      await post(`/api/tasks/${task.id}/activities`, { activity_type: 'spawned', message: 'Spawned sub-agent for task execution', metadata: { session_id: 'child-1' } }).expect(201);
      const activities = (await t.http().get(`/api/tasks/${task.id}/activities`)).body;
      expect(activities).toEqual([expect.objectContaining({ activity_type: 'spawned', message: 'Spawned sub-agent for task execution' })]);
    });

    it('a spawn logged before registering is not logged again', async () => {
      const task = await newTask();
      await post(`/api/tasks/${task.id}/activities`, { activity_type: 'spawned', message: 'Spawning', metadata: { session_id: 'child-1' } }).expect(201);
      await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'child-1', agent_name: 'Dev' }).expect(201);
      expect((await t.http().get(`/api/tasks/${task.id}/activities`)).body).toHaveLength(1);
    });

    it('PATCH ends a session by id or by its session key; the agent goes back to standby', async () => {
      const task = await newTask();
      const a = (await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'key-a', agent_name: 'Dev' })).body;
      await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'key-b', agent_name: 'Dev' }).expect(201);

      const endedA = (await t.http().patch(`/api/sessions/${a.id}`).send({ status: 'completed', summary: 'Done' }).expect(200)).body;
      expect(endedA).toMatchObject({ status: 'completed', summary: 'Done' });
      expect(endedA.ended_at).toEqual(expect.any(String));
      expect((await t.http().get('/api/agents')).body[0].status).toBe('working');

      await t.http().patch('/api/sessions/key-b').send({ status: 'failed' }).expect(200);
      expect((await t.http().get('/api/agents')).body[0].status).toBe('standby');
      expect((await t.http().get('/api/stats')).body).toMatchObject({ active_subagents: 0, agents_working: 0 });

      expect((await t.http().get('/api/sessions?status=completed')).body.map((s: { id: string }) => s.id)).toEqual([a.id]);
      expect((await t.http().get('/api/sessions?session_type=subagent')).body).toHaveLength(2);
      expect((await t.http().get('/api/sessions?session_type=persistent')).body).toHaveLength(0);
    });
  });

  describe('agents', () => {
    it('creates, reads, updates, filters and deletes', async () => {
      const agent = (await post('/api/agents', { name: 'Charlie', role: 'Orchestrator', is_master: true }).expect(201)).body;
      expect(agent).toMatchObject({ avatar_emoji: '🤖', status: 'standby', is_master: true, description: null });
      const updated = (await t.http().patch(`/api/agents/${agent.id}`).send({ status: 'working', avatar_emoji: '🦊' }).expect(200)).body;
      expect(updated).toMatchObject({ name: 'Charlie', role: 'Orchestrator', status: 'working', avatar_emoji: '🦊' });
      expect((await t.http().get('/api/agents?status=working')).body).toHaveLength(1);
      expect((await t.http().get('/api/agents?status=standby')).body).toHaveLength(0);
      expect((await t.http().get(`/api/agents/${agent.id}`)).body).toEqual(updated);
      await t.http().delete(`/api/agents/${agent.id}`).expect(204);
      await t.http().get(`/api/agents/${agent.id}`).expect(404);
    });

    it('refuses to delete an agent with an active session', async () => {
      const task = await newTask();
      const session = (await post(`/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'k', agent_name: 'Busy' })).body;
      const res = await t.http().delete(`/api/agents/${session.agent_id}`).expect(409);
      expect(res.body.message).toMatch(/1 active session/);
      expect(t.count('agents')).toBe(1);
    });
  });

  describe('deliverables', () => {
    it('attaches and lists deliverables in the order they were added', async () => {
      const task = await newTask();
      const file = (await post(`/api/tasks/${task.id}/deliverables`, { deliverable_type: 'file', title: 'Page', path: 'out/page.html' }).expect(201)).body;
      await post(`/api/tasks/${task.id}/deliverables`, { deliverable_type: 'url', title: 'Preview', path: 'https://example.com', description: 'live' }).expect(201);
      const list = (await t.http().get(`/api/tasks/${task.id}/deliverables`)).body;
      expect(list.map((d: { title: string }) => d.title)).toEqual(['Page', 'Preview']);
      expect((await t.http().get(`/api/deliverables/${file.id}`)).body).toEqual(file);
    });
  });

  describe('stats and health', () => {
    it('counts tasks by status and reports the database up', async () => {
      await newTask();
      await newTask({ status: 'review' });
      expect((await t.http().get('/api/stats')).body).toEqual({
        active_subagents: 0,
        agents_working: 0,
        tasks_by_status: { inbox: 1, assigned: 0, in_progress: 0, review: 1, done: 0 },
      });
      expect((await t.http().get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', database: 'up' });
    });

    it('answers unknown API paths with the one error body', async () => {
      const res = await t.http().get('/api/nothing-here').expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('/api/nothing-here') });
    });
  });
});
