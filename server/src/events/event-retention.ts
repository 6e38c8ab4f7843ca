import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RecurringJob } from '../common/recurring-job';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxRepository } from './outbox.repository';

const HOUR = 60 * 60 * 1000;

/** Keeps `domain_events` to `EVENTS_RETENTION_DAYS` (0 keeps everything), pruning hourly in the background. */
@Injectable()
export class EventRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventRetention.name);
  private readonly job = new RecurringJob(EventRetention.name, HOUR, () => this.prune());

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.eventsRetentionDays === 0) return;
    this.job.start({ runNow: true });
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async prune(at = Date.now()): Promise<number> {
    const before = new Date(at - this.config.eventsRetentionDays * 24 * HOUR).toISOString();
    try {
      const removed = await this.uow.exclusive(() => this.outbox.pruneBefore(before));
      if (removed > 0) this.logger.log(`Pruned ${removed} events older than ${before}`);
      return removed;
    } catch (error) {
      this.logger.error(`Pruning events failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
