import { InjectionToken } from '@angular/core';

const STORAGE_KEY = 'mc_token';

/**
 * The API token when the server runs with `MC_API_TOKEN`. Read from `?token=` once (then remembered) or from
 * localStorage `mc_token`; unset means an open server.
 */
export const API_TOKEN = new InjectionToken<() => string | null>('API_TOKEN', {
  providedIn: 'root',
  factory: () => () => {
    if (typeof window === 'undefined') return null;
    try {
      const fromUrl = new URLSearchParams(window.location.search).get('token');
      if (fromUrl) {
        window.localStorage.setItem(STORAGE_KEY, fromUrl);
        return fromUrl;
      }
      return window.localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  },
});
