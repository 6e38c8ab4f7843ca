import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RecurringJob } from '../common/recurring-job';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { SessionOutputRepository } from './session-output.repository';

const HOUR = 60 * 60 * 1000;
const SESSIONS_PER_ROUND = 50;

/**
 * Output is kept as long as events are (`EVENTS_RETENTION_DAYS`, 0 keeps everything), counted from the
 * end of its session: a session that ended (or went stale) longer ago than that loses its output, hourly,
 * one session at a time so no prune holds the write lock for long. Deleting a session or its task removes
 * its output at once (ON DELETE CASCADE).
 */
@Injectable()
export class SessionOutputRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionOutputRetention.name);
  private readonly job = new RecurringJob(SessionOutputRetention.name, HOUR, () => this.prune());

  constructor(
    private readonly output: SessionOutputRepository,
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

  /** Removes the output of sessions that ended before the retention window; returns how many lines went. */
  async prune(at = Date.now()): Promise<number> {
    if (this.config.eventsRetentionDays === 0) return 0;
    const cutoff = new Date(at - this.config.eventsRetentionDays * 24 * HOUR).toISOString();
    let removed = 0;
    try {
      for (;;) {
        const ids = await this.output.expiredSessionIds(cutoff, SESSIONS_PER_ROUND);
        for (const id of ids) removed += await this.uow.exclusive(() => this.output.deleteForSession(id));
        if (ids.length < SESSIONS_PER_ROUND) break;
      }
      if (removed > 0) this.logger.log(`Pruned ${removed} output lines of sessions ended before ${cutoff}`);
    } catch (error) {
      this.logger.error(`Pruning session output failed: ${(error as Error).message}`);
    }
    return removed;
  }
}
