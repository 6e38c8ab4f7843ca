import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AgentSession, MissionEvent, Task, TaskActivity, TaskDeliverable, UpdateTaskBody } from '@mission-control/shared';
import { Observable, forkJoin, tap } from 'rxjs';
import { isNewerSession, sessionOf } from '../agents/session-folding';
import { byNewest, isNewerTask } from '../board/task-folding';
import { ApiError } from '../core/api-error';
import { RealtimeService } from '../core/realtime.service';
import { TaskDetailApi } from './task-detail.api';

function addById<T extends { id: string }>(map: ReadonlyMap<string, T>, item: T): ReadonlyMap<string, T> {
  return map.has(item.id) ? map : new Map(map).set(item.id, item);
}

/** The task whose id an event is about (the envelope's `task_id`, else the payload's). */
export function taskIdOf(event: MissionEvent): string | null {
  if (event.task_id) return event.task_id;
  switch (event.type) {
    case 'task_created':
    case 'task_updated':
    case 'task_deleted':
      return event.payload.id;
    case 'activity_logged':
    case 'deliverable_added':
    case 'session_updated':
      return event.payload.task_id;
    case 'agent_spawned':
    case 'agent_completed':
      return event.payload.taskId;
    default:
      return null;
  }
}

/** One task and everything hanging off it, live. Provided by the detail component, one per open task. */
@Injectable()
export class TaskDetailStore {
  private readonly api = inject(TaskDetailApi);
  private readonly taskId = signal<string | null>(null);
  private readonly taskState = signal<Task | null>(null);
  private readonly activitiesById = signal<ReadonlyMap<string, TaskActivity>>(new Map());
  private readonly deliverablesById = signal<ReadonlyMap<string, TaskDeliverable>>(new Map());
  private readonly sessionsById = signal<ReadonlyMap<string, AgentSession>>(new Map());
  private readonly agentNames = signal<ReadonlyMap<string, string>>(new Map());
  private readonly loadingState = signal(true);
  private readonly errorState = signal<string | null>(null);
  private readonly deletedState = signal(false);
  private buffered: MissionEvent[] | null = null;

  readonly id = this.taskId.asReadonly();
  readonly task = this.taskState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly error = this.errorState.asReadonly();
  readonly deleted = this.deletedState.asReadonly();
  readonly activities = computed(() => [...this.activitiesById().values()].sort(byNewest));
  readonly deliverables = computed(() => [...this.deliverablesById().values()].sort(byNewest));
  readonly sessions = computed(() => [...this.sessionsById().values()].sort(byNewest));
  /** Names sub-agents were registered under (`agent_spawned.agentName`), by session id. */
  readonly sessionAgentNames = this.agentNames.asReadonly();

  constructor() {
    inject(RealtimeService)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => this.apply(event));
  }

  load(id: string): void {
    if (this.taskId() !== id) {
      this.taskState.set(null);
      this.activitiesById.set(new Map());
      this.deliverablesById.set(new Map());
      this.sessionsById.set(new Map());
      this.agentNames.set(new Map());
      this.deletedState.set(false);
    }
    this.taskId.set(id);
    this.loadingState.set(true);
    this.errorState.set(null);
    this.buffered = [];
    forkJoin({
      task: this.api.getTask(id),
      activities: this.api.listActivities(id),
      deliverables: this.api.listDeliverables(id),
      sessions: this.api.listSessions(id),
    }).subscribe({
      next: ({ task, activities, deliverables, sessions }) => {
        if (this.taskId() !== id) return;
        const events = this.buffered ?? [];
        this.buffered = null;
        this.taskState.set(task);
        this.activitiesById.set(new Map(activities.map((a) => [a.id, a])));
        this.deliverablesById.set(new Map(deliverables.map((d) => [d.id, d])));
        this.sessionsById.set(new Map(sessions.map((s) => [s.id, s])));
        events.forEach((event) => this.fold(event));
        this.loadingState.set(false);
      },
      error: (error: ApiError) => {
        if (this.taskId() !== id) return;
        this.buffered = null;
        this.errorState.set(error.status === 404 ? 'This task does not exist (any more).' : error.message);
        this.loadingState.set(false);
      },
    });
  }

  apply(event: MissionEvent): void {
    if (this.taskId() === null || taskIdOf(event) !== this.taskId()) return;
    this.buffered?.push(event);
    this.fold(event);
  }

  save(body: UpdateTaskBody): Observable<Task> {
    const id = this.taskId();
    if (!id) throw new Error('No task loaded');
    return this.api.updateTask(id, body).pipe(tap((task) => this.upsertTask(task)));
  }

  remove(): Observable<unknown> {
    const id = this.taskId();
    if (!id) throw new Error('No task loaded');
    return this.api.deleteTask(id).pipe(tap(() => this.deletedState.set(true)));
  }

  deliverableUrl(deliverable: TaskDeliverable): string | null {
    if (deliverable.deliverable_type === 'file') return null; // opened through a signed link (TaskDetailApi.deliverableLink)
    const path = deliverable.path ?? '';
    return /^https?:\/\//i.test(path) ? path : null;
  }

  private fold(event: MissionEvent): void {
    switch (event.type) {
      case 'task_created':
      case 'task_updated':
        this.upsertTask(event.payload);
        return;
      case 'task_deleted':
        this.deletedState.set(true);
        return;
      case 'activity_logged':
        // The same id again is the activity rewritten (a sub-agent's own words replacing the server's): take the new copy.
        this.activitiesById.update((map) => new Map(map).set(event.payload.id, event.payload));
        return;
      case 'deliverable_added':
        this.deliverablesById.update((map) => addById(map, event.payload));
        return;
      case 'agent_spawned':
        this.agentNames.update((map) => new Map(map).set(event.payload.sessionId, event.payload.agentName));
        if (event.payload.session) {
          this.agentNames.update((map) => new Map(map).set(event.payload.session.id, event.payload.agentName));
        }
        break;
      default:
        break;
    }
    const session = sessionOf(event);
    if (session && (session.task_id ?? taskIdOf(event)) === this.taskId()) {
      if (isNewerSession(session, this.sessionsById().get(session.id))) {
        this.sessionsById.update((map) => new Map(map).set(session.id, session));
      }
    }
  }

  private upsertTask(task: Task): void {
    if (this.deletedState()) return;
    const held = this.taskState() ?? undefined;
    if (isNewerTask(task, held)) this.taskState.set(task);
  }
}
