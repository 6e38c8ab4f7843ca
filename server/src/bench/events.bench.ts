/**
 * `npm run bench:events`: latency from a REST write to its receipt by real-time clients, and sustained
 * writes per second. Starts a real server (separate process, fresh SQLite file) and prints a table.
 * Options (environment): BENCH_WRITES (latency samples per scenario, default 200), BENCH_THROUGHPUT_WRITES (default 2000).
 */
import { MissionEvent } from '@mission-control/shared';
import * as http from 'node:http';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { sseFields, sseFrames } from '../common/sse-frames';
import { agent, request, startServer, stopServer } from './bench-server';

const WRITES = Number(process.env.BENCH_WRITES ?? 200);
const THROUGHPUT_WRITES = Number(process.env.BENCH_THROUGHPUT_WRITES ?? 2000);

interface Receiver {
  onEvent: (handler: (event: MissionEvent) => void) => void;
  close: () => void;
}

async function socketReceivers(url: string, count: number): Promise<Receiver[]> {
  const receivers: Receiver[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, () => {
        const socket: Socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
        return new Promise<Receiver>((resolve) =>
          socket.once('ready', () => resolve({ onEvent: (h) => socket.on('activity_logged', h), close: () => socket.disconnect() })),
        );
      }),
    );
    receivers.push(...batch);
  }
  return receivers;
}

async function sseReceivers(url: string, count: number): Promise<Receiver[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Receiver>((resolve) => {
          const handlers: ((event: MissionEvent) => void)[] = [];
          const req = http.get(`${url}/api/events/stream`, { headers: { Accept: 'text/event-stream' } }, (res) => {
            res.setEncoding('utf8');
            res.on(
              'data',
              sseFrames((frame) => {
                const { data } = sseFields(frame);
                if (data) handlers.forEach((h) => h(JSON.parse(data)));
              }),
            );
            resolve({ onEvent: (h) => handlers.push(h), close: () => req.destroy() });
          });
          req.on('error', () => undefined);
        }),
    ),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sequential writes; for each, the time from sending the POST to each client's receipt. */
async function latency(url: string, taskId: string, receivers: Receiver[]): Promise<{ p50: number; p95: number; p99: number; samples: number }> {
  const samples: number[] = [];
  const sentAt = new Map<string, number>();
  let received = 0;
  for (const receiver of receivers) {
    receiver.onEvent((event) => {
      const started = sentAt.get((event.payload as { message: string }).message);
      if (started !== undefined) {
        samples.push(performance.now() - started);
        received++;
      }
    });
  }
  for (let i = 0; i < WRITES; i++) {
    const message = `latency ${Math.random()}`;
    const target = received + receivers.length;
    sentAt.set(message, performance.now());
    await request(`${url}/api/tasks/${taskId}/activities`, 'POST', { activity_type: 'updated', message });
    while (received < target) await new Promise((resolve) => setImmediate(resolve));
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), samples: samples.length };
}

async function throughput(url: string, taskId: string, receivers: Receiver[], concurrency = 16): Promise<number> {
  let received = 0;
  for (const receiver of receivers) receiver.onEvent(() => received++);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < THROUGHPUT_WRITES) {
        next++;
        await request(`${url}/api/tasks/${taskId}/activities`, 'POST', { activity_type: 'updated', message: 'throughput' });
      }
    }),
  );
  while (received < THROUGHPUT_WRITES * receivers.length) await new Promise((resolve) => setTimeout(resolve, 5));
  return THROUGHPUT_WRITES / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const server = await startServer();
  const { url } = server;
  try {
    const task = (await request(`${url}/api/tasks`, 'POST', { title: 'bench' })).json as { id: string };
    const rows: string[] = [];
    const fmt = (n: number) => n.toFixed(2);
    for (const [label, open] of [
      ['Socket.IO, 1 client', () => socketReceivers(url, 1)],
      ['Socket.IO, 100 clients', () => socketReceivers(url, 100)],
      ['Socket.IO, 1,000 clients', () => socketReceivers(url, 1000)],
      ['SSE, 100 clients', () => sseReceivers(url, 100)],
    ] as const) {
      const receivers = await open();
      const result = await latency(url, task.id, receivers);
      rows.push(`| ${label} | ${fmt(result.p50)} | ${fmt(result.p95)} | ${fmt(result.p99)} | ${result.samples} |`);
      receivers.forEach((r) => r.close());
      console.error(`done: ${label}`);
    }
    const listeners = await socketReceivers(url, 100);
    const writesPerSecond = await throughput(url, task.id, listeners);
    listeners.forEach((r) => r.close());

    console.log(`\nREST write → event receipt (ms), ${WRITES} sequential writes per scenario\n`);
    console.log('| scenario | p50 | p95 | p99 | receipts |');
    console.log('| --- | --- | --- | --- | --- |');
    rows.forEach((row) => console.log(row));
    console.log(`\nSustained: ${writesPerSecond.toFixed(0)} writes/s (${THROUGHPUT_WRITES} POSTs, 16 in flight, each delivered to 100 Socket.IO clients)`);
    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  } finally {
    await stopServer(server);
    agent.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
