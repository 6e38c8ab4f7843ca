import { IsoTimestamp } from '../limits';

export const TASK_STATUSES = ['inbox', 'assigned', 'in_progress', 'review', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export interface Task {
  id: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  assigned_agent_id: string | null;
  created_by_agent_id: string | null;
  due_date: IsoTimestamp | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  /** +1 on every change; lets a client drop stale copies. */
  version: number;
}

export interface CreateTaskBody {
  title: string;
  description?: string | null;
  status?: TaskStatus;
  priority?: TaskPriority;
  assigned_agent_id?: string | null;
  created_by_agent_id?: string | null;
  due_date?: IsoTimestamp | null;
}

/** Only the fields sent are changed. */
export interface UpdateTaskBody {
  title?: string;
  description?: string | null;
  status?: TaskStatus;
  priority?: TaskPriority;
  assigned_agent_id?: string | null;
  due_date?: IsoTimestamp | null;
  /** The agent making the change; credited on the `status_changed` activity. */
  agent_id?: string | null;
}

export interface ListTasksQuery {
  status?: TaskStatus;
  assigned_agent_id?: string;
  limit?: number;
}
