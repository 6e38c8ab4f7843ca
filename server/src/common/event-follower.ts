import { MissionControlError, MissionEvent } from '@mission-control/shared';
import { sseFields, sseFrames } from './sse-frames';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;
/** The server sends `: keep-alive` every 30 s; this long without a byte means the connection is dead. */
const SILENCE_MS = 90_000;

export interface FollowOptions {
  /** The stream URL, `…/api/events/stream[?task_id=]`. */
  url: string;
  headers: Record<string, string>;
  /** Resume after this sequence number; null to start with what happens from now on. */
  after: number | null;
  onEvent(event: MissionEvent): void;
  /** Connection changes, for the person watching (stderr). */
  onStatus(message: string): void;
  signal: AbortSignal;
  /** Reconnect when the connection has been silent this long (a drop without a close). Default 90 s. */
  silenceMs?: number;
}

/**
 * Follows the Server-Sent Events stream until `signal` aborts. After a drop or a server restart it
 * reconnects with `Last-Event-ID` set to the last event it handed on, so the server replays exactly
 * what was missed: no gap, and an event is never handed on twice (sequence numbers only grow).
 * The first connection must succeed; a refusal (401, 403, 400) ends it at any time.
 */
export async function followEvents(options: FollowOptions): Promise<void> {
  let lastSeq = options.after;
  let pause = RETRY_MIN_MS;
  let connectedOnce = false;
  let lost = false;
  while (!options.signal.aborted) {
    try {
      await readStream(options, lastSeq, {
        connected: () => {
          if (lost) options.onStatus(`reconnected${lastSeq !== null ? `, resuming after #${lastSeq}` : ''}`);
          connectedOnce = true;
          lost = false;
          pause = RETRY_MIN_MS;
        },
        event: (event) => {
          if (lastSeq !== null && event.seq <= lastSeq) return;
          lastSeq = event.seq;
          options.onEvent(event);
        },
        reset: (latest) => {
          options.onStatus(`the server cannot replay from #${lastSeq} (another database, or events pruned): continuing from #${latest}`);
          lastSeq = null;
        },
      });
    } catch (error) {
      if (options.signal.aborted) return;
      if (!connectedOnce || (error instanceof MissionControlError && error.status >= 400 && error.status < 500)) throw error;
    }
    if (options.signal.aborted) return;
    if (!lost) options.onStatus('connection lost; reconnecting…');
    lost = true;
    await sleep(pause, options.signal);
    pause = Math.min(pause * 2, RETRY_MAX_MS);
  }
}

interface StreamHandlers {
  connected(): void;
  event(event: MissionEvent): void;
  reset(latest: number): void;
}

/** One connection, read until it ends. */
async function readStream(options: FollowOptions, lastSeq: number | null, on: StreamHandlers): Promise<void> {
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...options.headers };
  if (lastSeq !== null) headers['Last-Event-ID'] = String(lastSeq);
  // This connection ends when the caller stops, or when it has been silent too long.
  const connection = new AbortController();
  const stop = () => connection.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  let watchdog: NodeJS.Timeout | undefined;
  const heard = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(stop, options.silenceMs ?? SILENCE_MS);
  };
  try {
    heard();
    await readConnection(options, headers, connection.signal, heard, on);
  } finally {
    clearTimeout(watchdog);
    options.signal.removeEventListener('abort', stop);
  }
}

async function readConnection(options: FollowOptions, headers: Record<string, string>, signal: AbortSignal, heard: () => void, on: StreamHandlers): Promise<void> {
  let response: Response;
  try {
    response = await fetch(options.url, { headers, signal });
  } catch (cause) {
    const detail = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw new MissionControlError(0, `cannot reach ${new URL(options.url).origin} (${detail})`, 'GET', new URL(options.url).pathname, null, cause);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    let message = text || response.statusText;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      /* not the JSON error body: keep the text */
    }
    throw new MissionControlError(response.status, message, 'GET', new URL(options.url).pathname);
  }
  on.connected();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const feed = sseFrames((frame) => dispatch(frame, on));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      heard();
      feed(decoder.decode(value, { stream: true }));
    }
  } catch {
    // A dropped connection (server stopped, network gone): the caller reconnects.
  }
}

function dispatch(frame: string, on: StreamHandlers): void {
  const { event = 'message', data } = sseFields(frame);
  if (!data) return;
  const parsed = JSON.parse(data) as MissionEvent & { lastSeq?: number };
  if (event === 'reset') on.reset(parsed.lastSeq ?? 0);
  else if (typeof parsed.seq === 'number') on.event(parsed);
}

/** Waits `ms`, or less when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
