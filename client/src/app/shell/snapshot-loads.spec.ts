import { Injector, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { RealtimeReady } from '../core/realtime.service';
import { snapshotLoads } from './snapshot-loads';

describe('snapshotLoads', () => {
  function setup() {
    const ready$ = new Subject<RealtimeReady>();
    const connectionState = signal('connecting');
    const loads: number[] = [];
    const injector = TestBed.inject(Injector);
    runInInjectionContext(injector, () => snapshotLoads({ ready$, connectionState }).subscribe(() => loads.push(loads.length + 1)));
    const flush = () => TestBed.flushEffects();
    return { ready$, connectionState, loads, flush };
  }

  it('loads once when the stream first goes live, not also at start', () => {
    const { ready$, loads, flush } = setup();
    flush();
    expect(loads).toEqual([]);
    ready$.next({ lastSeq: 7, resumed: false });
    expect(loads).toEqual([1]);
  });

  it('does not reload after a resume, but does after a fresh start (reset)', () => {
    const { ready$, loads } = setup();
    ready$.next({ lastSeq: 7, resumed: false });
    ready$.next({ lastSeq: 9, resumed: true });
    expect(loads).toEqual([1]);
    ready$.next({ lastSeq: 3, resumed: false });
    expect(loads).toEqual([1, 2]);
  });

  it('a stream that goes offline before it was ever live still gets one snapshot', () => {
    const { ready$, connectionState, loads, flush } = setup();
    connectionState.set('offline');
    flush();
    expect(loads).toEqual([1]);
    connectionState.set('reconnecting');
    flush();
    connectionState.set('offline');
    flush();
    expect(loads).toEqual([1]);
    ready$.next({ lastSeq: 1, resumed: false });
    expect(loads).toEqual([1, 2]);
  });

  it('going offline after the stream was live does not load', () => {
    const { ready$, connectionState, loads, flush } = setup();
    ready$.next({ lastSeq: 1, resumed: false });
    connectionState.set('offline');
    flush();
    expect(loads).toEqual([1]);
  });
});
