import { nestedDeeperThan } from './json-body';

describe('nestedDeeperThan', () => {
  it('counts objects and arrays inside one another', () => {
    expect(nestedDeeperThan('{"a":[1,{"b":[]}]}', 4)).toBe(false);
    expect(nestedDeeperThan('{"a":[1,{"b":[]}]}', 3)).toBe(true);
    expect(nestedDeeperThan('[[],[],[],[]]', 2)).toBe(false);
    expect(nestedDeeperThan('"plain"', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestedDeeperThan(JSON.stringify({ a: '[[[[{{{{', b: 'say \\"[[[" twice', c: '\\' }), 1)).toBe(false);
    expect(nestedDeeperThan(JSON.stringify({ a: '"', b: [[[]]] }), 3)).toBe(true);
  });
});
