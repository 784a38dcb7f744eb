import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats for the same seed and differs for another', () => {
    const first = seededRandom(138);
    const second = seededRandom(138);
    const other = seededRandom(139);
    const a = Array.from({ length: 5 }, first);
    expect(Array.from({ length: 5 }, second)).toEqual(a);
    expect(Array.from({ length: 5 }, other)).not.toEqual(a);
  });

  it('spreads evenly over [0, 1)', () => {
    const random = seededRandom(1);
    const bins = new Array(10).fill(0);
    for (let k = 0; k < 100_000; k++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      bins[Math.floor(value * 10)]++;
    }
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
