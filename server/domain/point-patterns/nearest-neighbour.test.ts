import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import { nearestNeighbourDistances } from './nearest-neighbour';

describe('nearestNeighbourDistances', () => {
  it('agrees with brute force for the k-th nearest neighbour', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 2, max: 300 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (seed, count, k, onLattice) => {
          const random = seededRandom(seed);
          const coordinate = () => (onLattice ? Math.floor(random() * 15) : random() * 100);
          const x = Float64Array.from({ length: count }, coordinate);
          const y = Float64Array.from({ length: count }, coordinate);
          const used = Math.min(k, count - 1);
          const kth = nearestNeighbourDistances(x, y, used);
          for (let i = 0; i < count; i++) {
            const others: number[] = [];
            for (let j = 0; j < count; j++) {
              if (j !== i)
                others.push(
                  Math.hypot((x[j] as number) - (x[i] as number), (y[j] as number) - (y[i] as number)),
                );
            }
            others.sort((a, b) => a - b);
            expect(kth[i]).toBeCloseTo(others[used - 1] as number, 10);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
