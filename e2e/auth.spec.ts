import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { OpenedPage, cardIn, openDashboard, screenshot, waitLive } from './support/browser';
import { Rest } from './support/rest';
import { TestServer } from './support/server';
import { Started } from './support/started';

const TOKEN = 'e2e-secret-token';

/** What an agent-written HTML file's own script can find, reported through its title. */
const PROBE = `<!doctype html><meta charset="utf-8"><title>probe</title><h1>Agent report</h1><script>
function read(f) { try { return String(f()); } catch (e) { return 'blocked:' + e.name; } }
var seen = {
  href: location.href,
  referrer: document.referrer,
  local: read(function () { return JSON.stringify(Object.assign({}, localStorage)); }),
  session: read(function () { return JSON.stringify(Object.assign({}, sessionStorage)); }),
  cookie: read(function () { return document.cookie; }),
  opener: read(function () { return window.opener ? window.opener.location.href : 'none'; }),
  name: window.name
};
document.title = 'probe:' + JSON.stringify(seen);
</script>`;

/** A server started with MC_API_TOKEN: sign-in, the token kept out of every URL, deliverables opened by signed links. */
describe('dashboard with MC_API_TOKEN (real server, headless Chromium)', () => {
  const started = new Started();
  let server: TestServer;
  let browser: Browser;
  let rest: Rest;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([started.server({ env: { MC_API_TOKEN: TOKEN } }), started.browser()]);
    rest = new Rest(server.url, TOKEN);
  });

  afterEach(async () => {
    for (const { context } of opened.splice(0)) await context.close();
  });

  afterAll(() => started.stopAll());

  const storageOf = (page: Page) =>
    page.evaluate(() => ({ href: location.href, session: sessionStorage.getItem('mc_token'), local: localStorage.getItem('mc_token'), cookie: document.cookie }));

  it('opened with ?token=, goes live, and the token leaves the address bar for sessionStorage', async () => {
    const page = await openDashboard(browser, `${server.url}/?token=${TOKEN}`);
    opened.push(page);
    const task = await rest.createTask({ title: 'Behind a token' });
    await cardIn(page.page, 'inbox', task.id).waitFor();
    expect(await storageOf(page.page)).toEqual({ href: `${server.url}/`, session: TOKEN, local: null, cookie: '' });
    // the stylesheet loaded under the CSP (its onload handler is allowed by hash)
    expect(await page.page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('14px');
    expect(page.errors.filter((error) => /Content Security Policy/i.test(error))).toEqual([]);
  });

  it('opens an HTML deliverable through a signed link: its own script finds no token anywhere', async () => {
    const page = await openDashboard(browser, `${server.url}/?token=${TOKEN}`);
    opened.push(page);
    const task = await rest.createTask({ title: 'With an HTML report' });
    fs.writeFileSync(path.join(server.deliverablesRoot, 'report.html'), PROBE);
    await rest.addDeliverable(task.id, { deliverable_type: 'file', title: 'Report', path: 'report.html' });

    await page.page.goto(`${server.url}/tasks/${task.id}`);
    await waitLive(page.page);
    await page.page.getByTestId('tab-deliverables').click();
    const [popup] = await Promise.all([page.context.waitForEvent('page'), page.page.getByTestId('deliverable-open').click()]);
    await popup.waitForFunction(() => document.title.startsWith('probe:'), undefined, { timeout: 15_000 });
    const seen = JSON.parse((await popup.title()).slice('probe:'.length)) as Record<string, string>;

    expect(JSON.stringify(seen)).not.toContain(TOKEN);
    expect(seen.href).toMatch(new RegExp(`^${server.url}/api/deliverables/[^/]+/content\\?expires=\\d+&sig=[\\w-]+$`));
    // a sandboxed, opaque origin: no storage, no cookies, no way back into the dashboard
    expect(seen.local).toMatch(/^blocked:/);
    expect(seen.session).toMatch(/^blocked:/);
    expect(seen.cookie).toMatch(/^(blocked:|$)/);
    expect(seen.opener).toBe('none');
    expect(seen.referrer).toBe('');
    // the dashboard's own URL never carried it either
    expect(await storageOf(page.page)).toMatchObject({ session: TOKEN, local: null });
    expect(page.page.url()).not.toContain(TOKEN);
  });

  it('without a token, shows the sign-in screen; a wrong token is refused, the right one signs in, and sign out forgets it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    opened.push({ context, page, errors: [] });
    await page.goto(server.url);
    await page.getByTestId('sign-in').waitFor({ timeout: 15_000 });
    await screenshot(page, 'sign-in');

    await page.getByTestId('sign-in-token').fill('not-the-token');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-error').filter({ hasText: 'refused' }).waitFor();

    await page.getByTestId('sign-in-token').fill(TOKEN);
    await page.getByTestId('sign-in-submit').click();
    await waitLive(page);
    expect(await page.getByTestId('sign-in').count()).toBe(0);
    expect(await storageOf(page)).toMatchObject({ session: TOKEN, local: null });

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor({ timeout: 15_000 });
    expect(await storageOf(page)).toMatchObject({ session: null, local: null });
  });
});
