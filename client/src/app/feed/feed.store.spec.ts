import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { aSession, aTask, anActivity, anEvent } from '../../testing/fixtures';
import { RealtimeService } from '../core/realtime.service';
import { FeedApi } from './feed.api';
import { FeedStore } from './feed.store';

describe('FeedStore', () => {
  let sut: FeedStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [{ provide: FeedApi, useValue: { eventsSince: () => of([]) } }] });
    sut = TestBed.inject(FeedStore);
  });

  it('lists each event once, newest first, even when events arrive out of order', () => {
    sut.apply(anEvent('task_created', aTask({ id: 'a', title: 'Alpha' }), { seq: 10 }));
    sut.apply(anEvent('task_updated', aTask({ id: 'a', title: 'Alpha', status: 'review', version: 2 }), { seq: 12 }));
    sut.apply(anEvent('activity_logged', anActivity({ task_id: 'a', message: 'Triaged' }), { seq: 11 }));
    sut.apply(anEvent('activity_logged', anActivity({ task_id: 'a', message: 'Triaged' }), { seq: 11 }));

    expect(sut.items().map((item) => item.seq)).toEqual([12, 11, 10]);
    expect(sut.items()[0].text).toBe('“Alpha” moved to Review');
  });

  it('filters tasks and agents', () => {
    sut.apply(anEvent('task_created', aTask({ id: 'a' }), { seq: 1 }));
    const session = aSession({ id: 's1' });
    sut.apply(anEvent('agent_spawned', { taskId: 'a', sessionId: 's1', agentName: 'Dev', session }, { seq: 2 }));

    sut.setFilter('agents');
    expect(sut.items().map((item) => item.seq)).toEqual([2]);
    sut.setFilter('tasks');
    expect(sut.items().map((item) => item.seq)).toEqual([1]);
  });

  it('backfills recent events once the socket is ready, without duplicating live ones', () => {
    const realtime = TestBed.inject(RealtimeService);
    const recent = [anEvent('task_created', aTask({ id: 'old', title: 'Old' }), { seq: 5 }), anEvent('task_created', aTask({ id: 'b' }), { seq: 6 })];
    TestBed.inject(FeedApi).eventsSince = () => of(recent);
    realtime.receive(recent[1]);
    (realtime as unknown as { readySubject: { next(v: unknown): void } }).readySubject.next({ lastSeq: 6, resumed: false });

    expect(sut.items().map((item) => item.seq)).toEqual([6, 5]);
  });
});
