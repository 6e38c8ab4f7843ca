import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RecurringJob } from '../common/recurring-job';
import { UnitOfWork } from '../database/unit-of-work';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Forgets idempotency keys older than the retention, once an hour. */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPruner.name);
  private readonly job = new RecurringJob(IdempotencyPruner.name, PRUNE_EVERY_MS, () => this.prune());

  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: IdempotencyRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async prune(at = Date.now()): Promise<number> {
    try {
      const before = new Date(at - IDEMPOTENCY_RETENTION_MS).toISOString();
      return await this.uow.run((tx) => this.keys.pruneBefore(tx, before));
    } catch (error) {
      this.logger.error(`Pruning idempotency keys failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
