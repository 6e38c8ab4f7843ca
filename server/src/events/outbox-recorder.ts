import { Injectable } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';
import { EntityManager } from 'typeorm';
import { PluggedHook } from '../database/plugged-hook';
import { TransactionHook, Unit } from '../database/transaction-hooks';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';

/**
 * The transaction runner's event recorder: what a write announces goes into the outbox in the same
 * transaction, and onto the bus (through the relay) only once it has committed.
 */
@Injectable()
export class OutboxRecorder extends PluggedHook implements TransactionHook {
  readonly recordsEvents = true;
  private readonly recorded = new WeakMap<readonly Unit[], MissionEvent[]>();

  constructor(
    uow: UnitOfWork,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
  ) {
    super(uow);
  }

  async beforeCommit(manager: EntityManager, units: readonly Unit[]): Promise<void> {
    const pending = units.flatMap((unit) => unit.events);
    if (pending.length > 0) this.recorded.set(units, await this.outbox.append(manager, pending));
  }

  afterCommit(units: readonly Unit[]): void {
    const events = this.recorded.get(units);
    if (events) this.relay.committed(events);
  }
}
