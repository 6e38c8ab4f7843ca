import { TaskStatus } from '../tasks/tasks.contract';

export interface Stats {
  /** Sessions with status `active` and session_type `subagent`: the sidebar's "Active Sub-Agents: N". */
  active_subagents: number;
  tasks_by_status: Record<TaskStatus, number>;
  agents_working: number;
}

/** Open real-time connections per transport, and listeners on the server's event bus. */
export interface RealtimeConnections {
  socketio: number;
  socketio_catching_up: number;
  sse: number;
  ws: number;
  /** Per-connection streams (SSE and WebSocket) subscribed to the bus. */
  streams: number;
  bus_listeners: number;
}

export interface Health {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  uptime_s: number;
  /** The newest event sequence number: where a client that just loaded the board resumes from. */
  last_seq: number;
  realtime: RealtimeConnections;
}
