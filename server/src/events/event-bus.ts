import { Injectable, Logger } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';

export type EventListener = (event: MissionEvent) => void;

/**
 * The one in-process bus. Committed events are published here and fanned out to every transport.
 * A listener that throws is logged and skipped: it never fails the write that produced the event.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly listeners = new Set<EventListener>();
  private lastSeq = 0;

  publish(event: MissionEvent): void {
    this.lastSeq = Math.max(this.lastSeq, event.seq);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`Listener failed on event ${event.seq} (${event.type}): ${(error as Error).stack ?? error}`);
      }
    }
  }

  /** Returns the function that removes the listener. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** The newest sequence number published by this process (0 before the first). */
  get publishedSeq(): number {
    return this.lastSeq;
  }
}
