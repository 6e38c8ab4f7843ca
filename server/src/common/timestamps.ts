/** `2026-01-22T08:00:00.000Z`: what this server writes and every response carries. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A date and time of day, as SQLite's `datetime('now')` writes it (`2026-01-22 08:00:00`, UTC without a
 * zone) or as any ISO-8601 writer does (`T`, optional seconds and fraction, optional `Z` or offset).
 */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The one normaliser for timestamps read from the database: ISO-8601 UTC with milliseconds.
 * Rows written by the original Mission Control carry `datetime('now')` values, which are UTC; they
 * are presented like ours but never rewritten in the file. Anything else (a bare date such as a
 * `due_date` of `2026-02-01`, or text that is no timestamp) is returned as stored.
 */
export function isoTimestamp(value: string): string {
  // A NULL the original let through in a NOT NULL-less column stays what it is.
  if (typeof value !== 'string' || CANONICAL.test(value)) return value;
  const match = DATE_TIME.exec(value);
  if (!match) return value;
  const [, date, time, zone] = match;
  const parsed = Date.parse(`${date}T${time}${zone ? zone.toUpperCase() : 'Z'}`);
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
}

export function isoTimestampOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : isoTimestamp(value);
}
