import { arrayOf, ref } from './response-schemas';

export interface RouteResponse {
  summary: string;
  /** The JSON body of the success response; none for 204. */
  schema?: Record<string, unknown>;
  /** For non-JSON answers (a file, an event stream). */
  contentType?: string;
  /** Other success statuses the route may answer with, and why. */
  also?: Record<number, string>;
}

/**
 * What each route answers, keyed by `METHOD path` with every path parameter written `{}` (so a
 * controller may rename `:id` freely). The success status itself comes from the route (`@HttpCode`,
 * Nest's 201 for POST). A route missing here is still documented, with a schemaless JSON answer; the
 * OpenAPI test lists such routes so they are added.
 */
export const ROUTE_RESPONSES: Record<string, RouteResponse> = {
  'GET /api/tasks': { summary: 'List tasks, newest first', schema: arrayOf('Task') },
  'POST /api/tasks': { summary: 'Create a task', schema: ref('Task') },
  'GET /api/tasks/{}': { summary: 'Read a task', schema: ref('Task') },
  'PATCH /api/tasks/{}': { summary: 'Change a task (If-Match: <version> makes it conditional: 412 if it changed)', schema: ref('Task') },
  'DELETE /api/tasks/{}': { summary: 'Delete a task' },
  'GET /api/tasks/{}/activities': { summary: "The task's activity log, newest first", schema: arrayOf('TaskActivity') },
  'POST /api/tasks/{}/activities': {
    summary: 'Log an activity, or an array of 1–1000 in one transaction (all or nothing)',
    schema: { oneOf: [ref('TaskActivity'), arrayOf('TaskActivity')] },
  },
  'GET /api/tasks/{}/deliverables': { summary: "The task's deliverables", schema: arrayOf('TaskDeliverable') },
  'POST /api/tasks/{}/deliverables': { summary: 'Attach a deliverable', schema: ref('TaskDeliverable') },
  'GET /api/deliverables/{}': { summary: 'Read a deliverable', schema: ref('TaskDeliverable') },
  'GET /api/deliverables/{}/content': { summary: 'The file of a `file` deliverable (only from inside DELIVERABLES_ROOT)', contentType: '*/*' },
  'POST /api/deliverables/{}/link': {
    summary: 'A link to the content, signed for this deliverable, valid 5 minutes, that needs no token',
    schema: { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
  },
  'GET /api/tasks/{}/subagent': { summary: "The task's sub-agent sessions", schema: arrayOf('AgentSession') },
  'POST /api/tasks/{}/subagent': {
    summary: 'Register a sub-agent session (201), or get the one already registered under that key (200)',
    schema: ref('AgentSession'),
    also: { 200: 'Already registered under that openclaw_session_id' },
  },
  'GET /api/sessions': { summary: 'List sessions', schema: arrayOf('AgentSession') },
  'PATCH /api/sessions/{}': { summary: 'End a session (our id or its openclaw_session_id)', schema: ref('AgentSession') },
  'POST /api/sessions/{}/heartbeat': { summary: 'A sub-agent is alive; a stale session becomes active again', schema: ref('AgentSession') },
  'POST /api/sessions/{}/output': {
    summary: "Append lines to a session's output (also a heartbeat)",
    schema: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'integer' }, to: { type: 'integer' } } },
  },
  'GET /api/sessions/{}/output': { summary: "Page through a session's output", schema: { type: 'object', additionalProperties: true } },
  'PATCH /api/openclaw/sessions/{}': { summary: "The original's call: end a session by its openclaw_session_id", schema: ref('AgentSession') },
  'GET /api/openclaw/sessions': { summary: "The original's call: list sessions", schema: arrayOf('AgentSession') },
  'GET /api/agents': { summary: 'List agents', schema: arrayOf('Agent') },
  'POST /api/agents': { summary: 'Create an agent', schema: ref('Agent') },
  'GET /api/agents/{}': { summary: 'Read an agent', schema: ref('Agent') },
  'PATCH /api/agents/{}': { summary: 'Change an agent', schema: ref('Agent') },
  'DELETE /api/agents/{}': { summary: 'Delete an agent (tasks lose it as assignee or creator)' },
  'POST /api/tokens': { summary: 'Issue an API token (operator only); the secret is shown once', schema: { type: 'object', additionalProperties: true } },
  'GET /api/tokens': { summary: 'List API tokens, without secrets (operator only)', schema: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  'DELETE /api/tokens/{}': { summary: 'Revoke an API token at once (operator only)' },
  'GET /api/stats': { summary: 'Counts for the dashboard header and sidebar', schema: ref('Stats') },
  'GET /api/health': { summary: 'Liveness, database, last_seq, open connections', schema: ref('Health'), also: { 503: 'The database does not answer' } },
  'GET /api/events': { summary: 'Replay the outbox: events after `since`, oldest first', schema: arrayOf('MissionEvent') },
  'GET /api/events/stream': {
    summary: 'Server-Sent Events: `id: <seq>`, `event: <type>`, `data: <MissionEvent>`; resumes with Last-Event-ID',
    contentType: 'text/event-stream',
  },
};

export const routeKey = (method: string, path: string): string => `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
