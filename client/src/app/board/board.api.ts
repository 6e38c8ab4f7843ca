import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CreateTaskBody, Task, UpdateTaskBody } from '@mission-control/shared';
import { Observable } from 'rxjs';
import { API_BASE } from '../core/api-base';
import { SILENT_ERRORS } from '../core/error.interceptor';

@Injectable({ providedIn: 'root' })
export class BoardApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE);

  listTasks(): Observable<Task[]> {
    return this.http.get<Task[]>(`${this.base}/tasks`);
  }

  createTask(body: CreateTaskBody): Observable<Task> {
    return this.http.post<Task>(`${this.base}/tasks`, body);
  }

  /** The caller reports a failure itself (it rolls back and says which card). */
  updateTask(id: string, body: UpdateTaskBody): Observable<Task> {
    return this.http.patch<Task>(`${this.base}/tasks/${encodeURIComponent(id)}`, body, {
      context: new HttpContext().set(SILENT_ERRORS, true),
    });
  }
}
