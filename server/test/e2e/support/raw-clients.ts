import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';

/**
 * Clients over raw TCP that speak just enough HTTP / WebSocket / Socket.IO to open a stream and then
 * read (almost) nothing: the server sees a peer whose kernel buffers fill up and stay full.
 */
export interface RawClient {
  socket: net.Socket;
  /** Resolves when the server closes or resets the connection. */
  closed: Promise<void>;
  close(): void;
}

function target(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/** Connects, sends `request`, waits for the first bytes of the answer, then stops reading. */
async function stalled(url: string, request: string, afterFirstData?: (socket: net.Socket) => void): Promise<RawClient> {
  const socket = net.connect(target(url));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => socket.write(request));
    socket.once('data', () => {
      afterFirstData?.(socket);
      socket.pause();
      resolve();
    });
    socket.once('close', () => reject(new Error('closed before answering')));
  });
  return { socket, closed, close: () => socket.destroy() };
}

const upgradeHeaders = (path: string, host: string) =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`;

/** A masked client → server WebSocket text frame. */
export function wsTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
  return Buffer.concat([header, mask, masked]);
}

export function stalledSse(url: string, lastEventId: number): Promise<RawClient> {
  const { host, port } = target(url);
  return stalled(url, `GET /api/events/stream HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: text/event-stream\r\nLast-Event-ID: ${lastEventId}\r\n\r\n`);
}

export function stalledWs(url: string, since: number): Promise<RawClient> {
  const { host, port } = target(url);
  return stalled(url, upgradeHeaders(`/api/ws?since=${since}`, `${host}:${port}`));
}

/** Engine.IO v4 over WebSocket: after the open packet, a Socket.IO CONNECT with `auth.lastSeq`. */
export function stalledSocketIo(url: string, lastSeq: number): Promise<RawClient> {
  const { host, port } = target(url);
  return stalled(url, upgradeHeaders('/socket.io/?EIO=4&transport=websocket', `${host}:${port}`), (socket) =>
    socket.write(wsTextFrame(`40${JSON.stringify({ lastSeq })}`)),
  );
}

/**
 * A slow SSE reader over raw TCP: takes one chunk every `intervalMs`, parses frames and records
 * every event's sequence number in arrival order.
 */
export function slowSseReader(url: string, lastEventId: number, intervalMs: number): { seqs: number[]; close: () => void; closed: Promise<void> } {
  const { host, port } = target(url);
  const socket = net.connect({ host, port });
  socket.on('error', () => undefined);
  const seqs: number[] = [];
  let pending = '';
  let headersDone = false;
  socket.setEncoding('utf8');
  socket.once('connect', () => socket.write(`GET /api/events/stream HTTP/1.1\r\nHost: ${host}:${port}\r\nLast-Event-ID: ${lastEventId}\r\n\r\n`));
  socket.on('data', (chunk: string) => {
    socket.pause();
    pending += chunk;
    if (!headersDone) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      pending = pending.slice(end + 4);
    }
    // Chunked transfer coding: ids are read from `id: <seq>` lines, which chunk boundaries never split
    // in a way that forms a false line, because each event frame is written as one chunk.
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.startsWith('id: ')) seqs.push(Number(line.slice(4)));
    }
  });
  const timer = setInterval(() => socket.resume(), intervalMs);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    seqs,
    closed,
    close: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

/** Appends `count` activity events of about `payloadBytes` each straight into the outbox of a stopped server's database. */
export function seedOutbox(dbFile: string, count: number, payloadBytes: number, taskId = 'seeded-task'): void {
  const db = new Database(dbFile);
  try {
    const insert = db.prepare('INSERT INTO domain_events (type, task_id, payload, created_at) VALUES (?, ?, ?, ?)');
    const filler = 'x'.repeat(payloadBytes);
    const at = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const payload = { id: `seeded-${i}`, task_id: taskId, agent_id: null, activity_type: 'updated', message: filler, metadata: {}, created_at: at };
        insert.run('activity_logged', taskId, JSON.stringify(payload), at);
      }
    })();
  } finally {
    db.close();
  }
}

/**
 * A slow WebSocket reader over raw TCP: takes one chunk every `intervalMs`, parses the server's
 * (unmasked) frames and hands each text message to `onText`, which may answer with `reply`.
 */
export function slowWsReader(
  url: string,
  path: string,
  intervalMs: number,
  onText: (text: string, reply: (text: string) => void) => void,
): { close: () => void; closed: Promise<void> } {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  socket.on('error', () => undefined);
  let pending = Buffer.alloc(0);
  let upgraded = false;
  let fragments: Buffer[] = [];
  const reply = (text: string) => socket.write(wsTextFrame(text));
  socket.once('connect', () => socket.write(upgradeHeaders(path, `${hostname}:${port}`)));
  socket.on('data', (chunk: Buffer) => {
    socket.pause();
    pending = Buffer.concat([pending, chunk]);
    if (!upgraded) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgraded = true;
      pending = pending.subarray(end + 4);
    }
    for (;;) {
      if (pending.length < 2) return;
      const fin = (pending[0] & 0x80) !== 0;
      const opcode = pending[0] & 0x0f;
      let length = pending[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (pending.length < 10) return;
        length = Number(pending.readBigUInt64BE(2));
        offset = 10;
      }
      if (pending.length < offset + length) return;
      const payload = pending.subarray(offset, offset + length);
      pending = pending.subarray(offset + length);
      if (opcode === 0x1 || opcode === 0x0) {
        fragments.push(payload);
        if (fin) {
          onText(Buffer.concat(fragments).toString('utf8'), reply);
          fragments = [];
        }
      }
    }
  });
  const timer = setInterval(() => socket.resume(), intervalMs);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    closed,
    close: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}
