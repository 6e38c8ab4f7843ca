import {
  ACTIVITY_TYPES,
  AGENT_STATUSES,
  DELIVERABLE_TYPES,
  EVENT_TYPES,
  SESSION_STATUSES,
  SESSION_TYPES,
  TASK_PRIORITIES,
  TASK_STATUSES,
} from '@mission-control/shared';

/*
 * The bodies the API answers with. Requests are described from the validating DTOs; responses are the
 * shared interfaces, which vanish at run time, so they are written here once, with the enums taken from
 * `shared`. The OpenAPI test checks real responses against these schemas, so they cannot drift silently.
 */

type Schema = Record<string, unknown>;

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const nullableStr = (extra: Schema = {}): Schema => ({ type: 'string', nullable: true, ...extra });
const time: Schema = { type: 'string', format: 'date-time' };
const nullableTime: Schema = { type: 'string', format: 'date-time', nullable: true };
const int: Schema = { type: 'integer' };

function object(properties: Record<string, Schema>, description?: string): Schema {
  return { type: 'object', ...(description ? { description } : {}), required: Object.keys(properties), properties };
}

export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  ErrorBody: object(
    { statusCode: int, error: str({ example: 'Bad Request' }), message: str({ example: 'title must be a string' }) },
    'The one error body of every failed call.',
  ),
  Task: object({
    id: str(),
    title: str(),
    description: nullableStr(),
    status: str({ enum: TASK_STATUSES }),
    priority: str({ enum: TASK_PRIORITIES }),
    assigned_agent_id: nullableStr(),
    created_by_agent_id: nullableStr(),
    due_date: nullableTime,
    created_at: time,
    updated_at: time,
    version: { type: 'integer', minimum: 1, description: '+1 on every change; send it as If-Match for a conditional PATCH' },
  }),
  Agent: object({
    id: str(),
    name: str(),
    role: nullableStr(),
    description: nullableStr(),
    avatar_emoji: str(),
    status: str({ enum: AGENT_STATUSES }),
    is_master: { type: 'boolean' },
    created_at: time,
    updated_at: time,
  }),
  TaskActivity: object({
    id: str(),
    task_id: str(),
    agent_id: nullableStr(),
    activity_type: str({ enum: ACTIVITY_TYPES }),
    message: str(),
    metadata: { type: 'object', nullable: true, additionalProperties: true },
    created_at: time,
  }),
  TaskDeliverable: object({
    id: str(),
    task_id: str(),
    deliverable_type: str({ enum: DELIVERABLE_TYPES }),
    title: str(),
    path: nullableStr(),
    description: nullableStr(),
    created_at: time,
  }),
  AgentSession: object({
    id: str(),
    agent_id: str(),
    openclaw_session_id: str(),
    channel: nullableStr(),
    status: str({ enum: SESSION_STATUSES }),
    session_type: str({ enum: SESSION_TYPES }),
    task_id: nullableStr(),
    summary: nullableStr(),
    last_seen_at: nullableTime,
    ended_at: nullableTime,
    created_at: time,
    updated_at: time,
  }),
  Stats: object({
    active_subagents: int,
    agents_working: int,
    tasks_by_status: object(Object.fromEntries(TASK_STATUSES.map((status) => [status, int]))),
  }),
  Health: {
    type: 'object',
    required: ['status', 'database', 'last_seq'],
    properties: {
      status: str({ enum: ['ok', 'degraded'] }),
      database: str({ enum: ['up', 'down'] }),
      uptime_s: { type: 'number' },
      last_seq: int,
      realtime: { type: 'object', additionalProperties: { type: 'integer' }, description: 'open connections per transport' },
    },
  },
  MissionEvent: object({
    seq: { type: 'integer', minimum: 1 },
    type: str({ enum: [...EVENT_TYPES] }),
    task_id: nullableStr(),
    at: time,
    payload: { type: 'object', additionalProperties: true, description: 'the Task, TaskActivity, … the event is about (see README "Events")' },
  }),
  /** JSON-RPC 2.0, as the Model Context Protocol carries it. */
  JsonRpcMessage: {
    type: 'object',
    required: ['jsonrpc'],
    properties: { jsonrpc: str({ enum: ['2.0'] }), id: { oneOf: [str(), int] }, method: str(), params: { type: 'object', additionalProperties: true } },
    additionalProperties: true,
  },
};

export const ref = (name: keyof typeof RESPONSE_SCHEMAS | string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const arrayOf = (name: string): Schema => ({ type: 'array', items: ref(name) });
