import { MissionEvent, SocketAuth } from '@mission-control/shared';
import * as http from 'node:http';
import { io, Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { sseFields, sseFrames } from '../../../src/common/sse-frames';

export interface CollectingClient {
  events: MissionEvent[];
  /** Resolves once `count` events have arrived (rejects after `timeoutMs`). */
  waitForCount(count: number, timeoutMs?: number): Promise<MissionEvent[]>;
  close(): void;
}

export async function waitUntil(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function collecting(events: MissionEvent[], close: () => void): CollectingClient {
  return {
    events,
    close,
    waitForCount: async (count, timeoutMs = 10_000) => {
      await waitUntil(() => events.length >= count, timeoutMs, `${count} events (have ${events.length})`);
      return events;
    },
  };
}

export interface SocketClient extends CollectingClient {
  socket: Socket;
  /** The `lastSeq` of every `ready` message received. */
  readies: number[];
}

/** A Socket.IO client that records every event; resolves once the server says it is `ready`. */
export async function socketClient(url: string, auth: SocketAuth = {}): Promise<SocketClient> {
  const events: MissionEvent[] = [];
  const readies: number[] = [];
  const socket = io(url, { auth: { ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
  socket.onAny((type: string, event: MissionEvent) => {
    if (type === 'ready') readies.push((event as unknown as { lastSeq: number }).lastSeq);
    else events.push(event);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return { ...collecting(events, () => socket.disconnect()), socket, readies };
}

export interface SseClient extends CollectingClient {
  headers: http.IncomingHttpHeaders;
  status: number;
  raw: () => string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Frames that are not events, such as `reset`. */
  controls: { event: string; data: unknown }[];
}

/** Reads the raw SSE stream over HTTP and parses its frames. */
export function sseClient(url: string, options: { lastEventId?: number; taskId?: string; headers?: Record<string, string> } = {}): Promise<SseClient> {
  const events: MissionEvent[] = [];
  const controls: { event: string; data: unknown }[] = [];
  const target = new URL('/api/events/stream', url);
  if (options.taskId) target.searchParams.set('task_id', options.taskId);
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...options.headers };
  if (options.lastEventId !== undefined) headers['Last-Event-ID'] = String(options.lastEventId);
  return new Promise((resolve, reject) => {
    const req = http.get(target, { headers }, (res) => {
      let text = '';
      const feed = sseFrames((frame) => {
        const fields = sseFields(frame);
        if (fields.data && fields.id === undefined) {
          controls.push({ event: fields.event ?? 'message', data: JSON.parse(fields.data) });
        } else if (fields.data) {
          const event = JSON.parse(fields.data) as MissionEvent;
          if (Number(fields.id) !== event.seq || fields.event !== event.type) throw new Error(`Bad SSE frame: ${frame}`);
          events.push(event);
        }
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        feed(chunk);
      });
      const ended = new Promise<void>((done) => res.once('end', () => done()));
      resolve({ ...collecting(events, () => req.destroy()), headers: res.headers, status: res.statusCode ?? 0, raw: () => text, ended, controls });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

/** The original spec's client: `new WebSocket('ws://…/api/ws')`, one JSON event per message. */
export function wsClient(url: string, params: Record<string, string> = {}): Promise<CollectingClient & { socket: WebSocket }> {
  const events: MissionEvent[] = [];
  const target = new URL('/api/ws', url.replace(/^http/, 'ws'));
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  const socket = new WebSocket(target);
  socket.on('message', (data) => events.push(JSON.parse(data.toString()) as MissionEvent));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ ...collecting(events, () => socket.close()), socket }));
    socket.once('error', reject);
  });
}
