import { isoTimestamp, isoTimestampOrNull } from './timestamps';

describe('isoTimestamp', () => {
  it.each([
    ['2026-01-22T08:00:00.000Z', '2026-01-22T08:00:00.000Z'], // ours, as is
    ['2026-01-22 08:00:00', '2026-01-22T08:00:00.000Z'], // SQLite datetime('now'): UTC without a zone
    ['2026-01-22 08:00:00.5', '2026-01-22T08:00:00.500Z'],
    ['2026-01-22T08:00', '2026-01-22T08:00:00.000Z'],
    ['2026-01-22T10:00:00+02:00', '2026-01-22T08:00:00.000Z'],
    ['2026-01-22t08:00:00z', '2026-01-22T08:00:00.000Z'],
  ])('%s → %s', (stored, shown) => {
    expect(isoTimestamp(stored)).toBe(shown);
  });

  it.each(['2026-02-01', 'next Tuesday', '', '2026-13-45 99:99:99'])('leaves what is no date and time as stored: %j', (stored) => {
    expect(isoTimestamp(stored)).toBe(stored);
  });

  it('keeps null as null', () => {
    expect(isoTimestampOrNull(null)).toBeNull();
    expect(isoTimestampOrNull(undefined)).toBeNull();
    expect(isoTimestampOrNull('2026-01-22 08:00:00')).toBe('2026-01-22T08:00:00.000Z');
  });
});
