import * as http from 'node:http';
import { io } from 'socket.io-client';
import { sseFrames } from '../common/sse-frames';

/** What a client worker reports: receipts so far and, on the final report, every receipt's latency (ms). */
export interface WorkerReport {
  received: number;
  latencies: Float64Array;
}

const now = () => performance.timeOrigin + performance.now();
/** The writer puts its send time (epoch ms, sub-millisecond) in the message: `bench <time>`. */
const SENT_AT = /"message":"bench ([0-9.]+)"/;

/**
 * A client worker process of the fan-out benchmark: opens `count` clients of one transport, records the
 * latency of every `bench` activity each of them receives, and answers 'count' / 'final' from the parent.
 */
export function clientWorker(transport: 'sse' | 'socketio', url: string, count: number): void {
  let latencies = new Float64Array(1 << 20);
  let received = 0;
  const record = (sentAt: number) => {
    if (received === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[received++] = now() - sentAt;
  };
  const open = transport === 'sse' ? () => sseClient(url, record) : () => socketClient(url, record);
  void (async () => {
    for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, open));
    process.send!('ready');
  })();
  process.on('message', (what: string) => {
    process.send!({ received, latencies: what === 'final' ? latencies.slice(0, received) : new Float64Array(0) } satisfies WorkerReport);
  });
}

function sseClient(url: string, record: (sentAt: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/events/stream`, { agent: false, headers: { Accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      res.on(
        'data',
        sseFrames((frame) => {
          const match = SENT_AT.exec(frame);
          if (match) record(Number(match[1]));
        }),
      );
      resolve();
    });
    req.on('error', reject);
  });
}

function socketClient(url: string, record: (sentAt: number) => void): Promise<void> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('activity_logged', (event: { payload: { message: string } }) => {
    const message = event.payload.message;
    if (message.startsWith('bench ')) record(Number(message.slice(6)));
  });
  return new Promise((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
}
