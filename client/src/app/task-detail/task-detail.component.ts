import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { filter } from 'rxjs';
import { RealtimeService } from '../core/realtime.service';
import { IconComponent } from '../core/icon.component';
import { STATUS_LABELS } from '../core/labels';
import { ActivityTabComponent } from './activity-tab.component';
import { DeliverablesTabComponent } from './deliverables-tab.component';
import { OverviewTabComponent } from './overview-tab.component';
import { SessionsTabComponent } from './sessions-tab.component';
import { TaskDetailStore } from './task-detail.store';

export type DetailTab = 'overview' | 'activity' | 'deliverables' | 'sessions';

/** A task with its four tabs; used in the board's side panel and in the focused page. */
@Component({
  selector: 'mc-task-detail',
  imports: [RouterLink, IconComponent, OverviewTabComponent, ActivityTabComponent, DeliverablesTabComponent, SessionsTabComponent],
  providers: [TaskDetailStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="detail" data-testid="task-detail" [attr.data-task-id]="taskId()" aria-labelledby="task-detail-title">
      <header class="head">
        <div class="title-row">
          @if (store.task(); as task) {
            <span class="status" [style.--col]="'var(--status-' + task.status + ')'" data-testid="detail-status">{{ statusLabels[task.status] }}</span>
            <h2 id="task-detail-title" data-testid="detail-title">{{ task.title }}</h2>
          } @else if (store.loading()) {
            <span class="skeleton" style="width: 60%; height: 22px"></span>
          } @else {
            <h2 id="task-detail-title">Task</h2>
          }
          <div class="head-actions">
            @if (mode() === 'panel') {
              <a class="btn btn-ghost btn-sm" [routerLink]="['/tasks', taskId()]" data-testid="open-focused" title="Open a focused view that follows only this task"><mc-icon name="maximize" [size]="13" /> Focus</a>
              <button type="button" class="btn btn-ghost icon-btn" aria-label="Close task details" data-testid="close-detail" cdkFocusInitial (click)="closed.emit()"><mc-icon name="close" [size]="18" /></button>
            }
          </div>
        </div>
        <div class="tabs" role="tablist" aria-label="Task details">
          @for (tab of tabs(); track tab.id) {
            <button
              type="button"
              role="tab"
              class="tab"
              [id]="'tab-' + tab.id"
              [attr.aria-selected]="selected() === tab.id"
              [attr.aria-controls]="'tabpanel-' + tab.id"
              [attr.tabindex]="selected() === tab.id ? 0 : -1"
              [attr.data-testid]="'tab-' + tab.id"
              (click)="selectTab(tab.id)"
              (keydown)="moveFocus($event)"
            >
              {{ tab.label }}
              @if (tab.count !== null) {
                <span class="tab-count" [attr.data-testid]="'tab-count-' + tab.id">{{ tab.count }}</span>
              }
            </button>
          }
        </div>
      </header>

      <div class="body" role="tabpanel" [id]="'tabpanel-' + selected()" [attr.aria-labelledby]="'tab-' + selected()">
        @if (store.deleted()) {
          <div class="empty" data-testid="detail-deleted"><mc-icon class="empty-icon" name="trash" [size]="26" [stroke]="1.5" />This task was deleted.</div>
        } @else if (store.error(); as error) {
          <div class="empty" role="alert" data-testid="detail-error"><mc-icon class="empty-icon" name="alert" [size]="26" [stroke]="1.5" />{{ error }}</div>
        } @else if (store.loading() && !store.task()) {
          <div class="loading" aria-busy="true" aria-label="Loading the task">
            <span class="skeleton" style="height: 16px; width: 40%"></span>
            <span class="skeleton" style="height: 80px"></span>
            <span class="skeleton" style="height: 16px; width: 70%"></span>
          </div>
        } @else {
          @switch (selected()) {
            @case ('overview') { <mc-overview-tab (deleted)="closed.emit()" /> }
            @case ('activity') { <mc-activity-tab /> }
            @case ('deliverables') { <mc-deliverables-tab /> }
            @case ('sessions') { <mc-sessions-tab /> }
          }
        }
      </div>
    </article>
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 0; }
    .detail { flex: 1; min-height: 0; display: flex; flex-direction: column; }
    .head { padding: 18px 20px 0; border-bottom: 1px solid var(--border); display: flex; flex-direction: column; gap: 14px; }
    .title-row { display: flex; align-items: flex-start; gap: 10px; }
    .title-row h2 { flex: 1; font-size: 19px; line-height: 1.3; overflow-wrap: anywhere; }
    .status {
      flex: none; margin-top: 3px; padding: 2px 9px; border-radius: 999px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em;
      color: var(--col); background: color-mix(in srgb, var(--col) 16%, transparent);
    }
    .head-actions { display: flex; gap: 4px; margin-left: auto; flex: none; }
    .tabs { display: flex; gap: 2px; overflow-x: auto; }
    .tab {
      display: inline-flex; align-items: center; gap: 7px; padding: 9px 12px 10px; border: 0; border-bottom: 2px solid transparent;
      background: none; color: var(--muted); font: 500 13.5px var(--font); cursor: pointer; white-space: nowrap;
    }
    .tab:hover { color: var(--text); }
    .tab[aria-selected='true'] { color: var(--text); border-bottom-color: var(--accent); }
    .tab-count { min-width: 20px; padding: 0 6px; border-radius: 999px; background: var(--surface-3); font-size: 11px; font-weight: 700; color: var(--text-2); }
    .body { flex: 1; min-height: 0; overflow-y: auto; padding: 18px 20px 24px; }
    .loading { display: flex; flex-direction: column; gap: 12px; }
    @media (max-width: 640px) {
      .head { padding: 14px 14px 0; }
      .body { padding: 14px; }
      .title-row { flex-wrap: wrap; }
      .title-row h2 { order: 3; flex-basis: 100%; font-size: 17px; }
    }
  `,
})
export class TaskDetailComponent {
  protected readonly store = inject(TaskDetailStore);
  protected readonly statusLabels = STATUS_LABELS;
  readonly taskId = input.required<string>();
  readonly mode = input<'panel' | 'page'>('panel');
  readonly initialTab = input<DetailTab>('overview');
  readonly closed = output<void>();
  protected readonly selected = signal<DetailTab>('overview');
  protected readonly tabs = computed(() => [
    { id: 'overview' as const, label: 'Overview', count: null },
    { id: 'activity' as const, label: 'Activity Log', count: this.store.activities().length },
    { id: 'deliverables' as const, label: 'Deliverables', count: this.store.deliverables().length },
    { id: 'sessions' as const, label: 'Sessions', count: this.store.sessions().length },
  ]);

  constructor() {
    effect(() => {
      const id = this.taskId();
      untracked(() => this.store.load(id));
    });
    // A fresh connection (nothing to resume from) may have missed changes: reload this task.
    inject(RealtimeService)
      .ready$.pipe(
        filter((ready) => !ready.resumed),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.store.load(this.taskId()));
    effect(() => {
      const tab = this.initialTab();
      untracked(() => this.selected.set(tab));
    });
  }

  protected selectTab(tab: DetailTab): void {
    this.selected.set(tab);
  }

  /** Arrow keys move between tabs (WAI-ARIA tabs pattern). */
  protected moveFocus(event: KeyboardEvent): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const ids = this.tabs().map((tab) => tab.id);
    const index = (ids.indexOf(this.selected()) + (event.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length;
    this.selected.set(ids[index]);
    const tablist = (event.currentTarget as HTMLElement).parentElement;
    queueMicrotask(() => tablist?.querySelector<HTMLElement>(`#tab-${ids[index]}`)?.focus());
  }
}
