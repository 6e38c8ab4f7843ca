let last = 0;

/**
 * The server's timestamp: ISO-8601 UTC with milliseconds, strictly increasing within this process,
 * so rows written one after another never share a timestamp and sort in the order they were written.
 */
export function now(): string {
  const current = Math.max(Date.now(), last + 1);
  last = current;
  return new Date(current).toISOString();
}
