import { InjectionToken } from '@angular/core';

/** Base URL of the REST API; the server serves the client on the same origin. */
export const API_BASE = new InjectionToken<string>('API_BASE', { providedIn: 'root', factory: () => '/api' });
