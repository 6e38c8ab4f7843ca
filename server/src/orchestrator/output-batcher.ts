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

/**
 * Sends one batch: lines in order, with one stream for all of them or one per line. Resolves false once the
 * server keeps no more (its cap).
 */
export type SendOutput = (lines: string[], stream: OutputStream | OutputStream[]) => Promise<boolean>;

interface Batch {
  lines: string[];
  streams: OutputStream[];
}

/**
 * Collects what a sub-agent prints and sends it in batches, one request at a time and in order of arrival:
 * every `intervalMs` or `maxLines` lines, whichever comes first. Stdout and stderr share a batch (each line
 * keeps its stream), so interleaved output never costs a request per line. Lines longer than the server's
 * limit are split, never cut. Once the server reports its cap reached, further lines are not sent.
 */
export class OutputBatcher {
  private readonly intervalMs: number;
  private readonly maxLines: number;
  private readonly maxBytes: number;
  private readonly highWater: number;
  private batch: Batch = { lines: [], streams: [] };
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
      this.batch.lines.push(line);
      this.batch.streams.push(stream);
      this.pendingBytes += Buffer.byteLength(line) + 16;
      if (this.batch.lines.length >= this.maxLines || this.pendingBytes >= this.maxBytes) this.flush();
    }
    if (this.batch.lines.length > 0 && !this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what is pending now; resolves when everything pushed so far has been sent. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.lines.length === 0) return this.sending;
    const { lines, streams } = this.batch;
    this.batch = { lines: [], streams: [] };
    this.pendingBytes = 0;
    this.sending = this.sending.then(async () => {
      try {
        if (this.capped) return;
        const more = await this.send(lines, streams.every((stream) => stream === streams[0]) ? streams[0] : streams);
        this.sent += lines.length;
        if (!more) this.capped = true;
      } catch (error) {
        this.onError(error as Error);
      } finally {
        this.settle(lines.length);
      }
    });
    return this.sending;
  }

  /** Flushes and stops the timer for good. */
  close(): Promise<void> {
    return this.flush();
  }

  private settle(lines: number): void {
    this.queued -= lines;
    if (this.queued > this.highWater / 2) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

function splitLong(text: string): string[] {
  if (text.length <= OUTPUT_LIMITS.lineMax) return [text];
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += OUTPUT_LIMITS.lineMax) parts.push(text.slice(i, i + OUTPUT_LIMITS.lineMax));
  return parts;
}
