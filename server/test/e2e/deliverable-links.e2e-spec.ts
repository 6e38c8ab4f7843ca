import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MissionControlClient } from '@mission-control/shared';
import { LinkSigner } from '../../src/auth/link-signer';
import { startTestApp, TestApp } from './support/test-app';

const OPERATOR = 'links-operator';
const op = { Authorization: `Bearer ${OPERATOR}` };

describe('signed deliverable links and file names', () => {
  let t: TestApp;
  let pageId: string;
  let notesId: string;
  let chineseId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { MC_API_TOKEN: OPERATOR } });
    const root = t.config.deliverablesRoot;
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'page.html'), '<!doctype html><script>document.title = location.href</script>');
    fs.writeFileSync(path.join(root, 'notes.txt'), 'notes');
    fs.writeFileSync(path.join(root, '报告.html'), '<h1>报告</h1>');
    const task = (await t.http().post('/api/tasks').set(op).send({ title: 'Files' }).expect(201)).body.id;
    const add = async (title: string, file: string) =>
      (await t.http().post(`/api/tasks/${task}/deliverables`).set(op).send({ deliverable_type: 'file', title, path: file }).expect(201)).body.id;
    pageId = await add('Page', 'page.html');
    notesId = await add('Notes', 'notes.txt');
    chineseId = await add('Report', '报告.html');
  });
  afterAll(() => t.close());

  it('a link opens the content without a token, sandboxed, and carries no token', async () => {
    const link = await t.http().post(`/api/deliverables/${pageId}/link`).set(op).expect(200);
    expect(link.body).toEqual({ url: expect.stringMatching(/^\/api\/deliverables\/[^/]+\/content\?expires=\d+&sig=[\w-]+$/), expires_at: expect.any(String) });
    expect(link.body.url).not.toContain(OPERATOR);
    const expiresIn = Date.parse(link.body.expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);
    const res = await t.http().get(link.body.url).expect(200);
    expect(res.headers['content-security-policy']).toBe('sandbox allow-scripts');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toContain('<script>');
  });

  it('a link is bound to its deliverable, cannot be altered, and is refused once expired', async () => {
    const link = (await t.http().post(`/api/deliverables/${pageId}/link`).set(op).expect(200)).body.url as string;
    const other = link.replace(pageId, notesId);
    expect((await t.http().get(other)).status).toBe(401);
    const tampered = link.replace(/expires=(\d+)/, (_m, n: string) => `expires=${Number(n) + 1000}`);
    expect((await t.http().get(tampered)).status).toBe(401);
    const signer = new LinkSigner(t.config);
    const expired = signer.sign(pageId, Date.now() - 6 * 60_000).url;
    const refused = await t.http().get(expired);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/invalid or has expired/);
    // a link opens content only: not the deliverable's JSON, and no write
    const sig = link.slice(link.indexOf('?'));
    expect((await t.http().get(`/api/deliverables/${pageId}${sig}`)).status).toBe(401);
  });

  it('another instance of the same deployment (same MC_API_TOKEN) accepts the link', () => {
    const mine = new LinkSigner(t.config);
    const theirs = new LinkSigner({ ...t.config });
    const url = new URL(mine.sign(pageId).url, 'http://x');
    expect(theirs.verify(pageId, url.searchParams.get('expires'), url.searchParams.get('sig'))).toBe(true);
    expect(new LinkSigner({ ...t.config, apiToken: 'another' }).verify(pageId, url.searchParams.get('expires'), url.searchParams.get('sig'))).toBe(false);
  });

  it('agent and viewer tokens may ask for a link; an unknown deliverable is 404', async () => {
    const agent = (await t.http().post('/api/agents').set(op).send({ name: 'Linker', role: 'x' }).expect(201)).body.id;
    for (const body of [{ role: 'viewer' }, { role: 'agent', agent_id: agent }]) {
      const { token } = (await t.http().post('/api/tokens').set(op).send(body).expect(201)).body;
      await t.http().post(`/api/deliverables/${notesId}/link`).set('Authorization', `Bearer ${token}`).expect(200);
    }
    expect((await t.http().post('/api/deliverables/nope/link').set(op)).status).toBe(404);
  });

  it('the typed client issues and revokes tokens and resolves a link to an absolute URL', async () => {
    const client = new MissionControlClient({ baseUrl: t.url, token: OPERATOR, retries: 0 });
    const viewer = await client.issueToken({ role: 'viewer', label: 'typed' });
    expect((await client.listTokens()).map((token) => token.id)).toContain(viewer.id);
    const link = await new MissionControlClient({ baseUrl: t.url, token: viewer.token, retries: 0 }).deliverableLink(notesId);
    expect(link.url.startsWith(`${t.url}/api/deliverables/${notesId}/content?`)).toBe(true);
    expect(await (await fetch(link.url)).text()).toBe('notes');
    await client.revokeToken(viewer.id);
    await expect(new MissionControlClient({ baseUrl: t.url, token: viewer.token, retries: 0 }).listTasks()).rejects.toMatchObject({ status: 401 });
  });

  it('serves a non-Latin file name with an RFC 5987 Content-Disposition', async () => {
    const res = await t.http().get(`/api/deliverables/${chineseId}/content`).set(op).expect(200);
    expect(res.headers['content-disposition']).toBe(`inline; filename="??.html"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.html`);
    expect(res.text).toBe('<h1>报告</h1>');
  });
});

describe('refusing to start open beyond loopback', () => {
  const main = path.resolve(__dirname, '../../dist/main.js');

  const run = (env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });

  it('exits non-zero with HOST=0.0.0.0 and no MC_API_TOKEN, saying what to set', async () => {
    expect(fs.existsSync(main)).toBe(true); // npm run build -w server
    const { code, output } = await run({ HOST: '0.0.0.0', PORT: '0', DATABASE_URL: 'sqlite::memory:' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/Refusing to listen on 0\.0\.0\.0 without authentication/);
    expect(output).toMatch(/MC_API_TOKEN=/);
    expect(output).toMatch(/MC_ALLOW_NO_AUTH=1/);
  });
});
