import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ReadOutputQuery, SessionOutputLine } from '@mission-control/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../core/api-base';
import { SILENT_ERRORS } from '../core/error.interceptor';

@Injectable({ providedIn: 'root' })
export class SessionOutputApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE);

  /** A page of a session's output, oldest first; `silent`: the caller handles a failure (no toast). */
  read(sessionId: string, query: ReadOutputQuery, silent = false): Observable<SessionOutputLine[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params = params.set(key, String(value));
    }
    return this.http.get<SessionOutputLine[]>(`${this.base}/sessions/${encodeURIComponent(sessionId)}/output`, {
      params,
      context: new HttpContext().set(SILENT_ERRORS, silent),
    });
  }
}
