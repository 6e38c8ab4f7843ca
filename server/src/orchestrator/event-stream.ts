import { MissionEvent } from '@mission-control/shared';
import { followEvents, sleep } from '../common/event-follower';
import { OrchestratorLog } from './orchestrator-log';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Follows `GET /api/events/stream` and hands each event to `onEvent`, through the one SSE follower the
 * terminal client uses too (resumes with `Last-Event-ID` after a drop, never hands an event on twice).
 * A hint only: when the stream cannot be had at all, polling still does the work, and this keeps trying in
 * the background with a growing pause.
 */
export class EventStream {
  private readonly controller = new AbortController();
  private running: Promise<void> | null = null;
  private lastSeq: number | null = null;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly onEvent: (event: MissionEvent) => void,
    private readonly log: OrchestratorLog,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.controller.signal;
    let pause = RETRY_MIN_MS;
    while (!signal.aborted) {
      try {
        await followEvents({
          url: this.url,
          headers: this.headers,
          after: this.lastSeq,
          signal,
          onEvent: (event) => {
            this.lastSeq = event.seq;
            pause = RETRY_MIN_MS;
            this.deliver(event);
          },
          onStatus: (message) => this.log.debug(`event stream: ${message}`),
        });
      } catch (error) {
        if (signal.aborted) return;
        this.log.debug(`event stream unavailable (${(error as Error).message}); polling only, retrying in ${Math.round(pause / 1000)} s`);
      }
      await sleep(pause, signal);
      pause = Math.min(pause * 2, RETRY_MAX_MS);
    }
  }

  private deliver(event: MissionEvent): void {
    try {
      this.onEvent(event);
    } catch (error) {
      this.log.debug(`an event the orchestrator could not handle: ${(error as Error).message}`);
    }
  }
}
