import { CdkMenu, CdkMenuItem, CdkMenuTrigger } from '@angular/cdk/menu';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { TASK_STATUSES, Task, TaskStatus } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { ClockService, absoluteTime, shortAge } from '../core/clock.service';
import { IconComponent } from '../core/icon.component';
import { PRIORITY_LABELS, STATUS_LABELS } from '../core/labels';
import { LatestOutputStore } from '../session-output/latest-output.store';

@Component({
  selector: 'mc-task-card',
  imports: [CdkMenuTrigger, CdkMenu, CdkMenuItem, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article
      class="card"
      [class]="'card priority-' + task().priority"
      [class.pending]="pending()"
      data-testid="task-card"
      [attr.data-task-id]="task().id"
      [attr.data-status]="task().status"
      [attr.aria-label]="task().title + ', ' + priorityLabels[task().priority] + ' priority, ' + statusLabels[task().status]"
      (keydown)="moveWithKeys($event)"
    >
      <div class="top">
        <span class="badge" [class]="'badge badge-' + task().priority" data-testid="task-card-priority">{{ priorityLabels[task().priority] }}</span>
        @if (due(); as dueDate) {
          <span class="due" [class.overdue]="dueDate.overdue" data-testid="task-card-due" [title]="(dueDate.overdue ? 'Overdue, was due ' : 'Due ') + dueDate.label"><mc-icon name="flag" [size]="10" />{{ dueDate.label }}</span>
        }
        <button
          type="button"
          class="more"
          [cdkMenuTriggerFor]="moveMenu"
          data-testid="task-card-move"
          [attr.aria-label]="'Move “' + task().title + '” to another column'"
          (mousedown)="$event.stopPropagation()"
          (touchstart)="$event.stopPropagation()"
        >⋯</button>
      </div>
      <button type="button" class="title" data-testid="task-card-open" (click)="open.emit(task().id)">{{ task().title }}</button>
      @if (task().description) {
        <p class="desc">{{ task().description }}</p>
      }
      @if (latestLine(); as line) {
        <p class="output" data-testid="task-card-output" [title]="line.text"><span class="dot dot-live pulse" aria-hidden="true"></span><code>{{ line.text }}</code></p>
      }
      <div class="meta">
        <span class="assignee" data-testid="task-card-assignee" [title]="assignee()?.name ?? 'Unassigned'">
          @if (assignee(); as agent) {
            <span class="avatar" aria-hidden="true">{{ agent.avatar_emoji || '🤖' }}</span><span class="who">{{ agent.name }}</span>
          } @else {
            <span class="avatar empty-avatar" aria-hidden="true"></span><span class="unassigned">Unassigned</span>
          }
        </span>
        <time class="age" [attr.datetime]="task().created_at" [title]="'Created ' + created()" data-testid="task-card-age"><mc-icon name="clock" [size]="11" />{{ age() }}</time>
      </div>
    </article>

    <ng-template #moveMenu>
      <div class="menu" cdkMenu aria-label="Move to">
        <div class="menu-title">Move to</div>
        @for (status of statuses; track status) {
          <button
            type="button"
            class="menu-item"
            cdkMenuItem
            [disabled]="status === task().status"
            [attr.data-testid]="'move-to-' + status"
            (cdkMenuItemTriggered)="move.emit({ id: task().id, status })"
          >
            <span class="swatch" [style.background]="'var(--status-' + status + ')'"></span>{{ statusLabels[status] }}
          </button>
        }
        <div class="menu-hint">Tip: Alt+← / Alt+→ moves a focused card</div>
      </div>
    </ng-template>
  `,
  styles: `
    :host { display: block; }
    .card {
      position: relative; display: flex; flex-direction: column; gap: 7px; padding: 10px 12px 10px; border-radius: var(--radius);
      background: var(--surface-2); border: 1px solid var(--border); box-shadow: var(--shadow-sm); cursor: grab;
      transition: border-color 0.15s, transform 0.15s, opacity 0.15s;
    }
    .card:hover { border-color: var(--border-strong); }
    .card::before { content: ''; position: absolute; left: -1px; top: 10px; bottom: 10px; width: 3px; border-radius: 0 3px 3px 0; background: transparent; }
    .priority-high::before { background: var(--amber); }
    .priority-urgent::before { background: var(--red); }
    .pending { opacity: 0.7; }
    .top { display: flex; align-items: center; gap: 6px; height: 20px; }
    .due { min-width: 0; display: inline-flex; align-items: center; gap: 3px; font-size: 11px; color: var(--muted); white-space: nowrap; overflow: hidden; }
    .due.overdue { color: var(--red); }
    .title {
      padding: 0; border: 0; background: none; color: var(--text); font: 600 13.5px/1.35 var(--font); text-align: left; cursor: pointer;
      display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere;
    }
    .title:hover { color: var(--accent-2); }
    .desc { margin: -3px 0 0; font-size: 12.5px; color: var(--muted); display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
    .output { margin: 0; display: flex; align-items: center; gap: 6px; min-width: 0; padding: 3px 7px; border-radius: 5px; background: #05080f; }
    .output code { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: #c3cde0; font-size: 11px; }
    .meta { display: flex; align-items: center; gap: 7px; font-size: 12px; color: var(--text-2); min-width: 0; }
    .assignee { flex: 1; min-width: 0; display: flex; align-items: center; gap: 5px; }
    .avatar { flex: none; width: 18px; height: 18px; display: grid; place-items: center; border-radius: 5px; background: var(--surface-3); font-size: 11px; }
    .who { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .empty-avatar { border: 1px dashed var(--border-strong); background: transparent; }
    .unassigned { color: var(--muted); font-style: italic; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .age { display: inline-flex; align-items: center; gap: 3px; color: var(--muted); font-variant-numeric: tabular-nums; flex: none; }
    .more { flex: none; width: 24px; height: 22px; margin: 0 -6px 0 auto; border: 0; border-radius: 5px; background: transparent; color: var(--muted); font-size: 16px; line-height: 1; cursor: pointer; }
    .more:hover, .more[aria-expanded='true'] { background: var(--surface-3); color: var(--text); }
    .swatch { width: 8px; height: 8px; border-radius: 2px; }
  `,
})
export class TaskCardComponent {
  private readonly agents = inject(AgentsStore);
  private readonly clock = inject(ClockService);
  private readonly output = inject(LatestOutputStore);
  readonly task = input.required<Task>();
  readonly pending = input(false);
  readonly open = output<string>();
  readonly move = output<{ id: string; status: TaskStatus }>();

  protected readonly statuses = TASK_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly assignee = computed(() => this.agents.agent(this.task().assigned_agent_id));
  /** What its running sub-agent printed last. */
  protected readonly latestLine = computed(() => this.output.latest(this.task().id));
  protected readonly age = computed(() => shortAge(this.task().created_at, this.clock.now()));
  protected readonly created = computed(() => absoluteTime(this.task().created_at));
  protected readonly due = computed(() => {
    const due = this.task().due_date;
    if (!due) return null;
    const date = new Date(due);
    const label = date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return { label, overdue: this.task().status !== 'done' && date.getTime() + 86_400_000 < this.clock.now() };
  });

  /** Alt+← / Alt+→ moves the card one column, for people who do not drag. */
  protected moveWithKeys(event: KeyboardEvent): void {
    if (!event.altKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    const index = TASK_STATUSES.indexOf(this.task().status) + (event.key === 'ArrowRight' ? 1 : -1);
    if (index < 0 || index >= TASK_STATUSES.length) return;
    event.preventDefault();
    this.move.emit({ id: this.task().id, status: TASK_STATUSES[index] });
  }
}
