import { Signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { Observable, filter, map, merge, take, takeUntil } from 'rxjs';
import { RealtimeReady } from '../core/realtime.service';

export interface LiveSource {
  readonly ready$: Observable<RealtimeReady>;
  readonly connectionState: Signal<string>;
}

/**
 * When the dashboard should read its REST snapshot: once per fresh stream (the first `ready`, and any
 * `ready` that is not a resume, such as after a reset), because a snapshot taken once the stream is live
 * leaves no gap before the first live event. A stream that goes offline before it was ever live still gets
 * one snapshot, so the board shows what the server has. Reading at start and again on the first `ready`
 * would load everything twice.
 */
export function snapshotLoads(live: LiveSource): Observable<void> {
  const fresh$ = live.ready$.pipe(filter((ready) => !ready.resumed));
  const offlineFirst$ = toObservable(live.connectionState).pipe(
    filter((state) => state === 'offline'),
    take(1),
    takeUntil(live.ready$),
  );
  return merge(fresh$, offlineFirst$).pipe(map(() => undefined));
}
