import { parseArgs } from 'node:util';

export const USAGE = `Usage: mission-control <command> [options]

Commands:
  tasks [--status <status>] [--limit <n>]        list tasks, newest first
  add "<title>" [--priority <p>] [--status <s>] [--description <text>]
                                                 create a task
  move <task-id> <status> [--agent <agent-id>]   move a task (inbox, assigned, in_progress, review, done)
  log <task-id> "<message>" [--type <type>] [--agent <agent-id>]
                                                 log an activity (type: updated by default)
  tail [--task <task-id>] [--since <seq>]        follow events live; resumes after a drop or a restart
  mcp                                            serve the MCP tools over stdio, for an MCP client

Options:
  --url <url>      the server (default: $MC_URL, or http://localhost:4000)
  --token <token>  API token (default: $MC_TOKEN)
  --json           machine-readable output: one JSON document (tail: one event per line)
  -h, --help       this help

Colours only on a terminal, never with NO_COLOR. Exit codes: 0 ok, 1 the server refused or could not
be reached (its message on stderr), 2 wrong usage.`;

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  status: { type: 'string' },
  limit: { type: 'string' },
  priority: { type: 'string' },
  description: { type: 'string' },
  type: { type: 'string' },
  agent: { type: 'string' },
  task: { type: 'string' },
  since: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Per command: the options it takes and how many positional arguments. */
const COMMANDS: Record<string, { options: OptionName[]; positionals: string[] }> = {
  tasks: { options: ['status', 'limit'], positionals: [] },
  add: { options: ['priority', 'status', 'description'], positionals: ['title'] },
  move: { options: ['agent'], positionals: ['task-id', 'status'] },
  log: { options: ['type', 'agent'], positionals: ['task-id', 'message'] },
  tail: { options: ['task', 'since'], positionals: [] },
  mcp: { options: [], positionals: [] },
};
const GLOBAL: OptionName[] = ['url', 'token', 'json', 'help'];

export interface Invocation {
  command: string;
  positionals: string[];
  options: Partial<Record<Exclude<OptionName, 'json' | 'help'>, string>>;
  json: boolean;
  help: boolean;
  url: string;
  token: string | null;
}

/** Wrong usage: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export function parseInvocation(argv: string[], env: NodeJS.ProcessEnv): Invocation {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const [command = '', ...rest] = positionals;
  const base = {
    json: values.json === true,
    help: values.help === true,
    url: (values.url ?? env.MC_URL ?? 'http://localhost:4000').replace(/\/+$/, ''),
    token: values.token ?? (env.MC_TOKEN || null),
  };
  if (base.help || command === 'help') return { command: 'help', positionals: [], options: {}, ...base, help: true };
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  for (const name of Object.keys(values) as OptionName[]) {
    if (!GLOBAL.includes(name) && !spec.options.includes(name)) throw new UsageError(`"${command}" does not take --${name}`);
  }
  if (rest.length !== spec.positionals.length) {
    const expected = spec.positionals.map((name) => `<${name}>`).join(' ') || 'no arguments';
    throw new UsageError(`"${command}" takes ${expected}, got ${rest.length ? rest.map((item) => JSON.stringify(item)).join(' ') : 'none'}`);
  }
  try {
    new URL(base.url);
  } catch {
    throw new UsageError(`--url must be a URL such as http://localhost:4000, got "${base.url}"`);
  }
  const options: Invocation['options'] = {};
  for (const name of spec.options) if (typeof values[name] === 'string') options[name as keyof Invocation['options']] = values[name] as string;
  return { command, positionals: rest, options, ...base };
}

/** One of `allowed`, or a usage error naming them. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${what} must be one of ${allowed.join(', ')}, got "${value}"`);
}

/** A whole number ≥ `min`, or a usage error. */
export function wholeNumber(value: string, what: string, min = 0): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min) throw new UsageError(`${what} must be a whole number ≥ ${min}, got "${value}"`);
  return number;
}
