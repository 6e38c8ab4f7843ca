import { ChangeDetectionStrategy, Component, computed, effect, inject, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { LIMITS, TASK_PRIORITIES, TASK_STATUSES, Task, TaskPriority, TaskStatus, UpdateTaskBody } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { ClockService, absoluteTime, relativeTime } from '../core/clock.service';
import { PRIORITY_LABELS, STATUS_LABELS } from '../core/labels';
import { ToastService } from '../core/toast.service';
import { TaskDetailStore } from './task-detail.store';

interface Draft {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  assigned_agent_id: string;
  due_date: string;
}

function draftOf(task: Task): Draft {
  return {
    title: task.title,
    description: task.description ?? '',
    status: task.status,
    priority: task.priority,
    assigned_agent_id: task.assigned_agent_id ?? '',
    due_date: task.due_date ? task.due_date.slice(0, 10) : '',
  };
}

@Component({
  selector: 'mc-overview-tab',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.task(); as task) {
      <form class="form" (ngSubmit)="save(task)" aria-label="Edit the task" data-testid="overview-form">
        @if (changedElsewhere()) {
          <div class="notice" role="status">This task changed elsewhere while you were editing. <button type="button" class="btn btn-sm" (click)="discard()">Load the latest</button></div>
        }
        <label class="field">
          <span>Title</span>
          <input class="input" name="title" [ngModel]="draft().title" (ngModelChange)="edit('title', $event)" required [maxlength]="limits.title" data-testid="overview-title" />
        </label>
        <label class="field">
          <span>Description</span>
          <textarea class="textarea" name="description" rows="5" [ngModel]="draft().description" (ngModelChange)="edit('description', $event)" [maxlength]="limits.description" placeholder="No description" data-testid="overview-description"></textarea>
        </label>
        <div class="grid">
          <label class="field">
            <span>Status</span>
            <select class="select" name="status" [ngModel]="draft().status" (ngModelChange)="edit('status', $event)" data-testid="overview-status">
              @for (s of statuses; track s) { <option [value]="s">{{ statusLabels[s] }}</option> }
            </select>
          </label>
          <label class="field">
            <span>Priority</span>
            <select class="select" name="priority" [ngModel]="draft().priority" (ngModelChange)="edit('priority', $event)" data-testid="overview-priority">
              @for (p of priorities; track p) { <option [value]="p">{{ priorityLabels[p] }}</option> }
            </select>
          </label>
          <label class="field">
            <span>Assignee</span>
            <select class="select" name="assignee" [ngModel]="draft().assigned_agent_id" (ngModelChange)="edit('assigned_agent_id', $event)" data-testid="overview-assignee">
              <option value="">Unassigned</option>
              @for (agent of agents.agents(); track agent.id) { <option [value]="agent.id">{{ agent.avatar_emoji }} {{ agent.name }}</option> }
              @if (task.assigned_agent_id && !agents.agent(task.assigned_agent_id)) { <option [value]="task.assigned_agent_id">{{ task.assigned_agent_id }}</option> }
            </select>
          </label>
          <label class="field">
            <span>Due date</span>
            <input class="input" type="date" name="due" [ngModel]="draft().due_date" (ngModelChange)="edit('due_date', $event)" data-testid="overview-due" />
          </label>
        </div>
        <div class="actions">
          <button type="button" class="btn btn-danger" (click)="remove(task)" data-testid="overview-delete">Delete</button>
          <span class="spacer"></span>
          <button type="button" class="btn" [disabled]="!dirty() || saving()" (click)="discard()">Discard</button>
          <button type="submit" class="btn btn-primary" [disabled]="!dirty() || saving() || !draft().title.trim()" data-testid="overview-save">{{ saving() ? 'Saving…' : 'Save changes' }}</button>
        </div>
      </form>

      <dl class="facts">
        <div><dt>Created</dt><dd [title]="absolute(task.created_at)">{{ relative(task.created_at) }}</dd></div>
        <div><dt>Updated</dt><dd [title]="absolute(task.updated_at)">{{ relative(task.updated_at) }}</dd></div>
        <div><dt>Created by</dt><dd>{{ agents.agent(task.created_by_agent_id)?.name ?? '—' }}</dd></div>
        <div><dt>Version</dt><dd data-testid="overview-version">{{ task.version }}</dd></div>
        <div class="wide"><dt>Id</dt><dd><code>{{ task.id }}</code></dd></div>
      </dl>
    }
  `,
  styles: `
    .form { display: flex; flex-direction: column; gap: 14px; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
    .actions { display: flex; gap: 8px; align-items: center; }
    .spacer { flex: 1; }
    .notice { padding: 9px 12px; border-radius: var(--radius-sm); background: var(--amber-soft); color: var(--amber); font-size: 13px; display: flex; gap: 10px; align-items: center; justify-content: space-between; }
    .facts { margin: 22px 0 0; padding: 14px; display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; border: 1px solid var(--border); border-radius: var(--radius); background: var(--bg-2); }
    .facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
    .facts dd { margin: 2px 0 0; font-size: 13px; overflow-wrap: anywhere; }
    .wide { grid-column: 1 / -1; }
    @media (max-width: 520px) { .grid { grid-template-columns: 1fr; } .facts { grid-template-columns: 1fr 1fr; } }
  `,
})
export class OverviewTabComponent {
  private readonly toasts = inject(ToastService);
  private readonly clock = inject(ClockService);
  protected readonly store = inject(TaskDetailStore);
  protected readonly agents = inject(AgentsStore);
  protected readonly limits = LIMITS;
  protected readonly statuses = TASK_STATUSES;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly draft = signal<Draft>({ title: '', description: '', status: 'inbox', priority: 'normal', assigned_agent_id: '', due_date: '' });
  protected readonly dirty = signal(false);
  protected readonly saving = signal(false);
  private readonly baseVersion = signal(0);
  protected readonly changedElsewhere = computed(() => this.dirty() && (this.store.task()?.version ?? 0) > this.baseVersion());
  readonly deleted = output<void>();

  constructor() {
    // Follow the live task while the person is not editing.
    effect(() => {
      const task = this.store.task();
      untracked(() => {
        if (task && !this.dirty()) {
          this.draft.set(draftOf(task));
          this.baseVersion.set(task.version);
        }
      });
    });
  }

  protected edit<K extends keyof Draft>(field: K, value: Draft[K]): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
    this.dirty.set(true);
  }

  protected discard(): void {
    const task = this.store.task();
    this.dirty.set(false);
    if (task) {
      this.draft.set(draftOf(task));
      this.baseVersion.set(task.version);
    }
  }

  protected save(task: Task): void {
    const draft = this.draft();
    const original = draftOf(task);
    const body: UpdateTaskBody = {};
    if (draft.title.trim() !== original.title) body.title = draft.title.trim();
    if (draft.description !== original.description) body.description = draft.description.trim() || null;
    if (draft.status !== original.status) body.status = draft.status;
    if (draft.priority !== original.priority) body.priority = draft.priority;
    if (draft.assigned_agent_id !== original.assigned_agent_id) body.assigned_agent_id = draft.assigned_agent_id || null;
    if (draft.due_date !== original.due_date) body.due_date = draft.due_date ? new Date(`${draft.due_date}T00:00:00.000Z`).toISOString() : null;
    if (Object.keys(body).length === 0) {
      this.discard();
      return;
    }
    this.saving.set(true);
    this.store.save(body).subscribe({
      next: () => {
        this.saving.set(false);
        this.discard();
        this.toasts.show('success', 'Task saved');
      },
      error: () => this.saving.set(false),
    });
  }

  protected remove(task: Task): void {
    if (!confirm(`Delete “${task.title}”? Its activity log and deliverables go with it.`)) return;
    this.store.remove().subscribe({
      next: () => {
        this.toasts.show('info', 'Task deleted', `“${task.title}”`);
        this.deleted.emit();
      },
    });
  }

  protected relative(iso: string): string {
    return relativeTime(iso, this.clock.now());
  }

  protected absolute(iso: string): string {
    return absoluteTime(iso);
  }
}
