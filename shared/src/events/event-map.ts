import { ErrorBody } from '../errors/error.contract';
import { TaskActivity } from '../activities/activities.contract';
import { Agent } from '../agents/agents.contract';
import { TaskDeliverable } from '../deliverables/deliverables.contract';
import { IsoTimestamp } from '../limits';
import { AgentSession, OutputStream } from '../sessions/sessions.contract';
import { Task } from '../tasks/tasks.contract';

export interface AgentSpawnedPayload {
  taskId: string;
  sessionId: string;
  agentName: string;
  /** The session row as stored, so a view can show it without another request. */
  session: AgentSession;
}

export interface AgentCompletedPayload {
  taskId: string;
  sessionId: string;
  summary: string;
  session: AgentSession;
}

/**
 * One append to a session's output: the lines stored as `from`..`to`, in order, all of `stream` unless
 * `streams` gives each line's own. When the append reached `MC_OUTPUT_MAX_LINES`, `truncated` is true and the
 * last line is the server's marker (stream `log`, also in `streams`).
 */
export interface SessionOutputPayload {
  sessionId: string;
  taskId: string | null;
  stream: OutputStream;
  from: number;
  to: number;
  lines: string[];
  streams?: OutputStream[];
  truncated?: boolean;
}

/** The one map of event type to payload. Every change the server makes produces one of these. */
export interface EventPayloads {
  task_created: Task;
  task_updated: Task;
  task_deleted: { id: string };
  activity_logged: TaskActivity;
  deliverable_added: TaskDeliverable;
  agent_spawned: AgentSpawnedPayload;
  agent_completed: AgentCompletedPayload;
  agent_created: Agent;
  agent_updated: Agent;
  agent_deleted: { id: string };
  session_updated: AgentSession;
  session_output: SessionOutputPayload;
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES: readonly EventType[] = [
  'task_created',
  'task_updated',
  'task_deleted',
  'activity_logged',
  'deliverable_added',
  'agent_spawned',
  'agent_completed',
  'agent_created',
  'agent_updated',
  'agent_deleted',
  'session_updated',
  'session_output',
] as const;

interface MissionEventOf<T extends EventType> {
  /** Strictly increasing across the whole server; the resume point for every transport. */
  seq: number;
  type: T;
  task_id: string | null;
  at: IsoTimestamp;
  payload: EventPayloads[T];
}

/** A discriminated union: `switch (event.type)` narrows `event.payload`. */
export type MissionEvent = { [T in EventType]: MissionEventOf<T> }[EventType];
export type MissionEventOfType<T extends EventType> = MissionEventOf<T>;

/** Socket.IO rooms: `board` gets every event, `task:<id>` only that task's. */
export const BOARD_ROOM = 'board';
export const taskRoom = (taskId: string): string => `task:${taskId}`;

/** Messages a Socket.IO client sends. */
export const SOCKET_SUBSCRIBE = 'subscribe';
export const SOCKET_UNSUBSCRIBE = 'unsubscribe';

/** Sent by the server to a socket once its replay is done; `lastSeq` is the newest event it has sent or knows of. */
export const SOCKET_READY = 'ready';
export interface SocketReady {
  lastSeq: number;
  /**
   * The server cannot replay from the resume point asked for (its database is another one, or the events
   * were pruned): nothing was replayed, and the client must reload its state from the REST API.
   */
  reset?: boolean;
}

/**
 * The first message of an `/api/ws` connection whose `?since=` the server cannot replay from (the same case as
 * `SocketReady.reset`): no replay, live events follow, and the client must reload its state from the REST API.
 */
export interface WsReset {
  type: 'reset';
  lastSeq: number;
}

/**
 * Socket.IO handshake `auth`. The socket joins `rooms` (default: [`board`]) and, when `lastSeq` is given,
 * first receives every event after it for those rooms, in order, then live ones; `ready` marks the switch.
 */
export interface SocketAuth {
  token?: string;
  lastSeq?: number;
  rooms?: string[];
}

/** Body of a `subscribe` / `unsubscribe` message: a room name, or a room with a resume point. */
export type SocketSubscription = string | { room: string; lastSeq?: number };

/** What a `subscribe` / `unsubscribe` acknowledges: the room, or the error in the one shape. */
export type SocketAck = { ok: true; room: string } | ({ ok: false } & ErrorBody);

/**
 * The one message that carries an error to a socket, in the one shape `{statusCode, error, message}`; the
 * server closes that socket next (a refused or revoked token, a replay that could not be read).
 */
export const SOCKET_ERROR = 'error_message';

export interface ListEventsQuery {
  since?: number;
  task_id?: string;
  limit?: number;
}
