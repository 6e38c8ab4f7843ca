import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { SessionOutputStore } from './session-output.store';
import { firstSeq, hasEarlier, isNearBottom, newerCount } from './terminal-buffer';

/**
 * One session's output as a terminal shows it: monospace, stderr in red, following the tail while the
 * reader is at the bottom; scrolling up stops following and offers "Jump to latest"; older lines page in
 * from the top.
 */
@Component({
  selector: 'mc-session-terminal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="terminal-wrap" data-testid="session-terminal" [attr.data-session-id]="sessionId()">
      @if (earlier()) {
        <button type="button" class="btn btn-ghost btn-sm earlier" data-testid="output-load-earlier" (click)="loadEarlier()">Load earlier output</button>
      }
      <div #scroller class="terminal" role="log" aria-label="Sub-agent output" tabindex="0" data-testid="session-output" (scroll)="trackScroll()">
        @for (line of state().lines; track line.seq) {
          <div class="line" [class.stderr]="line.stream === 'stderr'" [class.log]="line.stream === 'log'" data-testid="output-line" [attr.data-seq]="line.seq" [attr.data-stream]="line.stream"><span class="no" aria-hidden="true">{{ line.seq }}</span><span class="text">{{ line.text }}</span></div>
        } @empty {
          <div class="quiet" data-testid="output-empty">{{ state().loaded ? (active() ? 'Waiting for output…' : 'No output.') : 'Loading output…' }}</div>
        }
      </div>
      @if (!following() || newer() > 0) {
        <button type="button" class="btn btn-sm jump" data-testid="output-jump-latest" (click)="jumpToLatest()">
          Jump to latest{{ newer() > 0 ? ' (' + newer() + ' new)' : '' }} ↓
        </button>
      }
    </div>
  `,
  styles: `
    .terminal-wrap { position: relative; display: flex; flex-direction: column; gap: 6px; }
    .earlier { align-self: center; }
    .terminal {
      min-height: 64px; max-height: 320px; overflow: auto; padding: 8px 0; border-radius: var(--radius-sm); border: 1px solid var(--border);
      background: #05080f; font: 12px/1.5 var(--mono); color: #d6deeb;
    }
    .line { display: flex; gap: 12px; padding: 0 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .line:hover { background: rgba(255, 255, 255, 0.03); }
    .no { flex: none; min-width: 4ch; text-align: right; color: #4b5877; user-select: none; }
    .text { min-width: 0; }
    .stderr .text { color: #ff8a95; }
    .log .text { color: var(--amber); font-style: italic; }
    .quiet { padding: 4px 12px; color: var(--muted); }
    .jump { position: absolute; right: 14px; bottom: 12px; box-shadow: var(--shadow); }
  `,
})
export class SessionTerminalComponent {
  private readonly store = inject(SessionOutputStore);
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  readonly sessionId = input.required<string>();
  readonly active = input(false);

  protected readonly state = computed(() => this.store.terminal(this.sessionId()));
  protected readonly earlier = computed(() => hasEarlier(this.state()));
  protected readonly newer = computed(() => newerCount(this.state()));
  /** At the bottom: new lines keep the view there. Scrolling up turns it off, reaching the bottom on again. */
  protected readonly following = signal(true);
  /** Set while older lines are prepended, so the lines on screen stay where they are. */
  private anchor: { height: number; top: number; first: number } | null = null;

  constructor() {
    effect(() => {
      const id = this.sessionId();
      untracked(() => this.store.open(id));
    });
    afterRenderEffect({
      write: () => {
        const state = this.state(); // re-run whenever the lines change
        const box = this.scroller().nativeElement;
        if (this.anchor && firstSeq(state) !== this.anchor.first) {
          box.scrollTop = this.anchor.top + (box.scrollHeight - this.anchor.height);
          this.anchor = null;
        } else if (!this.anchor && untracked(this.following)) {
          box.scrollTop = box.scrollHeight;
        }
      },
    });
  }

  protected trackScroll(): void {
    this.following.set(isNearBottom(this.scroller().nativeElement));
  }

  protected loadEarlier(): void {
    const box = this.scroller().nativeElement;
    this.anchor = { height: box.scrollHeight, top: box.scrollTop, first: firstSeq(this.state()) };
    this.following.set(false);
    this.store.loadEarlier(this.sessionId());
  }

  protected jumpToLatest(): void {
    this.following.set(true);
    this.store.jumpToLatest(this.sessionId());
    const box = this.scroller().nativeElement;
    box.scrollTop = box.scrollHeight;
  }
}
