// The simulators' seeded randomness: the PRNG's sequence is pinned (every
// simulator's seeded calls depend on it), and the draw helpers keep to their
// ranges and weights.
import { describe, expect, it } from 'vitest';
import { between, hexDigits, pick, seededRandom, weighted } from '../../sim/random.ts';

describe('sim/random', () => {
  it('seededRandom is mulberry32: seed 42 starts 0.6011…, 0.4482…, 0.8524…', () => {
    const r = seededRandom(42);
    expect([r(), r(), r()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect(Array.from({ length: 100 }, a)).toEqual(Array.from({ length: 100 }, b));
  });

  it('between stays within its ends and reaches both', () => {
    const r = seededRandom(1);
    const seen = new Set(Array.from({ length: 2_000 }, () => between(r, 3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('pick and hexDigits draw from what they are given', () => {
    const r = seededRandom(2);
    const items = ['a', 'b', 'c'] as const;
    expect(new Set(Array.from({ length: 200 }, () => pick(r, items)))).toEqual(new Set(items));
    expect(hexDigits(r, 26)).toMatch(/^[0-9a-f]{26}$/);
  });

  it('weighted compares one draw with the running sum; the last item takes the remainder', () => {
    const mix: Array<[string, number]> = [['x', 0.5], ['y', 0.3], ['z', 0.2]];
    expect(weighted(() => 0.49, mix)[0]).toBe('x');
    expect(weighted(() => 0.5, mix)[0]).toBe('y');
    expect(weighted(() => 0.81, mix)[0]).toBe('z');
    expect(weighted(() => 0.99, [['x', 0.5], ['y', 0.3]] as Array<[string, number]>)[0]).toBe('y');
  });
});
