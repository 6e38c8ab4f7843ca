import { SessionOutputLine } from '@mission-control/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Orchestrator } from '../../src/orchestrator/orchestrator';
import { alive, startOrchestrator, taskView, until } from './support/orchestrator-harness';
import { startTestApp, TestApp } from './support/test-app';

describe('orchestrator with the command sub-agent', () => {
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

  const run = (command: string) => startOrchestrator(t, { adapter: 'command', command });
  /** Pids the command wrote into its folder, once it has written them. */
  const pidsIn = (taskId: string, file: string) =>
    until(
      () => {
        try {
          return fs.readFileSync(path.join(t.config.deliverablesRoot, taskId, file), 'utf8').trim();
        } catch {
          return '';
        }
      },
      (text) => /^\d+ \d+$/.test(text),
    ).then((text) => text.split(' ').map(Number));

  it("streams its output to the session's output (not the activity log), collects created files as deliverables, and completes on exit 0", async () => {
    orchestrator = await run(
      'echo "Reading the task: $MC_TASK_TITLE"; echo; echo "second line"; mkdir -p out; printf "%s" "$MC_TASK_DESCRIPTION" > out/report.md; echo "$MC_TASK_ID" > task-id.txt; echo "done"',
    );
    const created = await t.http().post('/api/tasks').send({ title: 'Write a report', description: 'About **orchestration**' });
    const taskId: string = created.body.id;
    const view = taskView(t, taskId);
    await until(view.task, (task) => task.status === 'review');

    const activities = await view.activities();
    const [session] = await view.sessions();
    const output = (await t.http().get(`/api/sessions/${session.id}/output`)).body as SessionOutputLine[];
    expect(output.map((l) => [l.seq, l.stream, l.text])).toEqual([
      [1, 'stdout', 'Reading the task: Write a report'],
      [2, 'stdout', ''],
      [3, 'stdout', 'second line'],
      [4, 'stdout', 'done'],
    ]);
    // only milestones are activities
    expect(activities.map((a) => a.activity_type)).toEqual(['updated', 'status_changed', 'spawned', 'status_changed', 'file_created', 'file_created', 'completed', 'status_changed']);
    expect(activities.find((a) => a.activity_type === 'completed')?.metadata).toMatchObject({ session_id: session.openclaw_session_id, output_lines: 4 });
    const files = activities.filter((a) => a.activity_type === 'file_created').map((a) => a.message);
    expect(files.sort()).toEqual(['Created file: out/report.md', 'Created file: task-id.txt']);
    expect(activities.map((a) => a.message).slice(-2)).toEqual([expect.stringMatching(/^Sub-agent completed task in [\d.]+ seconds$/), 'Status changed from in_progress to review']);

    const workDir = path.join(t.config.deliverablesRoot, taskId);
    const deliverables = await view.deliverables();
    expect(deliverables.map((d) => [d.title, d.path]).sort()).toEqual([
      ['out/report.md', path.join(workDir, 'out', 'report.md')],
      ['task-id.txt', path.join(workDir, 'task-id.txt')],
    ]);
    const report = deliverables.find((d) => d.title === 'out/report.md')!;
    const content = await t.http().get(`/api/deliverables/${report.id}/content`);
    expect(content.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(content.text).toBe('About **orchestration**');
    expect(fs.readFileSync(path.join(workDir, 'task-id.txt'), 'utf8').trim()).toBe(taskId);
    expect(session).toMatchObject({ status: 'completed', summary: 'Command exited with code 0' });
  });

  it('fails cleanly on a non-zero exit: session failed with the reason, task back in the inbox, not retried', async () => {
    orchestrator = await run('echo "starting"; echo "compiler exploded" >&2; echo "line 2 of the error" >&2; exit 3');
    const failing = await t.http().post('/api/tasks').send({ title: 'Doomed' });
    const view = taskView(t, failing.body.id);
    const [session] = await until(view.sessions, (sessions) => sessions[0]?.status === 'failed');
    expect(session.summary).toBe('Command exited with code 3: compiler exploded\nline 2 of the error');
    const back = await until(view.task, (task) => task.status === 'inbox');
    expect(back.assigned_agent_id).toBeNull();
    const messages = await view.messages();
    const output = (await t.http().get(`/api/sessions/${session.id}/output`)).body as SessionOutputLine[];
    expect(output.map((l) => `${l.stream}: ${l.text}`).sort()).toEqual(['stderr: compiler exploded', 'stderr: line 2 of the error', 'stdout: starting']);
    expect(messages).toContain('Sub-agent failed: Command exited with code 3: compiler exploded\nline 2 of the error');
    expect(messages.at(-1)).toBe('Status changed from in_progress to inbox');

    // With one slot, oldest first: a retry of the failed task would run before this newer one.
    const next = await t.http().post('/api/tasks').send({ title: 'Next' });
    await until(taskView(t, next.body.id).sessions, (sessions) => sessions[0]?.status === 'failed');
    expect(await view.sessions()).toHaveLength(1);
    expect((await t.http().get('/api/sessions?status=active')).body).toEqual([]);
  });

  it('kills the process tree when its task is moved out of its column', async () => {
    orchestrator = await run('echo "started"; sleep 60 & echo "$$ $!" > pids; wait');
    const created = await t.http().post('/api/tasks').send({ title: 'Long job' });
    const taskId: string = created.body.id;
    const view = taskView(t, taskId);
    const pids = await pidsIn(taskId, 'pids');
    expect(pids.every(alive)).toBe(true);
    await until(view.task, (task) => task.status === 'in_progress');

    expect((await t.http().patch(`/api/tasks/${taskId}`).send({ status: 'done' })).status).toBe(200);
    const [session] = await until(view.sessions, (sessions) => sessions[0]?.status === 'failed');
    expect(session.summary).toBe('task moved to done');
    await until(() => pids.filter(alive), (left) => left.length === 0);
    expect((await view.messages()).at(-1)).toBe('Sub-agent stopped: task moved to done');
    expect((await view.task()).status).toBe('done');
    expect(orchestrator.runningTaskIds).toEqual([]);
  });

  it('kills the process tree when its task is deleted', async () => {
    orchestrator = await run('sleep 60 & echo "$$ $!" > pids; wait');
    const created = await t.http().post('/api/tasks').send({ title: 'Deleted while running' });
    const taskId: string = created.body.id;
    const pids = await pidsIn(taskId, 'pids');
    await until(taskView(t, taskId).task, (task) => task.status === 'in_progress');
    const [session] = await taskView(t, taskId).sessions();
    expect((await t.http().delete(`/api/tasks/${taskId}`)).status).toBe(204);
    await until(() => pids.filter(alive), (left) => left.length === 0);
    await until(() => orchestrator!.runningTaskIds, (ids) => ids.length === 0);
    const ended = (await t.http().get('/api/sessions')).body.find((s: { id: string }) => s.id === session.id);
    expect(ended).toMatchObject({ status: 'failed' });
  });

  it('stops the process tree on shutdown and returns the task to the inbox', async () => {
    orchestrator = await run('sleep 60 & echo "$$ $!" > pids; wait');
    const created = await t.http().post('/api/tasks').send({ title: 'Interrupted job' });
    const pids = await pidsIn(created.body.id, 'pids');
    await orchestrator.stop();
    await until(() => pids.filter(alive), (left) => left.length === 0);
    expect((await taskView(t, created.body.id).task()).status).toBe('inbox');
    expect((await t.http().get('/api/sessions?status=active')).body).toEqual([]);
  });

  it('fails with a clear reason when the command cannot run', async () => {
    orchestrator = await run('definitely-not-a-command-xyz');
    const created = await t.http().post('/api/tasks').send({ title: 'Bad command' });
    const [session] = await until(taskView(t, created.body.id).sessions, (sessions) => sessions[0]?.status === 'failed');
    expect(session.summary).toMatch(/^Command exited with code 127: .*definitely-not-a-command-xyz.*not found/s);
  });
});
