import { ACTIVITY_TYPES, MissionControlClient, TASK_PRIORITIES, TASK_STATUSES, Task } from '@mission-control/shared';
import { Invocation, oneOf, wholeNumber } from './args';
import { followEvents } from '../common/event-follower';
import { Paint, activityLine, eventLine, taskLine, tasksTable } from './format';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  colour: Paint;
  /** Aborted on Ctrl-C / SIGTERM: `tail` stops cleanly. */
  signal: AbortSignal;
}

type Command = (run: Invocation, client: MissionControlClient, io: Io) => Promise<void>;

const printJson = (io: Io, value: unknown) => io.out(JSON.stringify(value, null, 2));

export const COMMANDS: Record<string, Command> = {
  async tasks(run, client, io) {
    const status = run.options.status === undefined ? undefined : oneOf(run.options.status, TASK_STATUSES, '--status');
    const limit = run.options.limit === undefined ? undefined : wholeNumber(run.options.limit, '--limit', 1);
    if (run.json) return printJson(io, await client.listTasks({ status, limit }));
    // Assignees by name: one more request, for a table a person reads.
    const [tasks, agents] = await Promise.all([client.listTasks({ status, limit }), client.listAgents()]);
    io.out(tasksTable(tasks, io.colour, new Map(agents.map((agent) => [agent.id, agent.name]))));
  },

  async add(run, client, io) {
    const [title] = run.positionals;
    const task = await client.createTask({
      title,
      description: run.options.description,
      priority: run.options.priority === undefined ? undefined : oneOf(run.options.priority, TASK_PRIORITIES, '--priority'),
      status: run.options.status === undefined ? undefined : oneOf(run.options.status, TASK_STATUSES, '--status'),
    });
    if (run.json) printJson(io, task);
    else io.out(`${io.colour.green('Created')} ${taskLine(task, io.colour)}`);
  },

  async move(run, client, io) {
    const [taskId, to] = run.positionals;
    const status = oneOf(to, TASK_STATUSES, 'status');
    const task: Task = await client.updateTask(taskId, { status, ...(run.options.agent ? { agent_id: run.options.agent } : {}) });
    if (run.json) printJson(io, task);
    else io.out(`${io.colour.green('Moved')} ${taskLine(task, io.colour)}`);
  },

  async log(run, client, io) {
    const [taskId, message] = run.positionals;
    const type = oneOf(run.options.type ?? 'updated', ACTIVITY_TYPES, '--type');
    const activity = await client.logActivity(taskId, { activity_type: type, message, ...(run.options.agent ? { agent_id: run.options.agent } : {}) });
    if (run.json) printJson(io, activity);
    else io.out(`${io.colour.green('Logged')} ${activityLine(activity, io.colour)}`);
  },

  async tail(run, client, io) {
    let after = run.options.since === undefined ? null : wholeNumber(run.options.since, '--since');
    // Start from the newest event now, so a drop before the first event still resumes without a gap.
    if (after === null) after = (await client.health().catch(() => null))?.last_seq ?? null;
    io.err(io.colour.dim(`Following ${client.eventStreamUrl(run.options.task)}${after !== null ? ` after #${after}` : ''} (Ctrl-C to stop)`));
    await followEvents({
      url: client.eventStreamUrl(run.options.task),
      headers: client.authHeaders(),
      after,
      signal: io.signal,
      onEvent: (event) => io.out(run.json ? JSON.stringify(event) : eventLine(event, io.colour)),
      onStatus: (message) => io.err(io.colour.yellow(message)),
    });
  },
};
