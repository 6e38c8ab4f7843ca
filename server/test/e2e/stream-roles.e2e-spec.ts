import * as http from 'node:http';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { socketClient, sseClient, waitUntil, wsClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

const OPERATOR = 'stream-operator';
const op = { Authorization: `Bearer ${OPERATOR}` };

describe('roles on the event streams: Socket.IO, SSE and /api/ws', () => {
  let t: TestApp;
  let agentId: string;
  const issue = async (role: 'agent' | 'viewer'): Promise<{ id: string; token: string }> =>
    (await t.http().post('/api/tokens').set(op).send(role === 'agent' ? { role, agent_id: agentId } : { role }).expect(201)).body;
  const write = (title: string) => t.http().post('/api/tasks').set(op).send({ title }).expect(201);
  const revoke = (id: string) => t.http().delete(`/api/tokens/${id}`).set(op).expect(204);

  beforeAll(async () => {
    t = await startTestApp({ env: { MC_API_TOKEN: OPERATOR } });
    agentId = (await t.http().post('/api/agents').set(op).send({ name: 'Streamer', role: 'x' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('no token and a wrong token are 401 on every transport', async () => {
    const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: 'mc_not-a-token' } });
    const refused = await new Promise<number>((resolve) => socket.once('error_message', (body: { statusCode: number }) => resolve(body.statusCode)));
    socket.close();
    expect(refused).toBe(401);
    const sse = await new Promise<number>((resolve) => http.get(`${t.url}/api/events/stream`, (res) => resolve(res.statusCode ?? 0)));
    expect(sse).toBe(401);
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/api/ws?token=mc_not-a-token`);
    expect(await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))).toBe(401);
  });

  it('viewer and agent tokens follow every transport', async () => {
    for (const role of ['viewer', 'agent'] as const) {
      const { token } = await issue(role);
      const socket = await socketClient(t.url, { token });
      const sse = await sseClient(t.url, { headers: { Authorization: `Bearer ${token}` } });
      const sseQuery = await new Promise<number>((resolve) => http.get(`${t.url}/api/events/stream?token=${token}`, (res) => (resolve(res.statusCode ?? 0), res.destroy())));
      const ws = await wsClient(t.url, { token });
      await write(`seen by ${role}`);
      for (const client of [socket, sse, ws]) expect((await client.waitForCount(1))[0].payload).toMatchObject({ title: `seen by ${role}` });
      expect(sse.status).toBe(200);
      expect(sseQuery).toBe(200);
      for (const client of [socket, sse, ws]) client.close();
    }
  });

  it('revoking a token closes the streams it opened at once, and it cannot reconnect', async () => {
    const { id, token } = await issue('agent');
    const socket = await socketClient(t.url, { token });
    const sse = await sseClient(t.url, { headers: { Authorization: `Bearer ${token}` } });
    const ws = await wsClient(t.url, { token });
    // another token's stream stays open
    const other = await issue('viewer');
    const bystander = await wsClient(t.url, { token: other.token });

    const socketClosed = new Promise<string>((resolve) => socket.socket.once('disconnect', (reason) => resolve(reason)));
    const socketMessage = new Promise<string>((resolve) => socket.socket.once('error_message', (body: { message: string }) => resolve(body.message)));
    const wsClosed = new Promise<number>((resolve) => ws.socket.once('close', (code) => resolve(code)));
    await revoke(id);
    expect(await socketMessage).toBe('API token revoked');
    expect(await socketClosed).toBe('io server disconnect');
    await sse.ended;
    expect(await wsClosed).toBe(1008);

    await write('after revocation');
    await bystander.waitForCount(1);
    bystander.close();
    const again = new WebSocket(`${t.url.replace('http', 'ws')}/api/ws?token=${token}`);
    expect(await new Promise<number>((resolve) => again.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))).toBe(401);
    expect((await t.http().get('/api/events').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('a token revoked on another instance closes its streams here within seconds', async () => {
    const { id, token } = await issue('viewer');
    const ws = await wsClient(t.url, { token });
    let closed = false;
    ws.socket.once('close', () => (closed = true));
    // As another instance would: only the database row changes.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(t.dbFile);
    db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    db.close();
    await waitUntil(() => closed, 10_000, 'the stream to close');
  });
});
