import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { FOUND_ENV, FoundBrowser, describeBrowser, findBrowser, launchOptions, reason } from './chromium';
import { REPO_ROOT } from './server';

/** Test runs save screenshots as artifacts; `npm run screenshots` refreshes the README's copies in docs/screenshots. */
export const SCREENSHOTS_DIR = path.resolve(REPO_ROOT, process.env.SCREENSHOTS_DIR || path.join('e2e', 'artifacts', 'screenshots'));

/** The browser the global setup chose (CHROMIUM_PATH, the machine's, or @sparticuz/chromium's), headless. */
export async function launchBrowser(): Promise<Browser> {
  const chosen = process.env[FOUND_ENV];
  const found: FoundBrowser = chosen ? JSON.parse(chosen) : await findBrowser();
  try {
    return await chromium.launch(launchOptions(found));
  } catch (error) {
    throw new Error(`${describeBrowser(found)} would not start: ${reason(error)}`);
  }
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions the page reported. */
  errors: string[];
}

/** A fresh context (own storage, own socket) at 1280×800 with the page loaded and live. */
export async function openDashboard(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await waitLive(page);
  return { context, page, errors };
}

/** The header says "Live": the socket is connected. */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`) });
}

/** A card on the board, by task id. */
export function card(page: Page, taskId: string) {
  return page.locator(`[data-testid="task-card"][data-task-id="${taskId}"]`);
}

/** A card inside a given column. */
export function cardIn(page: Page, status: string, taskId: string) {
  return page.locator(`[data-testid="column-${status}"] [data-testid="task-card"][data-task-id="${taskId}"]`);
}

/** Waits until the element's whole text (whitespace-normalised) is exactly `text`. */
export async function waitForExactText(locator: ReturnType<Page['locator']>, text: string, timeout = 10_000): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await locator.filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).first().waitFor({ timeout });
}

/** Marks the window so a test can prove, at the end, that the page was never reloaded. */
export async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __mcNoReload: boolean }).__mcNoReload = true));
}

export async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __mcNoReload?: boolean }).__mcNoReload === true);
}

/** Drags a card onto a column with real mouse moves (what @angular/cdk/drag-drop listens to). */
export async function dragCardTo(page: Page, taskId: string, status: string): Promise<void> {
  const source = card(page, taskId);
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const target = page.locator(`[data-testid="column-${status}"] .drop`);
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('card or column not visible');
  // Grab the card by its priority badge (not the title or menu buttons), move past the drag threshold, then across.
  const startX = from.x + 30;
  const startY = from.y + 16;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 8, startY + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 20 });
  await page.mouse.move(to.x + to.width / 2, to.y + 44, { steps: 4 });
  await page.mouse.up();
}
