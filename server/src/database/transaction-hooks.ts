import { EntityManager } from 'typeorm';
import { PendingEvent, Tx } from './tx';

/** One caller's work inside a database transaction. */
export interface Unit {
  readonly tx: Tx;
  /** What the work announced, in order. */
  readonly events: readonly PendingEvent[];
}

/**
 * Cross-cutting work plugged into every transaction (the outbox, idempotency keys) without the
 * features or the runner knowing what it is. Hooks run in registration order.
 */
export interface TransactionHook {
  /** Set by the hook that writes the units' events; a transaction that announces events needs one. */
  readonly recordsEvents?: boolean;
  /** In the unit's transaction, before its work. A throw rolls the unit back. */
  beforeWork?(unit: Unit): Promise<void>;
  /** In the unit's transaction, after its work succeeded. A throw rolls the unit back. */
  afterWork?(unit: Unit, result: unknown): Promise<void>;
  /** Once per database transaction, just before COMMIT, with every unit that succeeded in it. */
  beforeCommit?(manager: EntityManager, units: readonly Unit[]): Promise<void>;
  /** After COMMIT. Must not throw: the write has happened. */
  afterCommit?(units: readonly Unit[]): void;
}
