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

export const OUTPUT_STREAMS = ['stdout', 'stderr', 'log'] as const;
export type OutputStream = (typeof OUTPUT_STREAMS)[number];

/** Limits of a session's output (the per-session cap is the server's `MC_OUTPUT_MAX_LINES`). */
export const OUTPUT_LIMITS = {
  /** Lines per append. */
  batchMax: 1000,
  /** Characters per line. */
  lineMax: 5000,
  pageDefault: 1000,
  pageMax: 5000,
} as const;

/**
 * `POST /api/sessions/:id/output`: lines in the order printed, all of one `stream` (default `stdout`), or
 * each of its own: `streams[i]` is the stream of `lines[i]` (stdout and stderr interleaved in one request).
 */
export interface AppendOutputBody {
  lines: string[];
  stream?: OutputStream;
  streams?: OutputStream[];
}

/**
 * The sequence numbers the append was stored under, `from`..`to` inclusive (a session's lines are numbered
 * from 1). `dropped` lines were past `MC_OUTPUT_MAX_LINES`; when nothing was stored `from` and `to` are null.
 */
export interface AppendOutputResult {
  from: number | null;
  to: number | null;
  dropped: number;
}

/** One line of a session's output, as `GET /api/sessions/:id/output` returns it. */
export interface SessionOutputLine {
  seq: number;
  stream: OutputStream;
  text: string;
  created_at: IsoTimestamp;
}

/**
 * `GET /api/sessions/:id/output`, oldest first, at most `limit` lines: after `after` (default 0, so from the
 * start), or just before `before` (paging back), or the last `limit` lines with `tail=true`. One of the three.
 */
export interface ReadOutputQuery {
  after?: number;
  before?: number;
  tail?: boolean;
  limit?: number;
}
