import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { MissionEvent } from '@mission-control/shared';
import { Observable, map } from 'rxjs';
import { API_BASE } from '../core/api-base';
import { SILENT_ERRORS } from '../core/error.interceptor';

@Injectable({ providedIn: 'root' })
export class FeedApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE);

  /** Events after `since`, oldest first (the outbox replay). */
  eventsSince(since: number, limit: number): Observable<MissionEvent[]> {
    const params = new HttpParams().set('since', since).set('limit', limit);
    return this.http
      .get<MissionEvent[] | { events: MissionEvent[] }>(`${this.base}/events`, {
        params,
        context: new HttpContext().set(SILENT_ERRORS, true),
      })
      .pipe(map((body) => (Array.isArray(body) ? body : (body?.events ?? []))));
  }
}
