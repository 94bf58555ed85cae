import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntSet } from './int-set.js';

describe('Class: IntSet', () => {
  it('answers membership exactly like a Set, through every growth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x7ffffffe }), { maxLength: 2000 }), fc.array(fc.integer({ min: 0, max: 0x7ffffffe }), { maxLength: 200 }), (added, probes) => {
        const set = new IntSet(4);
        const reference = new Set<number>();
        for (const k of added) expect(set.add(k)).toBe(!reference.has(k) && Boolean(reference.add(k)));
        expect(set.size).toBe(reference.size);
        for (const k of [...added, ...probes]) expect(set.has(k)).toBe(reference.has(k));
      }),
      { numRuns: 50 },
    );
  });

  it.each([-1, 0.5, 2 ** 31, Number.NaN])('rejects the key %s instead of mis-storing it', (key) => {
    expect(() => new IntSet().add(key)).toThrow(RangeError);
  });
});
