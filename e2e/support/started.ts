import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { REPO_ROOT, StartServerOptions, TestServer, startServer, stopChild } from './server';

const ORCHESTRATOR_MAIN = path.join(REPO_ROOT, 'server', 'dist', 'orchestrator', 'main.js');

/** The built orchestrator running against a test server, with everything it printed so far. */
export interface RunningOrchestrator {
  child: ChildProcess;
  output: () => string;
}

/**
 * What a spec file started (servers, browsers, child processes), so its `afterAll(() => started.stopAll())`
 * stops all of it even when `beforeAll` failed half-way or ran out of time: a start still under way is waited
 * for (each has its own time limit) and then stopped too. Without this, a browser that failed to launch next to a
 * server that did start left the server running, and jest never exited.
 */
export class Started {
  private readonly stops: (() => Promise<unknown>)[] = [];
  private readonly pending = new Set<Promise<void>>();

  /** Registers something being started; once it has started, `stopAll` will stop it with `stop`. */
  track<T>(starting: Promise<T>, stop: (started: T) => Promise<unknown> | unknown): Promise<T> {
    const tracked = starting.then((value) => {
      this.stops.push(async () => stop(value));
      return value;
    });
    const settled = tracked.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return tracked;
  }

  /** The real server on a free port (see `startServer`). */
  server(options?: StartServerOptions): Promise<TestServer> {
    return this.track(startServer(options), (server) => server.stop());
  }

  /** Headless Chromium (see `launchBrowser`); closing it closes every context and page in it. */
  browser(): Promise<Browser> {
    return this.track(launchBrowser(), (browser) => browser.close());
  }

  /** A child process spawned by the spec; stopped with SIGTERM, then SIGKILL. */
  child(child: ChildProcess): ChildProcess {
    this.stops.push(() => stopChild(child));
    return child;
  }

  /** The built orchestrator (`server/dist/orchestrator/main.js`) with `args`, working for `server` without a token. */
  orchestrator(server: TestServer, args: string[], env: NodeJS.ProcessEnv = {}): RunningOrchestrator {
    if (!fs.existsSync(ORCHESTRATOR_MAIN)) throw new Error('The orchestrator is not built: run "npm run build" first');
    const child = this.child(
      spawn(process.execPath, [ORCHESTRATOR_MAIN, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, MC_URL: server.url, MC_TOKEN: '', DELIVERABLES_ROOT: server.deliverablesRoot, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output };
  }

  /** Stops everything, last started first; one failing stop does not keep the others from running. */
  async stopAll(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    const failures: unknown[] = [];
    for (const stop of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
