import { AgentSession, Task, TaskActivity, TaskDeliverable } from '@mission-control/shared';
import { Orchestrator } from '../../../src/orchestrator/orchestrator';
import { silentLog } from '../../../src/orchestrator/orchestrator-log';
import { OrchestratorOptions } from '../../../src/orchestrator/orchestrator-options';
import { TestApp } from './test-app';

export function orchestratorOptions(t: TestApp, overrides: Partial<OrchestratorOptions> = {}): OrchestratorOptions {
  return {
    url: t.url,
    token: null,
    pollIntervalMs: 100,
    concurrency: 1,
    adapter: 'simulated',
    command: null,
    simulatedWorkMs: 150,
    deliverablesRoot: t.config.deliverablesRoot,
    heartbeatIntervalMs: 100,
    useEventStream: false,
    masterName: 'Charlie',
    subAgentName: 'Developer Sub-Agent',
    ...overrides,
  };
}

export async function startOrchestrator(t: TestApp, overrides: Partial<OrchestratorOptions> = {}): Promise<Orchestrator> {
  const orchestrator = new Orchestrator(orchestratorOptions(t, overrides), silentLog);
  await orchestrator.start();
  return orchestrator;
}

/** Polls until `read` gives a value `done` accepts; the jest timeout bounds the wait. */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, every = 25): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** What the REST API says about one task. */
export function taskView(t: TestApp, taskId: string) {
  const get = async <T>(path: string): Promise<T> => (await t.http().get(path)).body as T;
  return {
    task: () => get<Task>(`/api/tasks/${taskId}`),
    /** Oldest first. */
    activities: async () => (await get<TaskActivity[]>(`/api/tasks/${taskId}/activities`)).reverse(),
    messages: async () => (await get<TaskActivity[]>(`/api/tasks/${taskId}/activities`)).reverse().map((a) => a.message),
    deliverables: () => get<TaskDeliverable[]>(`/api/tasks/${taskId}/deliverables`),
    sessions: () => get<AgentSession[]>(`/api/tasks/${taskId}/subagent`),
  };
}

/** Whether a process id still names a running process. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
