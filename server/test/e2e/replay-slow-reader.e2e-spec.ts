import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { socketClient, waitUntil } from './support/realtime-clients';
import { seedOutbox, slowSseReader, slowWsReader } from './support/raw-clients';
import { startTestApp, TestApp } from './support/test-app';

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

const EVENTS = 50_000;
const PAYLOAD_BYTES = 400; // ≈ 30 MB of frames in all
/**
 * Heap bound while replaying: one outbox page (≤ 500 events, ≤ 1 MiB of payload, a few MB as objects),
 * the connection's unsent data (≤ 4 MiB) and the reader's own parsing, with GC slack. Holding the whole
 * history, as a replay that does not wait for the reader would, takes well over this.
 */
const HEAP_BOUND_MB = 24;

describe('a replay of 50,000 events to a slow reader', () => {
  let t: TestApp;

  beforeAll(async () => {
    const first = await startTestApp();
    await first.close();
    seedOutbox(first.dbFile, EVENTS, PAYLOAD_BYTES);
    t = await startTestApp({ dbFile: first.dbFile });
  });
  afterAll(() => t.close());

  it('delivers every event once, in order, with bounded memory, and goes live after it', async () => {
    gc();
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    let peak = heapBefore;
    // Retained memory: collected first, so young-generation garbage does not count.
    const sampler = setInterval(() => {
      gc();
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.heapUsed + usage.arrayBuffers);
    }, 250);

    const reader = slowSseReader(t.url, 0, 5);
    // A writer during the replay: its events come after the history, once each.
    const watcher = await socketClient(t.url);
    const task = (await t.http().post('/api/tasks').send({ title: 'during the replay' }).expect(201)).body.id as string;
    for (let i = 0; i < 20; i++) await t.http().post(`/api/tasks/${task}/activities`).send({ activity_type: 'updated', message: `live ${i}` }).expect(201);
    const total = EVENTS + 21;
    await watcher.waitForCount(21);
    await waitUntil(() => reader.seqs.length >= total, 120_000, `${total} events (have ${reader.seqs.length})`);
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const growthMb = (peak - heapBefore) / 2 ** 20;
    console.log(`replayed ${reader.seqs.length} events; peak retained heap + buffers growth ${growthMb.toFixed(1)} MB (bound ${HEAP_BOUND_MB} MB)`);
    expect(reader.seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(growthMb).toBeLessThan(HEAP_BOUND_MB);
    reader.close();
    watcher.close();
  }, 180_000);

  it.each(['ws', 'socketio'] as const)('%s: delivers every event once, in order, as the slow reader drains, with bounded memory', async (transport) => {
    gc();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    let peak = before;
    const sampler = setInterval(() => {
      gc();
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.heapUsed + usage.arrayBuffers);
    }, 250);
    const seqs: number[] = [];
    const reader =
      transport === 'ws'
        ? slowWsReader(t.url, '/api/ws?since=0', 5, (text) => seqs.push(JSON.parse(text).seq))
        : slowWsReader(t.url, '/socket.io/?EIO=4&transport=websocket', 5, (text, reply) => {
            if (text.startsWith('0')) reply(`40${JSON.stringify({ lastSeq: 0 })}`); // engine open → Socket.IO connect
            else if (text === '2') reply('3'); // engine ping → pong
            else if (text.startsWith('42')) {
              const [name, body] = JSON.parse(text.slice(2)) as [string, { seq: number }];
              if (name !== 'ready') seqs.push(body.seq);
            }
          });
    const total = EVENTS + 21; // the history and the events written by the first test
    await waitUntil(() => seqs.length >= total, 120_000, `${total} events (have ${seqs.length})`);
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const growthMb = (peak - before) / 2 ** 20;
    console.log(`${transport}: replayed ${seqs.length} events; peak retained heap + buffers growth ${growthMb.toFixed(1)} MB (bound ${HEAP_BOUND_MB} MB)`);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(growthMb).toBeLessThan(HEAP_BOUND_MB);
    reader.close();
  }, 180_000);
});
