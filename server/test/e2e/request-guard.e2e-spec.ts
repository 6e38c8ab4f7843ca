import { Server } from 'node:http';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { startTestApp, TestApp } from './support/test-app';

describe('browser origins, hosts and rate limits', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('refuses a write from a foreign origin, even as text/plain, and writes nothing', async () => {
    t = await startTestApp();
    const res = await t.http().post('/api/tasks').set('Origin', 'https://evil.example').set('Content-Type', 'text/plain').send('{"title":"pwned"}');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('Origin https://evil.example is not allowed') });
    expect(t.count('tasks')).toBe(0);
    // the server's own origin, and no origin at all (agents, curl), are fine
    await t.http().post('/api/tasks').set('Origin', t.url).send({ title: 'mine' }).expect(201);
    await t.http().post('/api/tasks').send({ title: 'agent' }).expect(201);
  });

  it('allows and answers CORS for origins listed in CORS_ORIGINS', async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://ops.example, https://other.example' } });
    const preflight = await t.http().options('/api/tasks').set('Origin', 'https://ops.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://ops.example');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
    const res = await t.http().post('/api/tasks').set('Origin', 'https://ops.example').send({ title: 'ok' }).expect(201);
    expect(res.headers['access-control-allow-origin']).toBe('https://ops.example');
  });

  it('answers OPTIONS on a route with the methods it takes, and 404 on a path that is no route', async () => {
    t = await startTestApp();
    const tasks = await t.http().options('/api/tasks');
    expect(tasks.status).toBe(204);
    expect(tasks.headers.allow).toBe('GET, HEAD, POST');
    const task = await t.http().options('/api/tasks/some-id');
    expect(task.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
    const none = await t.http().options('/api/nothing-here');
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot OPTIONS /api/nothing-here' });
  });

  it("keeps Node's timeouts for a client that never finishes its request (Fastify would turn the request timeout off)", async () => {
    t = await startTestApp();
    const server = t.app.getHttpServer() as Server;
    expect(server.requestTimeout).toBe(300_000);
    expect(server.headersTimeout).toBeGreaterThan(0);
    expect(server.keepAliveTimeout).toBe(5_000);
  });

  it('refuses a Host that is not the server (DNS rebinding) unless allowed', async () => {
    t = await startTestApp({ env: { MC_ALLOWED_HOSTS: 'mc.internal' } });
    const rebound = await t.http().get('/api/tasks').set('Host', 'attacker.example:4000');
    expect(rebound.status).toBe(403);
    expect(rebound.body.message).toMatch(/Host attacker\.example:4000 is not this server \(add it to MC_ALLOWED_HOSTS\)/);
    await t.http().get('/api/tasks').set('Host', 'localhost:4000').expect(200);
    await t.http().get('/api/tasks').set('Host', 'mc.internal').expect(200);
  });

  it('refuses Socket.IO and WebSocket connections from a foreign origin', async () => {
    t = await startTestApp();
    const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { Origin: 'https://evil.example' } });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    });
    socket.close();
    expect(outcome).toBe('refused');
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/api/ws`, { headers: { Origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });

  it('limits requests per minute per client with 429 and Retry-After', async () => {
    t = await startTestApp({ env: { MC_RATE_LIMIT: '5' } });
    for (let i = 0; i < 5; i++) await t.http().get('/api/tasks').expect(200);
    const limited = await t.http().get('/api/tasks');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.message).toMatch(/Rate limit of 5 requests per minute/);
    // the health check stays reachable
    await t.http().get('/api/health').expect(200);
  });
});
