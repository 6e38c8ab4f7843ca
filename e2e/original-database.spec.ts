import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { createOriginalDatabase } from '../server/test/e2e/support/original-database';
import { OpenedPage, cardIn, markNoReload, openDashboard, screenshot, waitForExactText, wasNotReloaded } from './support/browser';
import { Rest } from './support/rest';
import { TestServer } from './support/server';
import { Started } from './support/started';

/**
 * Someone coming from the original Mission Control: the real server started on the database file the
 * original wrote, its old tasks on the board, and a sub-agent ended with the original's own call.
 */
describe("the dashboard on the original Mission Control's database (real server, headless Chromium)", () => {
  const started = new Started();
  let server: TestServer;
  let browser: Browser;
  let opened: OpenedPage | null = null;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-e2e-original-'));
    createOriginalDatabase(path.join(dataDir, 'mission-control.db'));
    [server, browser] = await Promise.all([started.server({ dataDir }), started.browser()]);
  });

  afterAll(async () => {
    await opened?.context.close();
    await started.stopAll();
  });

  it('shows the old tasks, and Active Sub-Agents drops live when a sub-agent ends the original way', async () => {
    expect(server.logs()).toContain("Adopted the original Mission Control's database");
    opened = await openDashboard(browser, server.url);
    const { page } = opened;
    page.setDefaultTimeout(10_000);
    await cardIn(page, 'inbox', 'task-inbox').waitFor();
    await cardIn(page, 'in_progress', 'task-progress').waitFor();
    const counter = page.getByTestId('active-subagents');
    await waitForExactText(counter, 'Active Sub-Agents: 0');
    await markNoReload(page);

    const rest = new Rest(server.url);
    await rest.registerSubagent('task-inbox', { openclaw_session_id: 'agent:main:subagent:abc123', agent_name: 'Developer' });
    await waitForExactText(counter, 'Active Sub-Agents: 1');

    // exactly what the original's agents send: fetch with a JSON string body (text/plain)
    const ended = await fetch(`${server.url}/api/openclaw/sessions/agent:main:subagent:abc123`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'completed', ended_at: new Date().toISOString() }),
    });
    expect(ended.status).toBe(200);
    await waitForExactText(counter, 'Active Sub-Agents: 0');
    await screenshot(page, 'original-database');

    expect(await wasNotReloaded(page)).toBe(true);
    expect(opened.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
