import { AgentSession, MissionEvent, SessionOutputLine, SessionOutputPayload } from '@mission-control/shared';
import { SessionLivenessService } from '../../src/sessions/session-liveness.service';
import { SessionOutputRetention } from '../../src/sessions/session-output-retention';
import { outputCapMarker } from '../../src/sessions/session-output.service';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options';
import { SessionOutput1730000000000 } from '../../src/database/migrations/1730000000000-SessionOutput';
import { createPostgresDatabase, TestDatabase } from './support/postgres';
import { socketClient } from './support/realtime-clients';
import { startTestApp, tempDir, TestApp } from './support/test-app';

/** A task with an active sub-agent session registered under `child`. */
async function sessionOn(t: TestApp, key = 'child'): Promise<{ taskId: string; session: AgentSession }> {
  const taskId = (await t.http().post('/api/tasks').send({ title: 'streams' }).expect(201)).body.id;
  const session = (await t.http().post(`/api/tasks/${taskId}/subagent`).send({ openclaw_session_id: key, agent_name: 'Dev' }).expect(201)).body;
  return { taskId, session };
}

const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => `line ${from + i}`);

describe('session output (SQLite)', () => {
  let t: TestApp;
  afterEach(() => t.close());

  describe('with the default cap', () => {
    beforeEach(async () => {
      t = await startTestApp();
    });

    it('appends numbered lines, announces one event per append, and pages through them', async () => {
      const { taskId, session } = await sessionOn(t);
      const room = await socketClient(t.url, { rooms: [`task:${taskId}`] });
      const first = await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: lines(1, 3) }).expect(201);
      expect(first.body).toEqual({ from: 1, to: 3, dropped: 0 });
      // by the openclaw_session_id too, another stream, blank lines kept
      const second = await t.http().post('/api/sessions/child/output').send({ lines: ['oops', ''], stream: 'stderr' }).expect(201);
      expect(second.body).toEqual({ from: 4, to: 5, dropped: 0 });

      // stdout and stderr interleaved in one append, each line with its own stream
      const mixed = await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: ['x', 'y', 'z'], streams: ['stdout', 'stderr', 'stdout'] }).expect(201);
      expect(mixed.body).toEqual({ from: 6, to: 8, dropped: 0 });

      const events = (await room.waitForCount(3)) as MissionEvent[];
      room.close();
      expect(events[2].payload).toEqual({ sessionId: session.id, taskId, stream: 'stdout', from: 6, to: 8, lines: ['x', 'y', 'z'], streams: ['stdout', 'stderr', 'stdout'] });
      expect(events.map((e) => e.type)).toEqual(['session_output', 'session_output', 'session_output']);
      expect(events[0].task_id).toBe(taskId);
      expect(events[0].payload).toEqual({ sessionId: session.id, taskId, stream: 'stdout', from: 1, to: 3, lines: ['line 1', 'line 2', 'line 3'] });
      expect(events[1].payload).toMatchObject({ stream: 'stderr', from: 4, to: 5, lines: ['oops', ''] });

      const all = (await t.http().get(`/api/sessions/${session.id}/output`).expect(200)).body as SessionOutputLine[];
      expect(all.map((l) => [l.seq, l.stream, l.text])).toEqual([
        [1, 'stdout', 'line 1'],
        [2, 'stdout', 'line 2'],
        [3, 'stdout', 'line 3'],
        [4, 'stderr', 'oops'],
        [5, 'stderr', ''],
        [6, 'stdout', 'x'],
        [7, 'stderr', 'y'],
        [8, 'stdout', 'z'],
      ]);
      expect(all[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const page = (q: string) => t.http().get(`/api/sessions/child/output?${q}`).expect(200).then((r) => (r.body as SessionOutputLine[]).map((l) => l.seq));
      expect(await page('after=2&limit=2')).toEqual([3, 4]);
      expect(await page('after=8')).toEqual([]);
      expect(await page('before=4&limit=2')).toEqual([2, 3]);
      expect(await page('tail=true&limit=2')).toEqual([7, 8]);
      expect(await page('tail=1')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('pages 1000 lines by default and counts an append as a heartbeat', async () => {
      const { session } = await sessionOn(t);
      const seenBefore = session.last_seen_at!;
      for (let i = 0; i < 3; i++) await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: lines(i * 1000 + 1, 1000) }).expect(201);
      const firstPage = (await t.http().get(`/api/sessions/${session.id}/output`)).body as SessionOutputLine[];
      expect(firstPage).toHaveLength(1000);
      expect(firstPage.at(-1)).toMatchObject({ seq: 1000, text: 'line 1000' });
      const next = (await t.http().get(`/api/sessions/${session.id}/output?after=1000&limit=5000`)).body as SessionOutputLine[];
      expect(next.map((l) => l.seq)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1001));
      const [now] = (await t.http().get(`/api/sessions?status=active`)).body as AgentSession[];
      expect(now.last_seen_at! > seenBefore).toBe(true);
    });

    it('brings a stale session back, as a heartbeat would', async () => {
      const { taskId, session } = await sessionOn(t);
      const [stale] = await t.app.get(SessionLivenessService).sweep(Date.now() + 10 * 60 * 1000);
      expect(stale).toMatchObject({ id: session.id, status: 'stale' });
      await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: ['still here'] }).expect(201);
      const [now] = (await t.http().get(`/api/tasks/${taskId}/subagent`)).body as AgentSession[];
      expect(now.status).toBe('active');
      const [latest] = (await t.http().get(`/api/tasks/${taskId}/activities?limit=1`)).body;
      expect(latest.message).toBe('Sub-agent session is alive again (heartbeat after going stale)');
    });

    it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
      const { session } = await sessionOn(t);
      const before = { output: t.count('session_output'), events: t.count('domain_events') };
      const bad = async (body: unknown, message: RegExp, status = 400) => {
        const res = await t.http().post(`/api/sessions/${session.id}/output`).send(body as object).expect(status);
        expect(res.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.stringMatching(message) });
      };
      await bad({}, /lines must be an array/);
      await bad({ lines: [] }, /lines must contain at least 1 elements/);
      await bad({ lines: lines(1, 1001) }, /lines must contain no more than 1000 elements/);
      await bad({ lines: ['ok', 3] }, /each value in lines must be a string/);
      await bad({ lines: ['x'.repeat(5001)] }, /each value in lines must be shorter than or equal to 5000 characters/);
      await bad({ lines: ['a'], stream: 'stdin' }, /stream must be one of the following values: stdout, stderr, log/);
      await bad({ lines: ['a'], colour: 1 }, /property colour should not exist/);
      await bad({ lines: ['a', 'b'], streams: ['stdout'] }, /^streams must name one stream per line: 2 lines, 1 streams$/);
      await bad({ lines: ['a'], streams: ['stdin'] }, /each value in streams must be one of the following values: stdout, stderr, log/);
      await bad({ lines: ['a'], stream: 'stdout', streams: ['stdout'] }, /^Give stream or streams, not both$/);
      await t.http().post('/api/sessions/nope/output').send({ lines: ['a'] }).expect(404);
      await t.http().get('/api/sessions/nope/output').expect(404);
      const query = await t.http().get(`/api/sessions/${session.id}/output?after=1&tail=true`).expect(400);
      expect(query.body.message).toBe('Give at most one of after, before and tail');
      await t.http().get(`/api/sessions/${session.id}/output?limit=0`).expect(400);
      await t.http().get(`/api/sessions/${session.id}/output?after=-1`).expect(400);
      expect(t.count('session_output')).toBe(before.output);
      expect(t.count('domain_events')).toBe(before.events);

      // an ended session takes no more output
      await t.http().patch(`/api/sessions/${session.id}`).send({ status: 'completed' }).expect(200);
      const ended = await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: ['late'] }).expect(409);
      expect(ended.body.message).toMatch(/already ended as completed/);
    });

    it("goes with its session's agent and with its task (ON DELETE CASCADE)", async () => {
      const one = await sessionOn(t, 'one');
      const two = await sessionOn(t, 'two');
      await t.http().post(`/api/sessions/${one.session.id}/output`).send({ lines: lines(1, 5) }).expect(201);
      await t.http().post(`/api/sessions/${two.session.id}/output`).send({ lines: lines(1, 7) }).expect(201);
      expect(t.count('session_output')).toBe(12);
      await t.http().delete(`/api/tasks/${one.taskId}`).expect(204);
      expect(t.count('session_output')).toBe(7);
      // the output outlives its session's end, and goes when the agent (and so its sessions) is deleted
      await t.http().patch(`/api/sessions/${two.session.id}`).send({ status: 'completed' }).expect(200);
      expect(t.count('session_output')).toBe(7);
      await t.http().delete(`/api/agents/${two.session.agent_id}`).expect(204);
      expect(t.count('session_output')).toBe(0);
    });

    it('prunes the output of sessions that ended longer ago than EVENTS_RETENTION_DAYS', async () => {
      const old = await sessionOn(t, 'old');
      const running = await sessionOn(t, 'running');
      await t.http().post(`/api/sessions/${old.session.id}/output`).send({ lines: lines(1, 4) }).expect(201);
      await t.http().post(`/api/sessions/${running.session.id}/output`).send({ lines: lines(1, 3) }).expect(201);
      await t.http().patch(`/api/sessions/${old.session.id}`).send({ status: 'failed' }).expect(200);
      const retention = t.app.get(SessionOutputRetention);
      expect(await retention.prune(Date.now())).toBe(0); // ended just now: kept
      expect(await retention.prune(Date.now() + 31 * 24 * 3600 * 1000)).toBe(4);
      expect(t.rows<{ session_id: string }>('SELECT DISTINCT session_id FROM session_output')).toEqual([{ session_id: running.session.id }]);
    });
  });

  describe('past MC_OUTPUT_MAX_LINES', () => {
    beforeEach(async () => {
      t = await startTestApp({ env: { MC_OUTPUT_MAX_LINES: '10' } });
    });

    it('keeps lines up to the cap, adds one marker line, then drops everything', async () => {
      const { taskId, session } = await sessionOn(t);
      const room = await socketClient(t.url, { rooms: [`task:${taskId}`] });
      expect((await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: lines(1, 8) })).body).toEqual({ from: 1, to: 8, dropped: 0 });
      expect((await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: lines(9, 5), stream: 'stderr' })).body).toEqual({ from: 9, to: 11, dropped: 3 });
      expect((await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: lines(14, 2) }).expect(201)).body).toEqual({ from: null, to: null, dropped: 2 });

      const stored = (await t.http().get(`/api/sessions/${session.id}/output`)).body as SessionOutputLine[];
      expect(stored.map((l) => l.text)).toEqual([...lines(1, 10), outputCapMarker(10)]);
      expect(stored.at(-1)).toMatchObject({ seq: 11, stream: 'log' });
      expect(stored[9]).toMatchObject({ seq: 10, stream: 'stderr', text: 'line 10' });

      const events = await room.waitForCount(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(room.events).toHaveLength(2); // the append that stored nothing announced nothing
      room.close();
      expect(events[1].payload as SessionOutputPayload).toEqual({
        sessionId: session.id,
        taskId,
        stream: 'stderr',
        from: 9,
        to: 11,
        lines: ['line 9', 'line 10', outputCapMarker(10)],
        truncated: true,
      });
    });
  });
});

/** Migrates up to and including SessionOutput, undoes it, and migrates again. */
async function downAndUp(databaseUrl: string, tables: (ds: DataSource) => Promise<string[]>): Promise<void> {
  const upTo = MIGRATIONS.slice(0, MIGRATIONS.indexOf(SessionOutput1730000000000) + 1);
  const ds = new DataSource({ ...dataSourceOptions(databaseUrl), migrations: upTo } as DataSourceOptions);
  await ds.initialize();
  try {
    await ds.runMigrations();
    expect(await tables(ds)).toContain('session_output');
    await ds.undoLastMigration();
    expect(await tables(ds)).not.toContain('session_output');
    await ds.runMigrations();
    expect(await tables(ds)).toContain('session_output');
  } finally {
    await ds.destroy();
  }
}

describe('the SessionOutput migration', () => {
  it('goes down and up again on SQLite and PostgreSQL', async () => {
    const names = (rows: { name: string }[]) => rows.map((row) => row.name);
    await downAndUp(`sqlite:${path.join(tempDir(), 'down.db')}`, async (ds) => names(await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)));
    const db = await createPostgresDatabase();
    try {
      await downAndUp(db.url, async (ds) => names(await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`)));
    } finally {
      await db.drop();
    }
  });
});

describe('session output (PostgreSQL)', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createPostgresDatabase();
  });
  afterEach(() => db.drop());

  it('migrates, appends, caps, pages and cascades there too', async () => {
    const t = await startTestApp({ env: { DATABASE_URL: db.url, MC_OUTPUT_MAX_LINES: '5' } });
    try {
      const { taskId, session } = await sessionOn(t);
      expect((await t.http().post(`/api/sessions/${session.id}/output`).send({ lines: lines(1, 3) }).expect(201)).body).toEqual({ from: 1, to: 3, dropped: 0 });
      expect((await t.http().post('/api/sessions/child/output').send({ lines: lines(4, 4), stream: 'stderr' }).expect(201)).body).toEqual({ from: 4, to: 6, dropped: 2 });
      const tail = (await t.http().get(`/api/sessions/${session.id}/output?tail=true&limit=3`)).body as SessionOutputLine[];
      expect(tail.map((l) => [l.seq, l.stream, l.text])).toEqual([
        [4, 'stderr', 'line 4'],
        [5, 'stderr', 'line 5'],
        [6, 'log', outputCapMarker(5)],
      ]);
      const columns = await db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'session_output' ORDER BY ordinal_position`);
      expect(columns.map((c) => c.column_name)).toEqual(['session_id', 'seq', 'task_id', 'stream', 'text', 'created_at']);
      await t.http().delete(`/api/tasks/${taskId}`).expect(204);
      expect(await db.query('SELECT * FROM session_output')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
