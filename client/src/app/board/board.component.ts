import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { Task, TaskStatus } from '@mission-control/shared';
import { BoardStore } from './board.store';
import { NewTaskDialogComponent } from './new-task-dialog.component';
import { TaskCardComponent } from './task-card.component';

const EMPTY_HINTS: Record<TaskStatus, string> = {
  inbox: 'Nothing waiting. New tasks land here.',
  assigned: 'No task assigned yet.',
  in_progress: 'No agent at work right now.',
  review: 'Nothing to review.',
  done: 'Finished work shows up here.',
};

@Component({
  selector: 'mc-board',
  imports: [CdkDropListGroup, CdkDropList, CdkDrag, TaskCardComponent, NewTaskDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="board" aria-labelledby="board-title">
      <header class="toolbar">
        <div class="heading">
          <h1 id="board-title">Board</h1>
          <span class="total">{{ store.tasks().length }} tasks</span>
        </div>
        <div class="actions">
          <button type="button" class="btn btn-ghost feed-toggle" data-testid="toggle-feed" [attr.aria-pressed]="feedOpen()" (click)="toggleFeed.emit()">
            <span class="dot dot-live" aria-hidden="true"></span> Live feed
          </button>
          <button type="button" class="btn btn-primary" data-testid="new-task" (click)="newTask.openDialog()">+ New task</button>
        </div>
      </header>

      @if (store.error(); as error) {
        <div class="load-error" role="alert">Could not load the board: {{ error }} <button type="button" class="btn btn-sm" (click)="store.load()">Retry</button></div>
      }

      <div class="columns" cdkDropListGroup>
        @for (column of store.columns(); track column.status) {
          <section
            class="column"
            [attr.data-testid]="'column-' + column.status"
            [attr.aria-label]="column.label + ' column, ' + column.tasks.length + ' tasks'"
            [style.--col]="'var(--status-' + column.status + ')'"
          >
            <header class="column-head">
              <span class="swatch" aria-hidden="true"></span>
              <h2>{{ column.label }}</h2>
              <span class="count" data-testid="column-count">{{ column.tasks.length }}</span>
            </header>
            <div
              class="drop"
              cdkDropList
              [cdkDropListData]="column.status"
              [attr.data-status]="column.status"
              (cdkDropListDropped)="dropTask($event)"
            >
              @if (store.loading() && store.tasks().length === 0) {
                <div class="skeleton card-skeleton"></div>
                <div class="skeleton card-skeleton short"></div>
              } @else {
                @for (task of column.tasks; track task.id) {
                  <mc-task-card
                    cdkDrag
                    [cdkDragData]="task"
                    [task]="task"
                    [pending]="store.moving().has(task.id)"
                    (open)="openTask.emit($event)"
                    (move)="store.moveTask($event.id, $event.status)"
                  />
                } @empty {
                  <p class="empty column-empty">{{ emptyHints[column.status] }}</p>
                }
              }
            </div>
          </section>
        }
      </div>
    </section>
    <mc-new-task-dialog #newTask />
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 0; }
    .board { flex: 1; min-height: 0; display: flex; flex-direction: column; padding: 16px 18px 0; gap: 14px; }
    .toolbar { display: flex; align-items: center; justify-content: space-between; gap: 12px; }
    .heading { display: flex; align-items: baseline; gap: 10px; }
    .heading h1 { font-size: 20px; }
    .total { color: var(--muted); font-size: 13px; }
    .actions { display: flex; gap: 8px; }
    .load-error { padding: 10px 12px; border-radius: var(--radius); background: var(--red-soft); color: var(--red); display: flex; gap: 10px; align-items: center; }
    .columns { flex: 1; min-height: 0; display: grid; grid-template-columns: repeat(5, minmax(190px, 1fr)); gap: 12px; overflow-x: auto; padding-bottom: 16px; }
    .column { display: flex; flex-direction: column; min-height: 0; border-radius: 12px; background: rgba(17, 26, 46, 0.7); border: 1px solid var(--border); }
    .column-head { display: flex; align-items: center; gap: 8px; padding: 11px 12px 9px; border-bottom: 1px solid var(--border); }
    .column-head h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--text-2); }
    .swatch { width: 9px; height: 9px; border-radius: 3px; background: var(--col); box-shadow: 0 0 0 3px color-mix(in srgb, var(--col) 20%, transparent); }
    .count { margin-left: auto; min-width: 22px; padding: 0 7px; border-radius: 999px; background: var(--surface-3); font-size: 12px; font-weight: 600; text-align: center; color: var(--text-2); }
    .drop { flex: 1; min-height: 80px; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; padding: 10px; border-radius: 0 0 12px 12px; transition: background 0.15s; }
    .drop.cdk-drop-list-receiving, .drop.cdk-drop-list-dragging { background: color-mix(in srgb, var(--col) 7%, transparent); }
    .column-empty { margin: 0; padding: 18px 8px; border: 1px dashed var(--border); border-radius: var(--radius); font-size: 12.5px; }
    .card-skeleton { height: 74px; }
    .card-skeleton.short { height: 52px; }
    .feed-toggle { display: none; }
    @media (max-width: 1439px) { .feed-toggle { display: inline-flex; } }
    @media (max-width: 760px) {
      .board { padding: 12px 10px 0; }
      .columns { grid-template-columns: repeat(5, 82vw); scroll-snap-type: x mandatory; min-height: 60vh; }
      .column { scroll-snap-align: start; }
    }
  `,
})
export class BoardComponent {
  protected readonly store = inject(BoardStore);
  protected readonly emptyHints = EMPTY_HINTS;
  readonly feedOpen = input(false);
  readonly toggleFeed = output<void>();
  readonly openTask = output<string>();

  protected dropTask(event: CdkDragDrop<TaskStatus, TaskStatus, Task>): void {
    if (event.previousContainer === event.container) return; // order inside a column is by age
    this.store.moveTask(event.item.data.id, event.container.data);
  }
}
