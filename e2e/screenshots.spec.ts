import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { Agent, Task } from '@mission-control/shared';
import { OpenedPage, card, openDashboard, screenshot, waitForExactText } from './support/browser';
import { Rest } from './support/rest';
import { TestServer } from './support/server';
import { Started } from './support/started';

/**
 * A realistic board (agents, tasks in every column, a task with its whole history), checked for what a
 * person sees and saved as docs/screenshots/*.png for the README.
 */
describe('dashboard screenshots (real server, headless Chromium)', () => {
  const started = new Started();
  let server: TestServer;
  let browser: Browser;
  let rest: Rest;
  let hero: Task;
  const agents: Record<string, Agent> = {};
  const opened: OpenedPage[] = [];

  const open = async (pathname: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await openDashboard(browser, `${server.url}${pathname}`, viewport);
    page.page.setDefaultTimeout(10_000);
    opened.push(page);
    return page.page;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([started.server(), started.browser()]);
    rest = new Rest(server.url);
    await seed();
  });

  afterEach(async () => {
    for (const { context, errors } of opened.splice(0)) {
      await context.close();
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    }
  });

  afterAll(() => started.stopAll());

  async function seed(): Promise<void> {
    const day = 86_400_000;
    const dateOnly = (offsetDays: number) => `${new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10)}T00:00:00.000Z`;
    agents.charlie = await rest.createAgent({ name: 'Charlie', role: 'Orchestrator', avatar_emoji: '🧭', is_master: true, status: 'working' });
    agents.devon = await rest.createAgent({ name: 'Devon', role: 'Developer', avatar_emoji: '🛠️', status: 'working' });
    agents.rhea = await rest.createAgent({ name: 'Rhea', role: 'Researcher', avatar_emoji: '🔬', status: 'standby' });
    agents.quinn = await rest.createAgent({ name: 'Quinn', role: 'QA Engineer', avatar_emoji: '🧪', status: 'standby' });
    agents.wren = await rest.createAgent({ name: 'Wren', role: 'Technical Writer', avatar_emoji: '✍️', status: 'offline' });

    await rest.createTask({ title: 'Upgrade Angular to 21.2', status: 'done', assigned_agent_id: agents.devon.id });
    await rest.createTask({ title: 'Benchmark SQLite vs PostgreSQL for the outbox', status: 'done', priority: 'low', assigned_agent_id: agents.rhea.id });
    await rest.createTask({ title: 'Write API docs for /sessions', status: 'review', priority: 'normal', assigned_agent_id: agents.wren.id, description: 'Request and response bodies, error shapes and curl examples.' });
    await rest.createTask({ title: 'Regression suite for drag and drop', status: 'assigned', priority: 'high', assigned_agent_id: agents.quinn.id, due_date: dateOnly(3) });
    await rest.createTask({ title: 'Research rate limits of the model provider', status: 'assigned', priority: 'normal', assigned_agent_id: agents.rhea.id });
    await rest.createTask({ title: 'Investigate flaky login test', priority: 'urgent', description: 'Fails about one run in twenty on CI since Tuesday.', due_date: dateOnly(-2) });
    await rest.createTask({ title: 'Add dark-mode favicon', priority: 'low' });
    await rest.createTask({ title: 'Summarise yesterday’s incident report', priority: 'normal', created_by_agent_id: agents.charlie.id });

    hero = await rest.createTask({
      title: 'Build the landing page hero section',
      description: 'Responsive hero with headline, sub-copy and a call to action. Must score 95+ on Lighthouse and work down to 360 px.',
      priority: 'high',
      created_by_agent_id: agents.charlie.id,
    });
    await rest.logActivity(hero.id, { activity_type: 'updated', message: 'Task triaged and assigned to Developer agent', agent_id: agents.charlie.id });
    hero = await rest.updateTask(hero.id, { status: 'assigned', assigned_agent_id: agents.devon.id, agent_id: agents.charlie.id });
    const research = await rest.registerSubagent(hero.id, { openclaw_session_id: 'agent:main:subagent:research-7f3a', agent_name: 'Research Sub-Agent' });
    await rest.logActivity(hero.id, { activity_type: 'spawned', message: 'Spawned sub-agent to collect reference designs', agent_id: agents.charlie.id, metadata: { session_id: 'agent:main:subagent:research-7f3a' } });
    await rest.addDeliverable(hero.id, { deliverable_type: 'url', title: 'Reference designs board', path: 'https://www.figma.com/file/hero-references', description: 'Twelve hero sections from comparable products, annotated.' });
    await rest.endSession(research.id, { status: 'completed', summary: 'Collected 12 references and a colour study' });
    hero = await rest.updateTask(hero.id, { status: 'in_progress', agent_id: agents.devon.id });
    await rest.registerSubagent(hero.id, { openclaw_session_id: 'agent:main:subagent:build-91c2', agent_name: 'Developer Sub-Agent' });
    await rest.logActivity(hero.id, { activity_type: 'spawned', message: 'Spawned sub-agent for task execution', agent_id: agents.devon.id, metadata: { session_id: 'agent:main:subagent:build-91c2' } });
    fs.writeFileSync(path.join(server.deliverablesRoot, 'hero.html'), '<!doctype html><h1>Ship faster with Mission Control</h1>');
    await rest.addDeliverable(hero.id, { deliverable_type: 'file', title: 'Hero section', path: 'hero.html', description: 'HTML and CSS for the hero, mobile first.' });
    await rest.logActivity(hero.id, { activity_type: 'file_created', message: 'Created hero.html (4.2 kB)', agent_id: agents.devon.id, metadata: { path: 'hero.html' } });
    await rest.addDeliverable(hero.id, { deliverable_type: 'artifact', title: 'Lighthouse report', path: 'reports/lighthouse-hero.json', description: 'Performance 98, Accessibility 100.' });
    await rest.logActivity(hero.id, { activity_type: 'updated', message: 'Lighthouse: performance 98, accessibility 100', agent_id: agents.devon.id });
  }

  it('board: five columns with their cards, agents and the sub-agent counter', async () => {
    const page = await open('/');
    await card(page, hero.id).waitFor();
    for (const [status, count] of [
      ['inbox', '3'],
      ['assigned', '2'],
      ['in_progress', '1'],
      ['review', '1'],
      ['done', '2'],
    ]) {
      await waitForExactText(page.locator(`[data-testid="column-${status}"] [data-testid="column-count"]`), count);
    }
    await waitForExactText(page.getByTestId('active-subagents'), 'Active Sub-Agents: 1');
    await waitForExactText(card(page, hero.id).getByTestId('task-card-assignee'), '🛠️Devon');
    expect(await page.locator('[data-testid="task-card-due"].overdue').count()).toBe(1);
    // The five agents, plus the sub-agents registered on the hero task.
    for (const agent of Object.values(agents)) {
      await page.getByTestId('agent-item').filter({ hasText: agent.name }).waitFor();
    }
    await screenshot(page, 'board');

    await page.getByTestId('agent-filter-standby').click();
    await page.getByTestId('agent-item').filter({ hasText: 'Rhea' }).waitFor();
    await page.getByTestId('agent-item').filter({ hasText: 'Devon' }).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="agent-item"]:not([data-status="standby"])').count()).toBe(0);
  });

  it('board with the live feed (wide screen)', async () => {
    const page = await open('/', { width: 1600, height: 900 });
    await card(page, hero.id).waitFor();
    await page.getByTestId('feed-item').first().waitFor();
    await rest.logActivity(hero.id, { activity_type: 'updated', message: 'Hero copy reviewed by Charlie', agent_id: agents.charlie.id });
    await page.getByTestId('feed-item').filter({ hasText: 'Hero copy reviewed by Charlie' }).waitFor();
    await page.getByTestId('toast').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    await screenshot(page, 'board-live-feed');
  });

  it('task detail tabs: overview, activity log, deliverables, sessions', async () => {
    const page = await open(`/?task=${hero.id}`);
    await waitForExactText(page.getByTestId('detail-title'), hero.title);
    expect(await page.getByTestId('overview-title').inputValue()).toBe(hero.title);
    await screenshot(page, 'task-overview');

    await page.getByTestId('tab-activity').click();
    await page.getByTestId('activity-item').filter({ hasText: 'Created hero.html' }).waitFor();
    const activities = await page.getByTestId('activity-item').count();
    expect(activities).toBeGreaterThanOrEqual(5);
    await waitForExactText(page.getByTestId('tab-count-activity'), String(activities));
    await screenshot(page, 'task-activity');

    await page.getByTestId('tab-deliverables').click();
    await page.getByTestId('deliverable-item').filter({ hasText: 'Lighthouse report' }).waitFor();
    expect(await page.getByTestId('deliverable-item').count()).toBe(3);
    await screenshot(page, 'task-deliverables');

    await page.getByTestId('tab-sessions').click();
    await page.getByTestId('session-row').filter({ hasText: 'Collected 12 references' }).waitFor();
    expect(await page.getByTestId('session-row').count()).toBe(2);
    await screenshot(page, 'task-sessions');
  });

  it('focused view at /tasks/:id', async () => {
    const page = await open(`/tasks/${hero.id}`);
    await waitForExactText(page.getByTestId('detail-title'), hero.title);
    await page.getByTestId('tab-activity').click();
    await page.getByTestId('activity-item').first().waitFor();
    await screenshot(page, 'focused-task');
  });

  it('phone width: the board scrolls sideways, the panel takes the screen', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await card(page, hero.id).waitFor();
    await waitForExactText(page.getByTestId('active-subagents'), 'Active Sub-Agents: 1');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390); // no page-wide horizontal scroll; columns scroll inside the board
    await screenshot(page, 'phone-board');
    await card(page, hero.id).getByTestId('task-card-open').click();
    await waitForExactText(page.getByTestId('detail-title'), hero.title);
    await screenshot(page, 'phone-task');
  });
});
