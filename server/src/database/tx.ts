import { EventPayloads, EventType } from '@mission-control/shared';
import { EntityManager } from 'typeorm';

/** A change a write announces: recorded with the transaction by the runner's hooks, published after commit. */
export interface PendingEvent {
  type: EventType;
  taskId: string | null;
  payload: unknown;
}

/** A running unit of work: the manager repositories write through, and the events it announces. */
export interface Tx {
  readonly manager: EntityManager;
  emit<T extends EventType>(type: T, taskId: string | null, payload: EventPayloads[T]): void;
}
