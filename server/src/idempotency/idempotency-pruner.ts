import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Forgets idempotency keys older than the retention, once an hour. */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyPruner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: IdempotencyRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => (this.running = this.prune()), PRUNE_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
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
