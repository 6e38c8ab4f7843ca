import { Logger } from '@nestjs/common';

/**
 * A background job run every `everyMs` (and, with `runNow`, once right after start), never twice at once.
 * `stop()` cancels what is pending and waits for a run still going, so no job touches a database that
 * shutdown has closed. (A few lines rather than @nestjs/schedule: intervals come from the configuration
 * and shutdown must wait for the run in progress, which the scheduler does not do.)
 */
export class RecurringJob {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    name: string,
    private readonly everyMs: number,
    private readonly job: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start({ runNow = false } = {}): void {
    this.stopped = false;
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
    if (runNow) this.immediate = setImmediate(() => this.tick());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    await this.running;
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.job()
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`Failed: ${(error as Error).message}`),
      )
      .finally(() => (this.running = null));
  }
}
