import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const SERVER_ROOT = path.resolve(__dirname, '../../..');
export const BIN = path.join(SERVER_ROOT, 'bin', 'mission-control.js');
const MAIN = path.join(SERVER_ROOT, 'dist', 'main.js');

/** The CLI and the server run from their build, as a user runs them. */
export function requireBuild(): void {
  for (const file of [path.join(SERVER_ROOT, 'dist', 'cli', 'main.js'), MAIN]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build -w shared -w server" first`);
  }
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a shell command line (`sh -c`) to completion, with `env` added to a clean environment. */
export function sh(commandLine: string, env: Record<string, string> = {}): Promise<Finished> {
  return finished(spawn('sh', ['-c', commandLine], { env: cleanEnv(env), cwd: path.dirname(SERVER_ROOT) }));
}

/** `mission-control <args>` to completion. */
export function cli(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return finished(spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env) }));
}

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // No MC_URL / MC_TOKEN / NO_COLOR leaking in from the shell running the tests.
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
}

function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout (or stderr) matches. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<void>;
  stop(): Promise<number | null>;
}

/** A long-running child (the server, `tail`) whose output is collected as it comes. */
export function start(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, { env: cleanEnv(env), cwd: path.dirname(SERVER_ROOT) });
  const out = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    waitFor: async (pattern, stream = 'stdout', timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out[stream])) {
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${pattern}: ${out.stdout}\n${out.stderr}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on ${stream}: ${out[stream]}\n${out.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The real server (`node server/dist/main.js`) on a SQLite file and a fixed port, as `npm start` runs it. */
export async function startServer(dbFile: string, port: number, env: Record<string, string> = {}): Promise<Running> {
  const server = start(process.execPath, [MAIN], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${dbFile}`,
    DELIVERABLES_ROOT: path.join(path.dirname(dbFile), 'deliverables'),
    CLIENT_DIST: path.join(path.dirname(dbFile), 'no-client'),
    MC_RATE_LIMIT: '0',
    ...env,
  });
  await server.waitFor(/is live on/);
  return server;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
