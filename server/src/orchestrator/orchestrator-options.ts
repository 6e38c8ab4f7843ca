import * as path from 'node:path';
import { OutputBatcherOptions } from './output-batcher';

export type AdapterName = 'simulated' | 'command';

/** Everything `npm run orchestrator` reads from its flags and the environment. */
export interface OrchestratorOptions {
  /** The Mission Control server (`MC_URL`, `--url`). */
  url: string;
  /** The API token (`MC_TOKEN`, `--token`). */
  token: string | null;
  /** How often the inbox is read, and running tasks are checked (`--poll-interval`, ms). */
  pollIntervalMs: number;
  /** How many tasks run at once (`--concurrency`). */
  concurrency: number;
  adapter: AdapterName;
  /** The shell command the `command` adapter runs per task (`--command`). */
  command: string | null;
  /** How long the simulated sub-agent works (`SIMULATED_WORK_MS`, `--work-ms`). */
  simulatedWorkMs: number;
  /** Where sub-agents write their files, one folder per task (`DELIVERABLES_ROOT`, `--deliverables-root`). */
  deliverablesRoot: string;
  /** How often a running sub-agent's session reports a heartbeat (`--heartbeat-interval`, ms). */
  heartbeatIntervalMs: number;
  /** Wake up early on `task_created` from `GET /api/events/stream` (`--no-events` turns it off). */
  useEventStream: boolean;
  masterName: string;
  subAgentName: string;
  /** How a sub-agent's output is batched (every 250 ms or 500 lines by default). */
  output?: OutputBatcherOptions;
}

export const USAGE = `Usage: npm run orchestrator -- [options]

Takes tasks from the Mission Control inbox and runs each through a sub-agent.

Options (environment variable in brackets):
  --url <url>                 server [MC_URL] (default http://localhost:4000)
  --token <token>             API token [MC_TOKEN]
  --poll-interval <ms>        inbox polling interval (default 2000)
  --concurrency <n>           tasks run at once (default 2)
  --adapter <name>            simulated | command (default simulated)
  --command "<shell command>" what the command adapter runs per task, in a fresh folder,
                              with MC_TASK_ID, MC_TASK_TITLE, MC_TASK_DESCRIPTION set; everything it
                              prints streams to its session's output (the task's Sessions tab)
  --work-ms <ms>              simulated work time [SIMULATED_WORK_MS] (default 3000)
  --deliverables-root <dir>   per-task folders go here [DELIVERABLES_ROOT] (default ./data/deliverables)
  --heartbeat-interval <ms>   session heartbeats while a sub-agent works (default 10000)
  --no-events                 poll only; do not listen to the server's event stream
  --help                      this text`;

const VALUE_FLAGS = new Set(['url', 'token', 'poll-interval', 'concurrency', 'adapter', 'command', 'work-ms', 'deliverables-root', 'heartbeat-interval']);

export class UsageError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): OrchestratorOptions | 'help' {
  const flags = new Map<string, string>();
  let events = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--no-events') {
      events = false;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !VALUE_FLAGS.has(match[1])) throw new UsageError(`Unknown option "${arg}"`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`Option --${match[1]} needs a value`);
    flags.set(match[1], value);
  }
  const adapter = flags.get('adapter') ?? 'simulated';
  if (adapter !== 'simulated' && adapter !== 'command') throw new UsageError(`--adapter must be simulated or command, got "${adapter}"`);
  const command = flags.get('command') ?? null;
  if (adapter === 'command' && !command?.trim()) throw new UsageError('--adapter command needs --command "<shell command>"');
  return {
    url: (flags.get('url') ?? env.MC_URL ?? 'http://localhost:4000').replace(/\/+$/, ''),
    token: flags.get('token') ?? env.MC_TOKEN ?? null,
    pollIntervalMs: positiveInt(flags.get('poll-interval'), 2000, '--poll-interval'),
    concurrency: positiveInt(flags.get('concurrency'), 2, '--concurrency'),
    adapter,
    command,
    simulatedWorkMs: nonNegativeInt(flags.get('work-ms') ?? env.SIMULATED_WORK_MS, 3000, 'SIMULATED_WORK_MS'),
    deliverablesRoot: path.resolve(flags.get('deliverables-root') ?? env.DELIVERABLES_ROOT ?? './data/deliverables'),
    heartbeatIntervalMs: positiveInt(flags.get('heartbeat-interval'), 10_000, '--heartbeat-interval'),
    useEventStream: events,
    masterName: 'Charlie',
    subAgentName: 'Developer Sub-Agent',
  };
}

function nonNegativeInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  const parsed = nonNegativeInt(value, fallback, name);
  if (parsed === 0) throw new UsageError(`${name} must be at least 1`);
  return parsed;
}
