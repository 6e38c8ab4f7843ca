import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TaskDeliverable } from '@mission-control/shared';
import { ClockService, absoluteTime, relativeTime } from '../core/clock.service';
import { IconComponent } from '../core/icon.component';
import { DELIVERABLE_ICONS } from '../core/labels';
import { ToastService } from '../core/toast.service';
import { TaskDetailApi } from './task-detail.api';
import { TaskDetailStore } from './task-detail.store';

@Component({
  selector: 'mc-deliverables-tab',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="list" data-testid="deliverable-list" aria-label="Deliverables" aria-live="polite">
      @for (deliverable of store.deliverables(); track deliverable.id) {
        <li class="item" data-testid="deliverable-item" [attr.data-type]="deliverable.deliverable_type">
          <span class="icon" [class]="'icon type-' + deliverable.deliverable_type"><mc-icon [name]="icons[deliverable.deliverable_type]" [size]="18" /></span>
          <div class="content">
            <div class="line">
              <strong class="title" data-testid="deliverable-title">{{ deliverable.title }}</strong>
              <span class="badge" [class]="'badge badge-' + deliverable.deliverable_type">{{ deliverable.deliverable_type }}</span>
            </div>
            @if (deliverable.path) {
              <code class="path" data-testid="deliverable-path" [title]="deliverable.path">{{ deliverable.path }}</code>
            }
            @if (deliverable.description) {
              <p class="desc">{{ deliverable.description }}</p>
            }
            <time class="time" [attr.datetime]="deliverable.created_at" [title]="absolute(deliverable.created_at)">Added {{ relative(deliverable.created_at) }}</time>
          </div>
          <div class="actions">
            @if (deliverable.deliverable_type === 'file') {
              <button type="button" class="btn btn-sm" (click)="openDeliverable(deliverable)" data-testid="deliverable-open" [attr.aria-label]="'Open file ' + deliverable.title"><mc-icon name="external" [size]="13" /> Open</button>
              <button type="button" class="btn btn-sm btn-ghost" (click)="downloadDeliverable(deliverable)" data-testid="deliverable-download" [attr.aria-label]="'Download ' + deliverable.title"><mc-icon name="download" [size]="13" /> Download</button>
            } @else if (store.deliverableUrl(deliverable); as href) {
              <a class="btn btn-sm" [href]="href" target="_blank" rel="noopener noreferrer" data-testid="deliverable-open" [attr.aria-label]="'Open link ' + deliverable.title"><mc-icon name="external" [size]="13" /> Open</a>
            }
            @if (deliverable.path) {
              <button type="button" class="btn btn-sm btn-ghost" (click)="copyPath(deliverable)" [attr.aria-label]="'Copy the path of ' + deliverable.title"><mc-icon name="copy" [size]="13" /> Copy path</button>
            }
          </div>
        </li>
      } @empty {
        <li class="empty" data-testid="deliverables-empty"><mc-icon class="empty-icon" name="inbox" [size]="26" [stroke]="1.5" />No deliverables yet. Files, links and artifacts agents produce appear here.</li>
      }
    </ul>
  `,
  styles: `
    .list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
    .item { display: flex; gap: 12px; padding: 12px; border-radius: var(--radius); border: 1px solid var(--border); background: var(--surface-2); animation: appear 0.3s ease-out; }
    .icon { flex: none; width: 36px; height: 36px; display: grid; place-items: center; border-radius: 9px; background: var(--bg-2); border: 1px solid var(--border); color: var(--accent-2); }
    .type-url { color: var(--cyan); }
    .type-artifact { color: var(--purple); }
    .content { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 4px; }
    .line { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    .title { font-size: 14px; overflow-wrap: anywhere; }
    .path { display: block; color: var(--text-2); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .desc { margin: 0; color: var(--text-2); font-size: 13px; overflow-wrap: anywhere; }
    .time { font-size: 12px; color: var(--muted); }
    .actions { display: flex; flex-direction: column; gap: 6px; align-items: stretch; flex: none; }
    @media (max-width: 520px) { .item { flex-wrap: wrap; } .actions { flex-direction: row; width: 100%; } }
    @keyframes appear { from { opacity: 0; transform: translateY(-4px); } }
  `,
})
export class DeliverablesTabComponent {
  private readonly clock = inject(ClockService);
  private readonly toasts = inject(ToastService);
  private readonly api = inject(TaskDetailApi);
  protected readonly store = inject(TaskDetailStore);
  protected readonly icons = DELIVERABLE_ICONS;

  /**
   * Opens the file through a signed link (no API token in any URL the file's own scripts can read).
   * The tab is opened during the click, so no popup blocker stops it, and cut from this page first.
   */
  protected openDeliverable(deliverable: TaskDeliverable): void {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    this.api.deliverableLink(deliverable.id).subscribe({
      next: ({ url }) => (tab ? tab.location.replace(url) : window.open(url, '_blank', 'noopener')),
      error: () => tab?.close(),
    });
  }

  protected downloadDeliverable(deliverable: TaskDeliverable): void {
    this.api.deliverableLink(deliverable.id).subscribe(({ url }) => {
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = this.fileName(deliverable);
      anchor.click();
    });
  }

  protected fileName(deliverable: TaskDeliverable): string {
    return (deliverable.path ?? deliverable.title).split(/[\\/]/).pop() || deliverable.title;
  }

  protected copyPath(deliverable: TaskDeliverable): void {
    navigator.clipboard?.writeText(deliverable.path ?? '').then(
      () => this.toasts.show('success', 'Path copied'),
      () => this.toasts.error('Could not copy the path'),
    );
  }

  protected relative(iso: string): string {
    return relativeTime(iso, this.clock.now());
  }

  protected absolute(iso: string): string {
    return absoluteTime(iso);
  }
}
