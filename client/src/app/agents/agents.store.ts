import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Agent, AgentSession, AgentStatus, CreateAgentBody, MissionEvent } from '@mission-control/shared';
import { Observable, tap } from 'rxjs';
import { ApiError } from '../core/api-error';
import { RealtimeService } from '../core/realtime.service';
import { AgentsApi } from './agents.api';
import { isActiveSubagent, isNewerSession, sessionOf } from './session-folding';

export type AgentFilter = 'all' | AgentStatus;

/**
 * Agents and the sessions that feed the "Active Sub-Agents: N" counter. The counter starts from
 * `GET /api/sessions?session_type=subagent&status=active` and then only follows events: never polled.
 */
@Injectable({ providedIn: 'root' })
export class AgentsStore {
  private readonly api = inject(AgentsApi);
  private readonly agentsById = signal<ReadonlyMap<string, Agent>>(new Map());
  private readonly sessionsById = signal<ReadonlyMap<string, AgentSession>>(new Map());
  private readonly filterState = signal<AgentFilter>('all');
  private readonly loadingState = signal(true);
  private readonly loadError = signal<string | null>(null);
  private readonly deletedAgents = new Set<string>();
  private readonly requested = new Set<string>();
  private buffered: MissionEvent[] | null = null;

  readonly loading = this.loadingState.asReadonly();
  readonly error = this.loadError.asReadonly();
  readonly filter = this.filterState.asReadonly();
  readonly agents = computed(() =>
    [...this.agentsById().values()].sort(
      (a, b) => Number(b.is_master) - Number(a.is_master) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    ),
  );
  readonly visibleAgents = computed(() => {
    const filter = this.filterState();
    return filter === 'all' ? this.agents() : this.agents().filter((agent) => agent.status === filter);
  });
  readonly activeSubagents = computed(() => [...this.sessionsById().values()].filter(isActiveSubagent).length);
  readonly workingCount = computed(() => this.agents().filter((agent) => agent.status === 'working').length);
  /** Sub-agents at work per agent id, for the sidebar's badges. */
  readonly activeByAgent = computed(() => {
    const counts = new Map<string, number>();
    for (const session of this.sessionsById().values()) {
      if (isActiveSubagent(session)) counts.set(session.agent_id, (counts.get(session.agent_id) ?? 0) + 1);
    }
    return counts;
  });

  constructor() {
    inject(RealtimeService)
      .events$.pipe(takeUntilDestroyed())
      .subscribe((event) => this.apply(event));
  }

  agent(id: string | null | undefined): Agent | undefined {
    return id ? this.agentsById().get(id) : undefined;
  }

  /** Fetch an agent this client has not seen yet (e.g. a sub-agent created while it watched one task). */
  ensureAgent(id: string | null | undefined): void {
    if (!id || this.agentsById().has(id) || this.requested.has(id)) return;
    this.requested.add(id);
    this.api.getAgent(id).subscribe({ next: (agent) => this.upsertAgent(agent), error: () => undefined });
  }

  setFilter(filter: AgentFilter): void {
    this.filterState.set(filter);
  }

  load(): void {
    this.buffered = [];
    this.loadError.set(null);
    let pending = 2;
    const events: MissionEvent[] = [];
    const settle = () => {
      if (--pending > 0) return;
      events.push(...(this.buffered ?? []));
      this.buffered = null;
      events.forEach((event) => this.fold(event));
      this.loadingState.set(false);
    };
    this.api.listAgents().subscribe({
      next: (agents) => {
        this.agentsById.set(new Map(agents.filter((a) => !this.deletedAgents.has(a.id)).map((a) => [a.id, a])));
        settle();
      },
      error: (error: ApiError) => {
        this.loadError.set(error.message);
        settle();
      },
    });
    this.api.listSessions({ session_type: 'subagent', status: 'active' }).subscribe({
      next: (sessions) => {
        this.sessionsById.set(new Map(sessions.map((s) => [s.id, s])));
        settle();
      },
      error: () => settle(),
    });
  }

  apply(event: MissionEvent): void {
    this.buffered?.push(event);
    this.fold(event);
  }

  createAgent(body: CreateAgentBody): Observable<Agent> {
    return this.api.createAgent(body).pipe(tap((agent) => this.upsertAgent(agent)));
  }

  private fold(event: MissionEvent): void {
    switch (event.type) {
      case 'agent_created':
      case 'agent_updated':
        this.upsertAgent(event.payload);
        return;
      case 'agent_deleted':
        this.removeAgent(event.payload.id);
        return;
      default: {
        const session = sessionOf(event);
        if (session) this.upsertSession(session);
      }
    }
  }

  private upsertAgent(agent: Agent): void {
    const held = this.agentsById().get(agent.id);
    if (this.deletedAgents.has(agent.id) || (held && agent.updated_at < held.updated_at)) return;
    this.agentsById.update((map) => new Map(map).set(agent.id, agent));
  }

  private removeAgent(id: string): void {
    this.deletedAgents.add(id);
    this.agentsById.update((map) => {
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }

  private upsertSession(session: AgentSession): void {
    if (!isNewerSession(session, this.sessionsById().get(session.id))) return;
    this.sessionsById.update((map) => new Map(map).set(session.id, session));
  }
}
