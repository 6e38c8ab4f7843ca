import { TestBed } from '@angular/core/testing';
import { aDeliverable, aSession, aTask, anEvent } from '../../testing/fixtures';
import { RealtimeService } from '../core/realtime.service';
import { ToastService } from '../core/toast.service';
import { EventToastsService } from './event-toasts.service';

describe('EventToastsService', () => {
  let realtime: RealtimeService;
  let toasts: ToastService;

  beforeEach(() => {
    TestBed.inject(EventToastsService).start();
    realtime = TestBed.inject(RealtimeService);
    toasts = TestBed.inject(ToastService);
  });

  const titles = () => toasts.toasts().map((toast) => toast.title);

  it('toasts a new task, a move to review (once), a spawned and a completed sub-agent, and a deliverable', () => {
    realtime.receive(anEvent('task_created', aTask({ id: 'a', title: 'Alpha' })));
    realtime.receive(anEvent('task_updated', aTask({ id: 'a', title: 'Alpha', status: 'assigned', version: 2 })));
    realtime.receive(anEvent('task_updated', aTask({ id: 'a', title: 'Alpha', status: 'review', version: 3 })));
    realtime.receive(anEvent('task_updated', aTask({ id: 'a', title: 'Alpha', status: 'review', priority: 'high', version: 4 })));
    expect(titles()).toEqual(['Task created', 'Ready for review']);

    toasts.toasts().forEach((toast) => toasts.dismiss(toast.id));
    const session = aSession({ id: 's1', task_id: 'a' });
    realtime.receive(anEvent('agent_spawned', { taskId: 'a', sessionId: 's1', agentName: 'Dev Sub-Agent', session }));
    realtime.receive(anEvent('agent_completed', { taskId: 'a', sessionId: 's1', summary: 'Built the page', session: { ...session, status: 'completed' } }));
    realtime.receive(anEvent('deliverable_added', aDeliverable({ task_id: 'a', title: 'Page' })));

    expect(toasts.toasts().map((toast) => [toast.title, toast.detail])).toEqual([
      ['Sub-agent spawned', 'Dev Sub-Agent started on “Alpha”'],
      ['Sub-agent completed', 'Built the page'],
      ['Deliverable added', '“Page” on “Alpha”'],
    ]);
  });
});
