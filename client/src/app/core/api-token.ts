import { Injectable, InjectionToken, inject, signal } from '@angular/core';

const STORAGE_KEY = 'mc_token';

/**
 * The API token of this browser session, when the server runs with `MC_API_TOKEN`. Kept in
 * sessionStorage (gone when the tab closes), never in localStorage and never left in the address bar:
 * a `?token=` link signs in once and is removed from the URL at start-up.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly current = signal<string | null>(takeInitialToken());
  private readonly refused = signal(false);

  readonly token = this.current.asReadonly();
  /** The server answered 401: show the sign-in screen. */
  readonly signInRequired = this.refused.asReadonly();

  requireSignIn(): void {
    this.refused.set(true);
  }

  /** Keeps `token` for this browser session and starts the dashboard again with it. */
  signIn(token: string): void {
    storage()?.setItem(STORAGE_KEY, token);
    this.current.set(token);
    window.location.reload();
  }

  signOut(): void {
    storage()?.removeItem(STORAGE_KEY);
    this.current.set(null);
    window.location.reload();
  }
}

/** The token every API call and the live connection send; null on an open server. */
export const API_TOKEN = new InjectionToken<() => string | null>('API_TOKEN', {
  providedIn: 'root',
  factory: () => {
    const session = inject(AuthSession);
    return () => session.token();
  },
});

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

/** `?token=` (then removed from the address bar), else this session's token. An old localStorage copy moves over. */
function takeInitialToken(): string | null {
  if (typeof window === 'undefined') return null;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  let legacy: string | null = null;
  try {
    legacy = window.localStorage.getItem(STORAGE_KEY);
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage disabled */
  }
  const token = fromUrl || storage()?.getItem(STORAGE_KEY) || legacy;
  if (token) storage()?.setItem(STORAGE_KEY, token);
  return token || null;
}
