import * as http from 'node:http';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { socketClient, sseClient, wsClient } from './support/realtime-clients';
import { startTestApp, TestApp } from './support/test-app';

const TOKEN = 'stream-secret';

describe('MC_API_TOKEN on the event streams', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MC_API_TOKEN: TOKEN } });
  });
  afterAll(() => t.close());

  it('Socket.IO needs auth.token', async () => {
    const refused = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: 'wrong' } });
    const outcome = await new Promise<string>((resolve) => {
      refused.once('error_message', (body: { statusCode: number }) => resolve(`refused ${body.statusCode}`));
      refused.once('ready', () => resolve('ready'));
    });
    refused.close();
    expect(outcome).toBe('refused 401');

    const client = await socketClient(t.url, { token: TOKEN });
    await t.http().post('/api/tasks').set('Authorization', `Bearer ${TOKEN}`).send({ title: 'secret' }).expect(201);
    await client.waitForCount(1);
    client.close();
  });

  it('SSE needs ?token= or a Bearer header', async () => {
    const status = await new Promise<number>((resolve) => http.get(`${t.url}/api/events/stream`, (res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    const withHeader = await sseClient(t.url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(withHeader.status).toBe(200);
    withHeader.close();
  });

  it('the plain WebSocket needs ?token=', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/api/ws`);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    const ok = await wsClient(t.url, { token: TOKEN });
    ok.close();
  });
});
