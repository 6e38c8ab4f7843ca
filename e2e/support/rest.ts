import {
  Agent,
  AgentSession,
  CreateActivityBody,
  CreateAgentBody,
  CreateDeliverableBody,
  CreateTaskBody,
  RegisterSubagentBody,
  Stats,
  Task,
  TaskActivity,
  TaskDeliverable,
  UpdateSessionBody,
  UpdateTaskBody,
} from '@mission-control/shared';

/** What an agent or `curl` does: plain JSON over HTTP, no Origin header. */
export class Rest {
  /** `token`: sent as `Authorization: Bearer` when the server runs with `MC_API_TOKEN`. */
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  createTask(body: CreateTaskBody): Promise<Task> {
    return this.request('POST', '/api/tasks', body);
  }
  getTask(id: string): Promise<Task> {
    return this.request('GET', `/api/tasks/${id}`);
  }
  updateTask(id: string, body: UpdateTaskBody): Promise<Task> {
    return this.request('PATCH', `/api/tasks/${id}`, body);
  }
  createAgent(body: CreateAgentBody): Promise<Agent> {
    return this.request('POST', '/api/agents', body);
  }
  updateAgent(id: string, body: Partial<CreateAgentBody>): Promise<Agent> {
    return this.request('PATCH', `/api/agents/${id}`, body);
  }
  logActivity(taskId: string, body: CreateActivityBody): Promise<TaskActivity> {
    return this.request('POST', `/api/tasks/${taskId}/activities`, body);
  }
  addDeliverable(taskId: string, body: CreateDeliverableBody): Promise<TaskDeliverable> {
    return this.request('POST', `/api/tasks/${taskId}/deliverables`, body);
  }
  registerSubagent(taskId: string, body: RegisterSubagentBody): Promise<AgentSession> {
    return this.request('POST', `/api/tasks/${taskId}/subagent`, body);
  }
  endSession(id: string, body: UpdateSessionBody): Promise<AgentSession> {
    return this.request('PATCH', `/api/sessions/${id}`, body);
  }
  stats(): Promise<Stats> {
    return this.request('GET', '/api/stats');
  }
}
