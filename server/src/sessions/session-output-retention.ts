import { Inject, Injectable } from '@nestjs/common';
import { RecurringPrune, retentionCutoff } from '../common/recurring-prune';
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
export class SessionOutputRetention extends RecurringPrune {
  constructor(
    private readonly output: SessionOutputRepository,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(SessionOutputRetention.name, 'session output', { everyMs: HOUR, runAtStart: true, enabled: config.eventsRetentionDays > 0 });
  }

  /** Removes the output of sessions that ended before the retention window; returns how many lines went. */
  protected async pruneAt(at: number): Promise<number> {
    const cutoff = retentionCutoff(this.config.eventsRetentionDays, at);
    let removed = 0;
    for (;;) {
      const ids = await this.output.expiredSessionIds(cutoff, SESSIONS_PER_ROUND);
      for (const id of ids) removed += await this.uow.exclusive(() => this.output.deleteForSession(id));
      if (ids.length < SESSIONS_PER_ROUND) break;
    }
    if (removed > 0) this.logger.log(`Pruned ${removed} output lines of sessions ended before ${cutoff}`);
    return removed;
  }
}
