import { MissionEvent, TaskActivity } from '@mission-control/shared';
import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { builtServerMain, REPO_ROOT } from './support/built-server';
import { createPostgresDatabase, TestDatabase } from './support/postgres';
import { socketClient, waitUntil } from './support/realtime-clients';
import { startTestApp, tempDir, TestApp } from './support/test-app';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A second server process on the same database: another writer the database itself must serialize with ours. */
async function secondWriter(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [builtServerMain()], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', MC_RATE_LIMIT: '0', CLIENT_DIST: path.join(tempDir(), 'none') },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await request(url).get('/api/health').then((res) => res.status, () => 0);
    if (status === 200) return { url, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The second server did not start (exit code ${child.exitCode})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each([
  ['SQLite', async () => ({ url: `sqlite:${path.join(tempDir(), 'mission-control.db')}`, drop: async () => undefined })],
  ['PostgreSQL', async (): Promise<Pick<TestDatabase, 'url' | 'drop'>> => createPostgresDatabase()],
])('concurrent writes on %s (group commit)', (_name, database) => {
  jest.setTimeout(120_000);
  let db: Pick<TestDatabase, 'url' | 'drop'> | undefined;
  let app: TestApp | undefined;
  let other: { url: string; stop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    db = await database();
    app = await startTestApp({ env: { DATABASE_URL: db.url } });
    other = await secondWriter(db.url);
  });
  afterAll(async () => {
    await other?.stop();
    await app?.close();
    await db?.drop();
  });

  it('64 concurrent requests and a second writer process: every acknowledged write is kept with its event, in strictly increasing order, and a failing request fails alone', async () => {
    const t = app!;
    const task = (await t.http().post('/api/tasks').send({ title: 'busy' }).expect(201)).body.id as string;
    const board = await socketClient(t.url);
    const post = (url: string, i: number) =>
      request(url)
        .post(`/api/tasks/${task}/activities`)
        .send(i === 31 ? { activity_type: 'updated', message: `bad ${i}`, agent_id: 'no-such-agent' } : { activity_type: 'updated', message: `${url === t.url ? 'A' : 'B'} ${i}` });

    const [ours, theirs] = await Promise.all([
      Promise.all(Array.from({ length: 64 }, (_, i) => post(t.url, i))),
      Promise.all(Array.from({ length: 32 }, (_, i) => post(other!.url, i + 100))),
    ]);

    expect(ours[31].status).toBe(404);
    expect(ours[31].body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('no-such-agent') });
    const acknowledged = [...ours, ...theirs].filter((res) => res.status === 201).map((res) => res.body as TaskActivity);
    expect(acknowledged).toHaveLength(95);

    // The outbox: one event per acknowledged write, none for the refused one, sequence numbers strictly increasing.
    const events: MissionEvent[] = (await t.http().get('/api/events?since=0&limit=1000').expect(200)).body;
    const seqs = events.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const logged = events.filter((event) => event.type === 'activity_logged').map((event) => (event.payload as TaskActivity).id);
    expect(logged.sort()).toEqual(acknowledged.map((activity) => activity.id).sort());
    expect(events.some((event) => event.type === 'activity_logged' && (event.payload as TaskActivity).message === 'bad 31')).toBe(false);

    // The rows themselves, as a reader of either instance sees them.
    const stored: TaskActivity[] = (await t.http().get(`/api/tasks/${task}/activities?limit=500`).expect(200)).body;
    expect(stored.map((activity) => activity.id).sort()).toEqual(acknowledged.map((activity) => activity.id).sort());

    // This instance's live stream delivered each of its own acknowledged writes once, in order.
    const mine = new Set(ours.filter((res) => res.status === 201).map((res) => res.body.id as string));
    await waitUntil(() => board.events.filter((event) => event.type === 'activity_logged' && mine.has((event.payload as TaskActivity).id)).length === 63, 10_000, 'live events');
    const liveSeqs = board.events.map((event) => event.seq);
    expect(liveSeqs).toEqual([...new Set(liveSeqs)].sort((a, b) => a - b));
    board.close();
  });
});
