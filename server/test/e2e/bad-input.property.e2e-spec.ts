import Database from 'better-sqlite3';
import fc from 'fast-check';
import * as http from 'node:http';
import { startTestApp, TestApp } from './support/test-app';

const OPERATOR = 'property-operator';
const TABLES = ['tasks', 'agents', 'openclaw_sessions', 'task_activities', 'task_deliverables', 'domain_events', 'api_tokens', 'idempotency_keys'];

interface Raw {
  status: number;
  body: string;
}

/** A raw HTTP request, so any path, header and body bytes reach the server as generated. */
function send(url: string, method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('every write endpoint under generated bad input (fast-check)', () => {
  let t: TestApp;
  let db: Database.Database;
  const ids: Record<'task' | 'agent' | 'session' | 'deliverable' | 'token', string[]> = { task: [], agent: [], session: [], deliverable: [], token: [] };
  const secrets: string[] = [];
  const op = { Authorization: `Bearer ${OPERATOR}` };

  beforeAll(async () => {
    t = await startTestApp({ env: { MC_API_TOKEN: OPERATOR } });
    for (let i = 0; i < 3; i++) {
      const agent = (await t.http().post('/api/agents').set(op).send({ name: `Agent ${i}`, role: 'x' }).expect(201)).body.id;
      const task = (await t.http().post('/api/tasks').set(op).send({ title: `Task ${i}` }).expect(201)).body.id;
      const session = (await t.http().post(`/api/tasks/${task}/subagent`).set(op).send({ openclaw_session_id: `run-${i}`, agent_name: `Sub ${i}` }).expect(201)).body.id;
      const deliverable = (await t.http().post(`/api/tasks/${task}/deliverables`).set(op).send({ deliverable_type: 'file', title: 'f', path: 'f.txt' }).expect(201)).body.id;
      const token = (await t.http().post('/api/tokens').set(op).send(i === 0 ? { role: 'viewer' } : { role: 'agent', agent_id: agent }).expect(201)).body;
      ids.agent.push(agent);
      ids.task.push(task);
      ids.session.push(session);
      ids.deliverable.push(deliverable);
      ids.token.push(token.id);
      secrets.push(token.token);
    }
    db = new Database(t.dbFile, { readonly: true });
  });
  afterAll(async () => {
    db?.close();
    await t.close();
  });

  const rowCount = (): number => TABLES.reduce((sum, table) => sum + (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, 0);

  const kinds = ['task', 'agent', 'session', 'deliverable', 'token'] as const;
  const ENDPOINTS: Array<{ method: string; path: (id: string) => string; kind?: (typeof kinds)[number] }> = [
    { method: 'POST', path: () => '/api/tasks' },
    { method: 'PATCH', path: (id) => `/api/tasks/${id}`, kind: 'task' },
    { method: 'DELETE', path: (id) => `/api/tasks/${id}`, kind: 'task' },
    { method: 'POST', path: (id) => `/api/tasks/${id}/activities`, kind: 'task' },
    { method: 'POST', path: (id) => `/api/tasks/${id}/deliverables`, kind: 'task' },
    { method: 'POST', path: (id) => `/api/tasks/${id}/subagent`, kind: 'task' },
    { method: 'PATCH', path: (id) => `/api/sessions/${id}`, kind: 'session' },
    { method: 'POST', path: (id) => `/api/sessions/${id}/heartbeat`, kind: 'session' },
    { method: 'POST', path: () => '/api/agents' },
    { method: 'PATCH', path: (id) => `/api/agents/${id}`, kind: 'agent' },
    { method: 'DELETE', path: (id) => `/api/agents/${id}`, kind: 'agent' },
    { method: 'POST', path: () => '/api/tokens' },
    { method: 'DELETE', path: (id) => `/api/tokens/${id}`, kind: 'token' },
    { method: 'POST', path: (id) => `/api/deliverables/${id}/link`, kind: 'deliverable' },
  ];

  it('answers >= 1,200 generated requests without a 5xx, and a refused request writes no row', async () => {
    // Built here: the fixtures' ids exist only once beforeAll has run.
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
    const pathId = fc.oneof(
      fc.constantFrom(...kinds).chain((kind) => fc.constantFrom(...ids[kind])),
      fc.string({ maxLength: 300 }).map(encodeURIComponent),
      fc.constantFrom('%', '%zz', '%00', '..', '%2e%2e', '%2F', 'null', '-1', '1e999', '%E6%8A%A5', 'a'.repeat(500)),
    );
    const fields = ['title', 'status', 'priority', 'assigned_agent_id', 'agent_id', 'activity_type', 'message', 'metadata', 'deliverable_type', 'path', 'role', 'name', 'label', 'openclaw_session_id', 'agent_name', 'summary', 'due_date', 'is_master', '__proto__', 'constructor'];
    const badValue = fc.oneof(fc.anything(), fc.constantFrom('', 'done', 'agent', 'viewer', 'file', ...ids.agent), fc.string({ maxLength: 6000 }));
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom(...fields), badValue, { maxKeys: 6 }).map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '{"title":', '[]', '[{}]', 'null', '"x"', '{"title":"x"}{', '\u0000', '{"__proto__":{"admin":true}}'),
      fc.constant(undefined),
    );
    const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data', undefined);
    const authorization = fc.oneof(
      fc.constant(`Bearer ${OPERATOR}`),
      fc.constant(`Bearer ${OPERATOR}`),
      fc.constantFrom(...secrets).map((secret) => `Bearer ${secret}`),
      printable.map((value) => `Bearer ${value}`),
      printable,
      fc.constant(undefined),
    );
    const query = fc.dictionary(fc.constantFrom('token', 'expires', 'sig', 'limit', 'status', 'since', 'x'), printable, { maxKeys: 3 });
    let refusedCount = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        pathId,
        body,
        contentType,
        authorization,
        query,
        fc.option(printable),
        fc.option(printable),
        async (endpoint, id, payload, type, auth, params, idempotencyKey, ifMatch) => {
          const headers: Record<string, string> = {};
          if (type) headers['Content-Type'] = type;
          if (auth !== undefined) headers.Authorization = auth;
          if (idempotencyKey !== null) headers['Idempotency-Key'] = idempotencyKey;
          if (ifMatch !== null) headers['If-Match'] = ifMatch;
          const search = new URLSearchParams(params).toString();
          const before = rowCount();
          const res = await send(t.url, endpoint.method, endpoint.path(id) + (search ? `?${search}` : ''), headers, payload);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            refusedCount++;
            expect(rowCount()).toBe(before);
            expect(JSON.parse(res.body)).toEqual({ statusCode: res.status, error: expect.any(String), message: expect.any(String) });
          }
        },
      ),
      { numRuns: 1200 },
    );
    expect(refusedCount).toBeGreaterThan(1000);
    // healthy afterwards: the health check and a real write
    await t.http().get('/api/health').expect(200);
    await t.http().post('/api/tasks').set(op).send({ title: 'still fine' }).expect(201);
  }, 180_000);
});
