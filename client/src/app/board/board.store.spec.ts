import { TestBed } from '@angular/core/testing';
import { Task, UpdateTaskBody } from '@mission-control/shared';
import { Observable, Subject, of, throwError } from 'rxjs';
import { aTask, anEvent } from '../../testing/fixtures';
import { ApiError } from '../core/api-error';
import { RealtimeService } from '../core/realtime.service';
import { ToastService } from '../core/toast.service';
import { BoardApi } from './board.api';
import { BoardStore } from './board.store';

class FakeBoardApi {
  list$: Observable<Task[]> = of([]);
  update: (id: string, body: UpdateTaskBody) => Observable<Task> = () => throwError(() => new ApiError(500, 'not set'));
  listTasks = () => this.list$;
  updateTask = (id: string, body: UpdateTaskBody) => this.update(id, body);
  createTask = () => throwError(() => new ApiError(500, 'not set'));
}

describe('BoardStore', () => {
  let sut: BoardStore;
  let api: FakeBoardApi;
  let realtime: RealtimeService;

  beforeEach(() => {
    api = new FakeBoardApi();
    TestBed.configureTestingModule({ providers: [{ provide: BoardApi, useValue: api }] });
    sut = TestBed.inject(BoardStore);
    realtime = TestBed.inject(RealtimeService);
  });

  const statusOf = (id: string) => sut.task(id)?.status;
  const column = (status: string) => sut.columns().find((c) => c.status === status)!.tasks.map((t) => t.id);

  it('puts a created task in its column', () => {
    realtime.receive(anEvent('task_created', aTask({ id: 'a', status: 'inbox' })));

    expect(column('inbox')).toEqual(['a']);
    expect(sut.countsByStatus().inbox).toBe(1);
  });

  it('moves a card when a newer version arrives', () => {
    sut.apply(anEvent('task_created', aTask({ id: 'a', version: 1 })));
    sut.apply(anEvent('task_updated', aTask({ id: 'a', status: 'assigned', version: 2 })));
    sut.apply(anEvent('task_updated', aTask({ id: 'a', status: 'review', version: 3 })));

    expect(column('inbox')).toEqual([]);
    expect(column('review')).toEqual(['a']);
  });

  it('ignores an older version arriving late (out of order)', () => {
    sut.apply(anEvent('task_updated', aTask({ id: 'a', status: 'review', version: 3 })));
    sut.apply(anEvent('task_updated', aTask({ id: 'a', status: 'assigned', version: 2 })));
    sut.apply(anEvent('task_created', aTask({ id: 'a', status: 'inbox', version: 1 })));

    expect(statusOf('a')).toBe('review');
    expect(sut.tasks()).toHaveLength(1);
  });

  it('ignores a duplicate event, even one delivered twice by the socket', () => {
    const created = anEvent('task_created', aTask({ id: 'a' }));
    realtime.receive(created);
    realtime.receive(created);
    sut.apply(anEvent('task_updated', aTask({ id: 'a', title: 'Renamed', version: 2 })));
    sut.apply(anEvent('task_updated', aTask({ id: 'a', title: 'Stale copy', version: 2 })));

    expect(sut.tasks()).toHaveLength(1);
    expect(sut.task('a')?.title).toBe('Renamed');
  });

  it('removes a deleted task and never brings it back with a late update', () => {
    sut.apply(anEvent('task_created', aTask({ id: 'a' })));
    sut.apply(anEvent('task_deleted', { id: 'a' }));
    sut.apply(anEvent('task_updated', aTask({ id: 'a', version: 5 })));

    expect(sut.tasks()).toEqual([]);
  });

  it('keeps events that arrive while the snapshot is loading', () => {
    const list = new Subject<Task[]>();
    api.list$ = list;
    sut.load();
    expect(sut.loading()).toBe(true);

    sut.apply(anEvent('task_updated', aTask({ id: 'a', status: 'in_progress', version: 4 })));
    sut.apply(anEvent('task_created', aTask({ id: 'b', created_at: '2026-11-26T13:00:00.000Z' })));
    list.next([aTask({ id: 'a', status: 'assigned', version: 3 }), aTask({ id: 'c', status: 'done' })]);
    list.complete();

    expect(sut.loading()).toBe(false);
    expect(statusOf('a')).toBe('in_progress');
    expect(sut.tasks().map((t) => t.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('moves a card at once and keeps the server copy on success', () => {
    sut.apply(anEvent('task_created', aTask({ id: 'a', version: 1 })));
    const response = new Subject<Task>();
    api.update = () => response;

    sut.moveTask('a', 'assigned');
    expect(statusOf('a')).toBe('assigned');
    expect(sut.moving().has('a')).toBe(true);

    response.next(aTask({ id: 'a', status: 'assigned', version: 2 }));
    response.complete();
    expect(sut.task('a')?.version).toBe(2);
    expect(sut.moving().has('a')).toBe(false);
  });

  it('rolls the card back and toasts when the server refuses the move', () => {
    sut.apply(anEvent('task_created', aTask({ id: 'a', title: 'Ship it', version: 1 })));
    api.update = () => throwError(() => new ApiError(400, 'status must be one of …'));

    sut.moveTask('a', 'done');

    expect(statusOf('a')).toBe('inbox');
    const toasts = TestBed.inject(ToastService).toasts();
    expect(toasts.at(-1)).toMatchObject({ kind: 'error', title: 'Could not move “Ship it” to Done', detail: 'status must be one of …' });
  });

  it('does not roll back over a newer copy that arrived while the move was pending', () => {
    sut.apply(anEvent('task_created', aTask({ id: 'a', version: 1 })));
    const response = new Subject<Task>();
    api.update = () => response;

    sut.moveTask('a', 'done');
    sut.apply(anEvent('task_updated', aTask({ id: 'a', status: 'review', version: 2 })));
    response.error(new ApiError(409, 'conflict'));

    expect(statusOf('a')).toBe('review');
  });
});
