import { OUTPUT_LIMITS, OutputStream } from '@mission-control/shared';

export interface OutputBatcherOptions {
  /** A batch goes out this long after its first line at the latest (default 250 ms). */
  intervalMs?: number;
  /** ...or as soon as it holds this many lines (default 500). */
  maxLines?: number;
  /** ...or this many bytes of text, so a request stays well inside the server's body limit (default 256 KiB). */
  maxBytes?: number;
  /** Lines waiting for the server above which the producer is asked to pause (default 20 batches). */
  highWaterLines?: number;
}

/** Sends one batch: lines of one stream, in order. Resolves false once the server keeps no more (its cap). */
export type SendOutput = (lines: string[], stream: OutputStream) => Promise<boolean>;

interface Run {
  stream: OutputStream;
  lines: string[];
}

/**
 * Collects what a sub-agent prints and sends it in batches, one request at a time and in order of arrival:
 * every `intervalMs` or `maxLines` lines, whichever comes first. A batch holds one stream, so a change of
 * stream starts a new run inside the batch (each run is its own request). Lines longer than the server's
 * limit are split, never cut. Once the server reports its cap reached, further lines are not sent.
 */
export class OutputBatcher {
  private readonly intervalMs: number;
  private readonly maxLines: number;
  private readonly maxBytes: number;
  private runs: Run[] = [];
  private pendingLines = 0;
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  private capped = false;
  /** Lines pushed and not yet answered by the server. */
  private queued = 0;
  private drainWaiters: (() => void)[] = [];
  /** Lines accepted by `push` (after splitting) and lines sent, for the run's log. */
  received = 0;
  sent = 0;

  constructor(
    private readonly send: SendOutput,
    options: OutputBatcherOptions = {},
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.intervalMs = options.intervalMs ?? 250;
    this.maxLines = Math.min(options.maxLines ?? 500, OUTPUT_LIMITS.batchMax);
    this.maxBytes = options.maxBytes ?? 256 * 1024;
    this.highWater = options.highWaterLines ?? this.maxLines * 20;
  }

  private readonly highWater: number;

  /**
   * More is waiting for the server than it should: the producer should pause (the command adapter stops
   * reading the sub-agent's pipes, so a program printing faster than the server stores blocks on its writes).
   */
  get backlogged(): boolean {
    return this.queued >= this.highWater;
  }

  /** Resolves once the backlog is down to half the high-water mark. */
  drained(): Promise<void> {
    if (this.queued <= this.highWater / 2) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  push(text: string, stream: OutputStream = 'stdout'): void {
    if (this.capped) return;
    for (const line of splitLong(text)) {
      this.received++;
      this.queued++;
      const last = this.runs.at(-1);
      if (last && last.stream === stream) last.lines.push(line);
      else this.runs.push({ stream, lines: [line] });
      this.pendingLines++;
      this.pendingBytes += Buffer.byteLength(line) + 4;
      if (this.pendingLines >= this.maxLines || this.pendingBytes >= this.maxBytes) this.flush();
    }
    if (this.pendingLines > 0 && !this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what is pending now; resolves when everything pushed so far has been sent. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const runs = this.runs;
    this.runs = [];
    this.pendingLines = 0;
    this.pendingBytes = 0;
    for (const run of runs) {
      this.sending = this.sending.then(async () => {
        try {
          if (this.capped) return;
          const more = await this.send(run.lines, run.stream);
          this.sent += run.lines.length;
          if (!more) this.capped = true;
        } catch (error) {
          this.onError(error as Error);
        } finally {
          this.settle(run.lines.length);
        }
      });
    }
    return this.sending;
  }

  private settle(lines: number): void {
    this.queued -= lines;
    if (this.queued > this.highWater / 2) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  /** Flushes and stops the timer for good. */
  close(): Promise<void> {
    return this.flush();
  }
}

function splitLong(text: string): string[] {
  if (text.length <= OUTPUT_LIMITS.lineMax) return [text];
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += OUTPUT_LIMITS.lineMax) parts.push(text.slice(i, i + OUTPUT_LIMITS.lineMax));
  return parts;
}
