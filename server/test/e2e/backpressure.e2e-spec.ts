import { MissionEvent, RealtimeConnections } from '@mission-control/shared';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { CollectingClient, socketClient, sseClient, waitUntil, wsClient } from './support/realtime-clients';
import { RawClient, seedOutbox, stalledSocketIo, stalledSse, stalledWs } from './support/raw-clients';
import { startTestApp, TestApp } from './support/test-app';

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

const STALLED = 3;
const RUN_MS = 20_000;
const HISTORY_EVENTS = 10_000;
const EVENT_PAYLOAD_BYTES = 2_000; // 10,000 × ~2.2 kB ≈ 22 MB of history
const BUFFER_BYTES = 4 * 1024 * 1024; // the default MC_CLIENT_BUFFER_BYTES
/**
 * Bound on the memory the test process keeps alive (JS heap and Buffers, measured after a full GC: what the
 * server, the healthy client and the writer hold, without garbage or the allocator's slack that make RSS swing
 * by tens of MB in a long test run): each stalled reader may cost its buffer bound plus one replay page (1 MiB
 * of payload, about twice that as objects), plus 24 MB for the healthy traffic and the writer: 42 MB. A replay
 * that does not wait for its reader would hold the whole history (22 MB) for each of the three.
 */
const MEMORY_BOUND_MB = (STALLED * (BUFFER_BYTES + 2 * 1024 * 1024)) / 2 ** 20 + 24;

type Transport = 'sse' | 'ws' | 'socketio';

const stalledClient: Record<Transport, (url: string) => Promise<RawClient>> = {
  sse: (url) => stalledSse(url, 0),
  ws: (url) => stalledWs(url, 0),
  socketio: (url) => stalledSocketIo(url, 0),
};
const healthyClient: Record<Transport, (url: string) => Promise<CollectingClient>> = {
  sse: (url) => sseClient(url),
  ws: (url) => wsClient(url),
  socketio: (url) => socketClient(url),
};

describe('stalled readers on every transport cost a bounded amount and nobody else anything', () => {
  let dbFile: string;

  beforeAll(async () => {
    const first = await startTestApp(); // creates the schema
    dbFile = first.dbFile;
    await first.close();
    seedOutbox(dbFile, HISTORY_EVENTS, EVENT_PAYLOAD_BYTES);
  });

  it.each<Transport>(['sse', 'ws', 'socketio'])(
    '%s: stalled readers resuming from 0, a healthy client and a writer for 20 s',
    async (transport) => {
      const t: TestApp = await startTestApp({ dbFile, env: { SSE_KEEPALIVE_MS: '1000' } });
      try {
        const realtime = async (): Promise<RealtimeConnections> => (await t.http().get('/api/health').expect(200)).body.realtime;
        const connections = async () => {
          const r = await realtime();
          return transport === 'socketio' ? r.socketio : r[transport];
        };
        const task = (await t.http().post('/api/tasks').send({ title: 'writer' }).expect(201)).body.id as string;
        const liveBytes = () => {
          gc();
          const usage = process.memoryUsage();
          return usage.heapUsed + usage.external;
        };
        const baseline = liveBytes();
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, liveBytes())), 1000);

        const healthy = await healthyClient[transport](t.url);
        const stalled = await Promise.all(Array.from({ length: STALLED }, () => stalledClient[transport](t.url)));
        // All of them are counted while open (a stalled one is cut only after two silent keep-alive intervals).
        let counted = 0;
        for (let i = 0; i < 20 && counted !== 1 + STALLED; i++) {
          counted = await connections();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(counted).toBe(1 + STALLED);

        const sent: string[] = [];
        let slowestAckMs = 0;
        const started = Date.now();
        while (Date.now() - started < RUN_MS) {
          const before = Date.now();
          const res = await t.http().post(`/api/tasks/${task}/activities`).send({ activity_type: 'updated', message: `live ${sent.length}` });
          expect(res.status).toBe(201);
          slowestAckMs = Math.max(slowestAckMs, Date.now() - before);
          sent.push(res.body.id);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }

        const receivedIds = () => new Set(healthy.events.filter((e: MissionEvent) => e.type === 'activity_logged').map((e) => (e.payload as { id: string }).id));
        await waitUntil(() => sent.every((id) => receivedIds().has(id)), 10_000, 'the healthy client to receive every live event');
        // The stalled readers are cut (over the bound, or stalled) and are gone from the health check.
        let open = await connections();
        const deadline = Date.now() + 10_000;
        while (open !== 1 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          open = await connections();
        }
        clearInterval(sampler);
        const growthMb = (peak - baseline) / 2 ** 20;
        console.log(`${transport}: ${sent.length} writes, slowest ack ${slowestAckMs} ms, live memory growth ${growthMb.toFixed(1)} MB (bound ${MEMORY_BOUND_MB} MB)`);

        expect(open).toBe(1);
        expect(slowestAckMs).toBeLessThan(1000);
        expect(growthMb).toBeLessThan(MEMORY_BOUND_MB);
        // And the server really closed them: once they read again they reach the end of the stream.
        for (const client of stalled) client.socket.resume();
        await Promise.race([Promise.all(stalled.map((client) => client.closed)), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
        expect(stalled.map((client) => client.socket.destroyed)).toEqual(stalled.map(() => true));
        healthy.close();
      } finally {
        await t.close();
      }
    },
    90_000,
  );
});
