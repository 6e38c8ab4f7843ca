import { startTestApp, TestApp } from './support/test-app';

/**
 * The original spec's orchestration sequence, step by step. Run twice: once with JSON bodies, once
 * exactly as the spec's `fetch(url, {method, body: JSON.stringify(x)})` sends them (text/plain).
 */
describe.each([
  ['application/json', 'application/json'],
  ['text/plain (as fetch sends a string body)', 'text/plain;charset=UTF-8'],
])('orchestration sequence with %s bodies', (_label, contentType) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch', path: string, body: unknown) =>
    t.http()[method](path).set('Content-Type', contentType).send(JSON.stringify(body));

  it('runs inbox → triage → assigned → sub-agent → deliverable → completed → review', async () => {
    const charlie = await send('post', '/api/agents', { name: 'Charlie', role: 'Orchestrator', is_master: true });
    expect(charlie.status).toBe(201);

    const created = await send('post', '/api/tasks', { title: 'Build a test page', description: 'HTML with styling' });
    expect(created.status).toBe(201);
    const taskId = created.body.id;

    // 1. the task is found in the inbox
    const inbox = await t.http().get('/api/tasks?status=inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.map((task: { id: string }) => task.id)).toEqual([taskId]);

    // 2. triage activity
    const triage = await send('post', `/api/tasks/${taskId}/activities`, {
      activity_type: 'updated',
      message: 'Task triaged and assigned to Developer agent',
      agent_id: charlie.body.id,
    });
    expect(triage.status).toBe(201);
    expect(triage.body).toMatchObject({ task_id: taskId, agent_id: charlie.body.id, activity_type: 'updated' });

    // 3. assigned
    const assigned = await send('patch', `/api/tasks/${taskId}`, { status: 'assigned' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', version: 2, title: 'Build a test page' });

    // 5. register the sub-agent
    const registered = await send('post', `/api/tasks/${taskId}/subagent`, {
      openclaw_session_id: 'agent:main:subagent:abc123',
      agent_name: 'Developer Sub-Agent',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ status: 'active', session_type: 'subagent', task_id: taskId, ended_at: null });
    expect((await t.http().get('/api/stats')).body.active_subagents).toBe(1);

    // 6. spawn activity, worded by the orchestrator
    const spawned = await send('post', `/api/tasks/${taskId}/activities`, {
      activity_type: 'spawned',
      message: 'Spawned sub-agent for task execution',
      metadata: { session_id: 'agent:main:subagent:abc123' },
    });
    expect(spawned.status).toBe(201);
    expect(spawned.body.metadata).toEqual({ session_id: 'agent:main:subagent:abc123' });

    // 7. deliverable
    const deliverable = await send('post', `/api/tasks/${taskId}/deliverables`, {
      deliverable_type: 'file',
      title: 'Test Page',
      path: '~/Documents/Shared/mission-control/test-page.html',
      description: 'HTML test page with styling and dynamic content',
    });
    expect(deliverable.status).toBe(201);

    // 8. completion
    expect((await send('post', `/api/tasks/${taskId}/activities`, { activity_type: 'completed', message: 'Sub-agent completed task in 20 seconds' })).status).toBe(201);
    const ended = await send('patch', `/api/sessions/${registered.body.id}`, { status: 'completed', summary: 'Built test-page.html' });
    expect(ended.status).toBe(200);
    expect(ended.body.ended_at).toEqual(expect.any(String));
    expect((await t.http().get('/api/stats')).body.active_subagents).toBe(0);

    // 9. review
    const review = await send('patch', `/api/tasks/${taskId}`, { status: 'review' });
    expect(review.body).toMatchObject({ status: 'review', version: 3 });

    const log = await t.http().get(`/api/tasks/${taskId}/activities`);
    expect(log.body.map((a: { message: string }) => a.message)).toEqual([
      'Status changed from assigned to review',
      'Sub-agent completed task in 20 seconds',
      'Spawned sub-agent for task execution',
      'Status changed from inbox to assigned',
      'Task triaged and assigned to Developer agent',
    ]);
    const deliverables = await t.http().get(`/api/tasks/${taskId}/deliverables`);
    expect(deliverables.body).toEqual([expect.objectContaining({ title: 'Test Page', deliverable_type: 'file' })]);
    const sessions = await t.http().get(`/api/tasks/${taskId}/subagent`);
    expect(sessions.body).toEqual([expect.objectContaining({ status: 'completed', summary: 'Built test-page.html' })]);

    // every write left its events in the outbox, in the order they happened
    const events = t.rows<{ type: string }>('SELECT type FROM domain_events ORDER BY seq').map((row) => row.type);
    expect(events).toEqual([
      'agent_created',
      'task_created',
      'activity_logged',
      'task_updated',
      'activity_logged',
      'agent_created',
      'agent_spawned',
      'agent_updated',
      'activity_logged',
      'activity_logged',
      'deliverable_added',
      'activity_logged',
      'agent_completed',
      'agent_updated',
      'task_updated',
      'activity_logged',
    ]);
  });
});
