import { Logger } from '@nestjs/common';
import { MissionEvent } from '@mission-control/shared';
import { EventEmitter } from 'node:events';

/** Where a replay-then-live stream writes; implemented once per transport. */
export interface EventSink {
  readonly closed: boolean;
  /** Writes one event; `false` when the connection holds enough unsent data that the writer should await `drained()`. */
  write(event: MissionEvent): boolean;
  /** Resolves once the connection can take more (or is closed). */
  drained(): Promise<void>;
}

/** A replay writes until this much is unsent, then waits for the connection to drain. */
const LOW_WATER_BYTES = 256 * 1024;
/** How often a waiting replay looks again when the transport gives no drain event. */
const DRAIN_POLL_MS = 50;
/** Consecutive checks with unsent data and no progress after which a connection counts as stalled. */
const STALLED_CHECKS = 2;

const log = new Logger('Backpressure');

/**
 * One connection with a bound on unsent data. Past `limitBytes` it is cut (each transport says how),
 * and after that nothing is ever written to it: every write path goes through `closed`. A connection
 * that holds unsent data and sends none of it for `STALLED_CHECKS` consecutive `checkStalled()` calls is
 * cut too: a reader that stopped reading would otherwise hold its replay open forever.
 */
export abstract class BoundedConnection implements EventSink {
  private isClosed = false;
  /** Bytes handed to the transport so far; minus what is unsent, what has gone out. */
  protected written = 0;
  private lastSent = 0;
  private stalledChecks = 0;
  private readonly closeHandlers: ((reason: string) => void)[] = [];

  protected constructor(
    protected readonly limitBytes: number,
    private readonly lowWaterBytes = Math.min(LOW_WATER_BYTES, Math.floor(limitBytes / 4)),
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  /** Bytes written but not yet taken by the peer (as far as this process can see). */
  abstract unsent(): number;
  /** Hands one event to the transport (only called while open). */
  protected abstract send(event: MissionEvent): void;
  /** Closes the transport the way it closes on overflow; called once. */
  protected abstract terminate(reason: string): void;
  /** Emitters whose `drain` or `close` wake a waiting replay. */
  protected abstract drainSources(): EventEmitter[];

  write(event: MissionEvent): boolean {
    if (this.isClosed) return false;
    this.send(event);
    return this.afterWrite();
  }

  /** Checks the bound after anything was written; `false` when the writer should wait. */
  protected afterWrite(): boolean {
    const pending = this.unsent();
    if (pending > this.limitBytes) {
      this.cut(`more than ${this.limitBytes} bytes unsent`);
      return false;
    }
    return pending < this.lowWaterBytes;
  }

  async drained(): Promise<void> {
    while (!this.isClosed && this.unsent() >= this.lowWaterBytes) await this.wake();
  }

  /** Call at a steady interval (the transport's keep-alive); cuts a connection that sends nothing of what it holds. */
  checkStalled(): void {
    if (this.isClosed) return;
    const pending = this.unsent();
    const sent = this.written - pending;
    this.stalledChecks = pending > 0 && sent <= this.lastSent ? this.stalledChecks + 1 : 0;
    this.lastSent = sent;
    if (this.stalledChecks >= STALLED_CHECKS) this.cut('stalled: nothing of its unsent data was read');
  }

  /** Runs once when the connection closes, cut or gone (`reason` is 'closed' when the peer left). */
  onClosed(handler: (reason: string) => void): void {
    this.closeHandlers.push(handler);
  }

  /** Closes the connection for good; nothing is written to it afterwards. */
  cut(reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    log.warn(`${this.constructor.name} cut: ${reason}`);
    for (const handler of this.closeHandlers) handler(reason);
    try {
      this.terminate(reason);
    } catch (error) {
      log.warn(`Closing a cut connection failed: ${(error as Error).message}`);
    }
  }

  /** Marks the connection closed when its peer went away (no cut, no log). */
  protected markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const handler of this.closeHandlers) handler('closed');
  }

  private wake(): Promise<void> {
    return new Promise((resolve) => {
      const sources = this.drainSources();
      const done = () => {
        clearTimeout(timer);
        for (const source of sources) {
          source.off('drain', done);
          source.off('close', done);
        }
        resolve();
      };
      const timer = setTimeout(done, DRAIN_POLL_MS);
      for (const source of sources) {
        source.on('drain', done);
        source.on('close', done);
      }
    });
  }
}
