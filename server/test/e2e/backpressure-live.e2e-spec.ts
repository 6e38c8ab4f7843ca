import { RealtimeConnections } from '@mission-control/shared';
import * as net from 'node:net';
import { socketClient } from './support/realtime-clients';
import { RawClient, wsTextFrame } from './support/raw-clients';
import { startTestApp, TestApp } from './support/test-app';

/** Live-only stalled readers (no resume point): raw TCP that opens the stream and then reads nothing. */
function stalledLive(url: string, request: string, afterFirstData?: (socket: net.Socket) => void): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port) });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return new Promise((resolve) => {
    socket.once('connect', () => socket.write(request.replace('HOST', `${hostname}:${port}`)));
    socket.once('data', () => {
      afterFirstData?.(socket);
      socket.pause();
      resolve({ socket, closed, close: () => socket.destroy() });
    });
  });
}

const upgrade = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: HOST\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;

describe('live readers that stop reading are cut at MC_CLIENT_BUFFER_BYTES', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Keep-alives (and so the stall check and WS pings) far apart: only the buffer bound can cut here.
    t = await startTestApp({ env: { SSE_KEEPALIVE_MS: '600000', MC_BODY_LIMIT: '16mb', MC_CLIENT_BUFFER_BYTES: String(1024 * 1024) } });
  });
  let afterCleanup = () => undefined as void;
  afterAll(async () => {
    afterCleanup();
    await t.close();
  });

  it('cuts stalled SSE, WebSocket and Socket.IO readers once they hold more than the bound; the healthy client gets everything', async () => {
    const realtime = async (): Promise<RealtimeConnections> => (await t.http().get('/api/health').expect(200)).body.realtime;
    const task = (await t.http().post('/api/tasks').send({ title: 'big live events' }).expect(201)).body.id as string;
    const healthy = await socketClient(t.url);
    const stalled: RawClient[] = [];
    afterCleanup = () => stalled.forEach((client) => client.close());
    stalled.push(
      await stalledLive(t.url, 'GET /api/events/stream HTTP/1.1\r\nHost: HOST\r\nAccept: text/event-stream\r\n\r\n'),
      await stalledLive(t.url, upgrade('/api/ws')),
      await stalledLive(t.url, upgrade('/socket.io/?EIO=4&transport=websocket'), (socket) => socket.write(wsTextFrame('40'))),
    );
    let before = await realtime();
    for (let i = 0; i < 50 && before.socketio < 2; i++) before = await realtime();
    expect(before).toMatchObject({ sse: 1, ws: 1, socketio: 2 });

    // 3,000 activities of 5,000 characters, 8 in flight: ~16 MB of events, past kernel buffers and the bound.
    const writes = 3000;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < writes) {
          const message = `${next++} ${'y'.repeat(4990)}`;
          await t.http().post(`/api/tasks/${task}/activities`).send({ activity_type: 'updated', message }).expect(201);
        }
      }),
    );
    await healthy.waitForCount(writes, 30_000);

    let after = await realtime();
    const deadline = Date.now() + 10_000;
    while ((after.sse !== 0 || after.ws !== 0 || after.socketio !== 1) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await realtime();
    }
    expect(after).toMatchObject({ sse: 0, ws: 0, socketio: 1, streams: 0 });
    // The server really closed them: reading again reaches the end of each stream.
    for (const client of stalled) client.socket.resume();
    await Promise.race([Promise.all(stalled.map((client) => client.closed)), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    expect(stalled.map((client) => client.socket.destroyed)).toEqual([true, true, true]);
    healthy.close();
  }, 90_000);
});
