import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FoundBrowser, NoBrowserError, findBrowser } from './support/chromium';
import { REPO_ROOT } from './support/server';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** "Fails within a minute and exits": a run still going after this long is killed and reported as a hang. */
const HANG_MS = 60_000;

/** Runs a command in its own process group; kills the whole group if it has not exited on its own in time. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), HANG_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) reject(new Error(`${command} ${args.join(' ')} did not exit on its own within ${HANG_MS} ms:\n${stdout}${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** Without npm's own warnings (e.g. about the machine's npmrc), which are not ours to judge. */
const ours = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('npm warn') && !line.startsWith('npm error') && !line.startsWith('>'))
    .join('\n');

describe('the browser finder', () => {
  const bogus = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' };

  it('with CHROMIUM_PATH pointing nowhere, fails at once with one line saying what to do, and falls back to nothing', async () => {
    const result = await run(process.execPath, ['e2e/support/chromium.js'], bogus);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      "No browser for the browser tests: CHROMIUM_PATH=/nonexistent/chromium is not an executable file; point it at a Chromium or Chrome binary, or unset it to use the machine's Chromium or the one from @sparticuz/chromium.",
    ]);
  });

  it('stops the browser suites before any spec runs, with that one line', async () => {
    const result = await run(process.execPath, [require.resolve('jest/bin/jest'), '-c', 'e2e/jest.config.js', '--runInBand'], bogus);
    expect(result.code).not.toBe(0);
    expect(ours(result.stdout + result.stderr)).toBe(
      "No browser for the browser tests: CHROMIUM_PATH=/nonexistent/chromium is not an executable file; point it at a Chromium or Chrome binary, or unset it to use the machine's Chromium or the one from @sparticuz/chromium.",
    );
  });

  it('makes `npm test` fail before it builds or tests anything, and exit', async () => {
    const result = await run('npm', ['test'], bogus);
    expect(result.code).not.toBe(0);
    expect(ours(result.stdout + result.stderr)).toBe(
      "No browser for the browser tests: CHROMIUM_PATH=/nonexistent/chromium is not an executable file; point it at a Chromium or Chrome binary, or unset it to use the machine's Chromium or the one from @sparticuz/chromium.",
    );
  });

  it('with no Chromium on the machine, unpacks the one from @sparticuz/chromium and starts it headless', async () => {
    const found = await findBrowser({ env: { PATH: '' }, systemPaths: [], pathNames: [] });
    expect(found.source).toBe('@sparticuz/chromium 143.0.4');
    expect(fs.existsSync(found.executablePath)).toBe(true);
    // Its NSS libraries come with it, so a machine without libnss3 can run it too.
    expect(found.env.LD_LIBRARY_PATH.split(':')[0]).toBe(path.join(path.dirname(found.executablePath), 'al2023', 'lib'));
  });

  it('passes over a system browser that will not start, to the bundled one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-finder-'));
    try {
      const broken = path.join(dir, 'chromium');
      fs.writeFileSync(broken, '#!/bin/sh\necho "chromium: please install the snap" >&2\nexit 1\n', { mode: 0o755 });
      const tried: string[] = [];
      const found = await findBrowser({
        env: { PATH: dir },
        systemPaths: [],
        probe: async (candidate: FoundBrowser) => {
          tried.push(candidate.executablePath);
          if (candidate.executablePath === broken) throw new Error('browserType.launch: Target page, context or browser has been closed');
        },
      });
      expect(tried[0]).toBe(broken);
      expect(found.source).toBe('@sparticuz/chromium 143.0.4');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when nothing starts, says in one line what it tried and what to do', async () => {
    const attempt = findBrowser({
      env: { PATH: '' },
      systemPaths: ['/bin/sh'],
      pathNames: [],
      probe: async () => {
        throw new Error('browserType.launch: failed\n[pid=1][err] /x/chromium: error while loading shared libraries: libnss3.so: cannot open shared object file');
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(NoBrowserError);
    const message = ((await attempt.catch((error: Error) => error)) as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toBe(
      'No browser for the browser tests: /bin/sh would not start (/x/chromium: error while loading shared libraries: libnss3.so: cannot open shared object file); ' +
        '@sparticuz/chromium: /x/chromium: error while loading shared libraries: libnss3.so: cannot open shared object file. ' +
        'To fix: set CHROMIUM_PATH to a Chromium or Chrome binary, or install one (e.g. apt-get install chromium).',
    );
  });
});
