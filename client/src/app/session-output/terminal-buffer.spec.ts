import { SessionOutputPayload } from '@mission-control/shared';
import {
  KEEP_LINES,
  TerminalLine,
  emptyTerminal,
  hasEarlier,
  isNearBottom,
  latestVisibleLine,
  linesOf,
  needsFill,
  newerCount,
  withEarlier,
  withNewer,
  withTail,
} from './terminal-buffer';

const run = (from: number, to: number, stream: TerminalLine['stream'] = 'stdout'): TerminalLine[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, stream, text: `line ${from + i}` }));
const seqs = (lines: readonly TerminalLine[]) => lines.map((line) => line.seq);

function payload(overrides: Partial<SessionOutputPayload>): SessionOutputPayload {
  return { sessionId: 's1', taskId: 't1', stream: 'stdout', from: 1, to: 1, lines: ['x'], ...overrides };
}

describe('terminal buffer', () => {
  it('numbers the lines of an event and marks the cap marker as a log line', () => {
    expect(linesOf(payload({ from: 7, to: 8, stream: 'stderr', lines: ['a', 'b'] }))).toEqual([
      { seq: 7, stream: 'stderr', text: 'a' },
      { seq: 8, stream: 'stderr', text: 'b' },
    ]);
    const mixed = linesOf(payload({ from: 1, to: 3, lines: ['a', 'b', 'c'], streams: ['stdout', 'stderr', 'stdout'] }));
    expect(mixed.map((line) => line.stream)).toEqual(['stdout', 'stderr', 'stdout']);
    const capped = linesOf(payload({ from: 9, to: 10, lines: ['last kept', '[Mission Control] Output limit…'], truncated: true }));
    expect(capped.map((line) => line.stream)).toEqual(['stdout', 'log']);
  });

  it('starts from the tail and follows live lines, each once', () => {
    let state = withTail(emptyTerminal(), run(101, 110));
    expect(state.loaded).toBe(true);
    expect(hasEarlier(state)).toBe(true);
    state = withNewer(state, run(111, 112));
    state = withNewer(state, run(105, 112)); // a duplicate, e.g. replayed after a reconnect
    state = withNewer(state, run(111, 114)); // overlapping
    expect(seqs(state.lines)).toEqual(Array.from({ length: 14 }, (_, i) => 101 + i));
    expect(newerCount(state)).toBe(0);
    expect(needsFill(state)).toBe(false);
  });

  it('notices a gap instead of showing lines out of order, and fills it from a page', () => {
    let state = withTail(emptyTerminal(), run(1, 5));
    state = withNewer(state, run(9, 10));
    expect(seqs(state.lines)).toEqual([1, 2, 3, 4, 5]);
    expect(newerCount(state)).toBe(5);
    expect(needsFill(state)).toBe(true);
    state = withNewer(state, run(6, 10)); // what GET ?after=5 returns
    expect(seqs(state.lines)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(needsFill(state)).toBe(false);
  });

  it('takes the first lines of a session whose output had not started', () => {
    const state = withNewer(withTail(emptyTerminal(), []), run(1, 3));
    expect(seqs(state.lines)).toEqual([1, 2, 3]);
    expect(hasEarlier(state)).toBe(false);
  });

  it('keeps at most KEEP_LINES while following, dropping the oldest', () => {
    let state = withTail(emptyTerminal(), run(1, KEEP_LINES));
    state = withNewer(state, run(KEEP_LINES + 1, KEEP_LINES + 10));
    expect(state.lines).toHaveLength(KEEP_LINES);
    expect(state.lines[0].seq).toBe(11);
    expect(state.lines.at(-1)!.seq).toBe(KEEP_LINES + 10);
  });

  it('pages back; past KEEP_LINES it detaches from the tail, and live lines wait for "jump to latest"', () => {
    let state = withTail(emptyTerminal(), run(KEEP_LINES + 1, KEEP_LINES + 500));
    state = withEarlier(state, run(KEEP_LINES - 499, KEEP_LINES));
    expect(state.lines[0].seq).toBe(KEEP_LINES - 499);
    expect(state.detached).toBe(false);
    while (state.lines[0].seq > 1) state = withEarlier(state, run(Math.max(1, state.lines[0].seq - 500), state.lines[0].seq - 1));
    expect(state.detached).toBe(true);
    expect(state.lines).toHaveLength(KEEP_LINES);
    expect(seqs(state.lines).slice(0, 3)).toEqual([1, 2, 3]);
    const newestHeld = state.lines.at(-1)!.seq;
    state = withNewer(state, run(KEEP_LINES + 501, KEEP_LINES + 502));
    expect(state.lines.at(-1)!.seq).toBe(newestHeld);
    expect(newerCount(state)).toBe(KEEP_LINES + 502 - newestHeld);
    expect(needsFill(state)).toBe(false);
    state = withTail(state, run(KEEP_LINES + 3, KEEP_LINES + 502)); // jump to latest
    expect(state.detached).toBe(false);
    expect(newerCount(state)).toBe(0);
  });

  it('follows the tail only while the reader is at the bottom', () => {
    expect(isNearBottom({ scrollTop: 740, scrollHeight: 1000, clientHeight: 260 })).toBe(true);
    expect(isNearBottom({ scrollTop: 720, scrollHeight: 1000, clientHeight: 260 })).toBe(true);
    expect(isNearBottom({ scrollTop: 500, scrollHeight: 1000, clientHeight: 260 })).toBe(false);
  });

  it("gives a card the newest line with something on it", () => {
    expect(latestVisibleLine(['building', 'done', '', '   '])).toBe('done');
    expect(latestVisibleLine(['', ''])).toBeNull();
  });
});
