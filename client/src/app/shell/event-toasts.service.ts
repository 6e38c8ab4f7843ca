import { Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MissionEvent, TaskStatus } from '@mission-control/shared';
import { BoardStore } from '../board/board.store';
import { RealtimeService } from '../core/realtime.service';
import { ToastService } from '../core/toast.service';

/** Turns the events a person should not miss into toasts: new task, review, sub-agents, deliverables. */
@Injectable({ providedIn: 'root' })
export class EventToastsService {
  private readonly toasts = inject(ToastService);
  private readonly board = inject(BoardStore);
  private readonly statusById = new Map<string, TaskStatus>();
  private started = false;
  private readonly events$ = inject(RealtimeService).events$.pipe(takeUntilDestroyed());

  start(): void {
    if (this.started) return;
    this.started = true;
    this.events$.subscribe((event) => this.notify(event));
  }

  private taskTitle(taskId: string | null | undefined): string {
    const title = taskId ? this.board.task(taskId)?.title : undefined;
    return title ? `“${title}”` : 'a task';
  }

  private notify(event: MissionEvent): void {
    switch (event.type) {
      case 'task_created':
        this.statusById.set(event.payload.id, event.payload.status);
        this.toasts.show('success', 'Task created', `“${event.payload.title}”`, event.payload.id);
        return;
      case 'task_updated': {
        const previous = this.statusById.get(event.payload.id);
        this.statusById.set(event.payload.id, event.payload.status);
        if (event.payload.status === 'review' && previous !== 'review') {
          this.toasts.show('info', 'Ready for review', `“${event.payload.title}” moved to Review`, event.payload.id);
        }
        return;
      }
      case 'agent_spawned':
        this.toasts.show(
          'agent',
          'Sub-agent spawned',
          `${event.payload.agentName} started on ${this.taskTitle(event.payload.taskId)}`,
          event.payload.taskId,
        );
        return;
      case 'agent_completed':
        this.toasts.show(
          'success',
          'Sub-agent completed',
          event.payload.summary || `Finished ${this.taskTitle(event.payload.taskId)}`,
          event.payload.taskId,
        );
        return;
      case 'deliverable_added':
        this.toasts.show(
          'info',
          'Deliverable added',
          `“${event.payload.title}” on ${this.taskTitle(event.payload.task_id)}`,
          event.payload.task_id,
        );
        return;
      default:
        return;
    }
  }
}
