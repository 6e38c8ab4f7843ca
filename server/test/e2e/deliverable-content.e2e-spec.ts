import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestApp, tempDir, TestApp } from './support/test-app';

describe('GET /api/deliverables/:id/content', () => {
  let t: TestApp;
  let root: string;
  let taskId: string;
  let outside: string;
  beforeAll(async () => {
    t = await startTestApp();
    root = t.config.deliverablesRoot;
    fs.mkdirSync(path.join(root, 'task-1'), { recursive: true });
    fs.writeFileSync(path.join(root, 'task-1', 'test-page.html'), '<!doctype html><title>Test Page</title><h1>Hello</h1>');
    fs.writeFileSync(path.join(root, 'notes.txt'), 'plain notes');
    outside = tempDir('mc-outside-');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'task-1', 'escape.txt'));
    fs.symlinkSync(outside, path.join(root, 'escape-dir'));
    fs.mkdirSync(path.join(root, 'a-folder'));
    taskId = (await t.http().post('/api/tasks').send({ title: 'Files' })).body.id;
  });
  afterAll(() => t.close());

  const deliverable = async (deliverablePath: string | null, type = 'file'): Promise<string> => {
    const res = await t
      .http()
      .post(`/api/tasks/${taskId}/deliverables`)
      .send({ deliverable_type: type, title: 'x', ...(deliverablePath === null ? {} : { path: deliverablePath }) });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const content = async (deliverablePath: string | null, type = 'file') => t.http().get(`/api/deliverables/${await deliverable(deliverablePath, type)}/content`);

  it('serves a file inside the root by relative path, with its content type', async () => {
    const res = await content('task-1/test-page.html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="test-page.html"');
    expect(res.headers['content-security-policy']).toBe('sandbox allow-scripts');
    expect(res.text).toBe('<!doctype html><title>Test Page</title><h1>Hello</h1>');
  });

  it('serves a file inside the root by absolute path', async () => {
    const res = await content(path.resolve(root, 'notes.txt'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('plain notes');
  });

  it('serves a file named through the real path when the root is reached through a symbolic link', async () => {
    const real = tempDir('mc-real-root-');
    fs.writeFileSync(path.join(real, 'linked.txt'), 'through the link');
    const link = path.join(tempDir('mc-link-'), 'root');
    fs.symlinkSync(real, link);
    const linked = await startTestApp({ env: { DELIVERABLES_ROOT: link } });
    try {
      const task = await linked.http().post('/api/tasks').send({ title: 'Linked root' });
      for (const stored of [path.join(real, 'linked.txt'), path.join(link, 'linked.txt'), 'linked.txt']) {
        const created = await linked.http().post(`/api/tasks/${task.body.id}/deliverables`).send({ deliverable_type: 'file', title: 'x', path: stored });
        const res = await linked.http().get(`/api/deliverables/${created.body.id}/content`);
        expect([stored, res.status, res.text]).toEqual([stored, 200, 'through the link']);
      }
    } finally {
      await linked.close();
    }
  });

  it('expands ~ to the home folder', async () => {
    const home = process.env.HOME;
    process.env.HOME = path.dirname(path.resolve(root));
    try {
      const res = await content(`~/${path.basename(root)}/notes.txt`);
      expect(res.status).toBe(200);
      expect(res.text).toBe('plain notes');
    } finally {
      process.env.HOME = home;
    }
  });

  it.each([
    ['a ".." escape', () => '../mission-control.db', /contains "\.\."/],
    ['a ".." inside the root', () => 'task-1/../notes.txt', /contains "\.\."/],
    ['an absolute path outside the root', () => path.join(outside, 'secret.txt'), /outside DELIVERABLES_ROOT/],
    ['/etc/passwd', () => '/etc/passwd', /outside DELIVERABLES_ROOT/],
    ['a ~ path outside the root', () => '~/.bashrc', /outside DELIVERABLES_ROOT/],
    ['a symlinked file leading out', () => 'task-1/escape.txt', /symbolic link/],
    ['a symlinked folder leading out', () => 'escape-dir/secret.txt', /symbolic link/],
    ['the root itself', () => '.', /outside DELIVERABLES_ROOT/],
  ])('refuses %s with 403', async (_label, target, message) => {
    const res = await content(target());
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringMatching(message) });
    expect(res.text).not.toContain('top secret');
  });

  it('answers 404 for a missing file, a folder, a file deliverable without a path and an unknown deliverable', async () => {
    const missing = await content('task-1/nope.html');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('does not exist');
    expect((await content('a-folder')).status).toBe(404);
    expect((await content(null)).status).toBe(404);
    const unknown = await t.http().get('/api/deliverables/does-not-exist/content');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Deliverable "does-not-exist" not found');
  });

  it('answers 400 for a url or artifact deliverable', async () => {
    const res = await content('https://example.com/page', 'url');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('is a url, not a file');
    expect((await content('build-42', 'artifact')).status).toBe(400);
  });
});
