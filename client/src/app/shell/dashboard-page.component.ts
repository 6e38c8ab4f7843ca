import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { BOARD_ROOM } from '@mission-control/shared';
import { map } from 'rxjs';
import { AgentsSidebarComponent } from '../agents/agents-sidebar.component';
import { AgentsStore } from '../agents/agents.store';
import { BoardComponent } from '../board/board.component';
import { BoardStore } from '../board/board.store';
import { RealtimeService } from '../core/realtime.service';
import { LiveFeedComponent } from '../feed/live-feed.component';
import { TaskPanelComponent } from '../task-detail/task-panel.component';
import { snapshotLoads } from './snapshot-loads';

/** The control room: agents on the left, the board in the middle, the live feed on the right. */
@Component({
  selector: 'mc-dashboard-page',
  imports: [AgentsSidebarComponent, BoardComponent, LiveFeedComponent, TaskPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="dashboard" [class.feed-open]="feedOpen()">
      <mc-agents-sidebar class="sidebar" />
      <mc-board class="board" [feedOpen]="feedOpen()" (toggleFeed)="feedOpen.set(!feedOpen())" (openTask)="openTask($event)" />
      <mc-live-feed class="feed" (openTask)="openTask($event)" (close)="feedOpen.set(false)" />
    </div>
    @if (openTaskId(); as taskId) {
      <mc-task-panel [taskId]="taskId" (closed)="closeTask()" />
    }
  `,
  styles: `
    :host { flex: 1; min-height: 0; display: flex; }
    .dashboard { flex: 1; min-width: 0; display: grid; grid-template-columns: 248px minmax(0, 1fr) 300px; }
    .sidebar { border-right: 1px solid var(--border); min-height: 0; min-width: 0; }
    .board { min-width: 0; min-height: 0; }
    .feed { border-left: 1px solid var(--border); min-height: 0; }
    @media (max-width: 1439px) {
      .dashboard { grid-template-columns: 240px minmax(0, 1fr); }
      .feed { display: none; position: fixed; z-index: 40; right: 0; top: var(--header-h); bottom: 0; width: min(340px, 100vw); background: var(--surface); box-shadow: var(--shadow); }
      .feed-open .feed { display: flex; }
    }
    @media (max-width: 760px) {
      :host { overflow-y: auto; }
      .dashboard { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto auto; }
      .sidebar { border-right: 0; border-bottom: 1px solid var(--border); }
    }
  `,
})
export class DashboardPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly feedOpen = signal(false);
  protected readonly openTaskId = toSignal(this.route.queryParamMap.pipe(map((params) => params.get('task'))), {
    initialValue: null,
  });

  constructor() {
    const realtime = inject(RealtimeService);
    const board = inject(BoardStore);
    const agents = inject(AgentsStore);
    realtime.useRooms([BOARD_ROOM]);
    snapshotLoads(realtime)
      .pipe(takeUntilDestroyed())
      .subscribe(() => {
        board.load();
        agents.load();
      });
  }

  protected openTask(taskId: string): void {
    void this.router.navigate([], { queryParams: { task: taskId }, queryParamsHandling: 'merge' });
  }

  protected closeTask(): void {
    void this.router.navigate([], { queryParams: { task: null }, queryParamsHandling: 'merge' });
  }
}
