import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AgentStatus } from '@mission-control/shared';
import { IconComponent } from '../core/icon.component';
import { AgentFilter, AgentsStore } from './agents.store';

const FILTERS: { value: AgentFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'working', label: 'Working' },
  { value: 'standby', label: 'Standby' },
];

const STATUS_LABELS: Record<AgentStatus, string> = { working: 'Working', standby: 'Standby', offline: 'Offline' };

@Component({
  selector: 'mc-agents-sidebar',
  imports: [FormsModule, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aside class="sidebar" aria-label="Agents">
      <div class="subagents" data-testid="active-subagents-card" [class.has-active]="store.activeSubagents() > 0">
        <span class="sa-icon"><mc-icon name="radar" [size]="18" /></span>
        <p class="sa-text" data-testid="active-subagents" aria-live="polite">Active Sub-Agents: <span class="sa-count">{{ store.activeSubagents() }}</span></p>
      </div>

      <div class="section-head">
        <h2 class="panel-title">Agents <span class="total">{{ store.agents().length }}</span></h2>
        <button type="button" class="btn btn-ghost btn-sm" data-testid="add-agent" [attr.aria-expanded]="adding()" (click)="adding.set(!adding())">
          {{ adding() ? 'Cancel' : '+ Add' }}
        </button>
      </div>

      @if (adding()) {
        <form class="add-form" (ngSubmit)="addAgent()" aria-label="Add an agent">
          <div class="row">
            <label class="field emoji"><span class="sr-only">Emoji</span>
              <input class="input" name="emoji" [(ngModel)]="emoji" maxlength="16" aria-label="Avatar emoji" />
            </label>
            <label class="field grow"><span class="sr-only">Name</span>
              <input class="input" name="name" [(ngModel)]="name" required maxlength="100" placeholder="Name" aria-label="Agent name" data-testid="agent-name-input" />
            </label>
          </div>
          <label class="field"><span class="sr-only">Role</span>
            <input class="input" name="role" [(ngModel)]="role" maxlength="100" placeholder="Role (e.g. Developer)" aria-label="Agent role" />
          </label>
          <button type="submit" class="btn btn-primary btn-sm" [disabled]="!name.trim() || saving()">Add agent</button>
        </form>
      }

      <div class="segmented" role="group" aria-label="Filter agents by status">
        @for (option of filters; track option.value) {
          <button type="button" [attr.aria-pressed]="store.filter() === option.value" [attr.data-testid]="'agent-filter-' + option.value" (click)="store.setFilter(option.value)">
            {{ option.label }}
          </button>
        }
      </div>

      <ul class="agents" data-testid="agent-list">
        @if (store.loading() && store.agents().length === 0) {
          @for (i of [1, 2, 3]; track i) {
            <li class="agent"><span class="skeleton" style="width: 32px; height: 32px"></span><span class="skeleton" style="flex: 1; height: 14px"></span></li>
          }
        } @else {
          @for (agent of store.visibleAgents(); track agent.id) {
            <li class="agent" data-testid="agent-item" [attr.data-status]="agent.status">
              <span class="avatar" aria-hidden="true">{{ agent.avatar_emoji || '🤖' }}</span>
              <div class="who">
                <span class="name">{{ agent.name }}@if (agent.is_master) {<span class="master" title="Master agent">★</span>}</span>
                <span class="role">{{ agent.role || 'Agent' }}</span>
              </div>
              <span class="status" [attr.aria-label]="'Status: ' + statusLabels[agent.status]" [title]="statusLabels[agent.status]">
                @if (store.activeByAgent().get(agent.id); as running) {
                  <span class="running" title="Active sub-agent sessions">{{ running }}</span>
                }
                <span class="dot" [class]="'dot dot-' + agent.status"></span>
              </span>
            </li>
          } @empty {
            <li class="empty">
              <mc-icon class="empty-icon" name="bot" [size]="26" [stroke]="1.5" />
              {{ store.filter() === 'all' ? 'No agents yet. Add one, or let an orchestrator register.' : 'No ' + store.filter() + ' agents.' }}
            </li>
          }
        }
      </ul>
    </aside>
  `,
  styles: `
    :host { display: flex; min-height: 0; min-width: 0; }
    .sidebar { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 14px; padding: 16px 14px; overflow-y: auto; background: rgba(13, 19, 36, 0.6); }
    .subagents { display: flex; align-items: center; gap: 9px; padding: 10px; border-radius: var(--radius); border: 1px solid var(--border); background: var(--surface); transition: border-color 0.2s, background 0.2s; }
    .subagents.has-active { border-color: rgba(63, 208, 232, 0.5); background: linear-gradient(135deg, rgba(63, 208, 232, 0.12), rgba(91, 140, 255, 0.08)); }
    .sa-count { font-size: 15px; }
    .has-active .sa-count { color: var(--cyan); }
    .sa-icon { width: 30px; height: 30px; flex: none; display: grid; place-items: center; border-radius: 10px; background: var(--surface-3); color: var(--muted); }
    .has-active .sa-icon { background: rgba(63, 208, 232, 0.16); color: var(--cyan); }
    .sa-text { margin: 0; font-weight: 600; font-size: 13px; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .section-head { display: flex; align-items: center; justify-content: space-between; }
    .total { margin-left: 4px; color: var(--text-2); }
    .add-form { display: flex; flex-direction: column; gap: 8px; padding: 10px; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); }
    .row { display: flex; gap: 6px; }
    .emoji { width: 48px; flex: none; }
    .emoji .input { text-align: center; padding: 8px 4px; }
    .grow { flex: 1; }
    .segmented { align-self: flex-start; }
    .agents { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
    .agent { display: flex; align-items: center; gap: 10px; padding: 8px; border-radius: var(--radius-sm); }
    .agent:hover { background: var(--surface); }
    .avatar { width: 32px; height: 32px; flex: none; display: grid; place-items: center; border-radius: 9px; background: var(--surface-2); border: 1px solid var(--border); font-size: 17px; }
    .who { flex: 1; min-width: 0; display: flex; flex-direction: column; }
    .name { font-weight: 600; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .master { margin-left: 5px; color: var(--amber); font-size: 11px; }
    .role { font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .status { display: flex; align-items: center; gap: 6px; }
    .running { font-size: 11px; font-weight: 700; color: var(--cyan); background: rgba(63, 208, 232, 0.14); border-radius: 999px; padding: 1px 6px; }
    @media (max-width: 760px) {
      .sidebar { padding: 12px; gap: 10px; }
      .agents { flex-direction: row; overflow-x: auto; gap: 6px; padding-bottom: 4px; }
      .agent { flex: none; border: 1px solid var(--border); background: var(--surface); }
      .agents .empty { flex: 1; }
    }
  `,
})
export class AgentsSidebarComponent {
  protected readonly store = inject(AgentsStore);
  protected readonly filters = FILTERS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly adding = signal(false);
  protected readonly saving = signal(false);
  protected name = '';
  protected role = '';
  protected emoji = '🤖';

  protected addAgent(): void {
    const name = this.name.trim();
    if (!name) return;
    this.saving.set(true);
    this.store.createAgent({ name, role: this.role.trim() || null, avatar_emoji: this.emoji.trim() || '🤖' }).subscribe({
      next: () => {
        this.saving.set(false);
        this.adding.set(false);
        this.name = '';
        this.role = '';
        this.emoji = '🤖';
      },
      error: () => this.saving.set(false),
    });
  }
}
