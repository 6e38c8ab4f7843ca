import { LIMITS, TASK_STATUSES } from '@mission-control/shared';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROUTE_RESPONSES, routeKey } from '../../src/openapi/route-responses';
import { allSchemas, openApiProblems, schemaCompiler } from './support/openapi-check';
import { readmeBlock } from './support/readme-examples';
import { startTestApp, tempDir, TestApp } from './support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every route the running server answers, as Fastify added them: `METHOD /path/{param}`. */
function routesOf(t: TestApp): string[] {
  return (
    t.routes
      // Fastify answers HEAD for every GET by itself; the document lists the GET.
      .filter((route) => !route.startsWith('HEAD '))
      .map((route) => route.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1'))
      // Swagger UI's own files and aliases under /api/docs/ (the page itself, /api/docs, is a route like any other).
      .filter((route) => !/ \/api\/docs\//.test(route) && !/ \/api\/docs\*$/.test(route))
  );
}

const operationsOf = (doc: Json) =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) => Object.keys(item as Json).map((method) => `${method.toUpperCase()} ${path}`));

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http().get('/api/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.body as Json;
  });
  afterAll(() => t.close());

  it('lists every route the running server has, and no route it does not have', () => {
    const routes = routesOf(t);
    expect(routes).toEqual(expect.arrayContaining(['POST /api/tasks', 'GET /api/events/stream', 'POST /api/mcp', 'GET /api/openapi.json']));
    expect(operationsOf(doc).sort()).toEqual([...new Set(routes)].sort());
  });

  it('is a valid OpenAPI 3.0 document whose every schema compiles as JSON Schema', () => {
    expect(openApiProblems(doc)).toEqual([]);
    const compile = schemaCompiler(doc);
    const broken = allSchemas(doc).flatMap(({ where, schema }) => {
      try {
        compile(schema);
        return [];
      } catch (error) {
        return [`${where}: ${(error as Error).message}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it('the structural check does catch a broken document', () => {
    const broken = JSON.parse(JSON.stringify(doc)) as Json;
    broken.openapi = '2.0';
    broken.paths['/api/tasks/{id}'].get.parameters = [];
    broken.paths['/api/tasks'].get.responses = { ok: { description: 'x' } };
    broken.paths['/api/tasks'].post.requestBody.content['application/json'].schema = { $ref: '#/components/schemas/Nope' };
    broken.paths['/api/stats'].get.operationId = 'Tasks_list';
    expect(openApiProblems(broken)).toEqual([
      'openapi: must be 3.0.x, is 2.0',
      'GET /api/tasks: response key "ok" is not a status code',
      'GET /api/tasks/{id}: {id} has no path parameter',
      'GET /api/stats: duplicate operationId Tasks_list',
      '#/components/schemas/Nope: does not resolve',
    ]);
    expect(() => schemaCompiler(doc)({ type: 'string', maxLenght: 3 })).toThrow(/unknown keyword/);
  });

  it('describes each request from the DTO that validates it', async () => {
    const createTask = doc.components.schemas.CreateTaskDto;
    expect(createTask.required).toEqual(['title']);
    expect(createTask.properties.title).toMatchObject({ type: 'string', minLength: 1, maxLength: LIMITS.title });
    expect(createTask.properties.status).toMatchObject({ type: 'string', enum: [...TASK_STATUSES] });
    expect(createTask.properties.description).toMatchObject({ type: 'string', nullable: true });
    expect(doc.components.schemas.CreateActivityDto.properties.metadata).toMatchObject({ type: 'object', nullable: true });
    expect(doc.paths['/api/tasks/{taskId}/activities'].post.requestBody.content['application/json'].schema).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/CreateActivityDto' },
        { type: 'array', items: { $ref: '#/components/schemas/CreateActivityDto' }, minItems: 1, maxItems: 1000 },
      ],
    });
    expect(doc.paths['/api/tasks'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateTaskDto' });
    const query = Object.fromEntries((doc.paths['/api/tasks'].get.parameters as Json[]).map((p) => [p.name, p]));
    expect(query.status).toMatchObject({ in: 'query', required: false, schema: { type: 'string', enum: [...TASK_STATUSES] } });
    expect(query.limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: LIMITS.listMax });

    // What the document allows the server accepts, and what it forbids the server refuses.
    const validate = schemaCompiler(doc)({ $ref: '#/components/schemas/CreateTaskDto' });
    const good = { title: 'x'.repeat(LIMITS.title), status: 'review', description: null };
    const bad = [{ title: 'x'.repeat(LIMITS.title + 1) }, { title: 'ok', status: 'later' }, {}];
    expect(validate(good)).toBe(true);
    await t.http().post('/api/tasks').send(good).expect(201);
    for (const body of bad) {
      expect(validate(body)).toBe(false);
      await t.http().post('/api/tasks').send(body).expect(400);
    }
  });

  it('gives every route its success response and the one error body', () => {
    const untyped = operationsOf(doc).filter((operation) => {
      const [method, path] = operation.split(' ');
      return !path.startsWith('/api/mcp') && !path.startsWith('/api/docs') && path !== '/api/openapi.json' && !ROUTE_RESPONSES[routeKey(method, path)];
    });
    expect(untyped).toEqual([]);
    for (const operation of operationsOf(doc)) {
      const [method, path] = operation.split(' ');
      const responses = doc.paths[path][method.toLowerCase()].responses as Json;
      expect([operation, Object.keys(responses).some((status) => /^2/.test(status))]).toEqual([operation, true]);
      if (!path.startsWith('/api/docs') && path !== '/api/openapi.json') expect([operation, responses['4XX']]).toEqual([operation, { $ref: '#/components/responses/Error' }]);
    }
    expect(doc.components.responses.Error.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(doc.paths['/api/tasks/{id}'].delete.responses['204']).toBeDefined();
    expect(doc.paths['/api/tasks/{id}'].patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' })]));
  });

  it('matches what the server really answers, route by route', async () => {
    const compile = schemaCompiler(doc);
    const checked: string[] = [];
    const check = async (method: string, template: string, actual: string, body?: object) => {
      const res = await (t.http() as unknown as Record<string, (path: string) => { send(body?: object): Promise<{ status: number; body: unknown }> }>)
        [method.toLowerCase()](actual)
        .send(body);
      const response = doc.paths[template][method.toLowerCase()].responses[res.status] ?? doc.paths[template][method.toLowerCase()].responses[`${String(res.status)[0]}XX`];
      expect([method, template, res.status, response !== undefined]).toEqual([method, template, res.status, true]);
      const schema = (response.$ref ? doc.components.responses.Error : response).content?.['application/json']?.schema;
      if (schema) {
        const validate = compile(schema);
        expect([method, template, validate(res.body) ? 'valid' : validate.errors]).toEqual([method, template, 'valid']);
      }
      checked.push(`${method} ${template} ${res.status}`);
      return res.body as Json;
    };
    const agent = await check('POST', '/api/agents', '/api/agents', { name: 'Charlie', role: 'orchestrator', is_master: true });
    await check('GET', '/api/agents', '/api/agents');
    await check('GET', '/api/agents/{id}', `/api/agents/${agent.id}`);
    await check('PATCH', '/api/agents/{id}', `/api/agents/${agent.id}`, { status: 'working' });
    const task = await check('POST', '/api/tasks', '/api/tasks', { title: 'Documented', due_date: '2026-12-01T00:00:00.000Z', assigned_agent_id: agent.id });
    await check('GET', '/api/tasks', '/api/tasks?status=inbox&limit=5');
    await check('GET', '/api/tasks/{id}', `/api/tasks/${task.id}`);
    await check('PATCH', '/api/tasks/{id}', `/api/tasks/${task.id}`, { status: 'in_progress' });
    await check('POST', '/api/tasks/{taskId}/activities', `/api/tasks/${task.id}/activities`, { activity_type: 'updated', message: 'm', metadata: { a: 1 } });
    await check('GET', '/api/tasks/{taskId}/activities', `/api/tasks/${task.id}/activities`);
    const deliverable = await check('POST', '/api/tasks/{taskId}/deliverables', `/api/tasks/${task.id}/deliverables`, { deliverable_type: 'url', title: 'Docs', path: 'https://example.com' });
    await check('GET', '/api/tasks/{taskId}/deliverables', `/api/tasks/${task.id}/deliverables`);
    await check('GET', '/api/deliverables/{id}', `/api/deliverables/${deliverable.id}`);
    const session = await check('POST', '/api/tasks/{taskId}/subagent', `/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'child-1', agent_name: 'Dev' });
    await check('POST', '/api/tasks/{taskId}/subagent', `/api/tasks/${task.id}/subagent`, { openclaw_session_id: 'child-1', agent_name: 'Dev' });
    await check('GET', '/api/tasks/{taskId}/subagent', `/api/tasks/${task.id}/subagent`);
    await check('POST', '/api/sessions/{id}/heartbeat', `/api/sessions/${session.id}/heartbeat`);
    await check('GET', '/api/sessions', '/api/sessions?session_type=subagent');
    await check('PATCH', '/api/sessions/{id}', `/api/sessions/${session.id}`, { status: 'completed', summary: 'done' });
    await check('GET', '/api/stats', '/api/stats');
    await check('GET', '/api/health', '/api/health');
    await check('GET', '/api/events', '/api/events?since=0');
    await check('GET', '/api/tasks/{id}', '/api/tasks/missing');
    await check('POST', '/api/tasks', '/api/tasks', { title: 5 });
    await check('DELETE', '/api/tasks/{id}', `/api/tasks/${task.id}`);
    await check('DELETE', '/api/agents/{id}', `/api/agents/${agent.id}`);
    expect(checked).toEqual(expect.arrayContaining(['POST /api/tasks/{taskId}/subagent 201', 'POST /api/tasks/{taskId}/subagent 200', 'GET /api/tasks/{id} 404', 'POST /api/tasks 400']));
  });

  it("the README's download command fetches the document", async () => {
    const dir = tempDir('mc-openapi-');
    const command = readmeBlock('openapi').trim().replaceAll('http://localhost:4000', t.url);
    await new Promise<void>((resolve, reject) => execFile('sh', ['-c', command], { cwd: dir }, (error) => (error ? reject(error) : resolve())));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'mission-control.openapi.json'), 'utf8'))).toEqual(doc);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves a browsable page of the document at /api/docs', async () => {
    const page = await t.http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>Mission Control API</title>');
    expect(page.text).toContain('swagger-ui');
    const init = await t.http().get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"/api/tasks/{taskId}/activities"');
  });
});

describe('OpenAPI document with an API token', () => {
  it('is readable without the token (it describes the API, it holds no data)', async () => {
    const t = await startTestApp({ env: { MC_API_TOKEN: 'secret-token' } });
    try {
      const res = await t.http().get('/api/openapi.json').expect(200);
      expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(res.body.paths['/api/health'].get.security).toEqual([]);
      await t.http().get('/api/tasks').expect(401);
    } finally {
      await t.close();
    }
  });
});
