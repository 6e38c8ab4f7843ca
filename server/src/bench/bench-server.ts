import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Helpers the benchmarks share: a server as its own process on a fresh SQLite file, and plain HTTP calls. */
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

/** Starts `main` (a built `server/dist/main.js`) on `port` and waits until its health check answers. */
export async function startServer(main = path.join(__dirname, '..', 'main.js'), port?: number): Promise<BenchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-bench-'));
  const listenOn = port ?? (await freePort());
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(listenOn), HOST: '127.0.0.1', MC_RATE_LIMIT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, CLIENT_DIST: path.join(dir, 'none') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${listenOn}`;
  for (let i = 0; i < 200; i++) {
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
