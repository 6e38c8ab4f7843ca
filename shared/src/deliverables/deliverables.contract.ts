import { IsoTimestamp } from '../limits';

export const DELIVERABLE_TYPES = ['file', 'url', 'artifact'] as const;
export type DeliverableType = (typeof DELIVERABLE_TYPES)[number];

export interface TaskDeliverable {
  id: string;
  task_id: string;
  deliverable_type: DeliverableType;
  title: string;
  /** A file path (absolute, `~/…`, or relative to DELIVERABLES_ROOT) or a URL. */
  path: string | null;
  description: string | null;
  created_at: IsoTimestamp;
}

export interface CreateDeliverableBody {
  deliverable_type: DeliverableType;
  title: string;
  path?: string | null;
  description?: string | null;
}
