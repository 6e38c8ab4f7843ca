import { Task } from '@mission-control/shared';

/** A copy of a task replaces the one held only when it is newer (`version` grows by one per change). */
export function isNewerTask(incoming: Task, held: Task | undefined): boolean {
  return held === undefined || incoming.version > held.version;
}

/** Newest first, ties broken by id so the order is stable. */
export function byNewest(a: { created_at: string; id: string }, b: { created_at: string; id: string }): number {
  return b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);
}
