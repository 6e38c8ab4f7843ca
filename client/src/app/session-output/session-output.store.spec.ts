import { TestBed } from '@angular/core/testing';
import { ReadOutputQuery, SessionOutputLine } from '@mission-control/shared';
import { Observable, Subject, of } from 'rxjs';
import { anEvent } from '../../testing/fixtures';
import { RealtimeService } from '../core/realtime.service';
import { SessionOutputApi } from './session-output.api';
import { SessionOutputStore } from './session-output.store';

const stored = (from: number, to: number): SessionOutputLine[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, stream: 'stdout', text: `line ${from + i}`, created_at: '2026-11-26T12:00:00.000Z' }));

class FakeOutputApi {
  readonly calls: ReadOutputQuery[] = [];
  next: Observable<SessionOutputLine[]> | null = null;
  /** What the server holds; pages are cut from it as the server would. */
  lines: SessionOutputLine[] = [];
  read = (_sessionId: string, query: ReadOutputQuery): Observable<SessionOutputLine[]> => {
    this.calls.push(query);
    if (this.next) {
      const next = this.next;
      this.next = null;
      return next;
    }
    const limit = query.limit ?? 1000;
    if (query.tail) return of(this.lines.slice(-limit));
    if (query.before !== undefined) return of(this.lines.filter((l) => l.seq < query.before!).slice(-limit));
    return of(this.lines.filter((l) => l.seq > (query.after ?? 0)).slice(0, limit));
  };
}

describe('SessionOutputStore', () => {
  let sut: SessionOutputStore;
  let api: FakeOutputApi;
  let realtime: RealtimeService;
  const texts = () => sut.terminal('s1').lines.map((line) => line.text);
  const output = (from: number, lines: string[]) =>
    realtime.receive(anEvent('session_output', { sessionId: 's1', taskId: 't1', stream: 'stdout', from, to: from + lines.length - 1, lines }));

  beforeEach(() => {
    api = new FakeOutputApi();
    TestBed.configureTestingModule({ providers: [SessionOutputStore, { provide: SessionOutputApi, useValue: api }] });
    sut = TestBed.inject(SessionOutputStore);
    realtime = TestBed.inject(RealtimeService);
  });

  it('opens at the tail and then follows the socket', () => {
    api.lines = stored(1, 800);
    sut.open('s1');
    expect(api.calls).toEqual([{ tail: true, limit: 500 }]);
    expect(sut.terminal('s1').lines[0].seq).toBe(301);
    output(801, ['line 801', 'line 802']);
    expect(texts().slice(-2)).toEqual(['line 801', 'line 802']);
    // another session's output is not this terminal's business
    realtime.receive(anEvent('session_output', { sessionId: 's2', taskId: 't1', stream: 'stdout', from: 1, to: 1, lines: ['other'] }));
    expect(sut.terminal('s2').lines).toEqual([]);
  });

  it('keeps lines that arrive while the tail loads', () => {
    const tail = new Subject<SessionOutputLine[]>();
    api.next = tail;
    sut.open('s1');
    output(4, ['line 4']);
    tail.next(stored(1, 3));
    tail.complete();
    expect(texts()).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
  });

  it('reads the lines a live event skipped over', () => {
    api.lines = stored(1, 3);
    sut.open('s1');
    api.lines = stored(1, 9);
    output(9, ['line 9']);
    expect(api.calls.at(-1)).toEqual({ after: 3, limit: 1000 });
    expect(texts()).toEqual(stored(1, 9).map((l) => l.text));
  });

  it('pages back through history with before', () => {
    api.lines = stored(1, 1200);
    sut.open('s1');
    sut.loadEarlier('s1');
    expect(api.calls.at(-1)).toEqual({ before: 701, limit: 500 });
    expect(sut.terminal('s1').lines[0].seq).toBe(201);
    sut.loadEarlier('s1');
    expect(sut.terminal('s1').lines[0].seq).toBe(1);
    expect(sut.terminal('s1').lines).toHaveLength(1200);
  });
});
