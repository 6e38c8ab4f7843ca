import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BOARD_ROOM } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { BoardStore } from '../board/board.store';
import { ConnectionState, RealtimeService } from '../core/realtime.service';

const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

@Component({
  selector: 'mc-app-header',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="header">
      <a class="brand" routerLink="/" aria-label="Mission Control, back to the board">
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
          <circle cx="16" cy="16" r="9" fill="none" stroke="currentColor" stroke-width="2.5" />
          <circle cx="16" cy="16" r="3.5" fill="#3fd0e8" />
          <path d="M16 3v5M16 24v5M3 16h5M24 16h5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <span class="brand-name">Mission Control</span>
      </a>

      @if (onBoard()) {
        <dl class="counts" aria-label="Live counts">
          <div class="count" data-testid="count-working">
            <dt><span class="long">Agents working</span><span class="short">Working</span></dt>
            <dd>{{ agents.workingCount() }}</dd>
          </div>
          <div class="count" data-testid="count-queued">
            <dt><span class="long">Tasks in queue</span><span class="short">Queue</span></dt>
            <dd>{{ board.queued() }}</dd>
          </div>
          <div class="count" data-testid="count-subagents">
            <dt><span class="long">Sub-agents</span><span class="short">Subs</span></dt>
            <dd>{{ agents.activeSubagents() }}</dd>
          </div>
        </dl>
      }

      <div
        class="connection"
        [class]="'connection state-' + state()"
        data-testid="connection-state"
        [attr.data-state]="state()"
        role="status"
        aria-live="polite"
        [attr.aria-label]="'Connection: ' + label()"
      >
        <span class="dot" [class]="'dot dot-' + state()" [class.pulse]="state() !== 'live'"></span>
        <span>{{ label() }}</span>
      </div>
    </header>
  `,
  styles: `
    .header {
      height: var(--header-h); display: flex; align-items: center; gap: 20px; padding: 0 18px;
      border-bottom: 1px solid var(--border); background: rgba(10, 15, 28, 0.85); backdrop-filter: blur(8px);
    }
    .brand { display: flex; align-items: center; gap: 10px; color: var(--text); font-weight: 700; font-size: 16px; letter-spacing: -0.02em; }
    .brand:hover { text-decoration: none; }
    .logo { width: 26px; height: 26px; color: var(--accent-2); }
    .counts { display: flex; gap: 8px; margin: 0 0 0 auto; }
    .count { display: flex; align-items: baseline; gap: 7px; padding: 5px 11px; border: 1px solid var(--border); border-radius: 999px; background: var(--surface); }
    .count dt { font-size: 12px; color: var(--muted); }
    .count dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; }
    .connection { display: flex; align-items: center; gap: 8px; padding: 5px 12px; border-radius: 999px; font-size: 12px; font-weight: 600; border: 1px solid var(--border); }
    .counts + .connection { margin-left: 0; }
    .connection:first-of-type { margin-left: auto; }
    .state-live { color: var(--green); }
    .state-reconnecting, .state-connecting { color: var(--amber); }
    .state-offline { color: var(--red); }
    .short { display: none; }
    @media (max-width: 900px) { .long { display: none; } .short { display: inline; } }
    @media (max-width: 640px) {
      .header { gap: 10px; padding: 0 10px; }
      .brand-name { display: none; }
      .counts { gap: 4px; }
      .count { padding: 4px 8px; gap: 4px; }
      .count dt { font-size: 11px; }
      .connection { padding: 5px 9px; }
    }
  `,
})
export class AppHeaderComponent {
  private readonly realtime = inject(RealtimeService);
  protected readonly agents = inject(AgentsStore);
  protected readonly board = inject(BoardStore);
  protected readonly state = this.realtime.connectionState;
  protected readonly label = computed(() => CONNECTION_LABELS[this.state()]);
  protected readonly onBoard = computed(() => this.realtime.rooms().includes(BOARD_ROOM));
}
