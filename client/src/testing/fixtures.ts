import { AgentSession, EventPayloads, EventType, MissionEvent, Task, TaskActivity, TaskDeliverable } from '@mission-control/shared';

let nextSeq = 1;

export function at(secondsAfterEpoch: number): string {
  return new Date(Date.UTC(2026, 10, 26, 12, 0, 0) + secondsAfterEpoch * 1000).toISOString();
}

export function aTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-1',
    title: 'Write the release notes',
    description: null,
    status: 'inbox',
    priority: 'normal',
    assigned_agent_id: null,
    created_by_agent_id: null,
    due_date: null,
    created_at: at(0),
    updated_at: at(0),
    version: 1,
    ...overrides,
  };
}

export function aSession(overrides: Partial<AgentSession> = {}): AgentSession {
  return {
    id: 'session-1',
    agent_id: 'agent-sub',
    openclaw_session_id: 'oc-1',
    channel: null,
    status: 'active',
    session_type: 'subagent',
    task_id: 'task-1',
    summary: null,
    last_seen_at: at(10),
    ended_at: null,
    created_at: at(10),
    updated_at: at(10),
    ...overrides,
  };
}

export function anActivity(overrides: Partial<TaskActivity> = {}): TaskActivity {
  return {
    id: 'activity-1',
    task_id: 'task-1',
    agent_id: null,
    activity_type: 'updated',
    message: 'Triaged',
    metadata: null,
    created_at: at(5),
    ...overrides,
  };
}

export function aDeliverable(overrides: Partial<TaskDeliverable> = {}): TaskDeliverable {
  return {
    id: 'deliverable-1',
    task_id: 'task-1',
    deliverable_type: 'file',
    title: 'Release notes',
    path: 'notes.md',
    description: null,
    created_at: at(20),
    ...overrides,
  };
}

/** An event as the server sends it; `seq` grows by one per call unless given. */
export function anEvent<T extends EventType>(type: T, payload: EventPayloads[T], options: { seq?: number; taskId?: string | null } = {}): MissionEvent {
  const seq = options.seq ?? nextSeq++;
  const taskId =
    options.taskId !== undefined
      ? options.taskId
      : ((payload as { task_id?: string | null }).task_id ?? (payload as { taskId?: string }).taskId ?? (type.startsWith('task_') ? (payload as { id: string }).id : null));
  return { seq, type, task_id: taskId, at: at(seq), payload } as MissionEvent;
}
