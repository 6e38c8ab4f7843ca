import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SERVER_MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
const CLIENT_INDEX = path.join(REPO_ROOT, 'client', 'dist', 'browser', 'index.html');

export interface TestServer {
  /** e.g. `http://127.0.0.1:43121` */
  readonly url: string;
  readonly port: number;
  /** The temp folder holding this server's SQLite file and deliverables. */
  readonly dataDir: string;
  readonly databasePath: string;
  readonly deliverablesRoot: string;
  /** Everything the server printed so far (for failure messages). */
  logs(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its temp folder; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra environment, e.g. `{ MC_API_TOKEN: 'secret' }`. */
  env?: Record<string, string>;
  /** Reuse a data folder (to restart on the same database); a fresh temp folder by default. */
  dataDir?: string;
  /** Reuse a port (to restart in place); a free one by default. */
  port?: number;
  timeoutMs?: number;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server (`node server/dist/main.js`) as a child process on a free port, with a fresh
 * SQLite file and DELIVERABLES_ROOT in a temp folder, and resolves once `GET /api/health` answers 200.
 * Needs `npm run build` first (the server and the client it serves). When it fails, it has stopped the child
 * and removed the temp folder already.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  for (const [file, what] of [
    [SERVER_MAIN, 'server'],
    [CLIENT_INDEX, 'client'],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`The ${what} is not built (${path.relative(REPO_ROOT, file)} is missing): run "npm run build" first`);
    }
  }
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mc-e2e-'));
  const databasePath = path.join(dataDir, 'mission-control.db');
  const deliverablesRoot = path.join(dataDir, 'deliverables');
  fs.mkdirSync(deliverablesRoot, { recursive: true });

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['MC_API_TOKEN', 'REDIS_URL', 'CORS_ORIGINS', 'MC_URL', 'MC_TOKEN']) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${databasePath}`,
    DELIVERABLES_ROOT: deliverablesRoot,
    MC_RATE_LIMIT: '0',
    ...options.env,
  });

  let output = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('error', (error) => (output += `\n${error.message}`));

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await stopChild(child);
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    })());

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(child, url, options.timeoutMs ?? 30_000, () => output);
  } catch (error) {
    await stop(); // a server that never became healthy is still a process and a temp folder
    throw error;
  }
  return { url, port, dataDir, databasePath, deliverablesRoot, logs: () => output, stop };
}

async function waitHealthy(child: ChildProcess, url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited with ${child.exitCode ?? child.signalCode} before it was healthy:\n${output()}`);
    }
    if (Date.now() > deadline) throw new Error(`The server did not answer GET /api/health within ${timeoutMs} ms:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops a child process: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
