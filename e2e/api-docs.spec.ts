import { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { TestServer, startServer } from './support/server';

/** The OpenAPI page at /api/docs renders in a real browser, under the server's own headers. */
describe('API docs page (real server, headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ env: { MC_API_TOKEN: 'docs-token' } }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows every operation of the document, without a token and without errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    try {
      await page.goto(`${server.url}/api/docs`);
      await page.locator('.swagger-ui .info .title').filter({ hasText: 'Mission Control' }).waitFor({ timeout: 15_000 });
      const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const operations = Object.values(document.paths).reduce((count, item) => count + Object.keys(item).length, 0);
      await page.locator('.opblock').nth(operations - 1).waitFor();
      expect(await page.locator('.opblock').count()).toBe(operations);
      await page.locator('.opblock-post .opblock-summary-path[data-path="/api/tasks"]').first().click();
      await page.getByText('CreateTaskDto').first().waitFor();
      await screenshot(page, 'api-docs');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
