/** `MC_RATE_LIMIT` counts requests per minute: the throttler's window, for REST and the streams alike. */
export const RATE_WINDOW_MS = 60_000;

/** The one wording of a 429, REST or stream. */
export const rateLimitMessage = (limit: number, retryAfterSeconds: number): string =>
  `Rate limit of ${limit} requests per minute exceeded; retry in ${Math.max(1, retryAfterSeconds)} s`;
