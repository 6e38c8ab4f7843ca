import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Helpers the benchmarks share: a server as its own process on a fresh SQLite file, plain HTTP calls, a base build. */

const REPO = path.resolve(__dirname, '..', '..', '..');
export const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function request(url: string, method: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

export interface BenchServer {
  url: string;
  child: ChildProcess;
}

export interface StartOptions {
  /** Default: a fresh SQLite file. */
  databaseUrl?: string;
  /** Node flags for the server process (e.g. `--cpu-prof`). */
  execArgv?: string[];
}

/** Starts `main` (a built `server/dist/main.js`) on `port` and waits until its health check answers. */
export async function startServer(main = path.join(__dirname, '..', 'main.js'), port?: number, options: StartOptions = {}): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-bench-'));
  const listenOn = port ?? (await freePort());
  const databaseUrl = options.databaseUrl ?? `sqlite:${path.join(dir, 'bench.db')}`;
  const child = spawn(process.execPath, [...(options.execArgv ?? []), main], {
    env: { ...process.env, PORT: String(listenOn), HOST: '127.0.0.1', MC_RATE_LIMIT: '0', DATABASE_URL: databaseUrl, CLIENT_DIST: path.join(dir, 'none') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${listenOn}`;
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      if ((await request(`${url}/api/health`, 'GET')).status === 200) return { url, child };
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server ${main} did not start`);
}

export async function stopServer(server: BenchServer): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** User and system CPU time of a process, in clock ticks of 10 ms (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicks(pid: number): { user: number; system: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) };
}

export interface BaseBuild {
  /** The commit, short. */
  sha: string;
  /** Its built `server/dist/main.js`. */
  main: string;
  remove(): void;
}

/**
 * Builds `rev`'s shared and server in a temporary worktree with its own dependencies (its lock file, installed
 * without scripts: a base may use other packages than this checkout, Express instead of Fastify for one).
 * better-sqlite3's native module is this checkout's when the version is the same, else it is built.
 */
export function buildBase(rev: string): BaseBuild {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: REPO, encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mc-base-${sha}-`));
  execFileSync('git', ['worktree', 'add', '--detach', dir, sha], { cwd: REPO, stdio: 'ignore' });
  const remove = () => execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: REPO, stdio: 'ignore' });
  try {
    console.error(`installing ${sha}'s dependencies in ${dir}`);
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '-w', 'server', '-w', 'shared'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const sqlite = (root: string) => path.join(root, 'node_modules', 'better-sqlite3');
    const version = (root: string) => JSON.parse(fs.readFileSync(path.join(sqlite(root), 'package.json'), 'utf8')).version;
    if (version(dir) === version(REPO)) fs.cpSync(path.join(sqlite(REPO), 'build'), path.join(sqlite(dir), 'build'), { recursive: true });
    else execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    console.error(`building ${sha} in ${dir}`);
    const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const workspace of ['shared', 'server']) execFileSync(process.execPath, [tsc, '-p', path.join(dir, workspace, 'tsconfig.build.json')], { cwd: path.join(dir, workspace), stdio: 'inherit' });
  } catch (error) {
    // A base that cannot be installed or built leaves no worktree behind.
    remove();
    throw error;
  }
  return {
    sha,
    main: path.join(dir, 'server', 'dist', 'main.js'),
    remove,
  };
}
