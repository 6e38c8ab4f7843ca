import { RealtimeConnections } from '@mission-control/shared';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { socketClient, sseClient, wsClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap growth allowed after 2,000 connections have come and gone (the server and clients share this process). */
const HEAP_BOUND_MB = 32;

describe('connections release everything they hold', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SSE_KEEPALIVE_MS: '20' } });
  });
  afterAll(() => t.close());

  const realtime = async (): Promise<RealtimeConnections> => (await t.http().get('/api/health')).body.realtime;

  async function churn(total: number, batch = 50): Promise<void> {
    const task = (await t.http().post('/api/tasks').send({ title: 'churn' })).body.id;
    for (let opened = 0; opened < total; opened += batch) {
      const clients = await Promise.all(
        Array.from({ length: batch }, (_, i) => {
          switch ((opened + i) % 5) {
            case 0:
              return socketClient(t.url);
            case 1:
              return socketClient(t.url, { rooms: [`task:${task}`], lastSeq: 0 });
            case 2:
              return sseClient(t.url, { taskId: task });
            case 3:
              return sseClient(t.url, { lastEventId: 0 });
            default:
              return wsClient(t.url, { since: '0' });
          }
        }),
      );
      // one event while they are all connected, so every transport has really delivered something
      await t.http().patch(`/api/tasks/${task}`).send({ title: `churn ${opened}` }).expect(200);
      await Promise.all(clients.map((client) => client.waitForCount(1)));
      for (const client of clients) client.close();
    }
  }

  it('opens and closes 2,000 mixed connections and ends at the baseline', async () => {
    const baseline = await realtime();
    expect(baseline).toEqual({ socketio: 0, socketio_catching_up: 0, sse: 0, ws: 0, streams: 0, bus_listeners: 1 });

    await churn(200); // warm up caches, JIT and pools before measuring the heap
    gc();
    const heapBefore = process.memoryUsage().heapUsed;

    await churn(2000);
    let now = await realtime();
    const deadline = Date.now() + 15_000;
    while (JSON.stringify(now) !== JSON.stringify(baseline) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      now = await realtime();
    }
    expect(now).toEqual(baseline);

    gc();
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    console.log(`heap growth after 2,000 connections: ${growthMb.toFixed(1)} MB (bound ${HEAP_BOUND_MB} MB)`);
    expect(growthMb).toBeLessThan(HEAP_BOUND_MB);
  });
});
