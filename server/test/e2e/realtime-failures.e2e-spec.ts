import Database from 'better-sqlite3';
import * as http from 'node:http';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { sseClient, wsClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

const oneShape = (statusCode: number) => ({ statusCode, error: expect.any(String), message: expect.any(String) });

/** Makes every outbox read fail by renaming the table under the running server, as a broken database would. */
function breakOutbox(dbFile: string, broken: boolean): void {
  const db = new Database(dbFile);
  try {
    db.exec(broken ? 'ALTER TABLE domain_events RENAME TO domain_events_away' : 'ALTER TABLE domain_events_away RENAME TO domain_events');
  } finally {
    db.close();
  }
}

/** Connects a Socket.IO client and resolves with the first `error_message` and the disconnect that follows. */
function socketError(url: string, auth: Record<string, unknown>): Promise<{ error: ErrorBody; reason: string }> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    let error: ErrorBody | null = null;
    socket.on('error_message', (body: ErrorBody) => (error = body));
    socket.on('ready', () => reject(new Error('got ready instead of an error')));
    socket.on('disconnect', (reason) => (error ? resolve({ error, reason }) : reject(new Error(`disconnected (${reason}) without an error`))));
    setTimeout(() => reject(new Error('no error within 5 s')), 5000).unref();
  });
}

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('a database that fails while sockets connect and streams open', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/tasks').send({ title: 'history' }).expect(201);
    breakOutbox(t.dbFile, true);
  });
  afterAll(async () => {
    await t.close();
  });

  it('Socket.IO: a socket that connects (live or resuming) gets the error in the one shape and is closed', async () => {
    const resuming = await socketError(t.url, { lastSeq: 0 });
    expect(resuming.error).toEqual(oneShape(503));
    expect(resuming.reason).toBe('io server disconnect');
    const live = await socketError(t.url, {});
    expect(live.error).toEqual(oneShape(503));
  });

  it('SSE: a stream that resumes gets 503 in the one shape', async () => {
    const res = await get(`${t.url}/api/events/stream`, { 'Last-Event-ID': '0' });
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toEqual(oneShape(503));
  });

  it('WebSocket: a resuming client gets the error in the one shape, then close 1011', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/api/ws?since=0`);
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    const code = await new Promise<number>((resolve, reject) => {
      socket.on('close', (closeCode) => resolve(closeCode));
      socket.on('error', reject);
    });
    expect(code).toBe(1011);
    expect(messages).toEqual([oneShape(503)]);
  });

  it('live-only SSE and WebSocket streams need no outbox read, so they open anyway', async () => {
    const sse = await sseClient(t.url);
    expect(sse.status).toBe(200);
    const ws = await wsClient(t.url);
    expect(ws.socket.readyState).toBe(WebSocket.OPEN);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ws.socket.readyState).toBe(WebSocket.OPEN);
    expect(sse.controls).toEqual([]);
    sse.close();
    ws.close();
  });

  it('Socket.IO subscribe with a resume point acks the error in the one shape and keeps the socket', async () => {
    breakOutbox(t.dbFile, false);
    const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise((resolve) => socket.once('ready', resolve));
    breakOutbox(t.dbFile, true);
    const ack = await socket.emitWithAck('subscribe', { room: 'task:abc', lastSeq: 0 });
    expect(ack).toEqual({ ok: false, ...oneShape(503) });
    expect(socket.connected).toBe(true);
    expect(await socket.emitWithAck('subscribe', 'kitchen')).toEqual({ ok: false, ...oneShape(400) });
    socket.disconnect();
  });

  it('the process lives on: once the table is back, everything works again', async () => {
    breakOutbox(t.dbFile, false);
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body.database).toBe('up');
    const socket = io(t.url, { auth: { lastSeq: 0 }, transports: ['websocket'], reconnection: false, forceNew: true });
    const events: unknown[] = [];
    socket.on('task_created', (event) => events.push(event));
    await new Promise((resolve) => socket.once('ready', resolve));
    expect(events).toHaveLength(1);
    socket.disconnect();
  });
});
