import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { OpenedPage, cardIn, openDashboard } from './support/browser';
import { Rest } from './support/rest';
import { TestServer } from './support/server';
import { Started } from './support/started';

const TOKEN = 'e2e-secret-token';

/** A server started with MC_API_TOKEN: the dashboard works when given the token, and says so when not. */
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

  it('opened with ?token=, goes live, shows tasks and serves file deliverables', async () => {
    const page = await openDashboard(browser, `${server.url}/?token=${TOKEN}`);
    opened.push(page);
    const task = await rest.createTask({ title: 'Behind a token' });
    await cardIn(page.page, 'inbox', task.id).waitFor();

    fs.writeFileSync(path.join(server.deliverablesRoot, 'secret.txt'), 'only with the token');
    const file = await rest.addDeliverable(task.id, { deliverable_type: 'file', title: 'Secret', path: 'secret.txt' });
    await page.page.goto(`${server.url}/?task=${task.id}`); // the token is remembered
    await page.page.getByTestId('tab-deliverables').click();
    const href = await page.page.getByTestId('deliverable-open').getAttribute('href');
    expect(href).toBe(`/api/deliverables/${file.id}/content?token=${TOKEN}`);
    expect(await (await page.page.request.get(`${server.url}${href}`)).text()).toBe('only with the token');
    expect(page.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('without the token, says offline and shows the server’s refusal instead of an empty board', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    opened.push({ context, page, errors: [] });
    await page.goto(server.url);
    await page.locator('[data-testid="connection-state"][data-state="offline"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('toast').filter({ hasText: 'API token' }).first().waitFor();
    await page.getByRole('alert').filter({ hasText: 'Could not load the board' }).waitFor();
    // A refused socket stays down instead of hammering the server: nothing to wait for but time here.
    const attempts: string[] = [];
    page.on('websocket', (ws) => attempts.push(ws.url()));
    await page.waitForTimeout(1500);
    expect(attempts.length).toBeLessThanOrEqual(1);
  });
});
