/**
 * Fan-out benchmark (part of `npm run bench:events`): N SSE clients, then N Socket.IO clients, receive
 * activities written at a steady rate, against this build and against a base commit's build, in one run.
 * Each server is its own process on a fresh SQLite file; the clients live in worker processes. Reports the
 * server's CPU time per delivered event (from /proc/<pid>/stat) and write → receipt p50/p99.
 * Environment: BENCH_CLIENTS (1000), BENCH_RATE (writes/s, 50), BENCH_SECONDS (20), BENCH_WORKERS (2),
 * BENCH_BASE (commit to compare with, default e005be1; "none" to skip), BENCH_TRANSPORTS (sse,socketio).
 */
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clientWorker, WorkerReport } from './fanout-clients';
import { BaseBuild, buildBase, cpuTicks, freePort, request, startServer, stopServer } from './bench-server';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const BASE = process.env.BENCH_BASE ?? 'e005be1';
const TRANSPORTS = (process.env.BENCH_TRANSPORTS ?? 'sse,socketio').split(',') as Transport[];
const CLOCK_TICKS_PER_S = 100;

type Transport = 'sse' | 'socketio';

interface Row {
  build: string;
  transport: Transport;
  delivered: number;
  expected: number;
  cpuMs: number;
  /** Of which in the kernel (on loopback that includes delivering to the clients' sockets). */
  systemMs: number;
  p50: number;
  p99: number;
  max: number;
}

const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function scenario(build: string, main: string, transport: Transport): Promise<Row> {
  const server = await startServer(main, await freePort());
  const workers: ChildProcess[] = [];
  try {
    const task = (await request(`${server.url}/api/tasks`, 'POST', { title: 'fan-out' })).json as { id: string };
    for (let i = 0; i < WORKERS; i++) {
      const share = Math.floor(CLIENTS / WORKERS) + (i < CLIENTS % WORKERS ? 1 : 0);
      const worker = fork(__filename, ['--clients', transport, server.url, String(share)], { serialization: 'advanced', stdio: 'inherit' });
      workers.push(worker);
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('exit', (code) => reject(new Error(`client worker exited with ${code}`)));
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cpuBefore = cpuTicks(server.child.pid!);
    const writes = RATE * SECONDS;
    const inFlight: Promise<unknown>[] = [];
    let failedWrites = 0;
    const started = now();
    for (let i = 0; i < writes; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        request(`${server.url}/api/tasks/${task.id}/activities`, 'POST', { activity_type: 'updated', message: `bench ${now()}` }).then(
          (res) => res.status !== 201 && failedWrites++,
          () => failedWrites++,
        ),
      );
    }
    await Promise.all(inFlight);
    // Let the last events arrive (or give up on them after 5 s: they then count as undelivered).
    const reports: WorkerReport[] = [];
    const deadline = now() + 5000;
    for (;;) {
      reports.length = 0;
      for (const worker of workers) reports.push(await ask(worker, 'count'));
      const received = reports.reduce((sum, r) => sum + r.received, 0);
      if (received >= writes * CLIENTS || now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cpuAfter = cpuTicks(server.child.pid!);
    const cpuMs = ((cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) * 1000) / CLOCK_TICKS_PER_S;
    const systemMs = ((cpuAfter.system - cpuBefore.system) * 1000) / CLOCK_TICKS_PER_S;
    reports.length = 0;
    for (const worker of workers) reports.push(await ask(worker, 'final'));
    const latencies = Float64Array.from(reports.flatMap((r) => Array.from(r.latencies))).sort();
    const delivered = latencies.length;
    if (failedWrites) console.error(`${failedWrites} writes failed`);
    return { build, transport, delivered, expected: writes * CLIENTS, cpuMs, systemMs, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[delivered - 1] ?? NaN };
  } finally {
    for (const worker of workers) worker.kill();
    await stopServer(server);
  }
}

function format(r: Row): string {
  const perEvent = r.delivered ? ((r.cpuMs * 1000) / r.delivered).toFixed(1) : '–';
  const transport = r.transport === 'sse' ? 'SSE' : 'Socket.IO';
  return `| ${r.build} | ${transport} | ${r.delivered} / ${r.expected} | ${(r.cpuMs / 1000).toFixed(2)}, ${(r.systemMs / 1000).toFixed(2)} | ${perEvent} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`;
}

function ask(worker: ChildProcess, what: 'count' | 'final'): Promise<WorkerReport> {
  return new Promise((resolve) => {
    worker.once('message', (report: WorkerReport) => resolve(report));
    worker.send(what);
  });
}

async function runAll(builds: [string, string][], rows: Row[]): Promise<void> {
  for (const transport of TRANSPORTS) {
    for (const [build, main] of builds) {
      console.error(`running: ${build}, ${CLIENTS} ${transport} clients`);
      try {
        const row = await scenario(build, main, transport);
        rows.push(row);
        console.error(format(row));
      } catch (error) {
        console.error(`failed: ${(error as Error).stack ?? error}`);
      }
    }
  }
}

async function main(): Promise<void> {
  const builds: [string, string][] = [['this branch', path.join(__dirname, '..', 'main.js')]];
  const base: BaseBuild | null = BASE === 'none' ? null : buildBase(BASE);
  if (base) builds.push([`base ${base.sha}`, base.main]);
  const rows: Row[] = [];
  try {
    await runAll(builds, rows);
  } finally {
    base?.remove();
  }
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  console.log(`\nFan-out: ${CLIENTS} clients, ${RATE} writes/s for ${SECONDS} s (this branch = ${head})\n`);
  console.log('| build | transport | delivered | server CPU (s), of which kernel | CPU µs / delivered event | p50 (ms) | p99 (ms) | max (ms) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(format(row));
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average at the end ${load}`);
}

if (process.argv[2] === '--clients') {
  clientWorker(process.argv[3] as Transport, process.argv[4], Number(process.argv[5]));
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
