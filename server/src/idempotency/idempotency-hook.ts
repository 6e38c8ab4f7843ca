import { Injectable } from '@nestjs/common';
import { now } from '../common/clock';
import { PluggedHook } from '../database/plugged-hook';
import { TransactionHook, Unit } from '../database/transaction-hooks';
import { UnitOfWork } from '../database/unit-of-work';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyClaim, IdempotencyKeyTaken, idempotencyContext, isExpired } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

/**
 * When a request carries an `Idempotency-Key`, its first write stores the key in the same transaction
 * as the write: both commit or neither does, and a duplicate that reaches the database after the first
 * (another instance, or after a crash) finds the key and is rolled back.
 */
@Injectable()
export class IdempotencyHook extends PluggedHook implements TransactionHook {
  private readonly claims = new WeakMap<Unit, IdempotencyClaim>();

  constructor(
    uow: UnitOfWork,
    private readonly keys: IdempotencyRepository,
  ) {
    super(uow);
  }

  async beforeWork(unit: Unit): Promise<void> {
    const claim = idempotencyContext.getStore();
    if (!claim || claim.stored) return;
    const existing = await this.keys.findById(claim.id, unit.tx);
    if (existing && !isExpired(existing.created_at)) {
      claim.taken = true;
      throw new IdempotencyKeyTaken(claim.id);
    }
    if (existing) await this.keys.deleteById(unit.tx, claim.id);
    this.claims.set(unit, claim);
  }

  async afterWork(unit: Unit, result: unknown): Promise<void> {
    const claim = this.claims.get(unit);
    if (!claim) return;
    await this.keys.insert(
      unit.tx,
      Object.assign(new IdempotencyKeyEntity(), {
        id: claim.id,
        idempotency_key: claim.key,
        method: claim.method,
        path: claim.path,
        request_hash: claim.requestHash,
        status_code: claim.statusCode,
        // Provisional: IdempotentWrites replaces it with the response as sent.
        response_body: result === undefined ? null : JSON.stringify(result),
        created_at: now(),
      } satisfies IdempotencyKeyEntity),
    );
  }

  afterCommit(units: readonly Unit[]): void {
    for (const unit of units) {
      const claim = this.claims.get(unit);
      if (claim) claim.stored = true;
    }
  }
}
