import { TaskStatus } from '../tasks/tasks.contract';

export interface Stats {
  /** Sessions with status `active` and session_type `subagent`: the sidebar's "Active Sub-Agents: N". */
  active_subagents: number;
  tasks_by_status: Record<TaskStatus, number>;
  agents_working: number;
}

export interface Health {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  uptime_s: number;
}
