import { Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MissionEvent } from '@mission-control/shared';
import { filter } from 'rxjs';
import { AgentsApi } from '../agents/agents.api';
import { sessionOf } from '../agents/session-folding';
import { RealtimeService } from '../core/realtime.service';
import { SessionOutputApi } from './session-output.api';
import { latestVisibleLine } from './terminal-buffer';

export interface LatestLine {
  sessionId: string;
  seq: number;
  text: string;
}

/** The tails read when the board opens: one short page per running sub-agent. */
const TAIL_LINES = 20;
const MAX_SESSIONS_READ = 100;

/**
 * The latest line each running sub-agent printed, by task, for the board's cards. Starts from the tails
 * of the active sub-agent sessions, then follows `session_output` events; a session that ends takes its
 * line with it.
 */
@Injectable({ providedIn: 'root' })
export class LatestOutputStore {
  private readonly sessionsApi = inject(AgentsApi);
  private readonly outputApi = inject(SessionOutputApi);
  private readonly byTask = signal<ReadonlyMap<string, LatestLine>>(new Map());
  /** Sessions known to have ended: a late tail read must not bring their line back. */
  private readonly ended = new Set<string>();
  private loading = false;

  constructor() {
    const realtime = inject(RealtimeService);
    realtime.events$.pipe(takeUntilDestroyed()).subscribe((event) => this.apply(event));
    realtime.ready$
      .pipe(
        filter((ready) => !ready.resumed),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.load());
    this.load();
  }

  latest(taskId: string): LatestLine | undefined {
    return this.byTask().get(taskId);
  }

  load(): void {
    if (this.loading) return;
    this.loading = true;
    this.sessionsApi.listSessions({ session_type: 'subagent', status: 'active' }).subscribe({
      next: (sessions) => {
        this.loading = false;
        for (const session of sessions.slice(0, MAX_SESSIONS_READ)) {
          if (!session.task_id) continue;
          const taskId = session.task_id;
          this.outputApi.read(session.id, { tail: true, limit: TAIL_LINES }, true).subscribe({
            next: (lines) => {
              const text = latestVisibleLine(lines.map((line) => line.text));
              if (text !== null && lines.length) this.offer(taskId, { sessionId: session.id, seq: lines.at(-1)!.seq, text });
            },
            error: () => undefined,
          });
        }
      },
      error: () => (this.loading = false),
    });
  }

  apply(event: MissionEvent): void {
    if (event.type === 'session_output') {
      const { taskId, sessionId, to, lines } = event.payload;
      const text = latestVisibleLine(lines);
      if (taskId && text !== null) this.offer(taskId, { sessionId, seq: to, text });
      return;
    }
    if (event.type === 'task_deleted') {
      this.drop(event.payload.id);
      return;
    }
    const session = sessionOf(event);
    if (session && session.status !== 'active') {
      if (session.status !== 'stale') this.ended.add(session.id); // a stale one may come back

      const taskId = session.task_id ?? event.task_id;
      if (taskId && this.byTask().get(taskId)?.sessionId === session.id) this.drop(taskId);
    }
  }

  private offer(taskId: string, line: LatestLine): void {
    if (this.ended.has(line.sessionId)) return;
    const held = this.byTask().get(taskId);
    if (held && held.sessionId === line.sessionId && held.seq >= line.seq) return;
    this.byTask.update((map) => new Map(map).set(taskId, line));
  }

  private drop(taskId: string): void {
    if (!this.byTask().has(taskId)) return;
    this.byTask.update((map) => {
      const next = new Map(map);
      next.delete(taskId);
      return next;
    });
  }
}
