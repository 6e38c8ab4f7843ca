import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether `given` is `expected`, in constant time whatever the lengths (both sides are hashed first). */
export function sameSecret(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The secret an `Authorization` header presents: null without one, '' when it is not `Bearer <token>`. */
export function presentedBearer(authorization: string | string[] | undefined): string | null {
  return authorization === undefined ? null : (bearerToken(authorization) ?? '');
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | string[] | undefined): string | null {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
