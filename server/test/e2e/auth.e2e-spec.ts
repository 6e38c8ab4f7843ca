import { sameSecret } from '../../src/auth/authorization';
import { startTestApp, TestApp } from './support/test-app';

describe('MC_API_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MC_API_TOKEN: 's3cret-token' } });
  });
  afterAll(() => t.close());

  it('refuses REST calls without the token with 401 and the one error body', async () => {
    for (const [method, path] of [
      ['get', '/api/tasks'],
      ['post', '/api/tasks'],
      ['get', '/api/stats'],
      ['get', '/api/agents'],
      ['get', '/api/sessions'],
    ] as const) {
      const res = await t.http()[method](path).send(method === 'post' ? { title: 'x' } : undefined);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('Authorization: Bearer') });
    }
    expect(t.count('tasks')).toBe(0);
  });

  it('refuses a wrong token and a token in the wrong scheme', async () => {
    const wrong = await t.http().get('/api/tasks').set('Authorization', 'Bearer nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('Invalid API token');
    expect((await t.http().get('/api/tasks').set('Authorization', 'Basic s3cret-token')).status).toBe(401);
    // A query token is only for transports that cannot send headers.
    expect((await t.http().get('/api/tasks?token=s3cret-token')).status).toBe(401);
  });

  it('lets calls with the token through', async () => {
    const created = await t.http().post('/api/tasks').set('Authorization', 'Bearer s3cret-token').send({ title: 'Authorized' });
    expect(created.status).toBe(201);
    const list = await t.http().get('/api/tasks').set('Authorization', 'bearer s3cret-token');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
  });

  it('keeps GET /api/health open', async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('no longer accepts ?token= for a deliverable file: only a signed link', async () => {
    const task = await t.http().post('/api/tasks').set('Authorization', 'Bearer s3cret-token').send({ title: 'With a file' });
    const deliverable = await t
      .http()
      .post(`/api/tasks/${task.body.id}/deliverables`)
      .set('Authorization', 'Bearer s3cret-token')
      .send({ deliverable_type: 'file', title: 'missing', path: 'missing.txt' });
    expect((await t.http().get(`/api/deliverables/${deliverable.body.id}/content`)).status).toBe(401);
    expect((await t.http().get(`/api/deliverables/${deliverable.body.id}/content?token=s3cret-token`)).status).toBe(401);
    // Past the guard with a signed link: the file does not exist.
    const link = await t.http().post(`/api/deliverables/${deliverable.body.id}/link`).set('Authorization', 'Bearer s3cret-token').expect(200);
    expect(link.body.url).not.toContain('s3cret-token');
    expect((await t.http().get(link.body.url)).status).toBe(404);
  });
});

describe('without MC_API_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('needs no token', async () => {
    expect((await t.http().get('/api/tasks')).status).toBe(200);
  });
});

describe('sameSecret', () => {
  it('accepts only the exact secret', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('abc', '')).toBe(false);
  });
});
