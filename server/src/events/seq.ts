/**
 * The one parser for a resume point (`Last-Event-ID`, `?since=`, Socket.IO `lastSeq`):
 * `undefined` when none was given, `null` when one was given but is not a sequence number.
 */
export function parseSeq(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const seq = typeof value === 'string' ? Number(value) : value;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
}
