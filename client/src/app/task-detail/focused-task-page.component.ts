import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { taskRoom } from '@mission-control/shared';
import { AgentsStore } from '../agents/agents.store';
import { RealtimeService } from '../core/realtime.service';
import { TaskDetailComponent } from './task-detail.component';

/** `/tasks/:id`: one task, full page, following only its `task:<id>` room. */
@Component({
  selector: 'mc-focused-task-page',
  imports: [RouterLink, TaskDetailComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a routerLink="/" data-testid="back-to-board">← Board</a>
        <span aria-hidden="true">/</span>
        <span>Focused view</span>
        <span class="room" title="This page follows only this task's events">room <code>{{ room() }}</code></span>
      </nav>
      <mc-task-detail class="detail panel" [taskId]="id()" mode="page" />
    </div>
  `,
  styles: `
    :host { flex: 1; min-height: 0; display: flex; }
    .page { flex: 1; min-height: 0; display: flex; flex-direction: column; gap: 12px; width: min(900px, 100%); margin: 0 auto; padding: 16px 18px 18px; }
    .crumbs { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); }
    .room { margin-left: auto; }
    .room code { color: var(--text-2); }
    .detail { flex: 1; min-height: 0; overflow: hidden; }
    @media (max-width: 640px) { .page { padding: 10px; } .room { display: none; } }
  `,
})
export class FocusedTaskPageComponent {
  private readonly realtime = inject(RealtimeService);
  /** Bound from the route parameter. */
  readonly id = input.required<string>();
  protected room = () => taskRoom(this.id());

  constructor() {
    const agents = inject(AgentsStore);
    agents.load();
    effect(() => {
      const room = taskRoom(this.id());
      untracked(() => this.realtime.useRooms([room]));
    });
  }
}
