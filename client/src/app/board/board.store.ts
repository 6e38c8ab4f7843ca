import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CreateTaskBody, MissionEvent, TASK_STATUSES, Task, TaskStatus } from '@mission-control/shared';
import { Observable, tap } from 'rxjs';
import { ApiError } from '../core/api-error';
import { STATUS_LABELS } from '../core/labels';
import { RealtimeService } from '../core/realtime.service';
import { ToastService } from '../core/toast.service';
import { BoardApi } from './board.api';
import { byNewest, isNewerTask } from './task-folding';

export interface BoardColumn {
  status: TaskStatus;
  label: string;
  tasks: Task[];
}

/**
 * The board's state: every task, folded from the REST snapshot and the event stream. A copy of a task is
 * kept only if its `version` is newer than the one held, so a duplicate or late event never moves a card back.
 */
@Injectable({ providedIn: 'root' })
export class BoardStore {
  private readonly api = inject(BoardApi);
  private readonly toasts = inject(ToastService);
  private readonly byId = signal<ReadonlyMap<string, Task>>(new Map());
  private readonly loadingState = signal(true);
  private readonly loadError = signal<string | null>(null);
  private readonly pendingMoves = signal<ReadonlySet<string>>(new Set());
  /** Ids deleted while this client watched: a late update must not bring them back. */
  private readonly deleted = new Set<string>();
  /** Events received while a snapshot is in flight, re-applied on top of it. */
  private buffered: MissionEvent[] | null = null;

  readonly loading = this.loadingState.asReadonly();
  readonly error = this.loadError.asReadonly();
  readonly moving = this.pendingMoves.asReadonly();
  readonly tasks = computed(() => [...this.byId().values()].sort(byNewest));
  readonly columns = computed<BoardColumn[]>(() => {
    const tasks = this.tasks();
    return TASK_STATUSES.map((status) => ({
      status,
      label: STATUS_LABELS[status],
      tasks: tasks.filter((task) => task.status === status),
    }));
  });
  readonly countsByStatus = computed(() => {
    const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
    for (const task of this.byId().values()) counts[task.status]++;
    return counts;
  });
  /** Waiting for an agent: inbox and assigned. */
  readonly queued = computed(() => this.countsByStatus().inbox + this.countsByStatus().assigned);

  constructor() {
    inject(RealtimeService)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => this.apply(event));
  }

  task(id: string): Task | undefined {
    return this.byId().get(id);
  }

  /** Replace the state with a fresh snapshot, keeping whatever the events said meanwhile. */
  load(): void {
    this.buffered = [];
    this.loadError.set(null);
    this.api.listTasks().subscribe({
      next: (tasks) => {
        const events = this.buffered ?? [];
        this.buffered = null;
        this.byId.set(new Map(tasks.filter((t) => !this.deleted.has(t.id)).map((t) => [t.id, t])));
        events.forEach((event) => this.fold(event));
        this.loadingState.set(false);
      },
      error: (error: ApiError) => {
        this.buffered = null;
        this.loadError.set(error.message);
        this.loadingState.set(false);
      },
    });
  }

  apply(event: MissionEvent): void {
    this.buffered?.push(event);
    this.fold(event);
  }

  createTask(body: CreateTaskBody): Observable<Task> {
    return this.api.createTask(body).pipe(tap((task) => this.upsert(task)));
  }

  /** Optimistic: the card moves at once, and moves back with a toast if the server refuses. */
  moveTask(id: string, status: TaskStatus): void {
    const before = this.byId().get(id);
    if (!before || before.status === status) {
      return;
    }
    this.put({ ...before, status });
    this.pendingMoves.update((set) => new Set(set).add(id));
    this.api.updateTask(id, { status }).subscribe({
      next: (task) => {
        this.upsert(task);
        this.clearPending(id);
      },
      error: (error: ApiError) => {
        const current = this.byId().get(id);
        if (current && current.version === before.version) {
          this.put(before); // nothing newer arrived meanwhile: undo
        }
        this.clearPending(id);
        this.toasts.error(`Could not move “${before.title}” to ${STATUS_LABELS[status]}`, error.message);
      },
    });
  }

  private fold(event: MissionEvent): void {
    switch (event.type) {
      case 'task_created':
      case 'task_updated':
        this.upsert(event.payload);
        break;
      case 'task_deleted':
        this.remove(event.payload.id);
        break;
      default:
        break;
    }
  }

  private upsert(task: Task): void {
    if (this.deleted.has(task.id) || !isNewerTask(task, this.byId().get(task.id))) {
      return;
    }
    this.put(task);
  }

  private put(task: Task): void {
    this.byId.update((map) => new Map(map).set(task.id, task));
  }

  private remove(id: string): void {
    this.deleted.add(id);
    if (this.byId().has(id)) {
      this.byId.update((map) => {
        const next = new Map(map);
        next.delete(id);
        return next;
      });
    }
  }

  private clearPending(id: string): void {
    this.pendingMoves.update((set) => {
      const next = new Set(set);
      next.delete(id);
      return next;
    });
  }
}
