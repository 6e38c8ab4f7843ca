import { Agent, AgentSession } from '@mission-control/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Orchestrator } from '../../src/orchestrator/orchestrator';
import { startOrchestrator, taskView, until } from './support/orchestrator-harness';
import { startTestApp, TestApp } from './support/test-app';

describe('orchestrator with the simulated sub-agent', () => {
  let t: TestApp;
  let orchestrator: Orchestrator | null = null;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await orchestrator?.stop();
    orchestrator = null;
    await t.close();
  });

  it('runs the spec workflow: inbox → assigned → in progress → review, with the spec activities, a deliverable and a completed session', async () => {
    orchestrator = await startOrchestrator(t);
    const created = await t.http().post('/api/tasks').send({ title: 'Build a test page', description: 'HTML with styling' });
    const view = taskView(t, created.body.id);

    const task = await until(view.task, (current) => current.status === 'review');

    const messages = await view.messages();
    expect(messages.slice(0, 5)).toEqual([
      'Task triaged and assigned to Developer agent',
      'Status changed from inbox to assigned',
      'Spawned sub-agent for task execution',
      'Status changed from assigned to in_progress',
      'Created file: test-page.html',
    ]);
    expect(messages[5]).toMatch(/^Sub-agent completed task in \d+(\.\d)? seconds$/);
    expect(Number(/in ([\d.]+) seconds/.exec(messages[5])![1])).toBeGreaterThanOrEqual(0.1);
    expect(messages.slice(6)).toEqual(['Status changed from in_progress to review']);

    const activities = await view.activities();
    const agents: Agent[] = (await t.http().get('/api/agents')).body;
    const charlie = agents.find((a) => a.name === 'Charlie')!;
    const developer = agents.find((a) => a.name === 'Developer Sub-Agent')!;
    expect(charlie).toMatchObject({ is_master: true, role: 'Orchestrator' });
    expect(developer.status).toBe('standby');
    expect(task.assigned_agent_id).toBe(developer.id);
    expect(activities[0]).toMatchObject({ activity_type: 'updated', agent_id: charlie.id });
    const [session] = await view.sessions();
    expect(activities[2]).toMatchObject({ activity_type: 'spawned', metadata: { session_id: session.openclaw_session_id } });
    expect(activities[4]).toMatchObject({ activity_type: 'file_created', agent_id: developer.id });
    expect(activities[5]).toMatchObject({ activity_type: 'completed', metadata: { session_id: session.openclaw_session_id, duration_ms: expect.any(Number) } });
    expect(session).toMatchObject({ status: 'completed', agent_id: developer.id, session_type: 'subagent', summary: 'Built test-page.html for "Build a test page"' });
    expect(session.openclaw_session_id).toMatch(/^agent:main:subagent:[0-9a-f-]{36}$/);

    const [deliverable] = await view.deliverables();
    const file = path.join(t.config.deliverablesRoot, created.body.id, 'test-page.html');
    expect(deliverable).toMatchObject({ deliverable_type: 'file', title: 'test-page.html', path: file });
    expect(fs.readFileSync(file, 'utf8')).toContain('<h1>Build a test page</h1>');
    const content = await t.http().get(`/api/deliverables/${deliverable.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(content.text).toContain('HTML with styling');

    expect((await t.http().get('/api/stats')).body.active_subagents).toBe(0);
  });

  it('wakes up on task_created from the event stream without waiting for the next poll', async () => {
    // The poll comes only once a minute: only the event stream can bring the task in time.
    orchestrator = await startOrchestrator(t, { useEventStream: true, pollIntervalMs: 60_000 });
    await until(() => orchestrator!.runningTaskIds.length === 0 && t.count('agents') === 2, Boolean);
    const created = await t.http().post('/api/tasks').send({ title: 'Woken by SSE' });
    await until(taskView(t, created.body.id).task, (task) => task.status === 'review');
  });

  it('runs several tasks, one at a time with concurrency 1, oldest first', async () => {
    const first = await t.http().post('/api/tasks').send({ title: 'First' });
    const second = await t.http().post('/api/tasks').send({ title: 'Second' });
    orchestrator = await startOrchestrator(t);
    await until(taskView(t, second.body.id).task, (task) => task.status === 'review');
    const [firstSession] = await taskView(t, first.body.id).sessions();
    const [secondSession] = await taskView(t, second.body.id).sessions();
    expect(firstSession.ended_at! <= secondSession.created_at).toBe(true);
    expect((await taskView(t, first.body.id).task()).status).toBe('review');
  });

  it('on shutdown fails the running session and returns its task to the inbox', async () => {
    orchestrator = await startOrchestrator(t, { simulatedWorkMs: 60_000 });
    const created = await t.http().post('/api/tasks').send({ title: 'Interrupted' });
    const view = taskView(t, created.body.id);
    await until(view.task, (task) => task.status === 'in_progress');
    await orchestrator.stop();

    const task = await view.task();
    expect(task).toMatchObject({ status: 'inbox', assigned_agent_id: null });
    const [session] = await view.sessions();
    expect(session).toMatchObject({ status: 'failed', summary: 'orchestrator shutting down; task returned to the inbox' });
    expect(await view.messages()).toContain('Sub-agent stopped: orchestrator shutting down; task returned to the inbox');
    expect((await t.http().get('/api/sessions?status=active')).body).toEqual([]);
  });

  it('reuses Charlie when it already exists', async () => {
    const existing = await t.http().post('/api/agents').send({ name: 'Charlie', role: 'Lead', is_master: true });
    orchestrator = await startOrchestrator(t);
    const created = await t.http().post('/api/tasks').send({ title: 'Any' });
    await until(taskView(t, created.body.id).task, (task) => task.status === 'review');
    const agents: Agent[] = (await t.http().get('/api/agents')).body;
    expect(agents.filter((a) => a.name === 'Charlie').map((a) => a.id)).toEqual([existing.body.id]);
    expect((await taskView(t, created.body.id).activities())[0].agent_id).toBe(existing.body.id);
  });

  it('keeps its sub-agent session alive with heartbeats through work longer than the stale deadline', async () => {
    await t.close();
    t = await startTestApp({ env: { SESSION_STALE_AFTER_MS: '1000' } });
    orchestrator = await startOrchestrator(t, { simulatedWorkMs: 3000, heartbeatIntervalMs: 100 });
    const created = await t.http().post('/api/tasks').send({ title: 'Long enough to go stale without heartbeats' });
    await until(taskView(t, created.body.id).task, (task) => task.status === 'review');
    const sessionEvents = t.rows<{ payload: string }>("SELECT payload FROM domain_events WHERE type = 'session_updated'");
    expect(sessionEvents.map((e) => JSON.parse(e.payload).status)).not.toContain('stale');
    const [session] = await taskView(t, created.body.id).sessions();
    expect(session.status).toBe('completed');
    expect(Date.parse(session.last_seen_at!)).toBeGreaterThan(Date.parse(session.created_at) + 1000);
  });

  it('works against a server that requires MC_API_TOKEN, with MC_TOKEN', async () => {
    await t.close();
    t = await startTestApp({ env: { MC_API_TOKEN: 'orchestrator-secret' } });
    orchestrator = await startOrchestrator(t, { token: 'orchestrator-secret', useEventStream: true });
    const created = await t.http().post('/api/tasks').set('Authorization', 'Bearer orchestrator-secret').send({ title: 'Behind a token' });
    const status = async () => (await t.http().get(`/api/tasks/${created.body.id}`).set('Authorization', 'Bearer orchestrator-secret')).body.status;
    await until(status, (current) => current === 'review');
  });

  it('sends every write with an Idempotency-Key', async () => {
    orchestrator = await startOrchestrator(t);
    const created = await t.http().post('/api/tasks').send({ title: 'Keys' });
    await until(taskView(t, created.body.id).task, (task) => task.status === 'review');
    const keyed = t.rows<{ method: string; path: string }>('SELECT method, path FROM idempotency_keys');
    const paths = keyed.map((row) => `${row.method} ${row.path.replace(created.body.id, ':id')}`);
    expect(paths).toEqual(
      expect.arrayContaining(['POST /api/tasks/:id/activities', 'PATCH /api/tasks/:id', 'POST /api/tasks/:id/subagent', 'POST /api/tasks/:id/deliverables']),
    );
    const sessions: AgentSession[] = (await t.http().get('/api/sessions')).body;
    expect(paths).toContain(`PATCH /api/sessions/${sessions[0].id}`);
  });
});
