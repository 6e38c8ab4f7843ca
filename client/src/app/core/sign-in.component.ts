import { HttpClient, HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { API_BASE } from './api-base';
import { AuthSession } from './api-token';
import { SILENT_ERRORS } from './error.interceptor';

/**
 * The sign-in screen, shown when the server answers 401: the token is checked against the server, kept
 * for this browser session, and the dashboard starts again with it. Signed in, a small "Sign out" button.
 */
@Component({
  selector: 'mc-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (session.signInRequired()) {
      <div class="backdrop">
        <form class="card" data-testid="sign-in" (submit)="signIn($event, tokenInput.value)" aria-labelledby="sign-in-title">
          <h1 id="sign-in-title">Sign in to Mission Control</h1>
          <p class="hint">This server needs an API token: the operator's <code>MC_API_TOKEN</code>, or a viewer or agent token issued with <code>POST /api/tokens</code>.</p>
          <label for="sign-in-token">API token</label>
          <input #tokenInput id="sign-in-token" data-testid="sign-in-token" type="password" autocomplete="current-password" required autofocus />
          @if (problem()) {
            <p class="problem" role="alert" data-testid="sign-in-error">{{ problem() }}</p>
          }
          <button class="btn btn-primary" type="submit" data-testid="sign-in-submit" [disabled]="checking()">{{ checking() ? 'Checking…' : 'Sign in' }}</button>
          <p class="hint">The token is kept for this browser tab only and never put in a link.</p>
        </form>
      </div>
    } @else if (session.token()) {
      <button type="button" class="btn btn-sm btn-ghost sign-out" data-testid="sign-out" (click)="session.signOut()">Sign out</button>
    }
  `,
  styles: `
    .backdrop { position: fixed; inset: 0; z-index: 200; display: grid; place-items: center; background: rgba(5, 8, 16, 0.88); backdrop-filter: blur(6px); }
    .card { width: min(420px, calc(100vw - 32px)); display: flex; flex-direction: column; gap: 10px; padding: 24px; border-radius: var(--radius); border: 1px solid var(--border-strong); background: var(--surface); }
    h1 { margin: 0 0 4px; font-size: 18px; }
    label { font-size: 13px; font-weight: 600; }
    input { padding: 9px 11px; border-radius: 8px; border: 1px solid var(--border-strong); background: var(--bg-2); color: var(--text); font: inherit; }
    .hint { margin: 0; font-size: 12px; color: var(--muted); }
    .problem { margin: 0; font-size: 13px; color: var(--red); }
    .sign-out { position: fixed; left: 12px; bottom: 12px; z-index: 50; }
  `,
})
export class SignInComponent {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE);
  protected readonly session = inject(AuthSession);
  protected readonly problem = signal<string | null>(null);
  protected readonly checking = signal(false);

  protected signIn(event: Event, value: string): void {
    event.preventDefault();
    const token = value.trim();
    if (!token) return;
    this.checking.set(true);
    this.problem.set(null);
    this.http
      .get(`${this.base}/stats`, { headers: { Authorization: `Bearer ${token}` }, context: new HttpContext().set(SILENT_ERRORS, true) })
      .subscribe({
        next: () => this.session.signIn(token),
        error: (error: { status?: number; message?: string }) => {
          this.checking.set(false);
          this.problem.set(error.status === 401 ? 'The server refused this token.' : (error.message ?? 'Could not reach the server.'));
        },
      });
  }
}
