import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RecurringJob } from './recurring-job';

export interface PruneSchedule {
  everyMs: number;
  /** Also once right at start-up. */
  runAtStart?: boolean;
  /** False: nothing is ever pruned (a retention of 0 keeps everything). */
  enabled?: boolean;
}

/**
 * What every pruner shares: it runs every `everyMs` from start-up (and once at start with `runAtStart`) until
 * shutdown, only when enabled, and a failed prune is logged and counts as nothing removed.
 */
export abstract class RecurringPrune implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private readonly job: RecurringJob;

  protected constructor(
    name: string,
    /** What is pruned, for the error message ("events", "session output"…). */
    private readonly what: string,
    private readonly schedule: PruneSchedule,
  ) {
    this.logger = new Logger(name);
    this.job = new RecurringJob(name, schedule.everyMs, () => this.prune());
  }

  /** Removes what is past its retention at `at`; returns how many rows went. */
  protected abstract pruneAt(at: number): Promise<number>;

  onApplicationBootstrap(): void {
    if (this.schedule.enabled !== false) this.job.start({ runNow: this.schedule.runAtStart });
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async prune(at = Date.now()): Promise<number> {
    if (this.schedule.enabled === false) return 0;
    try {
      return await this.pruneAt(at);
    } catch (error) {
      this.logger.error(`Pruning ${this.what} failed: ${(error as Error).message}`);
      return 0;
    }
  }
}

/** The moment before which rows kept for `days` days are past their retention. */
export const retentionCutoff = (days: number, at: number): string => new Date(at - days * 24 * 60 * 60 * 1000).toISOString();
