import { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { card, cardIn, markNoReload, waitForExactText, wasNotReloaded } from './support/browser';
import { Rest } from './support/rest';
import { TestServer } from './support/server';
import { Started } from './support/started';

/**
 * The socket drops (the test cuts it through Playwright's WebSocket routing), changes happen meanwhile,
 * and the dashboard must catch up from its last seq when it reconnects: nothing missing, nothing twice.
 */
describe('dashboard reconnect (real server, headless Chromium)', () => {
  const started = new Started();
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let rest: Rest;
  let networkDown = false;
  const connections: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  /** Socket.IO CONNECT packets (`40{…auth…}`) the page sent, one per (re)connection. */
  const handshakes: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([started.server(), started.browser()]);
    rest = new Rest(server.url);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (networkDown) {
        ws.close({ code: 1006, reason: 'network down' });
        return;
      }
      const upstream = ws.connectToServer();
      ws.onMessage((message) => {
        if (typeof message === 'string' && message.startsWith('40')) handshakes.push(message);
        upstream.send(message);
      });
      upstream.onMessage((message) => ws.send(message));
      connections.push({ page: ws, server: upstream });
    });
  });

  afterAll(() => started.stopAll());

  it('shows reconnecting while the socket is down, then catches up on everything it missed, once', async () => {
    const first = await rest.createTask({ title: 'Before the outage' });
    await page.goto(server.url);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    await cardIn(page, 'inbox', first.id).waitFor();
    await markNoReload(page);
    expect(handshakes).toHaveLength(1);
    expect(JSON.parse(handshakes[0].slice(2))).not.toHaveProperty('lastSeq');

    // Cut the connection and keep it down.
    networkDown = true;
    for (const { page: pageSide, server: serverSide } of connections.splice(0)) {
      serverSide.close();
      pageSide.close({ code: 1006, reason: 'network down' });
    }
    await page.locator('[data-testid="connection-state"]:is([data-state="reconnecting"], [data-state="offline"])').waitFor();

    // Meanwhile an agent keeps working.
    const missed = await rest.createTask({ title: 'Created during the outage', priority: 'urgent' });
    await rest.updateTask(first.id, { status: 'review' });
    await rest.registerSubagent(missed.id, { openclaw_session_id: 'oc-outage', agent_name: 'Night Shift Sub-Agent' });

    networkDown = false;
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: 20_000 });

    await cardIn(page, 'inbox', missed.id).waitFor();
    await cardIn(page, 'review', first.id).waitFor();
    await waitForExactText(page.getByTestId('active-subagents'), 'Active Sub-Agents: 1');
    expect(await card(page, missed.id).count()).toBe(1);
    expect(await card(page, first.id).count()).toBe(1);

    // The reconnect asked the server to resume from the last seq it had seen.
    const resume = JSON.parse(handshakes.at(-1)!.slice(2)) as { lastSeq?: number; rooms?: string[] };
    expect(resume.rooms).toEqual(['board']);
    expect(typeof resume.lastSeq).toBe('number');
    expect(resume.lastSeq).toBeGreaterThan(0);

    // Each missed event reached the feed once.
    await page.getByTestId('toggle-feed').click();
    const seqs = await page.getByTestId('feed-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-seq')));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(await page.getByTestId('feed-item').filter({ hasText: 'Task “Created during the outage” created' }).count()).toBe(1);
    expect(await wasNotReloaded(page)).toBe(true);
  });
});
