import { OutputStream, SessionOutputLine, SessionOutputPayload } from '@mission-control/shared';

/** The most lines one terminal holds (and renders); older or newer ones are paged in on demand. */
export const KEEP_LINES = 2000;
/** How close to the bottom (px) still counts as "at the bottom": the terminal then follows the tail. */
export const FOLLOW_SLACK_PX = 24;

export interface TerminalLine {
  seq: number;
  stream: OutputStream;
  text: string;
}

/**
 * One session's output as a terminal shows it: a window of consecutive lines (by `seq`) and the newest
 * sequence number known. The window is at the tail when it ends at `latestSeq`.
 */
export interface TerminalState {
  lines: readonly TerminalLine[];
  latestSeq: number;
  /** The first page has arrived (until then, "no output yet" would be a lie). */
  loaded: boolean;
  /** Paging back pushed the newest lines out of the window: live lines wait for "jump to latest". */
  detached: boolean;
}

export const emptyTerminal = (): TerminalState => ({ lines: [], latestSeq: 0, loaded: false, detached: false });

export const firstSeq = (state: TerminalState): number => state.lines[0]?.seq ?? 0;
export const lastSeq = (state: TerminalState): number => state.lines.at(-1)?.seq ?? 0;
/** Lines before the window exist on the server. */
export const hasEarlier = (state: TerminalState): boolean => firstSeq(state) > 1;
/** How many lines newer than the window exist (0 at the tail). */
export const newerCount = (state: TerminalState): number => Math.max(0, state.latestSeq - lastSeq(state));

/** The lines of a `session_output` event; when it hit the server's cap its last line is the marker (stream `log`). */
export function linesOf(payload: SessionOutputPayload): TerminalLine[] {
  return payload.lines.map((text, i) => ({
    seq: payload.from + i,
    stream: payload.truncated && i === payload.lines.length - 1 ? 'log' : (payload.streams?.[i] ?? payload.stream),
    text,
  }));
}

export const fromRest = (lines: readonly SessionOutputLine[]): TerminalLine[] => lines.map(({ seq, stream, text }) => ({ seq, stream, text }));

/** The last `KEEP_LINES` lines of the session (first load, or "jump to latest"). */
export function withTail(state: TerminalState, page: readonly TerminalLine[]): TerminalState {
  const lines = page.slice(-KEEP_LINES);
  return { lines, latestSeq: Math.max(state.latestSeq, lines.at(-1)?.seq ?? 0), loaded: true, detached: false };
}

/**
 * Newer lines (live, or a page read after the window): appended when they continue the window, keeping the
 * newest `KEEP_LINES`. Anything else only raises `latestSeq`: the window is detached (paged back), or there
 * is a gap the store fills with a read (`needsFill`).
 */
export function withNewer(state: TerminalState, incoming: readonly TerminalLine[]): TerminalState {
  if (incoming.length === 0) return state;
  const latestSeq = Math.max(state.latestSeq, incoming.at(-1)!.seq);
  const last = lastSeq(state);
  const fresh = incoming.filter((line) => line.seq > last);
  if (state.detached || fresh.length === 0 || (state.lines.length > 0 && fresh[0].seq !== last + 1)) {
    return { ...state, latestSeq };
  }
  const lines = state.lines.length + fresh.length > KEEP_LINES ? [...state.lines, ...fresh].slice(-KEEP_LINES) : [...state.lines, ...fresh];
  return { ...state, lines, latestSeq };
}

/** Older lines (a page read before the window), keeping the oldest `KEEP_LINES`: the window leaves the tail. */
export function withEarlier(state: TerminalState, page: readonly TerminalLine[]): TerminalState {
  const first = firstSeq(state);
  const older = page.filter((line) => state.lines.length === 0 || line.seq < first);
  if (older.length === 0) return state;
  const lines = [...older, ...state.lines];
  return lines.length > KEEP_LINES ? { ...state, lines: lines.slice(0, KEEP_LINES), detached: true } : { ...state, lines };
}

/** The window follows the tail but lines are missing after it (a live event arrived past a gap): read them. */
export function needsFill(state: TerminalState): boolean {
  return state.loaded && !state.detached && newerCount(state) > 0;
}

/** Whether a scrolled box is (nearly) at its bottom, so new lines should keep it there. */
export function isNearBottom(box: { scrollTop: number; scrollHeight: number; clientHeight: number }): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= FOLLOW_SLACK_PX;
}

/** The line a card shows: the newest line with something on it. */
export function latestVisibleLine(texts: readonly string[]): string | null {
  for (let i = texts.length - 1; i >= 0; i--) {
    if (texts[i].trim() !== '') return texts[i];
  }
  return null;
}
