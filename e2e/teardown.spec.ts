import * as fs from 'node:fs';
import { FOUND_ENV } from './support/chromium';
import { TestServer } from './support/server';
import { Started } from './support/started';

/** Whether anything still answers at the server's address. */
async function answers(server: TestServer): Promise<boolean> {
  try {
    await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * A spec's afterAll must stop what its beforeAll started, whatever happened in between: otherwise a leftover server
 * keeps jest (and `npm test`) from ever exiting.
 */
describe('what a spec started is stopped', () => {
  it('when the browser will not launch, the server started next to it is stopped too', async () => {
    const chosen = process.env[FOUND_ENV];
    process.env[FOUND_ENV] = JSON.stringify({ executablePath: '/bin/false', source: 'a broken install', env: {} });
    const started = new Started();
    const serverStarting = started.server();
    try {
      // What every browser spec's beforeAll does.
      await expect(Promise.all([serverStarting, started.browser()])).rejects.toThrow(/^\/bin\/false \(a broken install\) would not start: /);
    } finally {
      process.env[FOUND_ENV] = chosen;
    }
    const server = await serverStarting;
    expect(await answers(server)).toBe(true);

    await started.stopAll();
    expect(await answers(server)).toBe(false);
    expect(fs.existsSync(server.dataDir)).toBe(false);
  });

  it('a start still under way when teardown begins (beforeAll timed out) is stopped once it has started', async () => {
    const started = new Started();
    const serverStarting = started.server();
    await started.stopAll();
    const server = await serverStarting;
    expect(await answers(server)).toBe(false);
    expect(fs.existsSync(server.dataDir)).toBe(false);
  });

  it('one stop failing does not keep the others from running, and its error is reported', async () => {
    const started = new Started();
    const server = await started.server();
    await started.track(Promise.resolve('flaky'), () => {
      throw new Error('could not close flaky');
    });
    await expect(started.stopAll()).rejects.toThrow('could not close flaky');
    expect(await answers(server)).toBe(false);
  });
});
