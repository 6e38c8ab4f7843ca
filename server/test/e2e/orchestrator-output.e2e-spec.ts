import { AgentSession, MissionEvent, SessionOutputLine, SessionOutputPayload, Task } from '@mission-control/shared';
import { Orchestrator } from '../../src/orchestrator/orchestrator';
import { startOrchestrator, taskView, until } from './support/orchestrator-harness';
import { socketClient, SocketClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

/** Prints `out <i>` for i = from..to on stdout, and `err <i>` on stderr for every 100th. */
const printLines = (from: number, to: number) =>
  `i=${from}; while [ $i -le ${to} ]; do echo "out $i"; if [ $((i % 100)) -eq 0 ]; then echo "err $i" >&2; fi; i=$((i+1)); done`;

/**
 * The orchestrator at volume, against the server's real default rate limit (6,000 requests per minute):
 * a sub-agent printing 20,000 lines (and 200 on stderr) next to seven that trickle output, all at once.
 */
describe('orchestrator output at volume', () => {
  let t: TestApp;
  let orchestrator: Orchestrator | null = null;
  let board: SocketClient | null = null;
  const realFetch = globalThis.fetch;
  const statuses: { method: string; path: string; status: number }[] = [];

  beforeEach(async () => {
    // MC_RATE_LIMIT empty: the server's default applies.
    t = await startTestApp({ env: { MC_RATE_LIMIT: '' } });
    // Every response the in-process orchestrator gets, to prove no 429 and count its requests.
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      statuses.push({ method: init?.method ?? 'GET', path: new URL(String(input)).pathname, status: response.status });
      return response;
    };
  });
  afterEach(async () => {
    globalThis.fetch = realFetch;
    board?.close();
    await orchestrator?.stop();
    orchestrator = null;
    await t.close();
  });

  it('keeps every line in order, never meets a 429, and leaves the board live for everyone else', async () => {
    expect(t.config.rateLimit).toBe(6000);
    board = await socketClient(t.url);
    // The loud one prints 10,000 lines, pauses a second, then 10,000 more.
    const loud = `if [ "$MC_TASK_TITLE" = "loud" ]; then ${printLines(1, 10000)}; sleep 1; ${printLines(10001, 20000)}; exit 0; fi; `;
    const trickle = `n=0; while [ $n -lt 150 ]; do echo "tick $n of $MC_TASK_TITLE"; n=$((n+1)); sleep 0.01; done`;
    const tasks: Task[] = [];
    for (const title of ['loud', 'quiet 1', 'quiet 2', 'quiet 3', 'quiet 4', 'quiet 5', 'quiet 6', 'quiet 7']) {
      tasks.push((await t.http().post('/api/tasks').send({ title }).expect(201)).body);
    }
    orchestrator = await startOrchestrator(t, { adapter: 'command', command: loud + trickle, concurrency: 8, heartbeatIntervalMs: 1000, pollIntervalMs: 500 });

    // While the loud sub-agent streams, another client creates a task: the board hears of it at once.
    const loudOutput = () => board!.events.filter((e): e is MissionEvent & { type: 'session_output' } => e.type === 'session_output' && e.task_id === tasks[0].id);
    await until(loudOutput, (events) => events.length > 0, 5);
    const unrelated = (await t.http().post('/api/tasks').send({ title: 'meanwhile, elsewhere' }).expect(201)).body as Task;
    const heard = await until(() => board!.events.find((e) => e.type === 'task_created' && e.task_id === unrelated.id), Boolean, 5);
    const loudSoFar = loudOutput().reduce((max, e) => Math.max(max, (e.payload as SessionOutputPayload).to), 0);
    expect(heard).toBeDefined();
    expect(loudSoFar).toBeLessThan(20_200); // it was heard while the loud sub-agent was still printing
    await t.http().patch(`/api/tasks/${unrelated.id}`).send({ status: 'done' }).expect(200); // keep it out of the orchestrator's inbox

    for (const task of tasks) await until(() => taskView(t, task.id).task(), (current) => current.status === 'review', 50);

    // every line of the loud one, in order per stream, numbered without a gap
    const [session] = (await t.http().get(`/api/tasks/${tasks[0].id}/subagent`)).body as AgentSession[];
    const stored: SessionOutputLine[] = [];
    for (let after = 0; ; ) {
      const page = (await t.http().get(`/api/sessions/${session.id}/output?after=${after}&limit=5000`).expect(200)).body as SessionOutputLine[];
      if (page.length === 0) break;
      stored.push(...page);
      after = page.at(-1)!.seq;
    }
    expect(stored.map((l) => l.seq)).toEqual(Array.from({ length: 20_200 }, (_, i) => i + 1));
    expect(stored.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(Array.from({ length: 20_000 }, (_, i) => `out ${i + 1}`));
    expect(stored.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(Array.from({ length: 200 }, (_, i) => `err ${(i + 1) * 100}`));
    // the trickling ones too
    for (const task of tasks.slice(1)) {
      const [quiet] = (await t.http().get(`/api/tasks/${task.id}/subagent`)).body as AgentSession[];
      const lines = (await t.http().get(`/api/sessions/${quiet.id}/output`)).body as SessionOutputLine[];
      expect(lines.map((l) => l.text)).toEqual(Array.from({ length: 150 }, (_, n) => `tick ${n} of ${task.title}`));
    }

    // batches, not a request per line, and not one 429
    expect(statuses.filter((s) => s.status === 429)).toEqual([]);
    const appends = statuses.filter((s) => s.method === 'POST' && s.path.endsWith('/output'));
    expect(appends.every((s) => s.status === 201)).toBe(true);
    const loudAppends = appends.filter((s) => s.path === `/api/sessions/${session.id}/output`);
    expect(loudAppends.length).toBeLessThan(20_200 / 100);
    expect(appends.length).toBeLessThan(20_200 / 100 + 7 * 40);
    // only milestones in the activity log
    const loudLog = await taskView(t, tasks[0].id).activities();
    expect(loudLog.map((a) => a.activity_type)).toEqual(['updated', 'status_changed', 'spawned', 'status_changed', 'completed', 'status_changed']);
    expect(loudLog[4].metadata).toMatchObject({ output_lines: 20_200 });
  }, 120_000);
});

describe('orchestrator output, one sub-agent', () => {
  let t: TestApp;
  let orchestrator: Orchestrator | null = null;
  afterEach(async () => {
    await orchestrator?.stop();
    await t.close();
  });

  it('sends stdout and stderr interleaved line by line in shared batches, each line with its stream', async () => {
    t = await startTestApp();
    let appends = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/output')) appends++;
      return realFetch(input, init);
    };
    let task: Task;
    try {
      orchestrator = await startOrchestrator(t, { adapter: 'command', command: 'i=1; while [ $i -le 3000 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done' });
      task = (await t.http().post('/api/tasks').send({ title: 'interleaved' }).expect(201)).body as Task;
      await until(() => taskView(t, task.id).task(), (current) => current.status === 'review', 50);
    } finally {
      globalThis.fetch = realFetch;
    }
    const [session] = (await t.http().get(`/api/tasks/${task.id}/subagent`)).body as AgentSession[];
    const stored = (await t.http().get(`/api/sessions/${session.id}/output?limit=5000`)).body as SessionOutputLine[];
    const rest = (await t.http().get(`/api/sessions/${session.id}/output?after=5000&limit=5000`)).body as SessionOutputLine[];
    const all = [...stored, ...rest];
    expect(all.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(Array.from({ length: 3000 }, (_, i) => `out ${i + 1}`));
    expect(all.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(Array.from({ length: 3000 }, (_, i) => `err ${i + 1}`));
    expect(appends).toBeLessThan(6000 / 50);
  }, 60_000);

  it('keeps the first MC_OUTPUT_MAX_LINES lines and the marker of a program that floods its output, and completes', async () => {
    t = await startTestApp({ env: { MC_OUTPUT_MAX_LINES: '1000' } });
    orchestrator = await startOrchestrator(t, { adapter: 'command', command: 'i=1; while [ $i -le 1200 ]; do echo "line $i"; i=$((i+1)); done; yes flood | head -n 300000; echo "the end"' });
    const task = (await t.http().post('/api/tasks').send({ title: 'flood' }).expect(201)).body as Task;
    await until(() => taskView(t, task.id).task(), (current) => current.status === 'review', 50);
    const [session] = (await t.http().get(`/api/tasks/${task.id}/subagent`)).body as AgentSession[];
    const stored = (await t.http().get(`/api/sessions/${session.id}/output?limit=5000`)).body as SessionOutputLine[];
    expect(stored).toHaveLength(1001);
    expect(stored.slice(0, 1000).map((l) => l.text)).toEqual(Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`));
    expect(stored[1000]).toMatchObject({ seq: 1001, stream: 'log', text: expect.stringContaining('Output limit of 1000 lines reached') });
    expect(session).toMatchObject({ status: 'completed' });
  }, 60_000);
});
