import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';
import { WriteLock } from '../database/write-lock';
import { EventBus } from './event-bus';
import { EVENT_FANOUT, EventFanout } from './event-fanout';
import { OutboxRepository } from './outbox.repository';

/**
 * The only way onto the bus. Events committed here are published at once; with `REDIS_URL` they are
 * also sent to the other instances, whose events arrive here in turn. The bus always sees sequence
 * numbers in increasing order, without duplicates: an event that arrives ahead of a missing one waits
 * while the gap is read from the outbox (writes are serialized, so once a later event has committed,
 * every earlier sequence number is either in the outbox or was rolled back and never will be).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private last = 0;
  private readonly waiting: MissionEvent[] = [];
  private filling = false;

  constructor(
    private readonly bus: EventBus,
    private readonly outbox: OutboxRepository,
    private readonly lock: WriteLock,
    @Optional() @Inject(EVENT_FANOUT) private readonly fanout: EventFanout | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.last = await this.lock.run(() => this.outbox.latestSeq());
    this.fanout?.onEvents((events) => this.ingest(events));
  }

  /** Events this process just committed. */
  committed(events: MissionEvent[]): void {
    if (events.length === 0) return;
    this.ingest(events);
    this.fanout?.send(events);
  }

  ingest(events: MissionEvent[]): void {
    for (const event of events) {
      if (this.filling || event.seq > this.last + 1) this.waiting.push(event);
      else if (event.seq === this.last + 1) this.publish(event);
    }
    if (this.waiting.length && !this.filling) void this.fillGaps();
  }

  private publish(event: MissionEvent): void {
    this.last = event.seq;
    this.bus.publish(event);
  }

  private async fillGaps(): Promise<void> {
    this.filling = true;
    try {
      while (this.waiting.length) {
        this.waiting.sort((a, b) => a.seq - b.seq);
        const next = this.waiting[0];
        if (next.seq <= this.last) {
          this.waiting.shift();
          continue;
        }
        if (next.seq > this.last + 1) {
          const since = this.last;
          const missing = await this.lock.run(() => this.outbox.after({ since, limit: next.seq - since - 1 }));
          for (const event of missing) if (event.seq < next.seq && event.seq > this.last) this.publish(event);
        }
        this.publish(this.waiting.shift()!);
      }
    } catch (error) {
      this.logger.error(`Could not fill a gap in the event sequence: ${(error as Error).message}`);
    } finally {
      this.filling = false;
    }
  }
}
