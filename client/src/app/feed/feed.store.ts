import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MissionEvent, TaskStatus } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { BoardStore } from '../board/board.store';
import { IconName } from '../core/icon.component';
import { ACTIVITY_ICONS, STATUS_LABELS } from '../core/labels';
import { RealtimeService } from '../core/realtime.service';
import { FeedApi } from './feed.api';

export type FeedFilter = 'all' | 'tasks' | 'agents';
export type FeedTone = 'plain' | 'green' | 'cyan' | 'purple' | 'blue' | 'red';

const ACTIVITY_TONES: Record<string, FeedTone> = { spawned: 'cyan', completed: 'green', file_created: 'blue', status_changed: 'purple', updated: 'plain' };

export interface FeedItem {
  seq: number;
  at: string;
  kind: 'tasks' | 'agents';
  icon: IconName;
  tone: FeedTone;
  text: string;
  taskId: string | null;
}

const MAX_ITEMS = 200;
const BACKFILL = 40;

/** The live feed: every event as one readable line, newest first, each seq once. */
@Injectable({ providedIn: 'root' })
export class FeedStore {
  private readonly api = inject(FeedApi);
  private readonly board = inject(BoardStore);
  private readonly agents = inject(AgentsStore);
  private readonly itemsState = signal<readonly FeedItem[]>([]);
  private readonly filterState = signal<FeedFilter>('all');
  private readonly lastStatus = new Map<string, TaskStatus>();
  private backfilled = false;

  readonly filter = this.filterState.asReadonly();
  readonly items = computed(() => {
    const filter = this.filterState();
    return filter === 'all' ? this.itemsState() : this.itemsState().filter((item) => item.kind === filter);
  });

  constructor() {
    const realtime = inject(RealtimeService);
    realtime.events$.pipe(takeUntilDestroyed()).subscribe((event) => this.apply(event));
    realtime.ready$.pipe(takeUntilDestroyed()).subscribe(({ lastSeq }) => this.backfill(lastSeq));
  }

  setFilter(filter: FeedFilter): void {
    this.filterState.set(filter);
  }

  apply(event: MissionEvent): void {
    if (event.type === 'session_output') return; // a sub-agent's output streams in its Sessions tab, not here
    const items = this.itemsState();
    if (items.some((item) => item.seq === event.seq)) return;
    const item = this.describe(event);
    const next = [...items, item].sort((a, b) => b.seq - a.seq).slice(0, MAX_ITEMS);
    this.itemsState.set(next);
  }

  /** Once, on the first connection: the last few events, so the feed is not empty on arrival. */
  private backfill(lastSeq: number): void {
    if (this.backfilled || lastSeq <= 0) return;
    this.backfilled = true;
    this.api.eventsSince(Math.max(0, lastSeq - BACKFILL), BACKFILL).subscribe({
      next: (events) => events.forEach((event) => this.apply(event)),
      error: () => undefined,
    });
  }

  private title(taskId: string | null): string {
    const task = taskId ? this.board.task(taskId) : undefined;
    return task ? `“${task.title}”` : 'a task';
  }

  private describe(event: Exclude<MissionEvent, { type: 'session_output' }>): FeedItem {
    const base = { seq: event.seq, at: event.at, taskId: event.task_id };
    switch (event.type) {
      case 'task_created':
        this.lastStatus.set(event.payload.id, event.payload.status);
        return { ...base, kind: 'tasks', icon: 'sparkle', tone: 'blue', text: `Task “${event.payload.title}” created`, taskId: event.payload.id };
      case 'task_updated': {
        const task = event.payload;
        const previous = this.lastStatus.get(task.id);
        this.lastStatus.set(task.id, task.status);
        const moved = previous !== undefined && previous !== task.status;
        return {
          ...base,
          kind: 'tasks',
          icon: moved ? 'swap' : 'pencil',
          tone: moved ? 'purple' : 'plain',
          text: moved ? `“${task.title}” moved to ${STATUS_LABELS[task.status]}` : `“${task.title}” updated (${STATUS_LABELS[task.status]})`,
          taskId: task.id,
        };
      }
      case 'task_deleted':
        return { ...base, kind: 'tasks', icon: 'trash', tone: 'red', text: `Task ${this.title(event.payload.id)} deleted` };
      case 'activity_logged': {
        const agent = this.agents.agent(event.payload.agent_id)?.name;
        return {
          ...base,
          kind: 'tasks',
          icon: ACTIVITY_ICONS[event.payload.activity_type] ?? 'pulse',
          tone: ACTIVITY_TONES[event.payload.activity_type] ?? 'plain',
          text: `${agent ? `${agent}: ` : ''}${event.payload.message}`,
          taskId: event.payload.task_id,
        };
      }
      case 'deliverable_added':
        return {
          ...base,
          kind: 'tasks',
          icon: 'box',
          tone: 'blue',
          text: `Deliverable “${event.payload.title}” added to ${this.title(event.payload.task_id)}`,
          taskId: event.payload.task_id,
        };
      case 'agent_spawned':
        return {
          ...base,
          kind: 'agents',
          icon: 'zap',
          tone: 'cyan',
          text: `${event.payload.agentName} spawned on ${this.title(event.payload.taskId)}`,
          taskId: event.payload.taskId,
        };
      case 'agent_completed':
        return {
          ...base,
          kind: 'agents',
          icon: 'flag',
          tone: 'green',
          text: `Sub-agent finished ${this.title(event.payload.taskId)}${event.payload.summary ? `: ${event.payload.summary}` : ''}`,
          taskId: event.payload.taskId,
        };
      case 'agent_created':
        return { ...base, kind: 'agents', icon: 'bot', tone: 'blue', text: `Agent ${event.payload.name} joined` };
      case 'agent_updated':
        return { ...base, kind: 'agents', icon: 'bot', tone: event.payload.status === 'working' ? 'green' : 'plain', text: `${event.payload.name} is ${event.payload.status}` };
      case 'agent_deleted':
        return { ...base, kind: 'agents', icon: 'bot', tone: 'red', text: `Agent ${this.agents.agent(event.payload.id)?.name ?? ''} removed`.replace('  ', ' ') };
      case 'session_updated':
        return {
          ...base,
          kind: 'agents',
          icon: event.payload.status === 'active' ? 'zap' : event.payload.status === 'completed' ? 'flag' : 'alert',
          tone: event.payload.status === 'active' ? 'cyan' : event.payload.status === 'completed' ? 'green' : 'red',
          text: `Session ${event.payload.openclaw_session_id} is ${event.payload.status}`,
          taskId: event.payload.task_id,
        };
    }
  }
}
