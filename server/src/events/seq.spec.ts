import { parseSeq } from './seq';

describe('parseSeq', () => {
  it('reads a sequence number from a header, a query string or a JSON number', () => {
    expect(parseSeq('0')).toBe(0);
    expect(parseSeq('42')).toBe(42);
    expect(parseSeq(42)).toBe(42);
  });

  it('says "none given" for absent values', () => {
    expect(parseSeq(undefined)).toBeUndefined();
    expect(parseSeq(null)).toBeUndefined();
    expect(parseSeq('')).toBeUndefined();
  });

  it('says "invalid" for anything that is not a non-negative safe integer', () => {
    for (const bad of ['-1', '1.5', 'abc', '1e400', -3, 2.5, Number.MAX_SAFE_INTEGER + 2, {}, [], true]) expect(parseSeq(bad)).toBeNull();
  });
});
