import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { MissionControlClient } from './mission-control.client';
import { MissionControlError } from './mission-control-error';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (req: Seen, res: http.ServerResponse, index: number) => void;

/** A real HTTP server on loopback whose answers each test scripts, recording every request. */
async function serve(handler: Handler): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(entry);
      handler(entry, res, seen.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('MissionControlClient', () => {
  let server: Awaited<ReturnType<typeof serve>> | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('sends typed calls as JSON with the token and parses the answer', async () => {
    server = await serve((req, res) => json(res, req.method === 'POST' ? 201 : 200, { id: 't1', title: 'From the client', echo: req.url }));
    const sut = new MissionControlClient({ baseUrl: `${server.url}/`, token: 'tok' });

    const task = await sut.createTask({ title: 'From the client', priority: 'high' });
    expect(task).toMatchObject({ id: 't1', title: 'From the client' });
    await sut.listTasks({ status: 'inbox', assigned_agent_id: undefined });
    await sut.listEvents({ since: 42, task_id: 'a b' });
    await sut.updateTask('t/1', { status: 'assigned' });

    expect(server.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/tasks',
      'GET /api/tasks?status=inbox',
      'GET /api/events?since=42&task_id=a+b',
      'PATCH /api/tasks/t%2F1',
    ]);
    expect(server.seen[0].headers.authorization).toBe('Bearer tok');
    expect(server.seen[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.seen[0].body)).toEqual({ title: 'From the client', priority: 'high' });
    expect(server.seen[1].headers['content-type']).toBeUndefined();
    expect(server.seen[0].headers['idempotency-key']).toBeUndefined();
  });

  it('throws a MissionControlError with the status and the server message, and never retries a 4xx', async () => {
    server = await serve((_req, res) => json(res, 404, { statusCode: 404, error: 'Not Found', message: 'Task "nope" not found' }));
    const sut = new MissionControlClient({ baseUrl: server.url, retries: 3, retryDelayMs: 1 });

    const error = await sut.getTask('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissionControlError);
    expect(error).toMatchObject({ status: 404, message: 'Task "nope" not found', method: 'GET', path: '/api/tasks/nope', retryable: false });
    expect((error as MissionControlError).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Task "nope" not found' });
    expect(server.seen).toHaveLength(1);
  });

  it('does not retry a 422 either', async () => {
    server = await serve((_req, res) => json(res, 422, { statusCode: 422, error: 'Unprocessable Entity', message: 'key reused' }));
    const sut = new MissionControlClient({ baseUrl: server.url, retries: 3, retryDelayMs: 1 });
    await expect(sut.logActivity('t', { activity_type: 'updated', message: 'x' }, { idempotencyKey: 'k' })).rejects.toMatchObject({ status: 422, message: 'key reused' });
    expect(server.seen).toHaveLength(1);
  });

  it('retries a 5xx with the same Idempotency-Key until it succeeds', async () => {
    server = await serve((_req, res, index) =>
      index < 2 ? json(res, 503, { statusCode: 503, error: 'Service Unavailable', message: 'busy' }) : json(res, 201, { id: 'a1' }),
    );
    const sut = new MissionControlClient({ baseUrl: server.url, retries: 3, retryDelayMs: 1, autoIdempotencyKeys: true });

    await expect(sut.logActivity('t1', { activity_type: 'updated', message: 'hello' })).resolves.toEqual({ id: 'a1' });
    expect(server.seen).toHaveLength(3);
    const keys = server.seen.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(server.seen.every((r) => r.body === server!.seen[0].body)).toBe(true);

    // The next logical call gets a key of its own; a heartbeat, harmless to repeat, gets none.
    await sut.logActivity('t1', { activity_type: 'updated', message: 'again' });
    expect(server.seen[3].headers['idempotency-key']).not.toBe(keys[0]);
    await sut.heartbeat('s1');
    expect(server.seen[4].headers['idempotency-key']).toBeUndefined();
  });

  it('waits out a 429 for its Retry-After, then tries again', async () => {
    server = await serve((_req, res, index) => {
      if (index > 0) return json(res, 200, { active_subagents: 0 });
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '1' });
      res.end(JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit of 5 requests per minute exceeded; retry in 1 s' }));
    });
    const sut = new MissionControlClient({ baseUrl: server.url, retries: 2, retryDelayMs: 1 });
    const started = Date.now();
    await expect(sut.stats()).resolves.toEqual({ active_subagents: 0 });
    expect(server.seen).toHaveLength(2);
    // the wait came from Retry-After (1 s), not from the 1 ms backoff
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('sends a caller-chosen Idempotency-Key on every attempt', async () => {
    server = await serve((_req, res, index) => (index === 0 ? json(res, 500, { statusCode: 500, error: 'x', message: 'boom' }) : json(res, 201, { ok: true })));
    const sut = new MissionControlClient({ baseUrl: server.url, retryDelayMs: 1 });
    await sut.addDeliverable('t1', { deliverable_type: 'file', title: 'x', path: 'x' }, { idempotencyKey: 'mine-1' });
    expect(server.seen.map((r) => r.headers['idempotency-key'])).toEqual(['mine-1', 'mine-1']);
  });

  it('gives up after the configured retries with the last error', async () => {
    server = await serve((_req, res) => json(res, 502, { statusCode: 502, error: 'Bad Gateway', message: 'upstream down' }));
    const sut = new MissionControlClient({ baseUrl: server.url, retries: 2, retryDelayMs: 1 });
    await expect(sut.stats()).rejects.toMatchObject({ status: 502, message: 'upstream down', retryable: true });
    expect(server.seen).toHaveLength(3);
  });

  it('retries network errors: a connection dropped mid-request, then an answer', async () => {
    server = await serve((_req, res, index) => (index === 0 ? res.socket?.destroy() : json(res, 200, { active_subagents: 1 })));
    const sut = new MissionControlClient({ baseUrl: server.url, retries: 2, retryDelayMs: 1 });
    await expect(sut.stats()).resolves.toEqual({ active_subagents: 1 });
    expect(server.seen).toHaveLength(2);
  });

  it('reports an unreachable server as status 0 after its retries', async () => {
    const gone = await serve(() => undefined);
    const url = gone.url;
    await gone.close();
    const sut = new MissionControlClient({ baseUrl: url, retries: 1, retryDelayMs: 1 });
    const error = (await sut.health().catch((e: unknown) => e)) as MissionControlError;
    expect(error).toBeInstanceOf(MissionControlError);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/^GET \/api\/health failed: .*ECONNREFUSED/);
  });

  it('aborts an attempt that gets no answer within timeoutMs', async () => {
    server = await serve(() => undefined);
    const sut = new MissionControlClient({ baseUrl: server.url, retries: 0, timeoutMs: 50 });
    await expect(sut.listAgents()).rejects.toMatchObject({ status: 0, message: expect.stringContaining('timed out') });
  });

  it('returns undefined for a 204 and reads a deliverable file with its content type', async () => {
    server = await serve((req, res) => {
      if (req.method === 'DELETE') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<h1>hi</h1>');
      }
    });
    const sut = new MissionControlClient({ baseUrl: server.url });
    await expect(sut.deleteTask('t1')).resolves.toBeUndefined();
    const file = await sut.getDeliverableContent('d1');
    expect(file.contentType).toBe('text/html; charset=utf-8');
    expect(new TextDecoder().decode(file.data)).toBe('<h1>hi</h1>');
    expect(sut.deliverableContentUrl('d1')).toBe(`${server.url}/api/deliverables/d1/content`);
  });
});
