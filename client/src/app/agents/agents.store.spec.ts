import { TestBed } from '@angular/core/testing';
import { Agent, AgentSession } from '@mission-control/shared';
import { Observable, Subject, of } from 'rxjs';
import { aSession, anEvent, at } from '../../testing/fixtures';
import { AgentsApi } from './agents.api';
import { AgentsStore } from './agents.store';

function anAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: 'agent-1',
    name: 'Charlie',
    role: 'Orchestrator',
    description: null,
    avatar_emoji: '🤖',
    status: 'standby',
    is_master: true,
    created_at: at(0),
    updated_at: at(0),
    ...overrides,
  };
}

class FakeAgentsApi {
  agents$: Observable<Agent[]> = of([]);
  sessions$: Observable<AgentSession[]> = of([]);
  listAgents = () => this.agents$;
  listSessions = () => this.sessions$;
  getAgent = () => of(anAgent({ id: 'fetched', name: 'Fetched' }));
}

describe('AgentsStore', () => {
  let sut: AgentsStore;
  let api: FakeAgentsApi;

  beforeEach(() => {
    api = new FakeAgentsApi();
    TestBed.configureTestingModule({ providers: [{ provide: AgentsApi, useValue: api }] });
    sut = TestBed.inject(AgentsStore);
  });

  const spawned = (session: AgentSession, seq?: number) =>
    anEvent('agent_spawned', { taskId: 'task-1', sessionId: session.id, agentName: 'Dev', session }, { seq });
  const completed = (session: AgentSession, seq?: number) =>
    anEvent('agent_completed', { taskId: 'task-1', sessionId: session.id, summary: 'done', session }, { seq });

  it('counts active sub-agents 0 → 1 → 0 as one spawns and completes', () => {
    expect(sut.activeSubagents()).toBe(0);
    sut.apply(spawned(aSession({ id: 's1' })));
    expect(sut.activeSubagents()).toBe(1);
    sut.apply(completed(aSession({ id: 's1', status: 'completed', updated_at: at(30), ended_at: at(30) })));
    expect(sut.activeSubagents()).toBe(0);
  });

  it('counts each session once when the spawn event is delivered twice', () => {
    const event = spawned(aSession({ id: 's1' }));
    sut.apply(event);
    sut.apply(event);
    sut.apply(spawned(aSession({ id: 's2', openclaw_session_id: 'oc-2' })));
    expect(sut.activeSubagents()).toBe(2);
  });

  it('does not revive a completed session when its spawn event arrives late', () => {
    sut.apply(completed(aSession({ id: 's1', status: 'completed', updated_at: at(30) })));
    sut.apply(spawned(aSession({ id: 's1', status: 'active', updated_at: at(10) })));
    expect(sut.activeSubagents()).toBe(0);
  });

  it('prefers the ended copy when both were written in the same millisecond', () => {
    sut.apply(completed(aSession({ id: 's1', status: 'completed', updated_at: at(10) })));
    sut.apply(spawned(aSession({ id: 's1', status: 'active', updated_at: at(10) })));
    expect(sut.activeSubagents()).toBe(0);
  });

  it('drops a session that goes stale or fails, and ignores persistent sessions', () => {
    sut.apply(spawned(aSession({ id: 's1' })));
    sut.apply(spawned(aSession({ id: 's2' })));
    sut.apply(anEvent('session_updated', aSession({ id: 'p1', session_type: 'persistent' })));
    expect(sut.activeSubagents()).toBe(2);

    sut.apply(anEvent('session_updated', aSession({ id: 's1', status: 'stale', updated_at: at(60) })));
    sut.apply(anEvent('session_updated', aSession({ id: 's2', status: 'failed', updated_at: at(61) })));
    expect(sut.activeSubagents()).toBe(0);
  });

  it('starts from the REST count and folds events received while it loads', () => {
    const sessions = new Subject<AgentSession[]>();
    api.sessions$ = sessions;
    sut.load();

    sut.apply(completed(aSession({ id: 's1', status: 'completed', updated_at: at(30) })));
    sessions.next([aSession({ id: 's1', updated_at: at(10) }), aSession({ id: 's2', updated_at: at(11) })]);
    sessions.complete();

    expect(sut.loading()).toBe(false);
    expect(sut.activeSubagents()).toBe(1);
  });

  it('keeps agents current and filters them by status', () => {
    sut.apply(anEvent('agent_created', anAgent({ id: 'a1', name: 'Charlie', status: 'standby' })));
    sut.apply(anEvent('agent_created', anAgent({ id: 'a2', name: 'Dev', status: 'working', is_master: false })));
    sut.apply(anEvent('agent_updated', anAgent({ id: 'a1', name: 'Charlie', status: 'working', updated_at: at(50) })));
    sut.apply(anEvent('agent_updated', anAgent({ id: 'a1', name: 'Charlie', status: 'standby', updated_at: at(40) })));

    expect(sut.workingCount()).toBe(2);
    sut.setFilter('standby');
    expect(sut.visibleAgents()).toEqual([]);
    sut.setFilter('working');
    expect(sut.visibleAgents().map((a) => a.id)).toEqual(['a1', 'a2']);

    sut.apply(anEvent('agent_deleted', { id: 'a2' }));
    sut.apply(anEvent('agent_updated', anAgent({ id: 'a2', updated_at: at(90) })));
    expect(sut.agents().map((a) => a.id)).toEqual(['a1']);
  });
});
