import { Agent, AgentSession, LIMITS, MissionControlClient, MissionControlError, OutputStream, Task, TaskStatus } from '@mission-control/shared';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CreatedFile, SubAgentAdapter, SubAgentFailure, SubAgentReporter } from './adapters/sub-agent';
import { OrchestratorLog } from './orchestrator-log';
import { OrchestratorOptions } from './orchestrator-options';
import { OutputBatcher } from './output-batcher';

export const MESSAGES = {
  triaged: 'Task triaged and assigned to Developer agent',
  spawned: 'Spawned sub-agent for task execution',
  created: (file: string) => `Created file: ${file}`,
  completed: (seconds: string) => `Sub-agent completed task in ${seconds} seconds`,
} as const;

/** The sub-agent keeps working only while its task is in one of these columns. */
const WORKING_STATUSES: readonly TaskStatus[] = ['assigned', 'in_progress'];

export type StopReason = { kind: 'moved'; status: TaskStatus } | { kind: 'deleted' } | { kind: 'shutdown' };

/** Why a run was stopped from outside: the abort reason its adapter receives. */
export class TaskStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(describeStop(reason));
  }
}

export interface RunOutcome {
  result: 'review' | 'failed' | 'stopped' | 'skipped';
  /** The task's version after a failed run put it back in the inbox: not retried until someone changes it. */
  returnedVersion?: number;
}

export interface TaskRunDeps {
  client: MissionControlClient;
  adapter: SubAgentAdapter;
  options: OrchestratorOptions;
  log: OrchestratorLog;
  master: Agent;
  developer: Agent;
}

/**
 * One task through the original spec's workflow: triage → assigned → spawn and register a sub-agent →
 * in progress once it has started (heartbeats while it works; everything it prints streamed to the session's
 * output in batches) → its files as deliverables → completed with the real duration → session completed → review.
 * Only these milestones are activities. On failure the session is marked failed with the reason and
 * the task goes back to the inbox; a task moved away or deleted stops the sub-agent at once.
 */
export class TaskRun {
  private readonly controller = new AbortController();
  private reports: Promise<void> = Promise.resolve();
  private output: OutputBatcher | null = null;
  private watching = false;
  private finishing = false;
  private checking = false;
  private timers: NodeJS.Timeout[] = [];
  private session: AgentSession | null = null;
  private sessionKey = '';
  private claimed = false;
  readonly done: Promise<RunOutcome>;

  constructor(
    readonly task: Task,
    private readonly deps: TaskRunDeps,
  ) {
    this.done = this.execute();
  }

  /** Stops the sub-agent; the run then ends the session as failed and says why. */
  stop(reason: StopReason): void {
    if (!this.controller.signal.aborted && !this.finishing) this.controller.abort(new TaskStopped(reason));
  }

  /** Re-reads the task; a task moved out of its column or deleted stops the sub-agent. */
  async check(): Promise<void> {
    if (!this.watching || this.finishing || this.checking || this.controller.signal.aborted) return;
    this.checking = true;
    try {
      const task = await this.deps.client.getTask(this.task.id);
      if (!WORKING_STATUSES.includes(task.status)) this.stop({ kind: 'moved', status: task.status });
    } catch (error) {
      if (error instanceof MissionControlError && error.status === 404) this.stop({ kind: 'deleted' });
      else this.deps.log.debug(`could not check task ${this.task.id}: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  private async execute(): Promise<RunOutcome> {
    const { client, adapter, options, log, master, developer } = this.deps;
    const taskId = this.task.id;
    try {
      const fresh = await client.getTask(taskId);
      if (fresh.status !== 'inbox') return { result: 'skipped' };
      log.info(`task ${taskId} "${fresh.title}": triage`);
      await client.logActivity(taskId, { activity_type: 'updated', message: MESSAGES.triaged, agent_id: master.id });
      await client.updateTask(taskId, { status: 'assigned', assigned_agent_id: developer.id, agent_id: master.id });
      this.claimed = true;

      this.sessionKey = `agent:main:subagent:${randomUUID()}`;
      const workDir = path.join(options.deliverablesRoot, taskId);
      await fs.promises.mkdir(workDir, { recursive: true });
      this.session = await client.registerSubagent(taskId, { openclaw_session_id: this.sessionKey, agent_name: developer.name });
      this.output = this.streamOutput(this.session.id);
      const startedAt = Date.now();
      await client.logActivity(taskId, { activity_type: 'spawned', message: MESSAGES.spawned, agent_id: master.id, metadata: { session_id: this.sessionKey } });
      this.watch();
      log.info(`task ${taskId}: sub-agent ${this.sessionKey} working (${adapter.name})`);

      const result = await adapter.run({ task: fresh, sessionKey: this.sessionKey, workDir, signal: this.controller.signal, report: this.reporter() });
      this.finishing = true;
      this.clearTimers();
      await this.reports;
      await this.output?.close();
      const elapsedMs = Date.now() - startedAt;
      await client.logActivity(taskId, {
        activity_type: 'completed',
        message: MESSAGES.completed(formatSeconds(elapsedMs)),
        agent_id: developer.id,
        metadata: { session_id: this.sessionKey, duration_ms: elapsedMs, output_lines: this.output?.received ?? 0 },
      });
      await client.endSession(this.session.id, { status: 'completed', summary: result.summary });
      await client.updateTask(taskId, { status: 'review', agent_id: master.id });
      log.info(`task ${taskId}: done in ${formatSeconds(elapsedMs)} s, moved to review`);
      return { result: 'review' };
    } catch (error) {
      return this.fail(error);
    } finally {
      this.clearTimers();
    }
  }

  private async fail(error: unknown): Promise<RunOutcome> {
    const { client, log, master } = this.deps;
    const taskId = this.task.id;
    this.finishing = true;
    this.clearTimers();
    await this.reports;
    await this.output?.close();
    const stop = error instanceof TaskStopped ? error.reason : null;
    const reason =
      stop !== null ? describeStop(stop) : error instanceof SubAgentFailure ? error.message : `orchestrator error: ${(error as Error)?.message ?? String(error)}`;
    log.warn(`task ${taskId}: ${stop ? 'stopped' : 'failed'}: ${reason}`);
    if (this.session) {
      await this.bestEffort(client.endSession(this.session.id, { status: 'failed', summary: truncate(reason, LIMITS.summary) }));
    }
    if (stop?.kind === 'deleted') return { result: 'stopped' };
    if (this.claimed || this.session) {
      const message = stop ? `Sub-agent stopped: ${reason}` : `Sub-agent failed: ${reason}`;
      const metadata = this.sessionKey ? { session_id: this.sessionKey, reason } : { reason };
      await this.bestEffort(client.logActivity(taskId, { activity_type: 'updated', message: truncate(message, LIMITS.message), agent_id: master.id, metadata }));
    }
    if (stop?.kind === 'moved' || !this.claimed) return { result: stop ? 'stopped' : 'failed' };
    // Failed or interrupted: back to the inbox, unassigned, for another try.
    const back = await this.bestEffort(client.updateTask(taskId, { status: 'inbox', assigned_agent_id: null, agent_id: master.id }));
    return stop ? { result: 'stopped' } : { result: 'failed', returnedVersion: back?.version };
  }

  private reporter(): SubAgentReporter {
    const { client, developer } = this.deps;
    const taskId = this.task.id;
    return {
      started: () =>
        this.enqueue(async () => {
          // Someone may have moved the card while the sub-agent started: never move it back.
          const current = await client.getTask(taskId);
          if (!WORKING_STATUSES.includes(current.status)) return this.stop({ kind: 'moved', status: current.status });
          if (current.status === 'assigned' && !this.controller.signal.aborted) {
            try {
              // Conditional on the version just read, so a move made in between is never undone.
              await client.updateTask(taskId, { status: 'in_progress', agent_id: this.deps.master.id }, { ifVersion: current.version });
            } catch (error) {
              if (!(error instanceof MissionControlError && error.status === 412)) throw error;
              const latest = await client.getTask(taskId);
              if (!WORKING_STATUSES.includes(latest.status)) return this.stop({ kind: 'moved', status: latest.status });
            }
          }
        }),
      line: (text, stream) => this.output?.push(text, stream ?? 'stdout'),
      backlogged: () => this.output?.backlogged ?? false,
      drained: () => this.output?.drained() ?? Promise.resolve(),
      file: (file: CreatedFile) => {
        const name = file.title ?? path.basename(file.path);
        this.enqueue(async () => {
          await client.addDeliverable(taskId, { deliverable_type: 'file', title: truncate(name, LIMITS.title), path: file.path, description: file.description ?? null });
          await client.logActivity(taskId, {
            activity_type: 'file_created',
            message: truncate(MESSAGES.created(name), LIMITS.message),
            agent_id: developer.id,
            metadata: { session_id: this.sessionKey, path: file.path },
          });
        });
      },
    };
  }

  /** Batches what the sub-agent prints into `POST /api/sessions/:id/output`, one request at a time. */
  private streamOutput(sessionId: string): OutputBatcher {
    const { client, log } = this.deps;
    const send = async (lines: string[], stream: OutputStream | OutputStream[]) => {
      try {
        return (await client.appendOutput(sessionId, lines, stream)).dropped === 0;
      } catch (error) {
        // The session ended or went away: nothing more will be kept.
        if (error instanceof MissionControlError && (error.status === 404 || error.status === 409)) return false;
        throw error;
      }
    };
    return new OutputBatcher(send, this.deps.options.output, (error) => log.warn(`task ${this.task.id}: could not send output: ${error.message}`));
  }

  /** Reports go out one at a time, in order; one that fails is logged and does not stop the work. */
  private enqueue(work: () => Promise<unknown>): void {
    this.reports = this.reports.then(work).then(
      () => undefined,
      (error: unknown) => this.deps.log.warn(`task ${this.task.id}: could not report: ${(error as Error).message}`),
    );
  }

  private watch(): void {
    const { client, options, log } = this.deps;
    this.watching = true;
    const sessionId = this.session!.id;
    this.timers.push(
      setInterval(() => {
        client.heartbeat(sessionId).catch((error: Error) => log.debug(`heartbeat for ${sessionId} failed: ${error.message}`));
      }, options.heartbeatIntervalMs),
      setInterval(() => void this.check(), options.pollIntervalMs),
    );
  }

  private clearTimers(): void {
    this.timers.forEach(clearInterval);
    this.timers = [];
  }

  private async bestEffort<T>(call: Promise<T>): Promise<T | null> {
    try {
      return await call;
    } catch (error) {
      this.deps.log.warn(`task ${this.task.id}: ${(error as Error).message}`);
      return null;
    }
  }
}

export function describeStop(reason: StopReason): string {
  switch (reason.kind) {
    case 'moved':
      return `task moved to ${reason.status}`;
    case 'deleted':
      return 'task deleted';
    case 'shutdown':
      return 'orchestrator shutting down; task returned to the inbox';
  }
}

/** Whole seconds from ten up, one decimal below ten: "20", "3", "0.4". */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return seconds >= 10 ? String(Math.round(seconds)) : String(Math.round(seconds * 10) / 10);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
