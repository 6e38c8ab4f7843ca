import { MissionEvent, Task, TaskActivity } from '@mission-control/shared';

/** ANSI colours, or nothing at all when the output is piped or `NO_COLOR` is set. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  magenta(text: string): string;
  cyan(text: string): string;
}

const CODES: Record<keyof Paint, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
};

export function paint(enabled: boolean): Paint {
  const entries = Object.entries(CODES).map(([name, [open, close]]) => [name, (text: string) => (enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text)]);
  return Object.fromEntries(entries) as unknown as Paint;
}

/** https://no-color.org: colour only for a terminal, never when `NO_COLOR` is set (to anything). */
export function colourWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** Columns padded to the widest cell; colour is applied after padding so escapes do not skew widths. */
export function table(headers: string[], rows: string[][], colour: Paint, colourCell?: (column: number, text: string) => string): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[], decorate: (column: number, text: string) => string) =>
    cells
      .map((cell, column) => decorate(column, column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers, (_column, text) => colour.bold(text)), ...rows.map((row) => line(row, colourCell ?? ((_column, text) => text)))].join('\n');
}

const STATUS_COLOURS: Record<string, keyof Paint> = {
  inbox: 'dim',
  assigned: 'blue',
  in_progress: 'yellow',
  review: 'magenta',
  done: 'green',
};
const PRIORITY_COLOURS: Record<string, keyof Paint> = { urgent: 'red', high: 'yellow', low: 'dim' };

export function tasksTable(tasks: Task[], colour: Paint, agentNames: Map<string, string> = new Map()): string {
  if (!tasks.length) return colour.dim('No tasks.');
  const assignee = (id: string | null) => (id ? (agentNames.get(id) ?? id) : '-');
  const rows = tasks.map((task) => [task.id, task.status, task.priority, truncate(task.title, 60), assignee(task.assigned_agent_id), ago(task.updated_at)]);
  return table(['ID', 'STATUS', 'PRIORITY', 'TITLE', 'ASSIGNEE', 'UPDATED'], rows, colour, (column, text) => {
    const name = column === 1 ? STATUS_COLOURS[text.trim()] : column === 2 ? PRIORITY_COLOURS[text.trim()] : undefined;
    return name ? colour[name](text) : text;
  });
}

export function taskLine(task: Task, colour: Paint): string {
  return `${colour.bold(task.id)}  ${colourStatus(task.status, colour)}  ${task.priority}  ${task.title}`;
}

export function activityLine(activity: TaskActivity, colour: Paint): string {
  return `${colour.bold(activity.task_id)}  ${colour.cyan(activity.activity_type)}  ${activity.message}`;
}

const colourStatus = (status: string, colour: Paint) => colour[STATUS_COLOURS[status] ?? 'bold'](status);

// Keyed by name, not by the union, so event types added later simply fall back to bold.
const EVENT_COLOURS: Record<string, keyof Paint | undefined> = {
  task_created: 'green',
  task_updated: 'blue',
  task_deleted: 'red',
  activity_logged: 'cyan',
  deliverable_added: 'magenta',
  agent_spawned: 'yellow',
  agent_completed: 'green',
  session_output: 'dim',
};

/** One line per event: time, sequence number, type, task, and what happened. */
export function eventLine(event: MissionEvent, colour: Paint): string {
  const time = event.at.slice(11, 23);
  const type = event.type.padEnd(17);
  return [colour.dim(time), colour.dim(`#${event.seq}`), colour[EVENT_COLOURS[event.type] ?? 'bold'](type), event.task_id ?? '-', describe(event)].join('  ');
}

function describe(event: MissionEvent): string {
  const payload = event.payload as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'task_created':
    case 'task_updated':
      return `"${event.payload.title}" ${event.payload.status} · ${event.payload.priority}`;
    case 'activity_logged':
      return `[${event.payload.activity_type}] ${event.payload.message}`;
    case 'deliverable_added':
      return `${event.payload.deliverable_type} "${event.payload.title}"${event.payload.path ? ` ${event.payload.path}` : ''}`;
    case 'agent_spawned':
      return `${event.payload.agentName} spawned (session ${event.payload.sessionId})`;
    case 'agent_completed':
      return `session ${event.payload.sessionId} ended${event.payload.summary ? `: ${event.payload.summary}` : ''}`;
    case 'agent_created':
    case 'agent_updated':
      return `${event.payload.name} ${event.payload.status}`;
    case 'session_updated':
      return `session ${event.payload.id} ${event.payload.status}`;
    default: {
      if (Array.isArray(payload.lines)) return `${payload.stream ?? ''} ${payload.from}–${payload.to}: ${truncate(String(payload.lines[0] ?? ''), 80)}`.trim();
      return typeof payload.id === 'string' ? payload.id : truncate(JSON.stringify(payload), 100);
    }
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function ago(iso: string): string {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}
