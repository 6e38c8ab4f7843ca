import { MissionEvent } from '@mission-control/shared';
import { OrchestratorLog } from './orchestrator-log';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Follows `GET /api/events/stream` (Server-Sent Events) and hands each event to `onEvent`, resuming
 * with `Last-Event-ID` after a drop. A hint only: when the stream is missing or down, polling still
 * does the work, and this keeps trying in the background with a growing pause.
 */
export class EventStream {
  private readonly controller = new AbortController();
  private lastEventId: string | null = null;
  private running: Promise<void> | null = null;

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
    let pause = RETRY_MIN_MS;
    while (!this.controller.signal.aborted) {
      try {
        const connected = await this.follow();
        if (connected) pause = RETRY_MIN_MS;
      } catch (error) {
        if (this.controller.signal.aborted) return;
        this.log.debug(`event stream unavailable (${(error as Error).message}); polling only, retrying in ${Math.round(pause / 1000)} s`);
      }
      await sleep(pause, this.controller.signal);
      pause = Math.min(pause * 2, RETRY_MAX_MS);
    }
  }

  /** Reads one connection until it ends; true when it was established. */
  private async follow(): Promise<boolean> {
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...this.headers };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    const response = await fetch(this.url, { headers, signal: this.controller.signal });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    this.log.debug('event stream connected');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private dispatch(frame: string): void {
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') this.lastEventId = value;
      else if (field === 'data') data += (data ? '\n' : '') + value;
    }
    if (!data) return;
    try {
      this.onEvent(JSON.parse(data) as MissionEvent);
    } catch (error) {
      this.log.debug(`ignored an event the orchestrator could not read: ${(error as Error).message}`);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
