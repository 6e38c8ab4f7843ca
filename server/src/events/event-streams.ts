import { Injectable } from '@nestjs/common';
import { LIMITS, MissionEvent } from '@mission-control/shared';
import { UnitOfWork } from '../database/unit-of-work';
import { EventBus } from './event-bus';
import { OutboxRepository } from './outbox.repository';

export interface StreamOptions {
  /** Replay every event after this sequence number first; absent: live events only. */
  since?: number;
  /** Only events of this task. */
  taskId?: string;
  deliver: (event: MissionEvent) => void;
}

export interface EventStream {
  /**
   * Resolves once the replay is done, with the resume point: the last event replayed (or `since`),
   * or for a live-only stream the newest event stored when it opened.
   */
  readonly ready: Promise<number>;
  close(): void;
}

/**
 * Opens a per-connection event stream that first replays the outbox after `since`, then goes live,
 * with no gap and no duplicate: live events are buffered while the replay runs and only those after
 * the last replayed sequence number are delivered. SSE and the plain WebSocket are built on it.
 */
@Injectable()
export class EventStreams {
  private open = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly outbox: OutboxRepository,
    private readonly uow: UnitOfWork,
  ) {}

  get openCount(): number {
    return this.open;
  }

  openStream(options: StreamOptions): EventStream {
    const matches = (event: MissionEvent) => !options.taskId || event.task_id === options.taskId;
    let closed = false;
    let buffer: MissionEvent[] | null = options.since === undefined ? null : [];
    let lastSeq = options.since ?? this.bus.publishedSeq;
    const live = (event: MissionEvent) => {
      if (closed || !matches(event)) return;
      if (buffer) buffer.push(event);
      else if (event.seq > lastSeq) {
        lastSeq = event.seq;
        options.deliver(event);
      }
    };
    const unsubscribe = this.bus.subscribe(live);
    this.open++;

    const ready = (async () => {
      // Live only: the resume point is the newest stored event (a hint; delivery is not affected by it).
      if (options.since === undefined) return Math.max(lastSeq, await this.latestSeq());
      lastSeq = await this.replay(options.since, options.taskId, (event) => !closed && options.deliver(event));
      const pending = buffer ?? [];
      buffer = null;
      for (const event of pending) live(event);
      return lastSeq;
    })();

    return {
      ready,
      close: () => {
        if (closed) return;
        closed = true;
        buffer = null;
        unsubscribe();
        this.open--;
      },
    };
  }

  /** Delivers every stored event after `since` in order and returns the last sequence number seen. */
  async replay(since: number, taskId: string | undefined, deliver: (event: MissionEvent) => void): Promise<number> {
    let last = since;
    for (;;) {
      // Read between transactions so an event is never replayed before it is committed.
      const page = await this.uow.exclusive(() => this.outbox.after({ since: last, taskId, limit: LIMITS.eventsDefault }));
      for (const event of page) {
        deliver(event);
        last = event.seq;
      }
      if (page.length < LIMITS.eventsDefault) break;
    }
    return last;
  }

  /**
   * Whether a replay from `since` would be incomplete: the outbox has never reached it (another
   * database) or has pruned events after it. Returns the newest sequence number too.
   */
  async canReplayFrom(since: number): Promise<{ ok: boolean; latest: number }> {
    const { oldest, latest } = await this.uow.exclusive(() => this.outbox.bounds());
    return { ok: since <= latest && (latest === 0 || since >= oldest - 1), latest };
  }

  latestSeq(): Promise<number> {
    return this.uow.exclusive(() => this.outbox.latestSeq());
  }
}
