import { Inject, Injectable } from '@nestjs/common';
import { RecurringPrune, retentionCutoff } from '../common/recurring-prune';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxRepository } from './outbox.repository';

const HOUR = 60 * 60 * 1000;

/** Keeps `domain_events` to `EVENTS_RETENTION_DAYS` (0 keeps everything), pruning hourly in the background. */
@Injectable()
export class EventRetention extends RecurringPrune {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(EventRetention.name, 'events', { everyMs: HOUR, runAtStart: true, enabled: config.eventsRetentionDays > 0 });
  }

  protected async pruneAt(at: number): Promise<number> {
    const before = retentionCutoff(this.config.eventsRetentionDays, at);
    const removed = await this.uow.exclusive(() => this.outbox.pruneBefore(before));
    if (removed > 0) this.logger.log(`Pruned ${removed} events older than ${before}`);
    return removed;
  }
}
