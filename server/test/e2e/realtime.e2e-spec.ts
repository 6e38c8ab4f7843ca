import { MissionEvent } from '@mission-control/shared';
import { io } from 'socket.io-client';
import { EventRetention } from '../../src/events/event-retention';
import { socketClient, sseClient, waitUntil, wsClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

const seqs = (events: MissionEvent[]) => events.map((event) => event.seq);
const types = (events: MissionEvent[]) => events.map((event) => event.type);

describe('real-time transports', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const post = (path: string, body: object) => t.http().post(path).send(body).expect((res) => expect(res.status).toBeLessThan(300));
  const patch = (path: string, body: object) => t.http().patch(path).send(body).expect(200);

  it('delivers each write of the orchestration sequence to board, task-room, SSE and WebSocket clients', async () => {
    const taskA = (await post('/api/tasks', { title: 'A' })).body.id;
    const taskB = (await post('/api/tasks', { title: 'B' })).body.id;

    const board = await socketClient(t.url);
    const roomA = await socketClient(t.url, { rooms: [`task:${taskA}`] });
    const roomB = await socketClient(t.url, { rooms: [`task:${taskB}`] });
    const sse = await sseClient(t.url);
    const sseA = await sseClient(t.url, { taskId: taskA });
    const ws = await wsClient(t.url);
    const wsA = await wsClient(t.url, { task_id: taskA });
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(sse.headers['cache-control']).toMatch(/no-cache/);
    expect(sse.headers['x-accel-buffering']).toBe('no');

    // the spec's sequence, one write at a time, each checked on the board as it lands
    const expectNext = async (write: () => Promise<unknown>, expected: string[]) => {
      const before = board.events.length;
      await write();
      await board.waitForCount(before + expected.length);
      expect(types(board.events.slice(before))).toEqual(expected);
    };
    await expectNext(() => post(`/api/tasks/${taskA}/activities`, { activity_type: 'updated', message: 'Task triaged and assigned to Developer agent' }), ['activity_logged']);
    await expectNext(() => patch(`/api/tasks/${taskA}`, { status: 'assigned' }), ['task_updated', 'activity_logged']);
    const session = await post(`/api/tasks/${taskA}/subagent`, { openclaw_session_id: 'child', agent_name: 'Developer Sub-Agent' });
    await board.waitForCount(7);
    expect(types(board.events.slice(3))).toEqual(['agent_created', 'agent_spawned', 'agent_updated', 'activity_logged']);
    expect(board.events[4].payload).toMatchObject({ taskId: taskA, sessionId: session.body.id, agentName: 'Developer Sub-Agent' });
    await expectNext(() => post(`/api/tasks/${taskA}/activities`, { activity_type: 'spawned', message: 'Spawned sub-agent for task execution', metadata: { session_id: 'child' } }), ['activity_logged']);
    await expectNext(() => post(`/api/tasks/${taskA}/deliverables`, { deliverable_type: 'file', title: 'Test Page', path: 'test-page.html' }), ['deliverable_added']);
    await expectNext(() => post(`/api/tasks/${taskA}/activities`, { activity_type: 'completed', message: 'Sub-agent completed task in 20 seconds' }), ['activity_logged']);
    await expectNext(() => patch(`/api/sessions/${session.body.id}`, { status: 'completed', summary: 'done' }), ['agent_completed', 'agent_updated']);
    await expectNext(() => patch(`/api/tasks/${taskA}`, { status: 'review' }), ['task_updated', 'activity_logged']);
    await expectNext(() => patch(`/api/tasks/${taskB}`, { priority: 'urgent' }), ['task_updated']);

    const all = board.events;
    const ofA = all.filter((event) => event.task_id === taskA);
    await Promise.all([sse.waitForCount(all.length), ws.waitForCount(all.length), roomA.waitForCount(ofA.length), sseA.waitForCount(ofA.length), wsA.waitForCount(ofA.length), roomB.waitForCount(1)]);

    // every transport carries the same sequence numbers, in order
    expect(seqs(sse.events)).toEqual(seqs(all));
    expect(seqs(ws.events)).toEqual(seqs(all));
    expect(ws.events).toEqual(all);
    expect(seqs(all)).toEqual([...seqs(all)].sort((a, b) => a - b));
    // a task room and a task-filtered stream see only that task's events
    expect(seqs(roomA.events)).toEqual(seqs(ofA));
    expect(seqs(sseA.events)).toEqual(seqs(ofA));
    expect(seqs(wsA.events)).toEqual(seqs(ofA));
    expect(types(roomB.events)).toEqual(['task_updated']);
    expect(ofA.some((event) => event.type === 'agent_spawned')).toBe(true);

    for (const client of [board, roomA, roomB, sse, sseA, ws, wsA]) client.close();
  });

  it('subscribe and unsubscribe change the rooms of a connected socket', async () => {
    const task = (await post('/api/tasks', { title: 'Focus' })).body.id;
    const client = await socketClient(t.url, { rooms: [] });
    const ack = await client.socket.emitWithAck('subscribe', `task:${task}`);
    expect(ack).toEqual({ ok: true, room: `task:${task}` });
    expect(await client.socket.emitWithAck('subscribe', 'kitchen')).toMatchObject({ ok: false, message: expect.stringContaining('Unknown room') });
    await patch(`/api/tasks/${task}`, { title: 'Focus 2' });
    await client.waitForCount(1);
    await client.socket.emitWithAck('unsubscribe', `task:${task}`);
    await client.socket.emitWithAck('subscribe', 'board');
    await post('/api/tasks', { title: 'Other' });
    await client.waitForCount(2);
    expect(types(client.events)).toEqual(['task_updated', 'task_created']);
    client.close();
  });

  it('the replay endpoint pages through the outbox and filters by task', async () => {
    const a = (await post('/api/tasks', { title: 'A' })).body.id;
    await post('/api/tasks', { title: 'B' });
    await post(`/api/tasks/${a}/activities`, { activity_type: 'updated', message: 'm' });
    const all = (await t.http().get('/api/events').expect(200)).body as MissionEvent[];
    expect(types(all)).toEqual(['task_created', 'task_created', 'activity_logged']);
    expect(all[0]).toMatchObject({ seq: expect.any(Number), task_id: a, at: expect.any(String), payload: { title: 'A' } });
    expect(seqs((await t.http().get(`/api/events?since=${all[0].seq}&limit=1`)).body)).toEqual([all[1].seq]);
    expect(types((await t.http().get(`/api/events?task_id=${a}`)).body)).toEqual(['task_created', 'activity_logged']);
    await t.http().get('/api/events?since=-1').expect(400);
  });
});

describe('catching up after a disconnect', () => {
  const writeMany = async (t: TestApp, taskId: string, count: number, from = 0) => {
    for (let i = from; i < from + count; i++) {
      await t.http().post(`/api/tasks/${taskId}/activities`).send({ activity_type: 'updated', message: `event ${i}` }).expect(201);
    }
  };

  it('a Socket.IO client and an SSE client that miss 50 events end with the same list as one that never left, across a restart', async () => {
    let t = await startTestApp();
    const dbFile = t.dbFile;
    const task = (await t.http().post('/api/tasks').send({ title: 'Busy' })).body.id;

    const stayer = await socketClient(t.url, { lastSeq: 0 });
    const stayerSse = await sseClient(t.url, { lastEventId: 0 });
    let leaver = await socketClient(t.url, { lastSeq: 0 });
    let leaverSse = await sseClient(t.url, { lastEventId: 0 });
    await writeMany(t, task, 5);
    await Promise.all([stayer.waitForCount(6), leaver.waitForCount(6), leaverSse.waitForCount(6), stayerSse.waitForCount(6)]);

    // leave, miss 50 events written while away, come back with the last seq seen
    leaver.close();
    leaverSse.close();
    const leaverSeen = [...leaver.events];
    const leaverSseSeen = [...leaverSse.events];
    await writeMany(t, task, 50, 5);
    // keep writing while the reconnects replay: nothing may be lost or doubled at the seam
    const writing = writeMany(t, task, 10, 55);
    leaver = await socketClient(t.url, { lastSeq: leaverSeen[leaverSeen.length - 1].seq });
    leaverSse = await sseClient(t.url, { lastEventId: leaverSseSeen[leaverSseSeen.length - 1].seq });
    await writing;
    await Promise.all([stayer.waitForCount(66), stayerSse.waitForCount(66), leaver.waitForCount(60), leaverSse.waitForCount(60)]);
    expect([...leaverSeen, ...leaver.events]).toEqual(stayer.events);
    expect([...leaverSseSeen, ...leaverSse.events]).toEqual(stayer.events);
    expect(stayerSse.events).toEqual(stayer.events);
    expect(leaver.readies[0]).toBeGreaterThanOrEqual(leaverSeen[leaverSeen.length - 1].seq + 50);

    // restart the server on the same database file; everyone reconnects with what they last saw
    const beforeRestart = [...stayer.events];
    for (const client of [stayer, stayerSse, leaver, leaverSse]) client.close();
    await t.close();
    t = await startTestApp({ dbFile });
    try {
      await writeMany(t, task, 3, 65);
      const lastSeq = beforeRestart[beforeRestart.length - 1].seq;
      const resumed = await socketClient(t.url, { lastSeq });
      const resumedSse = await sseClient(t.url, { lastEventId: lastSeq });
      const resumedWs = await wsClient(t.url, { since: String(lastSeq) });
      await Promise.all([resumed.waitForCount(3), resumedSse.waitForCount(3), resumedWs.waitForCount(3)]);
      const fresh = (await t.http().get('/api/events?since=0')).body as MissionEvent[];
      expect([...beforeRestart, ...resumed.events]).toEqual(fresh);
      expect(resumedSse.events).toEqual(resumed.events);
      expect(resumedWs.events).toEqual(resumed.events);
      expect(resumed.events.map((event) => (event.payload as { message: string }).message)).toEqual(['event 65', 'event 66', 'event 67']);
      for (const client of [resumed, resumedSse, resumedWs]) client.close();
    } finally {
      await t.close();
    }
  });

  it('a task room resumes with only its task events', async () => {
    const t = await startTestApp();
    try {
      const a = (await t.http().post('/api/tasks').send({ title: 'A' })).body.id;
      const b = (await t.http().post('/api/tasks').send({ title: 'B' })).body.id;
      const since = (await t.http().get('/api/health')).body.last_seq;
      await writeMany(t, a, 3);
      await writeMany(t, b, 3);
      const client = await socketClient(t.url, { rooms: [`task:${a}`], lastSeq: since });
      await client.waitForCount(3);
      expect(client.events.every((event) => event.task_id === a)).toBe(true);
      expect(client.readies).toEqual([expect.any(Number)]);
      client.close();
    } finally {
      await t.close();
    }
  });

  it('tells a client to reload when its resume point is unknown to this database or was pruned', async () => {
    const t = await startTestApp({ env: { EVENTS_RETENTION_DAYS: '1' } });
    try {
      for (const title of ['a', 'b', 'c']) await t.http().post('/api/tasks').send({ title }).expect(201);
      const fromElsewhere = await socketClient(t.url, { lastSeq: 500 });
      expect(fromElsewhere.readies).toEqual([3]);
      const probe = await socketClient(t.url, { lastSeq: 1 });
      expect(probe.events.map((event) => event.seq)).toEqual([2, 3]);

      // the first two events age out: a client that last saw seq 0 can no longer be caught up by replay
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(t.dbFile);
      db.prepare(`UPDATE domain_events SET created_at = '2020-01-01T00:00:00.000Z' WHERE seq <= 2`).run();
      db.close();
      await t.app.get(EventRetention).prune();
      const afterPruning = await new Promise<{ lastSeq: number; reset?: boolean }>((resolve) => {
        const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { lastSeq: 0 } });
        socket.once('ready', (ready) => {
          socket.close();
          resolve(ready);
        });
      });
      expect(afterPruning).toEqual({ lastSeq: 3, reset: true });
      const sse = await sseClient(t.url, { lastEventId: 0 });
      await waitUntil(() => sse.controls.length > 0, 5000, 'an SSE reset frame');
      expect(sse.controls).toEqual([{ event: 'reset', data: { lastSeq: 3 } }]);
      expect(sse.events).toEqual([]);
      sse.close();
      const ws = await wsClient(t.url, { since: '0' });
      await waitUntil(() => ws.events.length > 0, 5000, 'a WebSocket reset message');
      expect(ws.events).toEqual([{ type: 'reset', lastSeq: 3 }]);
      ws.close();
      const stillFine = await socketClient(t.url, { lastSeq: 2 });
      expect(stillFine.events.map((event) => event.seq)).toEqual([3]);
      for (const client of [fromElsewhere, probe, stillFine]) client.close();
    } finally {
      await t.close();
    }
  });

  it('keeps SSE alive with comments', async () => {
    const t = await startTestApp({ env: { SSE_KEEPALIVE_MS: '50' } });
    try {
      const sse = await sseClient(t.url);
      await waitUntil(() => sse.raw().includes(': keep-alive\n\n'), 5000, 'a keep-alive comment');
      expect(sse.events).toEqual([]);
      sse.close();
    } finally {
      await t.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('closes every stream cleanly and promptly', async () => {
    const t = await startTestApp();
    const sse = await sseClient(t.url);
    const ws = await wsClient(t.url);
    const socket = await socketClient(t.url);
    const wsClosed = new Promise<number>((resolve) => ws.socket.once('close', (code) => resolve(code)));
    const socketGone = new Promise<string>((resolve) => socket.socket.once('disconnect', (reason) => resolve(reason)));
    await t.close();
    await sse.ended;
    expect(await wsClosed).toBe(1001);
    expect(await socketGone).toEqual(expect.any(String));
    sse.close();
  });
});
