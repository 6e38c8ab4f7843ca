/** Field limits every writer must respect; the server enforces them, the client uses them in forms. */
export const LIMITS = {
  id: 200,
  title: 200,
  description: 10_000,
  name: 100,
  role: 100,
  emoji: 16,
  message: 5_000,
  metadataBytes: 64 * 1024,
  /** Objects and arrays inside one another in a request body, at most. */
  jsonDepth: 64,
  path: 2_000,
  summary: 10_000,
  channel: 100,
  listDefault: 500,
  listMax: 5_000,
  eventsDefault: 1_000,
  eventsMax: 10_000,
} as const;

/** ISO-8601 UTC timestamp with milliseconds, e.g. `2026-11-26T12:00:00.000Z`. */
export type IsoTimestamp = string;
