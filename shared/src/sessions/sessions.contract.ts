import { IsoTimestamp } from '../limits';

export const SESSION_TYPES = ['persistent', 'subagent'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const SESSION_STATUSES = ['active', 'completed', 'failed', 'stale'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** The statuses a caller may end a session with. */
export const SESSION_END_STATUSES = ['completed', 'failed'] as const;
export type SessionEndStatus = (typeof SESSION_END_STATUSES)[number];

/** A row of `openclaw_sessions`: one agent at work, usually a sub-agent on one task. */
export interface AgentSession {
  id: string;
  agent_id: string;
  openclaw_session_id: string;
  channel: string | null;
  status: SessionStatus;
  session_type: SessionType;
  task_id: string | null;
  summary: string | null;
  last_seen_at: IsoTimestamp | null;
  ended_at: IsoTimestamp | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface RegisterSubagentBody {
  openclaw_session_id: string;
  agent_name: string;
  channel?: string | null;
  /** Logged as the `spawned` activity's message; a default is used when absent. */
  message?: string;
}

export interface UpdateSessionBody {
  status: SessionEndStatus;
  summary?: string | null;
}

export interface ListSessionsQuery {
  session_type?: SessionType;
  status?: SessionStatus;
  task_id?: string;
}
