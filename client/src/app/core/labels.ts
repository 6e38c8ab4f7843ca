import { ActivityType, DeliverableType, TaskPriority, TaskStatus } from '@mission-control/shared';

export const STATUS_LABELS: Record<TaskStatus, string> = {
  inbox: 'Inbox',
  assigned: 'Assigned',
  in_progress: 'In progress',
  review: 'Review',
  done: 'Done',
};

export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const ACTIVITY_ICONS: Record<ActivityType, string> = {
  spawned: '🚀',
  updated: '✏️',
  completed: '✅',
  file_created: '📄',
  status_changed: '🔀',
};

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  spawned: 'Spawned',
  updated: 'Updated',
  completed: 'Completed',
  file_created: 'File created',
  status_changed: 'Status changed',
};

export const DELIVERABLE_ICONS: Record<DeliverableType, string> = {
  file: '📄',
  url: '🔗',
  artifact: '📦',
};
