import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AgentSession, Task, TaskActivity, TaskDeliverable, UpdateTaskBody } from '@mission-control/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../core/api-base';
import { API_TOKEN } from '../core/api-token';

@Injectable({ providedIn: 'root' })
export class TaskDetailApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE);
  private readonly token = inject(API_TOKEN);

  private taskUrl(id: string): string {
    return `${this.base}/tasks/${encodeURIComponent(id)}`;
  }

  getTask(id: string): Observable<Task> {
    return this.http.get<Task>(this.taskUrl(id));
  }

  updateTask(id: string, body: UpdateTaskBody): Observable<Task> {
    return this.http.patch<Task>(this.taskUrl(id), body);
  }

  deleteTask(id: string): Observable<unknown> {
    return this.http.delete(this.taskUrl(id));
  }

  listActivities(id: string): Observable<TaskActivity[]> {
    return this.http.get<TaskActivity[]>(`${this.taskUrl(id)}/activities`);
  }

  listDeliverables(id: string): Observable<TaskDeliverable[]> {
    return this.http.get<TaskDeliverable[]>(`${this.taskUrl(id)}/deliverables`);
  }

  listSessions(id: string): Observable<AgentSession[]> {
    return this.http.get<AgentSession[]>(`${this.taskUrl(id)}/subagent`);
  }

  /**
   * Where the server serves a `file` deliverable (only from inside DELIVERABLES_ROOT). A plain link cannot
   * send `Authorization`, so a configured token rides along as `?token=`.
   */
  deliverableContentUrl(deliverableId: string): string {
    const url = `${this.base}/deliverables/${encodeURIComponent(deliverableId)}/content`;
    const token = this.token();
    return token ? `${url}?token=${encodeURIComponent(token)}` : url;
  }
}
