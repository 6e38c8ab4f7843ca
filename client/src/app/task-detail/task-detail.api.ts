import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AgentSession, DeliverableLink, Task, TaskActivity, TaskDeliverable, UpdateTaskBody } from '@mission-control/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../core/api-base';

@Injectable({ providedIn: 'root' })
export class TaskDetailApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE);

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
   * A short-lived link to a `file` deliverable's content, signed by the server for that one file, so
   * the page the dashboard opens carries no API token (the file may be HTML an agent wrote).
   */
  deliverableLink(deliverableId: string): Observable<DeliverableLink> {
    return this.http.post<DeliverableLink>(`${this.base}/deliverables/${encodeURIComponent(deliverableId)}/link`, null);
  }
}
