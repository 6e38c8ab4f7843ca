import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { LIMITS, MissionControlClient, MissionControlError, OUTPUT_STREAMS, OutputStream, SESSION_END_STATUSES } from '@mission-control/shared';
import { z } from 'zod';
import { CreateActivityDto } from '../activities/dto/create-activity.dto';
import { CreateDeliverableDto } from '../deliverables/dto/create-deliverable.dto';
import { RegisterSubagentDto } from '../sessions/dto/register-subagent.dto';
import { UpdateSessionDto } from '../sessions/dto/update-session.dto';
import { CreateTaskDto } from '../tasks/dto/create-task.dto';
import { ListTasksQueryDto } from '../tasks/dto/list-tasks.query';
import { UpdateTaskDto } from '../tasks/dto/update-task.dto';
import { dtoShape } from './dto-zod';

/** What a tool or resource handler learns about its caller: over HTTP, the token it sent. */
export interface McpCaller {
  authInfo?: { token: string };
}

/** The REST client to act with for one caller (its own token over HTTP; the configured one over stdio). */
export type ClientFor = (caller: McpCaller) => MissionControlClient;

export const TASK_RESOURCE_TEMPLATE = 'mission-control://tasks/{task_id}';
const id = (what: string) => z.string().min(1).max(LIMITS.id).describe(what);

type Args = Record<string, unknown>;

/**
 * One MCP server: the tools of DESIGN.md's Ecosystem section and a resource per task with its activity
 * log. Every handler calls the REST API over HTTP with the typed client, as any agent would, so the
 * server's validation, authorisation and events apply unchanged. Both transports build it here.
 */
export function createMcpServer(clientFor: ClientFor): McpServer {
  const server = new McpServer({ name: 'mission-control', version: '1.0.0' }, { capabilities: { logging: {} } });
  const tool = (name: string, description: string, inputSchema: Record<string, z.ZodType>, run: (client: MissionControlClient, args: Args) => Promise<unknown>) =>
    server.registerTool(name, { description, inputSchema }, async (args: Args, extra: McpCaller) => respond(() => run(clientFor(extra), args)));

  tool('list_tasks', 'List tasks, newest first; filter by status or assignee.', dtoShape(ListTasksQueryDto), (client, args) => client.listTasks(args));
  tool('get_task', 'Read one task with its activity log and deliverables.', { task_id: id('the task id') }, async (client, args) => {
    const taskId = args.task_id as string;
    const [task, activities, deliverables] = await Promise.all([client.getTask(taskId), client.listActivities(taskId), client.listDeliverables(taskId)]);
    return { ...task, activities, deliverables };
  });
  tool('create_task', 'Create a task (it lands in the inbox unless a status is given).', dtoShape(CreateTaskDto), (client, args) =>
    client.createTask(args as unknown as CreateTaskDto),
  );
  tool(
    'update_task_status',
    'Move a task to another column (inbox, assigned, in_progress, review, done); logs a status_changed activity.',
    { task_id: id('the task id'), ...dtoShape(UpdateTaskDto, { pick: ['status', 'agent_id'], require: ['status'] }) },
    (client, { task_id, ...body }) => client.updateTask(task_id as string, body),
  );
  tool('log_activity', "Log an activity on a task's log (spawned, updated, completed, file_created, status_changed).", { task_id: id('the task id'), ...dtoShape(CreateActivityDto) }, (client, { task_id, ...body }) =>
    client.logActivity(task_id as string, body as unknown as CreateActivityDto),
  );
  tool('add_deliverable', 'Attach a deliverable (a file, a URL or an artifact) to a task.', { task_id: id('the task id'), ...dtoShape(CreateDeliverableDto) }, (client, { task_id, ...body }) =>
    client.addDeliverable(task_id as string, body as unknown as CreateDeliverableDto),
  );
  tool(
    'register_subagent',
    'Register a sub-agent session working on a task (creates the agent by name if needed; logs the spawn).',
    { task_id: id('the task id'), ...dtoShape(RegisterSubagentDto) },
    (client, { task_id, ...body }) => client.registerSubagent(task_id as string, body as unknown as RegisterSubagentDto),
  );
  tool(
    'complete_session',
    'End a sub-agent session (our id or its openclaw_session_id) as completed (default) or failed, with a summary.',
    { session_id: id('the session id or openclaw_session_id'), ...dtoShape(UpdateSessionDto, { pick: ['summary'] }), status: z.enum(SESSION_END_STATUSES).optional() },
    (client, args) => client.endSession(args.session_id as string, { status: (args.status as 'completed' | 'failed' | undefined) ?? 'completed', summary: args.summary as string | undefined }),
  );
  tool(
    'append_output',
    "Append lines a sub-agent printed to its session's output (shown live on the dashboard); also a heartbeat.",
    {
      session_id: id('the session id or openclaw_session_id'),
      lines: z.array(z.string().max(5000)).min(1).max(1000),
      stream: z.enum(OUTPUT_STREAMS).optional(),
    },
    (client, { session_id, lines, stream }) => client.appendOutput(session_id as string, lines as string[], stream as OutputStream | undefined),
  );

  server.registerResource(
    'task',
    new ResourceTemplate(TASK_RESOURCE_TEMPLATE, {
      list: async (extra) => ({
        resources: (await clientFor(extra).listTasks({ limit: 100 })).map((task) => ({
          uri: taskUri(task.id),
          name: task.title,
          description: `${task.status} · ${task.priority}`,
          mimeType: 'application/json',
        })),
      }),
    }),
    { description: 'A task with its activity log (newest first)', mimeType: 'application/json' },
    async (uri, variables, extra) => {
      const taskId = String(variables.task_id);
      const client = clientFor(extra);
      const [task, activities] = await Promise.all([client.getTask(taskId), client.listActivities(taskId)]);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ ...task, activities }, null, 2) }] };
    },
  );
  return server;
}

export const taskUri = (taskId: string): string => `mission-control://tasks/${encodeURIComponent(taskId)}`;

/** A result as JSON text; a refused call as a tool error carrying the server's own message. */
async function respond(run: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    const result = await run();
    return { content: [{ type: 'text', text: result === undefined ? 'OK' : JSON.stringify(result, null, 2) }] };
  } catch (error) {
    if (!(error instanceof MissionControlError)) throw error;
    const status = error.status ? `${error.status} ${error.body?.error ?? ''}`.trim() : 'connection failed';
    return { isError: true, content: [{ type: 'text', text: `${status}: ${error.message}` }] };
  }
}
