import { Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SessionOutputPayload } from '@mission-control/shared';
import { filter } from 'rxjs';
import { RealtimeService } from '../core/realtime.service';
import { SessionOutputApi } from './session-output.api';
import {
  TerminalLine,
  TerminalState,
  emptyTerminal,
  firstSeq,
  fromRest,
  lastSeq,
  linesOf,
  needsFill,
  withEarlier,
  withNewer,
  withTail,
} from './terminal-buffer';

/** Lines read per page (the first load, paging back, filling a gap). */
export const PAGE_LINES = 500;

/**
 * The terminals of the sessions on screen: each opened session starts from the tail of its output (REST)
 * and then follows `session_output` events; lines arriving while a page loads are kept and applied on top.
 * Provided by the Sessions tab, so it lives as long as the tab does.
 */
@Injectable()
export class SessionOutputStore {
  private readonly api = inject(SessionOutputApi);
  private readonly terminals = signal<ReadonlyMap<string, TerminalState>>(new Map());
  /** Live lines received while the session's first page is in flight. */
  private readonly pending = new Map<string, TerminalLine[]>();
  private readonly busy = new Set<string>();

  constructor() {
    const realtime = inject(RealtimeService);
    realtime
      .on('session_output')
      .pipe(takeUntilDestroyed())
      .subscribe((event) => this.receive(event.payload));
    // A fresh connection may have missed lines: start each open terminal from the tail again.
    realtime.ready$
      .pipe(
        filter((ready) => !ready.resumed),
        takeUntilDestroyed(),
      )
      .subscribe(() => [...this.terminals().keys()].forEach((id) => this.loadTail(id)));
  }

  terminal(sessionId: string): TerminalState {
    return this.terminals().get(sessionId) ?? emptyTerminal();
  }

  /** Starts showing a session: reads its tail once, then follows it live. */
  open(sessionId: string): void {
    if (this.terminals().has(sessionId)) return;
    this.set(sessionId, emptyTerminal());
    this.loadTail(sessionId);
  }

  receive(payload: SessionOutputPayload): void {
    if (!this.terminals().has(payload.sessionId)) return;
    const lines = linesOf(payload);
    const waiting = this.pending.get(payload.sessionId);
    if (waiting) {
      waiting.push(...lines);
      return;
    }
    this.set(payload.sessionId, withNewer(this.terminal(payload.sessionId), lines));
    this.fillGap(payload.sessionId);
  }

  loadEarlier(sessionId: string): void {
    const state = this.terminal(sessionId);
    if (this.busy.has(sessionId) || firstSeq(state) <= 1) return;
    this.busy.add(sessionId);
    this.api.read(sessionId, { before: firstSeq(state), limit: PAGE_LINES }).subscribe({
      next: (page) => this.set(sessionId, withEarlier(this.terminal(sessionId), fromRest(page))),
      error: () => this.busy.delete(sessionId),
      complete: () => this.busy.delete(sessionId),
    });
  }

  /** Back to the newest lines, following them again. */
  jumpToLatest(sessionId: string): void {
    const state = this.terminal(sessionId);
    if (!state.detached) return;
    this.loadTail(sessionId);
  }

  private loadTail(sessionId: string): void {
    this.pending.set(sessionId, []);
    this.api.read(sessionId, { tail: true, limit: PAGE_LINES }).subscribe({
      next: (page) => {
        const live = this.pending.get(sessionId) ?? [];
        this.pending.delete(sessionId);
        this.set(sessionId, withNewer(withTail(this.terminal(sessionId), fromRest(page)), live));
        this.fillGap(sessionId);
      },
      error: () => {
        this.pending.delete(sessionId);
        this.set(sessionId, { ...this.terminal(sessionId), loaded: true });
      },
    });
  }

  /** Lines went missing between the window and a live event (e.g. events arrived out of a page's reach): read them. */
  private fillGap(sessionId: string): void {
    if (this.busy.has(sessionId) || !needsFill(this.terminal(sessionId))) return;
    this.busy.add(sessionId);
    this.api.read(sessionId, { after: lastSeq(this.terminal(sessionId)), limit: PAGE_LINES * 2 }).subscribe({
      next: (page) => {
        this.busy.delete(sessionId);
        const before = lastSeq(this.terminal(sessionId));
        this.set(sessionId, withNewer(this.terminal(sessionId), fromRest(page)));
        if (lastSeq(this.terminal(sessionId)) > before) this.fillGap(sessionId);
      },
      error: () => this.busy.delete(sessionId),
    });
  }

  private set(sessionId: string, state: TerminalState): void {
    this.terminals.update((map) => new Map(map).set(sessionId, state));
  }
}
