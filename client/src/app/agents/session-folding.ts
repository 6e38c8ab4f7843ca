import { AgentCompletedPayload, AgentSession, AgentSpawnedPayload, MissionEvent } from '@mission-control/shared';

const TERMINAL = new Set(['completed', 'failed', 'stale']);

/**
 * A copy of a session replaces the one held when it was written later; at the same instant an ended copy
 * wins over an active one, so a duplicate "spawned" arriving after "completed" never revives a session.
 */
export function isNewerSession(incoming: AgentSession, held: AgentSession | undefined): boolean {
  if (held === undefined) return true;
  const order = incoming.updated_at.localeCompare(held.updated_at);
  if (order !== 0) return order > 0;
  return TERMINAL.has(incoming.status) && !TERMINAL.has(held.status);
}

/** The session an event carries, if any (spawned / completed / session_updated). */
export function sessionOf(event: MissionEvent): AgentSession | null {
  switch (event.type) {
    case 'session_updated':
      return event.payload;
    case 'agent_spawned':
      return event.payload.session ?? synthesize(event.payload, 'active', event.at, event.task_id);
    case 'agent_completed':
      return event.payload.session ?? synthesize(event.payload, 'completed', event.at, event.task_id);
    default:
      return null;
  }
}

/** Only for a server that leaves `session` out of the payload: enough of a row to count it. */
function synthesize(
  payload: AgentSpawnedPayload | AgentCompletedPayload,
  status: 'active' | 'completed',
  at: string,
  taskId: string | null,
): AgentSession {
  return {
    id: payload.sessionId,
    agent_id: '',
    openclaw_session_id: payload.sessionId,
    channel: null,
    status,
    session_type: 'subagent',
    task_id: payload.taskId ?? taskId,
    summary: 'summary' in payload ? payload.summary : null,
    last_seen_at: at,
    ended_at: status === 'completed' ? at : null,
    created_at: at,
    updated_at: at,
  };
}

export function isActiveSubagent(session: AgentSession): boolean {
  return session.status === 'active' && session.session_type === 'subagent';
}
