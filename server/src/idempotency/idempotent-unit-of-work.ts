import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { now } from '../common/clock';
import { Tx } from '../database/tx';
import { UnitOfWork } from '../database/unit-of-work';
import { WriteLock } from '../database/write-lock';
import { OutboxRelay } from '../events/outbox-relay';
import { OutboxRepository } from '../events/outbox.repository';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyKeyTaken, idempotencyContext, isExpired } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

/**
 * The unit of work, plus: when the request carries an `Idempotency-Key`, its first write transaction
 * stores the key in the same transaction as the write. The write and the key commit together or not at
 * all, and a duplicate that reaches the database after the first (another instance, or after a crash)
 * finds the key and is rolled back.
 */
@Injectable()
export class IdempotentUnitOfWork extends UnitOfWork {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    outbox: OutboxRepository,
    lock: WriteLock,
    relay: OutboxRelay,
    private readonly keys: IdempotencyRepository,
  ) {
    super(dataSource, outbox, lock, relay);
  }

  override run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const claim = idempotencyContext.getStore();
    if (!claim || claim.stored) return super.run(work);
    return super
      .run(async (tx) => {
        const existing = await this.keys.findById(claim.id, tx);
        if (existing && !isExpired(existing.created_at)) throw new IdempotencyKeyTaken(claim.id);
        if (existing) await this.keys.deleteById(tx, claim.id);
        const result = await work(tx);
        await this.keys.insert(
          tx,
          Object.assign(new IdempotencyKeyEntity(), {
            id: claim.id,
            idempotency_key: claim.key,
            method: claim.method,
            path: claim.path,
            request_hash: claim.requestHash,
            status_code: claim.statusCode,
            // Provisional: the interceptor replaces it with the response as sent.
            response_body: result === undefined ? null : JSON.stringify(result),
            created_at: now(),
          } satisfies IdempotencyKeyEntity),
        );
        return result;
      })
      .then((result) => {
        claim.stored = true;
        return result;
      });
  }
}
