import { MissionEvent } from '@mission-control/shared';

/** Carries committed events between server instances (Redis pub/sub when `REDIS_URL` is set). */
export interface EventFanout {
  send(events: MissionEvent[]): void;
  onEvents(handler: (events: MissionEvent[]) => void): void;
}

export const EVENT_FANOUT = Symbol('EVENT_FANOUT');
