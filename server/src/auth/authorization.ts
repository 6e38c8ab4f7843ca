import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';

/**
 * Whether a request may go ahead: always when no `MC_API_TOKEN` is configured, otherwise only with
 * that exact token (compared in constant time). Shared by REST, and by the Socket.IO, SSE and WS
 * transports with the token they receive (`auth.token`, `?token=`).
 */
export function isAuthorized(config: Pick<AppConfig, 'apiToken'>, tokenFromRequest: string | null | undefined): boolean {
  if (!config.apiToken) return true;
  if (typeof tokenFromRequest !== 'string' || tokenFromRequest === '') return false;
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const expected = createHash('sha256').update(config.apiToken).digest();
  const given = createHash('sha256').update(tokenFromRequest).digest();
  return timingSafeEqual(expected, given);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | string[] | undefined): string | null {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
