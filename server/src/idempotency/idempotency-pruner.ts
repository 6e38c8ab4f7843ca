import { Injectable } from '@nestjs/common';
import { RecurringPrune } from '../common/recurring-prune';
import { UnitOfWork } from '../database/unit-of-work';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Forgets idempotency keys older than the retention, once an hour. */
@Injectable()
export class IdempotencyPruner extends RecurringPrune {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: IdempotencyRepository,
  ) {
    super(IdempotencyPruner.name, 'idempotency keys', { everyMs: PRUNE_EVERY_MS });
  }

  protected pruneAt(at: number): Promise<number> {
    const before = new Date(at - IDEMPOTENCY_RETENTION_MS).toISOString();
    return this.uow.run((tx) => this.keys.pruneBefore(tx, before));
  }
}
