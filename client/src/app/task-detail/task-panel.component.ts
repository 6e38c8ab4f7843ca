import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { CdkTrapFocus } from '@angular/cdk/a11y';
import { TaskDetailComponent } from './task-detail.component';

/** The task detail as a side panel over the board; Escape or the backdrop closes it. */
@Component({
  selector: 'mc-task-panel',
  imports: [CdkTrapFocus, TaskDetailComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'closeIfTop($event)' },
  template: `
    <div class="backdrop" (click)="closed.emit()" aria-hidden="true"></div>
    <div class="panel" role="dialog" aria-modal="true" aria-label="Task details" data-testid="task-panel" cdkTrapFocus [cdkTrapFocusAutoCapture]="true">
      <mc-task-detail [taskId]="taskId()" mode="panel" (closed)="closed.emit()" />
    </div>
  `,
  styles: `
    .backdrop { position: fixed; inset: var(--header-h) 0 0 0; z-index: 50; background: rgba(4, 8, 18, 0.45); animation: fade 0.15s ease-out; }
    .panel {
      position: fixed; z-index: 51; top: var(--header-h); right: 0; bottom: 0; width: min(620px, 100vw); display: flex; flex-direction: column;
      background: var(--surface); border-left: 1px solid var(--border-strong); box-shadow: -20px 0 40px rgba(0, 0, 0, 0.4); animation: slide 0.2s ease-out;
    }
    mc-task-detail { flex: 1; }
    @keyframes slide { from { transform: translateX(24px); opacity: 0; } }
    @keyframes fade { from { opacity: 0; } }
  `,
})
export class TaskPanelComponent {
  readonly taskId = input.required<string>();
  readonly closed = output<void>();

  protected closeIfTop(event: Event): void {
    // A native dialog or an open menu handles its own Escape first.
    if (document.querySelector('dialog[open], .cdk-overlay-pane .menu')) return;
    event.preventDefault();
    this.closed.emit();
  }
}
