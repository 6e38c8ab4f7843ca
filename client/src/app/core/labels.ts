import { ActivityType, DeliverableType, TaskPriority, TaskStatus } from '@mission-control/shared';
import { IconName } from './icon.component';

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

export const ACTIVITY_ICONS: Record<ActivityType, IconName> = {
  spawned: 'zap',
  updated: 'pencil',
  completed: 'check',
  file_created: 'file',
  status_changed: 'swap',
};

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  spawned: 'Spawned',
  updated: 'Updated',
  completed: 'Completed',
  file_created: 'File created',
  status_changed: 'Status changed',
};

export const DELIVERABLE_ICONS: Record<DeliverableType, IconName> = {
  file: 'file',
  url: 'link',
  artifact: 'box',
};
