import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { TaskActivity } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { ClockService, absoluteTime, relativeTime } from '../core/clock.service';
import { IconComponent } from '../core/icon.component';
import { ACTIVITY_ICONS, ACTIVITY_LABELS } from '../core/labels';
import { TaskDetailStore } from './task-detail.store';

@Component({
  selector: 'mc-activity-tab',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="timeline" data-testid="activity-list" aria-label="Activity log, newest first" aria-live="polite">
      @for (activity of store.activities(); track activity.id) {
        <li class="entry" data-testid="activity-item" [attr.data-type]="activity.activity_type">
          <span class="icon" [class]="'icon type-' + activity.activity_type" [attr.aria-label]="labels[activity.activity_type]" role="img"><mc-icon [name]="icons[activity.activity_type]" [size]="15" /></span>
          <div class="content">
            <div class="line">
              <strong class="agent" data-testid="activity-agent">{{ agentName(activity) }}</strong>
              <span class="type">{{ labels[activity.activity_type] }}</span>
              <time class="time" [attr.datetime]="activity.created_at" [title]="absolute(activity.created_at)">{{ relative(activity.created_at) }}</time>
            </div>
            <p class="message" data-testid="activity-message">{{ activity.message }}</p>
            @if (metadataOf(activity); as entries) {
              <ul class="meta">
                @for (entry of entries; track entry[0]) {
                  <li><span>{{ entry[0] }}:</span> <code>{{ entry[1] }}</code></li>
                }
              </ul>
            }
          </div>
        </li>
      } @empty {
        <li class="empty" data-testid="activity-empty"><mc-icon class="empty-icon" name="clock" [size]="26" [stroke]="1.5" />No activity yet. Agents' steps appear here as they happen.</li>
      }
    </ol>
  `,
  styles: `
    .timeline { list-style: none; margin: 0; padding: 0; position: relative; }
    .entry { position: relative; display: flex; gap: 12px; padding-bottom: 16px; animation: appear 0.3s ease-out; }
    .entry:not(:last-child)::before { content: ''; position: absolute; left: 15px; top: 34px; bottom: 2px; width: 2px; background: var(--border); }
    .icon { flex: none; width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center; font-size: 15px; background: var(--surface-3); border: 1px solid var(--border-strong); color: var(--text-2); }
    .type-spawned { background: rgba(63, 208, 232, 0.14); border-color: rgba(63, 208, 232, 0.4); color: var(--cyan); }
    .type-completed { background: var(--green-soft); border-color: rgba(47, 212, 127, 0.4); color: var(--green); }
    .type-file_created { background: var(--accent-soft); border-color: rgba(91, 140, 255, 0.4); color: var(--accent-2); }
    .type-status_changed { background: var(--purple-soft); border-color: rgba(176, 140, 255, 0.4); color: var(--purple); }
    .content { flex: 1; min-width: 0; padding-top: 5px; }
    .line { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
    .agent { font-size: 13px; }
    .type { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
    .time { margin-left: auto; font-size: 12px; color: var(--muted); }
    .message { margin: 3px 0 0; color: var(--text-2); overflow-wrap: anywhere; white-space: pre-wrap; }
    .meta { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
    .meta li { display: flex; gap: 5px; font-size: 11.5px; color: var(--muted); padding: 2px 7px; border-radius: 6px; background: var(--bg-2); border: 1px solid var(--border); max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .meta code { color: var(--text-2); font-size: 11px; }
    @keyframes appear { from { opacity: 0; transform: translateY(-4px); } }
  `,
})
export class ActivityTabComponent {
  private readonly agents = inject(AgentsStore);
  private readonly clock = inject(ClockService);
  protected readonly store = inject(TaskDetailStore);
  protected readonly icons = ACTIVITY_ICONS;
  protected readonly labels = ACTIVITY_LABELS;

  constructor() {
    effect(() => this.store.activities().forEach((activity) => this.agents.ensureAgent(activity.agent_id)));
  }

  protected agentName(activity: TaskActivity): string {
    if (!activity.agent_id) return 'System';
    return this.agents.agent(activity.agent_id)?.name ?? 'Agent';
  }

  protected metadataOf(activity: TaskActivity): [string, string][] | null {
    if (!activity.metadata) return null;
    const entries = Object.entries(activity.metadata).map(([key, value]): [string, string] => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]);
    return entries.length ? entries.slice(0, 6) : null;
  }

  protected relative(iso: string): string {
    return relativeTime(iso, this.clock.now());
  }

  protected absolute(iso: string): string {
    return absoluteTime(iso);
  }
}
