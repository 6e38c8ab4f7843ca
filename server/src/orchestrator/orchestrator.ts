import { Agent, MissionControlClient, MissionEvent, Task } from '@mission-control/shared';
import { CommandAdapter } from './adapters/command.adapter';
import { SimulatedAdapter } from './adapters/simulated.adapter';
import { SubAgentAdapter } from './adapters/sub-agent';
import { EventStream } from './event-stream';
import { OrchestratorLog, consoleLog } from './orchestrator-log';
import { OrchestratorOptions } from './orchestrator-options';
import { RunOutcome, TaskRun } from './task-run';

export function createAdapter(options: OrchestratorOptions): SubAgentAdapter {
  return options.adapter === 'command' ? new CommandAdapter(options.command ?? '') : new SimulatedAdapter(options.simulatedWorkMs);
}

/**
 * Charlie, the master agent: watches the inbox (polling, woken early by the event stream when there is
 * one) and runs each task through a sub-agent, up to `concurrency` at a time.
 */
export class Orchestrator {
  readonly client: MissionControlClient;
  private readonly adapter: SubAgentAdapter;
  private readonly runs = new Map<string, TaskRun>();
  /** Tasks a failed run put back in the inbox, by the version it left them at. */
  private readonly failedAt = new Map<string, number>();
  private readonly stopping = new AbortController();
  private agents: { master: Agent; developer: Agent } | null = null;
  private events: EventStream | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;

  constructor(
    private readonly options: OrchestratorOptions,
    private readonly log: OrchestratorLog = consoleLog(),
    adapter?: SubAgentAdapter,
  ) {
    this.client = new MissionControlClient({ baseUrl: options.url, token: options.token, autoIdempotencyKeys: true, retries: 4, retryDelayMs: 250 });
    this.adapter = adapter ?? createAdapter(options);
  }

  /** Registers Charlie and the developer sub-agent, then starts watching the inbox. */
  async start(): Promise<void> {
    this.agents = await this.ensureAgents();
    if (this.stopping.signal.aborted) return;
    this.log.info(`${this.agents.master.name} is watching the inbox of ${this.options.url} (adapter ${this.adapter.name}, concurrency ${this.options.concurrency})`);
    if (this.options.useEventStream) {
      this.events = new EventStream(this.client.eventStreamUrl(), this.client.authHeaders(), (event) => this.onEvent(event), this.log);
      this.events.start();
    }
    this.wake();
  }

  /** Stops taking tasks, stops every running sub-agent (their tasks go back to the inbox) and waits for them. */
  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    for (const run of this.runs.values()) run.stop({ kind: 'shutdown' });
    await Promise.allSettled([this.events?.stop(), this.polling, ...[...this.runs.values()].map((run) => run.done)]);
  }

  get runningTaskIds(): string[] {
    return [...this.runs.keys()];
  }

  /** Reads the inbox now (and again on the interval). */
  wake(): void {
    if (this.stopping.signal.aborted) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.polling = this.poll().finally(() => {
      this.polling = null;
      if (this.stopping.signal.aborted) return;
      if (this.pollAgain) {
        this.pollAgain = false;
        this.wake();
      } else {
        this.pollTimer = setTimeout(() => this.wake(), this.options.pollIntervalMs);
      }
    });
  }

  private async poll(): Promise<void> {
    const free = this.options.concurrency - this.runs.size;
    if (free <= 0 || !this.agents) return;
    let inbox: Task[];
    try {
      inbox = await this.client.listTasks({ status: 'inbox' });
    } catch (error) {
      this.log.warn(`could not read the inbox: ${(error as Error).message}`);
      return;
    }
    const waiting = inbox
      .reverse() // oldest first
      .filter((task) => !this.runs.has(task.id) && this.failedAt.get(task.id) !== task.version)
      .slice(0, free);
    for (const task of waiting) this.begin(task);
  }

  private begin(task: Task): void {
    if (!this.agents || this.stopping.signal.aborted) return;
    this.failedAt.delete(task.id);
    const run = new TaskRun(task, { client: this.client, adapter: this.adapter, options: this.options, log: this.log, ...this.agents });
    this.runs.set(task.id, run);
    void run.done.then((outcome: RunOutcome) => {
      this.runs.delete(task.id);
      if (outcome.returnedVersion !== undefined) this.failedAt.set(task.id, outcome.returnedVersion);
      this.wake();
    });
  }

  private onEvent(event: MissionEvent): void {
    if (event.type === 'task_created' || (event.type === 'task_updated' && event.payload.status === 'inbox')) this.wake();
    if ((event.type === 'task_updated' || event.type === 'task_deleted') && event.task_id) void this.runs.get(event.task_id)?.check();
  }

  /** Finds Charlie and the developer sub-agent by name, or creates them; waits for the server if it is not up yet. */
  private async ensureAgents(): Promise<{ master: Agent; developer: Agent }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const agents = await this.client.listAgents();
        const master =
          agents.find((agent) => agent.name === this.options.masterName) ??
          (await this.client.createAgent({ name: this.options.masterName, role: 'Orchestrator', description: 'Master agent: triages the inbox and runs sub-agents', avatar_emoji: '🦞', is_master: true }));
        const developer =
          agents.find((agent) => agent.name === this.options.subAgentName) ??
          (await this.client.createAgent({ name: this.options.subAgentName, role: 'Developer', description: `Sub-agent (${this.adapter.name} adapter)`, avatar_emoji: '🛠️' }));
        return { master, developer };
      } catch (error) {
        if (this.stopping.signal.aborted) throw error;
        if (attempt === 0) this.log.warn(`waiting for Mission Control at ${this.options.url}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
      }
    }
  }
}
