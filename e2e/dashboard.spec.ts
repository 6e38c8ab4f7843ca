import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import {
  OpenedPage,
  card,
  cardIn,
  dragCardTo,
  markNoReload,
  openDashboard,
  waitForExactText,
  waitLive,
  wasNotReloaded,
} from './support/browser';
import { Rest } from './support/rest';
import { TestServer } from './support/server';
import { Started } from './support/started';

/**
 * The live dashboard against the real server: every change below is made through the REST API (as an
 * agent would) or in another browser page, and must show up without a reload.
 */
describe('dashboard (real server, headless Chromium)', () => {
  const started = new Started();
  let server: TestServer;
  let browser: Browser;
  let rest: Rest;
  const opened: OpenedPage[] = [];

  const open = async (pathname = '/') => {
    const page = await openDashboard(browser, `${server.url}${pathname}`);
    page.page.setDefaultTimeout(10_000);
    opened.push(page);
    return page;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([started.server(), started.browser()]);
    rest = new Rest(server.url);
  });

  afterEach(async () => {
    for (const { context, errors } of opened.splice(0)) {
      await context.close();
      // A broken bundle or an unhandled exception shows up here, even when the assertions passed.
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    }
  });

  afterAll(() => started.stopAll());

  it('reads the board and the agents from REST once at start, not again when the stream goes live', async () => {
    const task = await rest.createTask({ title: 'Loaded once' });
    const context = await browser.newContext();
    const reads: string[] = [];
    context.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() === 'GET' && (pathname === '/api/tasks' || pathname === '/api/agents')) reads.push(pathname);
    });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await waitLive(page);
      await cardIn(page, 'inbox', task.id).waitFor({ timeout: 10_000 });
      await page.waitForTimeout(1000); // a second load would follow the first `ready` within this
      expect(reads.sort()).toEqual(['/api/agents', '/api/tasks']);
    } finally {
      await context.close();
    }
  });

  it('shows a task created through the REST API in INBOX, then moves it to ASSIGNED and REVIEW as it is patched', async () => {
    const { page } = await open();
    await page.locator('[data-testid="column-inbox"]').waitFor();
    await markNoReload(page);

    const task = await rest.createTask({ title: 'Summarise the incident report', priority: 'high' });
    await cardIn(page, 'inbox', task.id).waitFor();
    await waitForExactText(card(page, task.id).getByTestId('task-card-priority'), 'High');

    await rest.updateTask(task.id, { status: 'assigned' });
    await cardIn(page, 'assigned', task.id).waitFor();
    expect(await cardIn(page, 'inbox', task.id).count()).toBe(0);

    await rest.updateTask(task.id, { status: 'review' });
    await cardIn(page, 'review', task.id).waitFor();
    expect(await cardIn(page, 'assigned', task.id).count()).toBe(0);
    await page.getByTestId('toast').filter({ hasText: 'Ready for review' }).waitFor();

    expect(await wasNotReloaded(page)).toBe(true);
  });

  it('counts Active Sub-Agents 0 → 1 → 0 as a sub-agent registers and completes, and toasts the spawn', async () => {
    const { page } = await open();
    const counter = page.getByTestId('active-subagents');
    await waitForExactText(counter, 'Active Sub-Agents: 0');
    await markNoReload(page);

    const task = await rest.createTask({ title: 'Crawl the changelog' });
    const session = await rest.registerSubagent(task.id, { openclaw_session_id: `oc-${task.id}`, agent_name: 'Crawler Sub-Agent' });
    await waitForExactText(counter, 'Active Sub-Agents: 1');
    await page.getByTestId('toast').filter({ hasText: 'Sub-agent spawned' }).filter({ hasText: 'Crawler Sub-Agent' }).waitFor();

    await rest.endSession(session.id, { status: 'completed', summary: 'Crawled 42 entries' });
    await waitForExactText(counter, 'Active Sub-Agents: 0');
    await page.getByTestId('toast').filter({ hasText: 'Crawled 42 entries' }).waitFor();

    expect(await wasNotReloaded(page)).toBe(true);
  });

  it('shows new Activity Log entries as they are posted', async () => {
    const agent = await rest.createAgent({ name: 'Charlie', role: 'Orchestrator', avatar_emoji: '🧭', is_master: true });
    const task = await rest.createTask({ title: 'Triage the inbox' });
    const { page } = await open();
    await card(page, task.id).getByTestId('task-card-open').click();
    await page.getByTestId('task-panel').waitFor();
    await page.getByTestId('tab-activity').click();
    const items = page.getByTestId('activity-item');
    const before = await items.count();
    await markNoReload(page);

    await rest.logActivity(task.id, { activity_type: 'updated', message: 'Task triaged and assigned to Developer agent', agent_id: agent.id });
    const first = items.filter({ hasText: 'Task triaged and assigned to Developer agent' });
    await first.waitFor();
    await waitForExactText(first.getByTestId('activity-agent'), 'Charlie');

    await rest.logActivity(task.id, { activity_type: 'completed', message: 'Sub-agent completed task in 20 seconds' });
    await items.filter({ hasText: 'Sub-agent completed task in 20 seconds' }).waitFor();
    expect(await items.count()).toBe(before + 2);
    // Newest first, each with its type.
    expect(await items.first().getAttribute('data-type')).toBe('completed');
    expect(await wasNotReloaded(page)).toBe(true);
  });

  it('shows a new deliverable in the Deliverables tab, with a link that opens the file', async () => {
    const task = await rest.createTask({ title: 'Build the test page' });
    const { page } = await open(`/?task=${task.id}`);
    await page.getByTestId('tab-deliverables').click();
    await page.getByTestId('deliverables-empty').waitFor();

    fs.writeFileSync(path.join(server.deliverablesRoot, 'test-page.html'), '<h1>Hello from the sub-agent</h1>');
    const file = await rest.addDeliverable(task.id, {
      deliverable_type: 'file',
      title: 'Test Page',
      path: 'test-page.html',
      description: 'HTML test page with styling and dynamic content',
    });
    const item = page.getByTestId('deliverable-item').filter({ hasText: 'Test Page' });
    await item.waitFor();
    await waitForExactText(item.getByTestId('deliverable-path'), 'test-page.html');
    // Files open in a new tab through a signed link to the content
    const [tab] = await Promise.all([page.context().waitForEvent('page'), item.getByTestId('deliverable-open').click()]);
    await tab.getByText('Hello from the sub-agent').waitFor();
    expect(tab.url()).toMatch(new RegExp(`/api/deliverables/${file.id}/content\\?expires=\\d+&sig=`));
    await tab.close();

    await rest.addDeliverable(task.id, { deliverable_type: 'url', title: 'Preview', path: 'https://example.com/preview' });
    const link = page.getByTestId('deliverable-item').filter({ hasText: 'Preview' });
    await link.waitFor();
    expect(await link.getByTestId('deliverable-open').getAttribute('href')).toBe('https://example.com/preview');
    await waitForExactText(page.getByTestId('tab-count-deliverables'), '2');
  });

  it('follows a sub-agent session in the Sessions tab from start to finish', async () => {
    const task = await rest.createTask({ title: 'Refactor the parser' });
    const { page } = await open(`/?task=${task.id}`);
    await page.getByTestId('tab-sessions').click();
    await page.getByTestId('sessions-empty').waitFor();

    const session = await rest.registerSubagent(task.id, { openclaw_session_id: 'agent:main:subagent:parser', agent_name: 'Parser Sub-Agent' });
    const row = page.getByTestId('session-row');
    await row.filter({ hasText: 'Parser Sub-Agent' }).waitFor();
    await waitForExactText(row.getByTestId('session-status'), 'active');

    await rest.endSession(session.id, { status: 'completed', summary: 'Parser split into lexer and grammar' });
    await waitForExactText(row.getByTestId('session-status'), 'completed');
    await waitForExactText(row.getByTestId('session-summary'), 'Parser split into lexer and grammar');
  });

  it('moves a card dragged in one page in a second page, and on the server', async () => {
    const task = await rest.createTask({ title: 'Drag me to In progress' });
    const first = await open();
    const second = await open();
    await cardIn(first.page, 'inbox', task.id).waitFor();
    await cardIn(second.page, 'inbox', task.id).waitFor();
    await markNoReload(second.page);

    await dragCardTo(first.page, task.id, 'in_progress');

    await cardIn(first.page, 'in_progress', task.id).waitFor();
    await cardIn(second.page, 'in_progress', task.id).waitFor();
    expect(await cardIn(second.page, 'inbox', task.id).count()).toBe(0);
    expect((await rest.getTask(task.id)).status).toBe('in_progress');
    expect(await wasNotReloaded(second.page)).toBe(true);
  });

  it('moves a card from its menu, and rolls it back with a toast when the server refuses', async () => {
    const task = await rest.createTask({ title: 'Menu move' });
    const { page } = await open();
    await card(page, task.id).getByTestId('task-card-move').click();
    await page.getByTestId('move-to-done').click();
    await cardIn(page, 'done', task.id).waitFor();
    await expectServerStatus(task.id, 'done');

    // The server refuses the next move: the card must come back and say why.
    await page.route(`**/api/tasks/${task.id}`, (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ statusCode: 409, error: 'Conflict', message: 'Task is locked by an agent' }) })
        : route.continue(),
    );
    await card(page, task.id).getByTestId('task-card-move').click();
    await page.getByTestId('move-to-review').click();
    await page.getByTestId('toast').filter({ hasText: 'Task is locked by an agent' }).waitFor();
    await cardIn(page, 'done', task.id).waitFor();
    expect(await cardIn(page, 'review', task.id).count()).toBe(0);
  });

  it('creates a task from the New task dialog; it lands in INBOX', async () => {
    const { page } = await open();
    await page.getByTestId('new-task').click();
    await page.getByTestId('new-task-title').fill('Write the onboarding guide');
    await page.getByTestId('new-task-priority').selectOption('urgent');
    await page.getByTestId('new-task-submit').click();
    const created = page.locator('[data-testid="column-inbox"] [data-testid="task-card"]').filter({ hasText: 'Write the onboarding guide' });
    await created.waitFor();
    await waitForExactText(created.getByTestId('task-card-priority'), 'Urgent');
    await page.getByTestId('toast').filter({ hasText: 'Task created' }).waitFor();
  });

  it('serves the focused view at /tasks/:id, which follows only that task', async () => {
    const task = await rest.createTask({ title: 'Focused task', description: 'Only this task is followed here.' });
    const { page } = await open(`/tasks/${task.id}`);
    await waitForExactText(page.getByTestId('detail-title'), 'Focused task');
    await page.getByTestId('tab-activity').click();

    const other = await rest.createTask({ title: 'Somebody else’s task' });
    await rest.logActivity(task.id, { activity_type: 'updated', message: 'Progress on the focused task' });
    await page.getByTestId('activity-item').filter({ hasText: 'Progress on the focused task' }).waitFor();
    await rest.updateTask(task.id, { status: 'in_progress' });
    await waitForExactText(page.getByTestId('detail-status'), 'In progress');
    // Events are delivered in order: the other task's creation came first, and never reached this room.
    expect(await page.getByTestId('toast').filter({ hasText: other.title }).count()).toBe(0);
    expect(await page.getByTestId('task-card').count()).toBe(0);
  });

  it('edits a task in the Overview tab; the card in another page follows', async () => {
    const task = await rest.createTask({ title: 'Draft the changelog', priority: 'low' });
    const editor = await open(`/?task=${task.id}`);
    const watcher = await open();
    await cardIn(watcher.page, 'inbox', task.id).waitFor();

    const { page } = editor;
    expect(await page.getByTestId('overview-title').inputValue()).toBe('Draft the changelog');
    await page.getByTestId('overview-title').fill('Draft the 1.0 changelog');
    await page.getByTestId('overview-priority').selectOption('urgent');
    await page.getByTestId('overview-status').selectOption('in_progress');
    await page.getByTestId('overview-save').click();
    await waitForExactText(page.getByTestId('overview-version'), '2');
    await waitForExactText(page.getByTestId('detail-title'), 'Draft the 1.0 changelog');

    const moved = cardIn(watcher.page, 'in_progress', task.id);
    await moved.filter({ hasText: 'Draft the 1.0 changelog' }).waitFor();
    await waitForExactText(moved.getByTestId('task-card-priority'), 'Urgent');
    expect(await rest.getTask(task.id)).toMatchObject({ title: 'Draft the 1.0 changelog', priority: 'urgent', status: 'in_progress' });
  });

  it('adds an agent from the sidebar, and the status filter follows its live status', async () => {
    const { page } = await open();
    await page.getByTestId('add-agent').click();
    await page.getByTestId('agent-name-input').fill('Nova');
    await page.getByRole('textbox', { name: 'Agent role' }).fill('Designer');
    await page.getByRole('button', { name: 'Add agent' }).click();
    const nova = page.getByTestId('agent-item').filter({ hasText: 'Nova' });
    await nova.waitFor();

    await page.getByTestId('agent-filter-working').click();
    await nova.waitFor({ state: 'detached' });
    const agents = await rest.request<{ id: string; name: string }[]>('GET', '/api/agents');
    await rest.updateAgent(agents.find((a) => a.name === 'Nova')!.id, { status: 'working' });
    await nova.waitFor();
    expect(await nova.getAttribute('data-status')).toBe('working');
  });

  async function expectServerStatus(id: string, status: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while ((await rest.getTask(id)).status !== status) {
      if (Date.now() > deadline) throw new Error(`task ${id} never reached ${status} on the server`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});
