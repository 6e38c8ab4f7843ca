// @ts-check
/**
 * Which browser the browser tests drive, decided once before they start:
 *  1. CHROMIUM_PATH when set, and then only that one: a wrong path is an error, never a silent fallback;
 *  2. the machine's Chromium or Chrome (/usr/bin/chromium, then chromium, chromium-browser, google-chrome on PATH);
 *  3. the Chromium inside the npm dev dependency @sparticuz/chromium.
 * A candidate counts once it has started headless under playwright-core and rendered a page; the first that does wins.
 *
 * `node e2e/support/chromium.js` runs the same check (npm test does, before building anything) and prints one line:
 * the browser it will use, or what to do when there is none.
 */
const fs = require('node:fs');
const path = require('node:path');
const { bundledChromium, PACKAGE } = require('./bundled-chromium');

const SYSTEM_PATHS = ['/usr/bin/chromium'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** What a headless browser needs as root in a container; playwright adds a fresh --user-data-dir per launch. */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Where the global setup leaves its choice for the spec files (JSON of a FoundBrowser). */
const FOUND_ENV = 'MC_E2E_BROWSER';
const PROBE_TIMEOUT_MS = 20_000;
const WHAT_TO_DO = 'set CHROMIUM_PATH to a Chromium or Chrome binary, or install one (e.g. apt-get install chromium)';

/** No browser can be had; the message is the single line to print. */
class NoBrowserError extends Error {
  name = 'NoBrowserError';
}

/** @typedef {{ executablePath: string, source: string, env: Record<string, string> }} FoundBrowser */

/** @param {FoundBrowser} found */
function launchOptions(found, timeout = 30_000) {
  return { executablePath: found.executablePath, headless: true, args: LAUNCH_ARGS, env: { ...process.env, ...found.env }, timeout };
}

/** Starts the browser, renders a page, closes it; rejects with why not. @param {FoundBrowser} found */
async function probeLaunch(found) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch(launchOptions(found, PROBE_TIMEOUT_MS));
  try {
    const page = await browser.newPage();
    await page.setContent('<p>ready</p>');
    const text = await page.textContent('p', { timeout: PROBE_TIMEOUT_MS });
    if (text !== 'ready') throw new Error(`it rendered "${text}" instead of "ready"`);
  } finally {
    await browser.close();
  }
}

/** The browser's own complaint (e.g. a missing shared library) rather than playwright's "browser has been closed". */
function reason(error) {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  const fromBrowser = lines.find((line) => /\[err\]/.test(line) && /error|fatal|cannot|not found/i.test(line));
  const line = fromBrowser ? fromBrowser.replace(/^.*\[err\]\s*/, '') : lines[0];
  return line.replace(/\x1b\[[0-9;]*m/g, '').replace(/\s+/g, ' ').trim();
}

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The machine's browsers, in order of preference, without duplicates. */
function systemBrowsers(env, systemPaths, pathNames) {
  const dirs = (env.PATH || '').split(path.delimiter).filter(Boolean);
  const found = systemPaths.filter(executable);
  for (const name of pathNames) {
    const dir = dirs.find((d) => executable(path.join(d, name)));
    if (dir) found.push(path.join(dir, name));
  }
  return [...new Set(found)];
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, systemPaths?: string[], pathNames?: string[], cacheRoot?: string,
 *   probe?: (found: FoundBrowser) => Promise<void> }} [options] the defaults are this machine; tests narrow them.
 * @returns {Promise<FoundBrowser>}
 */
async function findBrowser(options = {}) {
  const { env = process.env, systemPaths = SYSTEM_PATHS, pathNames = PATH_NAMES, cacheRoot, probe = probeLaunch } = options;
  if (env.CHROMIUM_PATH) {
    const file = env.CHROMIUM_PATH;
    const found = { executablePath: file, source: 'CHROMIUM_PATH', env: {} };
    if (!executable(file)) {
      throw new NoBrowserError(`No browser for the browser tests: CHROMIUM_PATH=${file} is not an executable file; point it at a Chromium or Chrome binary, or unset it to use the machine's Chromium or the one from ${PACKAGE}.`);
    }
    try {
      await probe(found);
    } catch (error) {
      throw new NoBrowserError(`No browser for the browser tests: CHROMIUM_PATH=${file} would not start (${reason(error)}); point it at a working Chromium or Chrome, or unset it.`);
    }
    return found;
  }

  const failures = [];
  for (const file of systemBrowsers(env, systemPaths, pathNames)) {
    const found = { executablePath: file, source: 'system', env: {} };
    try {
      await probe(found);
      return found;
    } catch (error) {
      failures.push(`${file} would not start (${reason(error)})`);
    }
  }
  try {
    const bundled = await bundledChromium(cacheRoot);
    const found = { executablePath: bundled.executablePath, source: `${PACKAGE} ${bundled.version}`, env: bundled.env };
    await probe(found);
    return found;
  } catch (error) {
    const none = failures.length === 0 ? [`no Chromium on this machine (${[...systemPaths, ...pathNames].join(', ')})`] : [];
    failures.push(...none, `${PACKAGE}: ${reason(error)}`);
  }
  throw new NoBrowserError(`No browser for the browser tests: ${failures.join('; ')}. To fix: ${WHAT_TO_DO}.`);
}

/** @param {FoundBrowser} found */
function describeBrowser(found) {
  return `${found.executablePath} (${found.source})`;
}

module.exports = { findBrowser, launchOptions, describeBrowser, reason, NoBrowserError, FOUND_ENV, LAUNCH_ARGS };

if (require.main === module) {
  findBrowser().then(
    (found) => console.log(`Browser tests will use ${describeBrowser(found)}.`),
    (error) => {
      console.error(error instanceof NoBrowserError ? error.message : `Could not look for a browser: ${reason(error)}`);
      process.exitCode = 1;
    },
  );
}
