import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { AgentSession } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { ClockService, absoluteTime, duration, relativeTime } from '../core/clock.service';
import { IconComponent } from '../core/icon.component';
import { SessionOutputStore } from '../session-output/session-output.store';
import { SessionTerminalComponent } from '../session-output/session-terminal.component';
import { TaskDetailStore } from './task-detail.store';

@Component({
  selector: 'mc-sessions-tab',
  imports: [IconComponent, SessionTerminalComponent],
  providers: [SessionOutputStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.sessions().length) {
      <div class="table-wrap">
        <table class="table" data-testid="session-table" aria-label="Sub-agent sessions">
          <thead>
            <tr><th scope="col">Agent</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Duration</th><th scope="col">Summary</th></tr>
          </thead>
          <tbody>
            @for (session of store.sessions(); track session.id) {
              <tr data-testid="session-row" [attr.data-status]="session.status">
                <td>
                  <div class="agent" data-testid="session-agent">{{ agentName(session) }}</div>
                  <code class="sid" [title]="session.openclaw_session_id">{{ session.openclaw_session_id }}</code>
                </td>
                <td>
                  <span class="badge" [class]="'badge badge-' + session.status" data-testid="session-status">
                    @if (session.status === 'active') { <span class="dot dot-live pulse" aria-hidden="true"></span> }
                    {{ session.status }}
                  </span>
                </td>
                <td><time [attr.datetime]="session.created_at" [title]="absolute(session.created_at)">{{ relative(session.created_at) }}</time></td>
                <td class="num" data-testid="session-duration">{{ length(session) }}</td>
                <td class="summary" data-testid="session-summary">{{ session.summary || (session.status === 'active' ? 'Working…' : '—') }}</td>
              </tr>

            }
          </tbody>
        </table>
      </div>
      @for (session of store.sessions(); track session.id) {
        <section class="output" data-testid="session-output-panel" [attr.data-session-id]="session.id" [attr.aria-label]="'Output of ' + agentName(session)">
          <h3 class="output-head">
            <span>Output</span>
            <span class="output-who">{{ agentName(session) }}</span>
            <code class="sid" [title]="session.openclaw_session_id">{{ session.openclaw_session_id }}</code>
            @if (session.status === 'active') { <span class="live"><span class="dot dot-live pulse" aria-hidden="true"></span> live</span> }
          </h3>
          <mc-session-terminal [sessionId]="session.id" [active]="session.status === 'active'" />
        </section>
      }
    } @else {
      <div class="empty" data-testid="sessions-empty"><mc-icon class="empty-icon" name="users" [size]="26" [stroke]="1.5" />No sub-agent has worked on this task yet.</div>
    }
  `,
  styles: `
    .table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: var(--radius); }
    .table { width: 100%; border-collapse: collapse; font-size: 13px; }
    th { text-align: left; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); padding: 9px 12px; background: var(--bg-2); border-bottom: 1px solid var(--border); }
    td { padding: 10px 12px; border-bottom: 1px solid var(--border); vertical-align: top; }
    tr:last-child td { border-bottom: 0; }
    .output { margin-top: 18px; display: flex; flex-direction: column; gap: 8px; }
    .output-head { display: flex; align-items: baseline; gap: 8px; min-width: 0; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
    .output-who { text-transform: none; letter-spacing: 0; font-size: 13px; color: var(--text); }
    .output-head .sid { display: inline; text-transform: none; letter-spacing: 0; }
    .live { display: inline-flex; align-items: center; gap: 5px; margin-left: auto; color: var(--green); text-transform: none; letter-spacing: 0; }
    .agent { font-weight: 600; }
    .sid { display: block; max-width: 160px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); font-size: 11px; }
    .num { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .summary { color: var(--text-2); min-width: 160px; overflow-wrap: anywhere; }
    td time { white-space: nowrap; }
  `,
})
export class SessionsTabComponent {
  private readonly agents = inject(AgentsStore);
  private readonly clock = inject(ClockService);
  protected readonly store = inject(TaskDetailStore);

  constructor() {
    effect(() => this.store.sessions().forEach((session) => this.agents.ensureAgent(session.agent_id)));
  }

  protected agentName(session: AgentSession): string {
    return this.agents.agent(session.agent_id)?.name ?? this.store.sessionAgentNames().get(session.id) ?? 'Sub-agent';
  }

  protected length(session: AgentSession): string {
    return duration(session.created_at, session.ended_at, this.clock.now());
  }

  protected relative(iso: string): string {
    return relativeTime(iso, this.clock.now());
  }

  protected absolute(iso: string): string {
    return absoluteTime(iso);
  }
}
