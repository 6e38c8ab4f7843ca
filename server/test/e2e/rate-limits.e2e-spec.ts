import { randomBytes, randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { RedisThrottlerStorage } from '../../src/auth/redis-throttler-storage';
import { TEST_REDIS_URL } from './support/postgres';
import { startTestApp, TestApp } from './support/test-app';

const OPERATOR = 'limit-operator';

describe('rate limits per principal (@nestjs/throttler)', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  const start = async (env: NodeJS.ProcessEnv) => {
    const app = await startTestApp({ env });
    apps.push(app);
    return app;
  };

  it('random bearer values are counted per client address: they meet the limit, with Retry-After and the one error body', async () => {
    const t = await start({ MC_API_TOKEN: OPERATOR, MC_RATE_LIMIT: '20' });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.http().get('/api/tasks').set('Authorization', `Bearer mc_${randomBytes(16).toString('hex')}`);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/^Rate limit of 20 requests per minute exceeded; retry in \d+ s$/) });
      }
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    // the health check is never counted
    await t.http().get('/api/health').expect(200);
  });

  it('once random tokens meet the limit, a right guess from that address is refused too (REST, Socket.IO, /api/ws)', async () => {
    const t = await start({ MC_API_TOKEN: OPERATOR, MC_RATE_LIMIT: '5' });
    const guess = () => `mc_${randomBytes(16).toString('hex')}`;
    const wsStatus = (token: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${t.url.replace('http', 'ws')}/api/ws?token=${token}`);
        ws.once('open', () => (ws.close(), resolve('101')));
        ws.once('unexpected-response', (_req, res) => resolve(`${res.statusCode}${res.headers['retry-after'] ? ' retry-after' : ''}`));
      });
    const socketOutcome = (token: string) =>
      new Promise<string>((resolve) => {
        const socket = io(t.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
        socket.once('ready', () => (socket.close(), resolve('ready')));
        socket.once('error_message', (body: { statusCode: number; message: string }) => (socket.close(), resolve(`refused ${body.statusCode}: ${body.message}`)));
      });
    // guesses through the streams count as well as REST ones
    expect(await wsStatus(guess())).toBe('401');
    expect(await socketOutcome(guess())).toBe('refused 401: A valid API token is required');
    for (let i = 0; i < 3; i++) expect((await t.http().get('/api/tasks').set('Authorization', `Bearer ${guess()}`)).status).toBe(401);
    const limited = await t.http().get('/api/tasks').set('Authorization', `Bearer ${guess()}`);
    expect(limited.status).toBe(429);
    // the operator token from the same address is refused now, on every surface
    const right = await t.http().get('/api/tasks').set('Authorization', `Bearer ${OPERATOR}`);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // and the streams say why: 429, like REST, not a 401 that would send the caller looking for a better token
    expect(await wsStatus(OPERATOR)).toBe('429 retry-after');
    expect(await socketOutcome(OPERATOR)).toMatch(/^refused 429: Rate limit of 5 requests per minute exceeded; retry in \d+ s$/);
  });

  it('each token has its own budget, counted across every route', async () => {
    const t = await start({ MC_API_TOKEN: OPERATOR, MC_RATE_LIMIT: '6' });
    const op = { Authorization: `Bearer ${OPERATOR}` };
    const viewer = (await t.http().post('/api/tokens').set(op).send({ role: 'viewer' }).expect(201)).body.token;
    for (const path of ['/api/tasks', '/api/agents', '/api/stats', '/api/sessions', '/api/events']) await t.http().get(path).set(op).expect(200);
    expect((await t.http().get('/api/tasks').set(op)).status).toBe(429);
    // the viewer is somebody else
    await t.http().get('/api/tasks').set('Authorization', `Bearer ${viewer}`).expect(200);
  });

  it('MC_RATE_LIMIT=0 disables the limit', async () => {
    const t = await start({ MC_RATE_LIMIT: '0' });
    for (let i = 0; i < 30; i++) await t.http().get('/api/tasks').expect(200);
  });

  it('two instances on one Redis share the limit', async () => {
    const env = { MC_API_TOKEN: OPERATOR, MC_RATE_LIMIT: '10', REDIS_URL: TEST_REDIS_URL, REDIS_CHANNEL: `mc-test-${randomUUID()}` };
    const [a, b] = [await start(env), await start(env)];
    const op = { Authorization: `Bearer ${OPERATOR}` };
    for (let i = 0; i < 5; i++) await a.http().get('/api/tasks').set(op).expect(200);
    for (let i = 0; i < 5; i++) await b.http().get('/api/tasks').set(op).expect(200);
    const fromA = await a.http().get('/api/tasks').set(op);
    const fromB = await b.http().get('/api/tasks').set(op);
    expect([fromA.status, fromB.status]).toEqual([429, 429]);
    expect(Number(fromB.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the Redis storage counts in one window and blocks past the limit; with Redis gone it lets requests through', async () => {
    const storage = await RedisThrottlerStorage.connect(TEST_REDIS_URL, `mc-test-${randomUUID()}:rate:`);
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await storage.increment('k', 60_000, 3, 30_000, 'default'));
    expect(hits.map((hit) => [hit.totalHits, hit.isBlocked])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(hits[3].timeToBlockExpire).toBe(30);
    expect(hits[0].timeToExpire).toBe(60);
    await storage.onApplicationShutdown();
    expect(await storage.increment('k', 60_000, 3, 30_000, 'default')).toMatchObject({ isBlocked: false });
  });
});
