import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { IconComponent, IconName } from './icon.component';
import { Toast, ToastService } from './toast.service';

const ICONS: Record<Toast['kind'], IconName> = { info: 'info', success: 'check', warning: 'alert', error: 'error', agent: 'zap' };

@Component({
  selector: 'mc-toasts',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="toasts" aria-label="Notifications" aria-live="polite">
      @for (toast of toasts.toasts(); track toast.id) {
        <div
          class="toast"
          [class]="'toast toast-' + toast.kind"
          data-testid="toast"
          [attr.data-kind]="toast.kind"
          [attr.role]="toast.kind === 'error' ? 'alert' : 'status'"
        >
          <mc-icon class="icon" [name]="icons[toast.kind]" [size]="18" />
          <div class="body">
            <strong class="title">{{ toast.title }}</strong>
            @if (toast.detail) {
              <span class="detail">{{ toast.detail }}</span>
            }
            @if (toast.taskId) {
              <button type="button" class="link" (click)="openTask(toast)">Open task</button>
            }
          </div>
          <button type="button" class="close" aria-label="Dismiss notification" (click)="toasts.dismiss(toast.id)">×</button>
        </div>
      }
    </section>
  `,
  styles: `
    .toasts { position: fixed; right: 16px; bottom: 16px; z-index: 1000; display: flex; flex-direction: column; gap: 8px; width: min(360px, calc(100vw - 32px)); pointer-events: none; }
    .toast {
      pointer-events: auto; display: flex; align-items: flex-start; gap: 10px; padding: 11px 12px; border-radius: var(--radius);
      background: var(--surface-2); border: 1px solid var(--border-strong); border-left: 3px solid var(--accent); box-shadow: var(--shadow);
      animation: slide-in 0.2s ease-out;
    }
    .toast-success { border-left-color: var(--green); }
    .toast-agent { border-left-color: var(--cyan); }
    .toast-warning { border-left-color: var(--amber); }
    .toast-error { border-left-color: var(--red); }
    .icon { margin-top: 1px; color: var(--accent-2); }
    .toast-success .icon { color: var(--green); }
    .toast-agent .icon { color: var(--cyan); }
    .toast-warning .icon { color: var(--amber); }
    .toast-error .icon { color: var(--red); }
    .body { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 2px; }
    .title { font-size: 13px; }
    .detail { font-size: 13px; color: var(--text-2); overflow-wrap: anywhere; }
    .link { align-self: flex-start; padding: 0; margin-top: 2px; border: 0; background: none; color: var(--accent-2); font: 500 12px var(--font); cursor: pointer; }
    .close { border: 0; background: none; color: var(--muted); font-size: 18px; line-height: 18px; cursor: pointer; padding: 0 2px; }
    .close:hover { color: var(--text); }
    @keyframes slide-in { from { transform: translateY(8px); opacity: 0; } }
  `,
})
export class ToastsComponent {
  private readonly router = inject(Router);
  protected readonly toasts = inject(ToastService);
  protected readonly icons = ICONS;

  protected openTask(toast: Toast): void {
    this.toasts.dismiss(toast.id);
    void this.router.navigate(['/'], { queryParams: { task: toast.taskId } });
  }
}
