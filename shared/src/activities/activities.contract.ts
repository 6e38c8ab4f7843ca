import { IsoTimestamp } from '../limits';

export const ACTIVITY_TYPES = ['spawned', 'updated', 'completed', 'file_created', 'status_changed'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface TaskActivity {
  id: string;
  task_id: string;
  agent_id: string | null;
  activity_type: ActivityType;
  message: string;
  /** Always a JSON object (never a string) or null. */
  metadata: Record<string, unknown> | null;
  created_at: IsoTimestamp;
}

export interface CreateActivityBody {
  activity_type: ActivityType;
  message: string;
  agent_id?: string | null;
  metadata?: Record<string, unknown> | null;
}

/** `POST /api/tasks/:id/activities` takes one activity, or this many at once (one transaction, all or nothing). */
export const ACTIVITY_BATCH_MAX = 1000;

/** A batch: the activities are logged in array order and answered as an array in that order. */
export type CreateActivitiesBody = CreateActivityBody[];
