import { MissionEvent, Task, TaskActivity } from '@mission-control/shared';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, cli, freePort, requireBuild, Running, sh, start, startServer } from './support/cli-process';
import { readmeBlock } from './support/readme-examples';
import { startTestApp, tempDir, TestApp } from './support/test-app';

const ESC = '\x1b[';
const fromReadme = (block: string, url: string) => block.replaceAll('npx mission-control', `node ${BIN}`).replaceAll('http://localhost:4000', url);
const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as MissionEvent);

describe('mission-control CLI', () => {
  beforeAll(requireBuild);

  describe('against a server', () => {
    let t: TestApp;
    const env = () => ({ MC_URL: t.url });
    beforeEach(async () => {
      t = await startTestApp();
    });
    afterEach(() => t.close());

    it('runs the README example script as written', async () => {
      const run = await sh(`set -e\n${fromReadme(readmeBlock('cli-script'), t.url)}`);
      expect([run.code, run.stderr]).toEqual([0, '']);
      const [task] = (await t.http().get('/api/tasks')).body as Task[];
      expect(task).toMatchObject({ title: 'Write the release notes', priority: 'high', status: 'in_progress' });
      const activities = (await t.http().get(`/api/tasks/${task.id}/activities`)).body as TaskActivity[];
      expect(activities.map((activity) => activity.message)).toEqual(['Drafted the changelog', expect.stringMatching(/in_progress/)]);
      // The table of inbox tasks (before the move), then confirmations, then the JSON list.
      expect(run.stdout).toMatch(/^ID\s+STATUS\s+PRIORITY\s+TITLE\s+ASSIGNEE\s+UPDATED\n\S+\s+inbox\s+high\s+Write the release notes\s+-\s+\d+s ago\n/);
      expect(run.stdout).toContain(`Moved ${task.id}  in_progress  high  Write the release notes`);
      expect(run.stdout).toContain(`Logged ${task.id}  updated  Drafted the changelog`);
      const json = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n[') + 1)) as Task[];
      expect(json).toEqual([expect.objectContaining({ id: task.id, status: 'in_progress' })]);
      expect(run.stdout).not.toContain(ESC);
    });

    it('--json output of every command parses', async () => {
      const added = await cli(['add', 'JSON task', '--description', 'for scripts', '--json'], env());
      const task = JSON.parse(added.stdout) as Task;
      expect(task).toMatchObject({ title: 'JSON task', description: 'for scripts', status: 'inbox' });
      expect(JSON.parse((await cli(['move', task.id, 'review', '--json'], env())).stdout)).toMatchObject({ id: task.id, status: 'review' });
      expect(JSON.parse((await cli(['log', task.id, 'Checked', '--type', 'completed', '--json'], env())).stdout)).toMatchObject({ task_id: task.id, activity_type: 'completed', message: 'Checked' });
      expect(JSON.parse((await cli(['tasks', '--status', 'review', '--json'], env())).stdout)).toEqual([expect.objectContaining({ id: task.id })]);
      expect(JSON.parse((await cli(['tasks', '--status', 'done', '--json'], env())).stdout)).toEqual([]);
      expect((await cli(['tasks', '--status', 'done'], env())).stdout).toBe('No tasks.\n');
    });

    it('colours on a terminal only, never with NO_COLOR', async () => {
      await cli(['add', 'Colourful'], env());
      const onTty = await sh(`script -qec "node ${BIN} tasks" /dev/null`, env());
      expect(onTty.stdout).toContain(`${ESC}1mID`);
      expect(onTty.stdout).toContain('Colourful');
      const noColor = await sh(`script -qec "node ${BIN} tasks" /dev/null`, { ...env(), NO_COLOR: '1' });
      expect(noColor.stdout).toContain('Colourful');
      expect(noColor.stdout).not.toContain(ESC);
      expect((await cli(['tasks'], env())).stdout).not.toContain(ESC);
    });

    it('exit code 2 with the usage for wrong usage, 1 with the server message when it refuses', async () => {
      for (const args of [[], ['frobnicate'], ['add'], ['move', 'only-one'], ['move', 'x', 'later'], ['tasks', '--bogus'], ['tail', '--since', 'soon'], ['tasks', '--task', 'x']]) {
        const run = await cli(args, env());
        expect([args, run.code]).toEqual([args, 2]);
        expect(run.stderr).toMatch(/^mission-control: .+\n\nUsage: mission-control <command>/);
      }
      expect((await cli(['move', 'x', 'later'], env())).stderr).toMatch(/status must be one of inbox, assigned, in_progress, review, done, got "later"/);
      const missing = await cli(['move', 'no-such-task', 'done'], env());
      expect([missing.code, missing.stderr]).toEqual([1, 'mission-control: Task "no-such-task" not found (HTTP 404 Not Found)\n']);
      const tooLong = await cli(['add', 'x'.repeat(201)], env());
      expect([tooLong.code, tooLong.stderr]).toEqual([1, 'mission-control: title must be shorter than or equal to 200 characters (HTTP 400 Bad Request)\n']);
      const help = await cli(['--help'], env());
      expect([help.code, help.stdout]).toEqual([0, expect.stringMatching(/^Usage: mission-control/)]);
    });

    it('exit code 1 with a clear message when the server cannot be reached', async () => {
      const port = await freePort();
      const run = await cli(['tasks', '--url', `http://127.0.0.1:${port}`]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`mission-control: cannot reach http://127.0.0.1:${port} (ECONNREFUSED)\n`);
      const tail = await cli(['tail', '--url', `http://127.0.0.1:${port}`, '--since', '0']);
      expect([tail.code, tail.stderr]).toEqual([1, expect.stringMatching(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)]);
    });

    it('tail from the README follows every event, or one task, live', async () => {
      const other = ((await t.http().post('/api/tasks').send({ title: 'Other' })).body as Task).id;
      const mine = ((await t.http().post('/api/tasks').send({ title: 'Mine' })).body as Task).id;
      const [all, oneTask] = readmeBlock('cli-tail')
        .trim()
        .split('\n')
        .map((line) => start('sh', ['-c', `exec ${fromReadme(line, t.url)}`], { ...env(), TASK: mine }));
      try {
        await Promise.all([all.waitFor(/Following/, 'stderr'), oneTask.waitFor(/Following/, 'stderr')]);
        await t.http().patch(`/api/tasks/${other}`).send({ priority: 'urgent' }).expect(200);
        await t.http().post(`/api/tasks/${mine}/activities`).send({ activity_type: 'updated', message: 'Only mine' }).expect(201);
        await all.waitFor(/Only mine/);
        await oneTask.waitFor(/Only mine/);
        expect(all.stdout()).toMatch(new RegExp(`#\\d+  task_updated\\s+${other}  "Other" inbox · urgent\\n.*#\\d+  activity_logged\\s+${mine}  \\[updated\\] Only mine\\n$`));
        const events = jsonLines(oneTask.stdout());
        expect(events.map((event) => [event.type, event.task_id])).toEqual([['activity_logged', mine]]);
      } finally {
        await Promise.all([all.stop(), oneTask.stop()]);
      }
    });
  });

  describe('with an API token', () => {
    it('reads MC_TOKEN or --token, and says so when it is missing', async () => {
      const t = await startTestApp({ env: { MC_API_TOKEN: 'cli-secret' } });
      try {
        const refused = await cli(['tasks'], { MC_URL: t.url });
        expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('Missing API token') && expect.stringMatching(/\(set --token or MC_TOKEN\) \(HTTP 401 Unauthorized\)/)]);
        expect((await cli(['add', 'With env token'], { MC_URL: t.url, MC_TOKEN: 'cli-secret' })).code).toBe(0);
        const listed = await cli(['tasks', '--json', '--url', t.url, '--token', 'cli-secret']);
        expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ title: 'With env token' })]);
      } finally {
        await t.close();
      }
    });
  });

  describe('tail across a server restart', () => {
    let server: Running | null = null;
    let tail: Running | null = null;
    afterEach(async () => {
      await tail?.stop();
      await server?.stop();
    });

    it('resumes with Last-Event-ID: every event exactly once, in order, none lost while it was away', async () => {
      const dir = tempDir('mc-cli-');
      const dbFile = path.join(dir, 'mission-control.db');
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const post = (pathname: string, body: object) =>
        fetch(url + pathname, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => {
          expect(res.status).toBe(201);
          return (await res.json()) as { id: string };
        });

      server = await startServer(dbFile, port);
      const before = await post('/api/tasks', { title: 'Before tail' });
      tail = start(process.execPath, [BIN, 'tail', '--json'], { MC_URL: url });
      await tail.waitFor(/Following/, 'stderr');
      const task = await post('/api/tasks', { title: 'Live' });
      await post(`/api/tasks/${task.id}/activities`, { activity_type: 'updated', message: 'first' });
      await tail.waitFor(/"first"/);

      await server.stop();
      await tail.waitFor(/connection lost; reconnecting/, 'stderr');
      server = await startServer(dbFile, port);
      // Written right after the restart, most likely before tail is back: it must still arrive, once.
      await post(`/api/tasks/${task.id}/activities`, { activity_type: 'updated', message: 'while away' });
      await tail.waitFor(/reconnected, resuming after #\d+/, 'stderr');
      await post(`/api/tasks/${task.id}/activities`, { activity_type: 'completed', message: 'after' });
      await tail.waitFor(/"after"/);

      const printed = jsonLines(tail.stdout());
      const stored = (await (await fetch(`${url}/api/events?since=0`)).json()) as MissionEvent[];
      const afterStart = stored.filter((event) => event.seq > stored.find((e) => e.type === 'task_created' && e.task_id === before.id)!.seq);
      expect(printed.map((event) => event.seq)).toEqual(afterStart.map((event) => event.seq));
      expect(printed).toEqual(afterStart);
      expect(printed.filter((event) => event.type === 'activity_logged').map((event) => (event.payload as TaskActivity).message)).toEqual(['first', 'while away', 'after']);
      expect(printed.some((event) => event.task_id === before.id)).toBe(false);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
