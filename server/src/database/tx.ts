import { EventPayloads, EventType } from '@mission-control/shared';
import { EntityManager } from 'typeorm';

/** A running transaction: the manager repositories write through, and the outbox to record events in. */
export interface Tx {
  readonly manager: EntityManager;
  emit<T extends EventType>(type: T, taskId: string | null, payload: EventPayloads[T]): Promise<void>;
}
