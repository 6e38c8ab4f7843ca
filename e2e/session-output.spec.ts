import { AgentSession, AppendOutputResult, Task } from '@mission-control/shared';
import { Browser } from 'playwright-core';
import { OpenedPage, card, openDashboard, screenshot } from './support/browser';
import { Rest } from './support/rest';
import { TestServer } from './support/server';
import { Started } from './support/started';

const numbered = (from: number, count: number, prefix = 'step') => Array.from({ length: count }, (_, i) => `${prefix} ${from + i}`);

/** A sub-agent's output, streamed while a person watches the board and the task's Sessions tab. */
describe('session output in the dashboard (headless Chromium)', () => {
  const started = new Started();
  let server: TestServer;
  let browser: Browser;
  let rest: Rest;
  let opened: OpenedPage | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([started.server(), started.browser()]);
    rest = new Rest(server.url);
  });
  afterAll(() => started.stopAll());

  const append = (session: AgentSession, lines: string[], stream?: 'stdout' | 'stderr') =>
    rest.request<AppendOutputResult>('POST', `/api/sessions/${session.id}/output`, stream ? { lines, stream } : { lines });

  it('shows the tail live in the Sessions tab, follows it, pages back, and puts the latest line on the card', async () => {
    const task: Task = await rest.createTask({ title: 'Stream the build log' });
    await rest.updateTask(task.id, { status: 'in_progress' });
    const session = await rest.registerSubagent(task.id, { openclaw_session_id: 'build-1', agent_name: 'Builder' });
    await append(session, numbered(1, 1000));
    await append(session, numbered(1001, 200));

    opened = await openDashboard(browser, server.url);
    const { page } = opened;
    const cardLine = card(page, task.id).getByTestId('task-card-output');
    await cardLine.filter({ hasText: /^step 1200$/ }).waitFor();
    await screenshot(page, 'session-output-card');

    await card(page, task.id).getByTestId('task-card-open').click();
    await page.getByTestId('tab-sessions').click();
    const terminal = page.getByTestId('session-output');
    const lines = terminal.getByTestId('output-line');
    await lines.last().filter({ hasText: 'step 1200' }).waitFor();
    expect(await lines.count()).toBe(500); // the tail; the rest pages in on demand
    expect(await lines.first().getAttribute('data-seq')).toBe('701');

    // Output streams in while the tab is open: it follows the tail, and the card follows too.
    for (let batch = 0; batch < 5; batch++) {
      await append(session, numbered(1201 + batch * 60, 60));
      if (batch === 2) await append(session, ['warning: slow disk'], 'stderr');
    }
    await lines.last().filter({ hasText: /^\s*\d+\s*step 1500$/ }).waitFor();
    await cardLine.filter({ hasText: /^step 1500$/ }).waitFor();
    expect(await terminal.getByTestId('output-line').filter({ hasText: 'warning: slow disk' }).getAttribute('data-stream')).toBe('stderr');
    const atBottom = () => terminal.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 24);
    await page.waitForFunction((el) => el!.scrollHeight - el!.scrollTop - el!.clientHeight <= 24, await terminal.elementHandle());
    await screenshot(page, 'session-output-live');

    // Scrolled up, it stays put while lines arrive, and offers a way back.
    await terminal.evaluate((el) => (el.scrollTop = 0));
    await page.getByTestId('output-jump-latest').waitFor();
    await append(session, numbered(1501, 20));
    await lines.last().filter({ hasText: 'step 1520' }).waitFor();
    expect(await atBottom()).toBe(false);
    await page.getByTestId('output-jump-latest').click();
    expect(await atBottom()).toBe(true);
    await page.getByTestId('output-jump-latest').waitFor({ state: 'hidden' });

    // Paging back through history.
    const before = Number(await lines.first().getAttribute('data-seq'));
    await page.getByTestId('output-load-earlier').click();
    await page.waitForFunction((seq) => document.querySelector('[data-testid="output-line"]')?.getAttribute('data-seq') !== String(seq), before);
    expect(Number(await lines.first().getAttribute('data-seq'))).toBe(before - 500);
    await page.getByTestId('output-load-earlier').click();
    await lines.first().filter({ hasText: /^\s*1\s*step 1$/ }).waitFor();
    await page.getByTestId('output-load-earlier').waitFor({ state: 'hidden' });

    // The session ends: the card no longer shows a running sub-agent's line.
    await rest.endSession(session.id, { status: 'completed', summary: 'built' });
    await cardLine.waitFor({ state: 'hidden' });
    expect(opened.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

/** The real orchestrator and a command sub-agent printing 20,000 lines, watched in the dashboard. */
describe('a sub-agent streaming 20,000 lines through the real orchestrator (headless Chromium)', () => {
  const started = new Started();
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // The server's default rate limit applies (MC_RATE_LIMIT empty).
    [server, browser] = await Promise.all([started.server({ env: { MC_RATE_LIMIT: '' } }), started.browser()]);
  });
  afterAll(() => started.stopAll());

  it('shows the tail live while it streams, and the card shows its latest line until it is done', async () => {
    const opened = await openDashboard(browser, server.url);
    const { page } = opened;
    const rest = new Rest(server.url);
    const task = await rest.createTask({ title: 'Print a lot' });
    // Four bursts of 5,000 lines (every 1000th also on stderr), a pause between them to watch.
    const command =
      'n=0; for burst in 1 2 3 4; do i=0; while [ $i -lt 5000 ]; do n=$((n+1)); i=$((i+1)); echo "out $n"; ' +
      'if [ $((n % 1000)) -eq 0 ]; then echo "err $n" >&2; fi; done; sleep 1; done';
    const orchestrator = started.orchestrator(server, ['--poll-interval', '500', '--adapter', 'command', '--command', command]);

    // The card shows the running sub-agent's latest line as it changes.
    const cardLine = card(page, task.id).getByTestId('task-card-output');
    await cardLine.filter({ hasText: /^(out|err) \d+$/ }).waitFor({ timeout: 30_000 });
    const seen = new Set<string>();
    while (seen.size < 2) {
      seen.add((await cardLine.textContent())!.trim());
      await page.waitForTimeout(100);
    }

    // The Sessions tab, opened mid-stream, follows the tail to the last line.
    await card(page, task.id).getByTestId('task-card-open').click();
    await page.getByTestId('tab-sessions').click();
    const lines = page.getByTestId('session-output').getByTestId('output-line');
    try {
      await page.locator('[data-testid="output-line"][data-seq="20020"]').waitFor({ timeout: 45_000 });
    } finally {
      await screenshot(page, 'session-output-orchestrator');
    }
    expect(await lines.last().getAttribute('data-seq')).toBe('20020');
    await lines.filter({ hasText: /out 20000$/ }).waitFor();
    expect(await lines.count()).toBeLessThanOrEqual(2000);

    // Done: the session ended, so the card shows no running output any more.
    await page.getByTestId('session-status').filter({ hasText: 'completed' }).waitFor({ timeout: 30_000 });
    await cardLine.waitFor({ state: 'hidden' });
    expect(orchestrator.output()).not.toMatch(/429|could not send output/);
    expect(opened.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 120_000);
});
