let last = 0;

/**
 * The server's timestamp: ISO-8601 UTC with milliseconds, never earlier than the one before it in this process
 * (a clock stepped back does not reorder rows). Rows written in the same millisecond share it: lists order ties by
 * id, and ids (UUIDv7, see ids.ts) increase within a millisecond. Forcing each timestamp one millisecond past the
 * last, as this did before, ran the clock ahead of real time under load: a thousand activities a second ahead.
 */
export function now(): string {
  last = Math.max(Date.now(), last);
  return new Date(last).toISOString();
}
