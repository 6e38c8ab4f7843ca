import { TestBed } from '@angular/core/testing';
import { AgentSession, SessionOutputLine } from '@mission-control/shared';
import { Observable, of } from 'rxjs';
import { aSession, anEvent } from '../../testing/fixtures';
import { AgentsApi } from '../agents/agents.api';
import { SessionOutputApi } from './session-output.api';
import { LatestOutputStore } from './latest-output.store';

const line = (seq: number, text: string): SessionOutputLine => ({ seq, stream: 'stdout', text, created_at: '2026-11-26T12:00:00.000Z' });

describe('LatestOutputStore', () => {
  let sut: LatestOutputStore;
  let active: AgentSession[];
  let tails: Record<string, SessionOutputLine[]>;

  beforeEach(() => {
    active = [aSession({ id: 's1', task_id: 'task-1' })];
    tails = { s1: [line(41, 'compiling'), line(42, '')] };
    TestBed.configureTestingModule({
      providers: [
        { provide: AgentsApi, useValue: { listSessions: (): Observable<AgentSession[]> => of(active) } },
        { provide: SessionOutputApi, useValue: { read: (id: string) => of(tails[id] ?? []) } },
      ],
    });
    sut = TestBed.inject(LatestOutputStore);
  });

  it("starts from the tails of running sub-agents and follows their output", () => {
    expect(sut.latest('task-1')).toEqual({ sessionId: 's1', seq: 42, text: 'compiling' });
    sut.apply(anEvent('session_output', { sessionId: 's1', taskId: 'task-1', stream: 'stdout', from: 43, to: 44, lines: ['linking', ''] }));
    expect(sut.latest('task-1')?.text).toBe('linking');
    // an older event (a replay) does not go back
    sut.apply(anEvent('session_output', { sessionId: 's1', taskId: 'task-1', stream: 'stdout', from: 40, to: 40, lines: ['old'] }));
    expect(sut.latest('task-1')?.text).toBe('linking');
  });

  it('forgets the line once the session ends or the task is deleted', () => {
    sut.apply(anEvent('agent_completed', { taskId: 'task-1', sessionId: 's1', summary: 'done', session: aSession({ id: 's1', status: 'completed', updated_at: '2026-11-26T13:00:00.000Z' }) }));
    expect(sut.latest('task-1')).toBeUndefined();
    sut.apply(anEvent('session_output', { sessionId: 's1', taskId: 'task-1', stream: 'stdout', from: 50, to: 50, lines: ['late'] }));
    expect(sut.latest('task-1')).toBeUndefined();

    sut.apply(anEvent('session_output', { sessionId: 's9', taskId: 'task-9', stream: 'stdout', from: 1, to: 1, lines: ['hi'] }));
    expect(sut.latest('task-9')?.text).toBe('hi');
    sut.apply(anEvent('task_deleted', { id: 'task-9' }));
    expect(sut.latest('task-9')).toBeUndefined();
  });
});
