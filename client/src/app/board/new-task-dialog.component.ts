import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { LIMITS, TASK_PRIORITIES, TaskPriority } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { PRIORITY_LABELS } from '../core/labels';
import { BoardStore } from './board.store';

@Component({
  selector: 'mc-new-task-dialog',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" aria-labelledby="new-task-title" data-testid="new-task-dialog" (close)="reset()">
      <form class="form" (ngSubmit)="create()">
        <header class="head">
          <h2 id="new-task-title">New task</h2>
          <button type="button" class="btn btn-ghost icon-btn" aria-label="Close" (click)="close()">×</button>
        </header>
        <label class="field">
          <span>Title</span>
          <input class="input" name="title" [(ngModel)]="title" required [maxlength]="limits.title" placeholder="What needs doing?" data-testid="new-task-title" autofocus />
        </label>
        <label class="field">
          <span>Description</span>
          <textarea class="textarea" name="description" [(ngModel)]="description" [maxlength]="limits.description" placeholder="Context, acceptance criteria, links…" data-testid="new-task-description"></textarea>
        </label>
        <div class="row">
          <label class="field">
            <span>Priority</span>
            <select class="select" name="priority" [(ngModel)]="priority" data-testid="new-task-priority">
              @for (p of priorities; track p) {
                <option [value]="p">{{ priorityLabels[p] }}</option>
              }
            </select>
          </label>
          <label class="field">
            <span>Assignee</span>
            <select class="select" name="assignee" [(ngModel)]="assignee" data-testid="new-task-assignee">
              <option value="">Unassigned</option>
              @for (agent of agents.agents(); track agent.id) {
                <option [value]="agent.id">{{ agent.avatar_emoji }} {{ agent.name }}</option>
              }
            </select>
          </label>
        </div>
        <footer class="foot">
          <span class="hint">Lands in <strong>Inbox</strong></span>
          <button type="button" class="btn" (click)="close()">Cancel</button>
          <button type="submit" class="btn btn-primary" [disabled]="!title.trim() || saving()" data-testid="new-task-submit">
            {{ saving() ? 'Creating…' : 'Create task' }}
          </button>
        </footer>
      </form>
    </dialog>
  `,
  styles: `
    .dialog { width: min(520px, calc(100vw - 24px)); padding: 0; border: 1px solid var(--border-strong); border-radius: 14px; background: var(--surface); color: var(--text); box-shadow: var(--shadow); }
    .dialog::backdrop { background: rgba(4, 8, 18, 0.6); backdrop-filter: blur(2px); }
    .form { display: flex; flex-direction: column; gap: 14px; padding: 18px; }
    .head { display: flex; align-items: center; justify-content: space-between; }
    .head h2 { font-size: 17px; }
    .row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
    .foot { display: flex; align-items: center; gap: 8px; }
    .hint { margin-right: auto; font-size: 12px; color: var(--muted); }
    @media (max-width: 480px) { .row { grid-template-columns: 1fr; } }
  `,
})
export class NewTaskDialogComponent {
  private readonly board = inject(BoardStore);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  protected readonly agents = inject(AgentsStore);
  protected readonly limits = LIMITS;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly saving = signal(false);
  protected title = '';
  protected description = '';
  protected priority: TaskPriority = 'normal';
  protected assignee = '';

  openDialog(): void {
    this.dialog().nativeElement.showModal();
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  protected reset(): void {
    this.title = '';
    this.description = '';
    this.priority = 'normal';
    this.assignee = '';
    this.saving.set(false);
  }

  protected create(): void {
    const title = this.title.trim();
    if (!title) return;
    this.saving.set(true);
    this.board
      .createTask({
        title,
        description: this.description.trim() || null,
        priority: this.priority,
        assigned_agent_id: this.assignee || null,
      })
      .subscribe({ next: () => this.close(), error: () => this.saving.set(false) });
  }
}
