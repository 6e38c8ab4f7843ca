import { TestBed } from '@angular/core/testing';
import { AgentSession, Task, TaskActivity, TaskDeliverable } from '@mission-control/shared';
import { Observable, Subject, of } from 'rxjs';
import { aDeliverable, aSession, aTask, anActivity, anEvent, at } from '../../testing/fixtures';
import { RealtimeService } from '../core/realtime.service';
import { TaskDetailApi } from './task-detail.api';
import { TaskDetailStore } from './task-detail.store';

class FakeDetailApi {
  task$: Observable<Task> = of(aTask());
  activities$: Observable<TaskActivity[]> = of([]);
  getTask = () => this.task$;
  listActivities = () => this.activities$;
  listDeliverables = (): Observable<TaskDeliverable[]> => of([]);
  listSessions = (): Observable<AgentSession[]> => of([]);
}

describe('TaskDetailStore', () => {
  let sut: TaskDetailStore;
  let api: FakeDetailApi;

  beforeEach(() => {
    api = new FakeDetailApi();
    TestBed.configureTestingModule({ providers: [TaskDetailStore, { provide: TaskDetailApi, useValue: api }] });
    sut = TestBed.inject(TaskDetailStore);
  });

  it('adds activities live, newest first, each once, and only for its own task', () => {
    sut.load('task-1');
    const first = anEvent('activity_logged', anActivity({ id: 'x1', created_at: at(5) }));
    TestBed.inject(RealtimeService).receive(first);
    sut.apply(first);
    sut.apply(anEvent('activity_logged', anActivity({ id: 'x2', created_at: at(9) })));
    sut.apply(anEvent('activity_logged', anActivity({ id: 'other', task_id: 'task-2' })));

    expect(sut.activities().map((a) => a.id)).toEqual(['x2', 'x1']);
  });

  it('replaces an activity announced again under the same id (a spawn rewritten in the caller\'s words)', () => {
    sut.load('task-1');
    sut.apply(anEvent('activity_logged', anActivity({ id: 'spawn', message: 'Spawned Dev for task execution', created_at: at(5) })));
    sut.apply(anEvent('activity_logged', anActivity({ id: 'spawn', message: 'Dev is building the page', created_at: at(5) })));

    expect(sut.activities().map((a) => [a.id, a.message])).toEqual([['spawn', 'Dev is building the page']]);
  });

  it('keeps activities logged while the log is loading', () => {
    const activities = new Subject<TaskActivity[]>();
    api.activities$ = activities;
    sut.load('task-1');
    sut.apply(anEvent('activity_logged', anActivity({ id: 'live', created_at: at(30) })));
    activities.next([anActivity({ id: 'old', created_at: at(1) })]);
    activities.complete();

    expect(sut.loading()).toBe(false);
    expect(sut.activities().map((a) => a.id)).toEqual(['live', 'old']);
  });

  it('takes only newer versions of the task and marks it deleted', () => {
    sut.load('task-1');
    sut.apply(anEvent('task_updated', aTask({ status: 'review', version: 3 })));
    sut.apply(anEvent('task_updated', aTask({ status: 'assigned', version: 2 })));
    expect(sut.task()?.status).toBe('review');

    sut.apply(anEvent('task_deleted', { id: 'task-1' }));
    expect(sut.deleted()).toBe(true);
  });

  it('lists deliverables once and links files to the server and URLs directly', () => {
    sut.load('task-1');
    const file = aDeliverable({ id: 'd1' });
    const link = aDeliverable({ id: 'd2', deliverable_type: 'url', path: 'https://example.com/report', created_at: at(40) });
    sut.apply(anEvent('deliverable_added', file));
    sut.apply(anEvent('deliverable_added', file));
    sut.apply(anEvent('deliverable_added', link));

    expect(sut.deliverables().map((d) => d.id)).toEqual(['d2', 'd1']);
    expect(sut.deliverableUrl(file)).toBeNull();
    expect(sut.deliverableUrl(link)).toBe('https://example.com/report');
    expect(sut.deliverableUrl(aDeliverable({ deliverable_type: 'artifact', path: '/tmp/x' }))).toBeNull();
  });

  it('follows its sub-agent sessions from spawn to completion with the spawned name', () => {
    sut.load('task-1');
    const session = aSession({ id: 's1' });
    sut.apply(anEvent('agent_spawned', { taskId: 'task-1', sessionId: 's1', agentName: 'Developer Sub-Agent', session }));
    expect(sut.sessions()).toHaveLength(1);
    expect(sut.sessionAgentNames().get('s1')).toBe('Developer Sub-Agent');

    const ended = aSession({ id: 's1', status: 'completed', summary: 'Built it', updated_at: at(40), ended_at: at(40) });
    sut.apply(anEvent('agent_completed', { taskId: 'task-1', sessionId: 's1', summary: 'Built it', session: ended }));
    sut.apply(anEvent('session_updated', aSession({ id: 's1', status: 'active', updated_at: at(20) })));

    expect(sut.sessions()).toHaveLength(1);
    expect(sut.sessions()[0]).toMatchObject({ status: 'completed', summary: 'Built it' });
  });
});
