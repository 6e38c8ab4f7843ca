import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { ClockService, absoluteTime, relativeTime } from '../core/clock.service';
import { IconComponent } from '../core/icon.component';
import { FeedFilter, FeedStore } from './feed.store';

const FILTERS: { value: FeedFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'tasks', label: 'Tasks' },
  { value: 'agents', label: 'Agents' },
];

@Component({
  selector: 'mc-live-feed',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aside class="feed" aria-labelledby="feed-title">
      <header class="head">
        <h2 id="feed-title" class="panel-title"><span class="dot dot-live pulse" aria-hidden="true"></span> Live feed</h2>
        <button type="button" class="btn btn-ghost icon-btn close" aria-label="Close the live feed" (click)="close.emit()"><mc-icon name="close" [size]="16" /></button>
      </header>
      <div class="segmented" role="group" aria-label="Filter the feed">
        @for (option of filters; track option.value) {
          <button type="button" [attr.aria-pressed]="store.filter() === option.value" [attr.data-testid]="'feed-filter-' + option.value" (click)="store.setFilter(option.value)">{{ option.label }}</button>
        }
      </div>
      <ol class="items" data-testid="feed-list" aria-live="polite" aria-relevant="additions">
        @for (item of store.items(); track item.seq) {
          <li class="item" data-testid="feed-item" [attr.data-seq]="item.seq">
            <span class="icon" [class]="'icon tone-' + item.tone"><mc-icon [name]="item.icon" [size]="13" /></span>
            <div class="body">
              @if (item.taskId) {
                <button type="button" class="text link" (click)="openTask.emit(item.taskId)">{{ item.text }}</button>
              } @else {
                <span class="text">{{ item.text }}</span>
              }
              <time class="time" [attr.datetime]="item.at" [title]="absolute(item.at)">{{ relative(item.at) }}</time>
            </div>
          </li>
        } @empty {
          <li class="empty"><mc-icon class="empty-icon" name="pulse" [size]="26" [stroke]="1.5" />Waiting for the first event…</li>
        }
      </ol>
    </aside>
  `,
  styles: `
    :host { display: flex; min-height: 0; }
    .feed { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 12px; padding: 16px 14px 0; background: rgba(13, 19, 36, 0.6); }
    .head { display: flex; align-items: center; justify-content: space-between; min-height: 32px; }
    .panel-title { display: flex; align-items: center; gap: 8px; }
    .close { display: none; }
    @media (max-width: 1439px) { .close { display: inline-flex; } }
    .segmented { align-self: flex-start; }
    .items { list-style: none; margin: 0; padding: 0 0 16px; overflow-y: auto; flex: 1; display: flex; flex-direction: column; }
    .item { display: flex; gap: 10px; padding: 9px 4px; border-bottom: 1px solid rgba(34, 48, 77, 0.6); animation: fade-in 0.3s ease-out; }
    .icon { width: 24px; height: 24px; flex: none; display: grid; place-items: center; border-radius: 7px; background: var(--surface-2); color: var(--text-2); }
    .tone-green { color: var(--green); background: var(--green-soft); }
    .tone-cyan { color: var(--cyan); background: rgba(63, 208, 232, 0.12); }
    .tone-purple { color: var(--purple); background: var(--purple-soft); }
    .tone-blue { color: var(--accent-2); background: var(--accent-soft); }
    .tone-red { color: var(--red); background: var(--red-soft); }
    .body { min-width: 0; display: flex; flex-direction: column; gap: 2px; }
    .text { font-size: 13px; color: var(--text-2); overflow-wrap: anywhere; }
    .link { padding: 0; border: 0; background: none; text-align: left; font: inherit; font-size: 13px; cursor: pointer; }
    .link:hover { color: var(--text); text-decoration: underline; }
    .time { font-size: 11.5px; color: var(--muted); }
    @keyframes fade-in { from { opacity: 0; background: var(--accent-soft); } }
  `,
})
export class LiveFeedComponent {
  private readonly clock = inject(ClockService);
  protected readonly store = inject(FeedStore);
  protected readonly filters = FILTERS;
  readonly openTask = output<string>();
  readonly close = output<void>();

  protected relative(iso: string): string {
    return relativeTime(iso, this.clock.now());
  }

  protected absolute(iso: string): string {
    return absoluteTime(iso);
  }
}
