import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MissionEvent } from '@mission-control/shared';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { EventSink } from './connection-buffer';
import { EventBus } from './event-bus';
import { OutboxPages } from './outbox-pages';
import { OutboxRepository } from './outbox.repository';

/** Live events held for one connection while its replay runs; past this the replay reads them from the outbox instead. */
const CATCH_UP_BUFFER_EVENTS = 1_000;

export interface StreamOptions {
  sink: EventSink;
  /** Replay every stored event after this sequence number first; absent: live events only. */
  since?: number;
  /** Narrows the outbox read to one task. */
  taskId?: string;
  /** The events the replay is for (default: all, or the task's). */
  wants?: (event: MissionEvent) => boolean;
  /**
   * The events the connection receives live, when wider than `wants` (a Socket.IO socket that is
   * already in other rooms). They are held during the replay too, so none is lost at the switch.
   */
  liveWants?: (event: MissionEvent) => boolean;
  /**
   * Called synchronously at the switch, once the replay and the live events held meanwhile are written:
   * from then on the caller's own route delivers live events (Socket.IO rooms) and the stream ends.
   * Without it the stream delivers live events to the sink itself (SSE, WebSocket).
   */
  handoff?: (lastSeq: number) => void;
}

export interface EventStream {
  /**
   * Resolves at the switch to live with the resume point: the last event read (or `since`), or for a
   * live-only stream the newest event this process had published when it opened. Rejects when the outbox cannot be read;
   * the stream is closed then.
   */
  readonly ready: Promise<number>;
  close(): void;
}

/**
 * The one replay-then-live primitive, used by SSE, `/api/ws` and the Socket.IO gateway. It reads the
 * outbox after the resume point page by page, writing each page as the connection drains, then switches
 * to live with no gap and no duplicate: live events published meanwhile are held (a bounded number; past
 * it they are dropped and read again from the outbox, where they already are) and only those after the
 * last event read are written at the switch, which happens within one synchronous step.
 */
@Injectable()
export class EventStreams {
  private open = 0;
  private readonly pages: OutboxPages;

  constructor(
    private readonly bus: EventBus,
    private readonly outbox: OutboxRepository,
    private readonly uow: UnitOfWork,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.pages = new OutboxPages(dataSource);
  }

  /** Streams delivering live events themselves (SSE and WebSocket connections). */
  get openCount(): number {
    return this.open;
  }

  openStream(options: StreamOptions): EventStream {
    const { sink, since, taskId, handoff } = options;
    const wants = options.wants ?? ((event: MissionEvent) => !taskId || event.task_id === taskId);
    const liveWants = options.liveWants ?? wants;
    // Every event published from now on has a higher sequence number than this.
    const startSeq = this.bus.publishedSeq;
    // What the connection is owed after `since`: the replay's events, and anything it gets live from now on.
    const owed = (event: MissionEvent) => wants(event) || (event.seq > startSeq && liveWants(event));
    let state: 'replay' | 'live' | 'closed' = since === undefined ? 'live' : 'replay';
    let last = since ?? startSeq;
    let held: MissionEvent[] = [];
    let dropped = false;

    const unsubscribe = this.bus.subscribe((event) => {
      if (state === 'closed' || sink.closed) return;
      if (state === 'replay') {
        if (!owed(event)) return;
        if (held.length < CATCH_UP_BUFFER_EVENTS) held.push(event);
        else {
          held = [];
          dropped = true;
        }
      } else if (event.seq > last && liveWants(event)) {
        last = event.seq;
        sink.write(event);
      }
    });
    const counted = !handoff;
    if (counted) this.open++;
    const close = () => {
      if (state === 'closed') return;
      state = 'closed';
      held = [];
      unsubscribe();
      if (counted) this.open--;
    };

    // A wider live filter means events of other tasks are owed too: read them all and filter here.
    const readTaskId = options.liveWants ? undefined : taskId;
    const replay = async (from: number): Promise<number> => {
      let cursor = from;
      for (;;) {
        dropped = false;
        const page = await this.uow.exclusive(() => this.pages.after(cursor, readTaskId));
        for (const event of page.events) {
          if (state === 'closed' || sink.closed) return cursor;
          if (owed(event) && !sink.write(event)) await sink.drained();
          cursor = event.seq;
        }
        if (page.more || dropped) continue;
        // The switch, in one synchronous step: what was held and is newer than the replay, then live.
        const pending = held;
        held = [];
        for (const event of pending) {
          if (event.seq > cursor && !sink.closed) {
            sink.write(event);
            cursor = event.seq;
          }
        }
        last = cursor;
        if (handoff) {
          close();
          if (!sink.closed) handoff(last);
        } else state = 'live';
        return cursor;
      }
    };

    const ready = (async () => {
      try {
        // Live only: nothing to read, so a database that is down does not stop a live stream.
        if (since === undefined) return last;
        return await replay(since);
      } catch (error) {
        close();
        throw error;
      }
    })();
    return { ready, close };
  }

  /**
   * Whether a replay from `since` would be incomplete: the outbox has never reached it (another
   * database) or has pruned events after it. Returns the newest sequence number too.
   */
  async canReplayFrom(since: number): Promise<{ ok: boolean; latest: number }> {
    const { oldest, latest } = await this.uow.exclusive(() => this.outbox.bounds());
    return { ok: since <= latest && (latest === 0 || since >= oldest - 1), latest };
  }

  /**
   * Where a stream asked to resume after `since` starts: there, or live when that cannot be replayed (another
   * database, pruned events), with `resetTo`, the newest seq, for the client to be told to reload.
   */
  async startingPoint(since: number | undefined): Promise<{ since: number | undefined; resetTo: number | null }> {
    if (since === undefined) return { since, resetTo: null };
    const { ok, latest } = await this.canReplayFrom(since);
    return ok ? { since, resetTo: null } : { since: undefined, resetTo: latest };
  }

  latestSeq(): Promise<number> {
    return this.uow.exclusive(() => this.outbox.latestSeq());
  }
}
