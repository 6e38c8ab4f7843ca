import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Agent, AgentSession, CreateAgentBody, ListSessionsQuery } from '@mission-control/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../core/api-base';
import { SILENT_ERRORS } from '../core/error.interceptor';

@Injectable({ providedIn: 'root' })
export class AgentsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE);

  listAgents(): Observable<Agent[]> {
    return this.http.get<Agent[]>(`${this.base}/agents`);
  }

  /** Quietly: used to name an agent first seen in an event. */
  getAgent(id: string): Observable<Agent> {
    return this.http.get<Agent>(`${this.base}/agents/${encodeURIComponent(id)}`, {
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }

  createAgent(body: CreateAgentBody): Observable<Agent> {
    return this.http.post<Agent>(`${this.base}/agents`, body);
  }

  listSessions(query: ListSessionsQuery): Observable<AgentSession[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params = params.set(key, String(value));
    }
    return this.http.get<AgentSession[]>(`${this.base}/sessions`, { params });
  }
}
