/**
 * `npm run bench:writes`: REST write throughput and latency. For each build — this checkout and, with
 * BENCH_BASE=<git rev> (default: none), that commit built in a temporary worktree — it starts the server as its own
 * process on a fresh SQLite file (and, with BENCH_POSTGRES=1, on a fresh PostgreSQL database) and measures
 * single-activity POSTs at 1, 8 and 32 in flight and batches of 100 activities, with a keep-alive HTTP client.
 * Options (environment): BENCH_REQUESTS (per row, default 3000), BENCH_CPU_PROF=<dir> (profile the server).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBase, cpuTicks, startServer, stopServer } from './bench-server';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = 300;
const BATCH = 100;
const REPO = path.resolve(__dirname, '..', '..', '..');
const PG_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Row {
  build: string;
  database: string;
  load: string;
  perSecond: number;
  unit: string;
  p50: number;
  p99: number;
  /** Server CPU (user + system) per request, ms: steadier than rates on a busy machine. */
  cpuMs: number;
  failed: number;
}

function post(agent: http.Agent, url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The server under test, with its CPU time so far (user + system, seconds). */
async function startMeasured(main: string, databaseUrl: string, label: string): Promise<{ url: string; cpu: () => number; stop: () => Promise<void> }> {
  const execArgv = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`, `--cpu-prof-name=${label}.cpuprofile`] : [];
  const server = await startServer(main, undefined, { databaseUrl, execArgv });
  const cpu = () => {
    const ticks = cpuTicks(server.child.pid!);
    return (ticks.user + ticks.system) / 100;
  };
  return { url: server.url, cpu, stop: () => stopServer(server) };
}

/** `total` POSTs of `body()` with `inFlight` outstanding at a time; returns the rate and latency. */
async function drive(url: string, inFlight: number, total: number, body: () => string): Promise<{ seconds: number; latencies: number[]; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (sent < total) {
        sent++;
        const at = performance.now();
        const status = await post(agent, url, body());
        latencies.push(performance.now() - at);
        if (status !== 201) {
          failed++;
          if (failed === 1) console.error(`first refused request: HTTP ${status}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, latencies: latencies.sort((a, b) => a - b), failed };
}

/**
 * The floor under the batch rows: the same rows (an activity and its event each, as `batches of 100` writes them)
 * inserted straight into a migrated SQLite file with better-sqlite3, 100 per transaction, no HTTP, no framework.
 */
async function sqliteFloor(): Promise<number> {
  // Loaded here so the benchmark's other rows do not depend on the server's modules.
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../database/data-source-options');
  const { default: Database } = await import('better-sqlite3');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-bench-floor-')), 'floor.db');
  const migrated = new DataSource(dataSourceOptions(`sqlite:${file}`));
  await migrated.initialize();
  await migrated.runMigrations();
  await migrated.destroy();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The server's own ids (time-ordered), so the floor pays what the server pays for the primary-key index.
  const { newId } = await import('../common/ids');
  const task = newId();
  db.prepare("INSERT INTO tasks (id, title, status, priority, created_at, updated_at, version) VALUES (?, 'floor', 'inbox', 'normal', ?, ?, 1)").run(task, new Date().toISOString(), new Date().toISOString());
  const activities = db.prepare(`INSERT INTO task_activities (id, task_id, agent_id, activity_type, message, metadata, created_at) VALUES ${Array(BATCH).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
  const events = db.prepare(`INSERT INTO domain_events (type, task_id, payload, created_at) VALUES ${Array(BATCH).fill('(?, ?, ?, ?)').join(', ')} RETURNING seq`);
  const batches = 300;
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const at = new Date().toISOString();
    const rows: unknown[] = [];
    const announced: unknown[] = [];
    for (let i = 0; i < BATCH; i++) {
      const activity = { id: newId(), task_id: task, agent_id: null, activity_type: 'updated', message: `line ${b * BATCH + i} of the benchmark output`, metadata: null, created_at: at };
      rows.push(activity.id, task, null, activity.activity_type, activity.message, null, at);
      announced.push('activity_logged', task, JSON.stringify(activity), at);
    }
    db.transaction(() => {
      activities.run(...rows);
      events.all(...announced);
    })();
  }
  const perSecond = (batches * BATCH) / ((performance.now() - started) / 1000);
  db.close();
  return perSecond;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(build: string, main: string, database: string, databaseUrl: string): Promise<Row[]> {
  const server = await startMeasured(main, databaseUrl, `${build}-${database}`);
  try {
    const task = await new Promise<string>((resolve, reject) => {
      const req = http.request(`${server.url}/api/tasks`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text).id));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ title: 'bench' }));
    });
    const url = `${server.url}/api/tasks/${task}/activities`;
    let n = 0;
    const activity = () => ({ activity_type: 'updated', message: `line ${++n} of the benchmark output` });
    const one = () => JSON.stringify(activity());
    const batch = () => JSON.stringify(Array.from({ length: BATCH }, activity));
    await drive(url, 8, WARMUP, one);
    const rows: Row[] = [];
    for (const inFlight of [1, 8, 32]) {
      const cpuBefore = server.cpu();
      const run = await drive(url, inFlight, REQUESTS, one);
      const cpuMs = ((server.cpu() - cpuBefore) * 1000) / REQUESTS;
      rows.push({ build, database, load: `1 activity, ${inFlight} in flight`, perSecond: REQUESTS / run.seconds, unit: 'writes/s', p50: percentile(run.latencies, 50), p99: percentile(run.latencies, 99), cpuMs, failed: run.failed });
    }
    const batches = Math.max(50, Math.round(REQUESTS / 10));
    const cpuBefore = server.cpu();
    const run = await drive(url, 4, batches, batch);
    const cpuMs = ((server.cpu() - cpuBefore) * 1000) / batches;
    const accepted = run.failed === 0;
    rows.push({
      build,
      database,
      load: `batches of ${BATCH}, 4 in flight`,
      perSecond: accepted ? (batches * BATCH) / run.seconds : 0,
      unit: accepted ? 'activities/s' : 'not supported',
      p50: percentile(run.latencies, 50),
      p99: percentile(run.latencies, 99),
      cpuMs,
      failed: run.failed,
    });
    return rows;
  } finally {
    await server.stop();
  }
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

async function freshPostgres(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // The server's own driver (it has no type declarations here); loaded only when PostgreSQL is benchmarked.
  const { Client } = require('pg') as { Client: new (options: { connectionString: string }) => PgClient };
  const name = `mc_bench_${label.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new Client({ connectionString: PG_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

async function main(): Promise<void> {
  const base = process.env.BENCH_BASE ? buildBase(process.env.BENCH_BASE) : null;
  const builds: { name: string; main: string }[] = base ? [{ name: `base ${base.sha}`, main: base.main }] : [];
  builds.push({ name: `this ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO }).toString().trim()}`, main: path.join(__dirname, '..', 'main.js') });
  const rows: Row[] = [];
  try {
    for (const build of builds) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-bench-writes-'));
      rows.push(...(await measure(build.name, build.main, 'SQLite', `sqlite:${path.join(dir, 'bench.db')}`)));
      if (process.env.BENCH_POSTGRES === '1') {
        const db = await freshPostgres(build.name);
        try {
          rows.push(...(await measure(build.name, build.main, 'PostgreSQL', db.url)));
        } finally {
          await db.drop();
        }
      }
    }
  } finally {
    base?.remove();
  }
  const floor = await sqliteFloor();
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${REQUESTS} requests per row\n`);
  console.log('| build | database | load | rate | p50 ms | p99 ms | server CPU ms per request | non-201 |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    // A build that refuses the load (400) has no rate or latency worth printing.
    const figures = r.unit === 'not supported' ? 'not supported (400) | |' : `${Math.round(r.perSecond).toLocaleString('en-US')} ${r.unit} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)}`;
    const cpu = r.unit === 'not supported' ? '' : r.cpuMs.toFixed(3);
    console.log(`| ${r.build} | ${r.database} | ${r.load} | ${figures} | ${cpu} | ${r.failed} |`);
  }
  console.log(`\nFloor: the same activities and events inserted straight into SQLite (better-sqlite3, ${BATCH} per transaction, no HTTP): ${Math.round(floor).toLocaleString('en-US')} activities/s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
