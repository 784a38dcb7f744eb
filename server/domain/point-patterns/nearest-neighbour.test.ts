import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import {
  averageDistanceToNearestNeighbours,
  averageNearestNeighbourDistance,
  nearestNeighbourDistances,
} from './nearest-neighbour';

function lattice(side: number, spacing: number) {
  const x = new Float64Array(side * side);
  const y = new Float64Array(side * side);
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      x[row * side + column] = 1000 + column * spacing;
      y[row * side + column] = 2000 + row * spacing;
    }
  }
  return { x, y };
}

describe('averageNearestNeighbourDistance', () => {
  it('measures a square lattice: every nearest neighbour one spacing away', () => {
    // 10 × 10 points 1 apart: A = 9 × 9 = 81, D̄e = 0.5 / √(100/81) = 0.45, SE = 0.26136 / √(10000/81) = 0.0235224.
    const { x, y } = lattice(10, 1);
    const result = averageNearestNeighbourDistance(x, y);
    expect(result.count).toBe(100);
    expect(result.area).toBe(81);
    expect(result.observedMeanDistance).toBe(1);
    expect(result.expectedMeanDistance).toBeCloseTo(0.45, 14);
    expect(result.ratio).toBeCloseTo(1 / 0.45, 13);
    expect(result.z).toBeCloseTo(0.55 / 0.0235224, 10);
    expect(result.p).toBeLessThan(1e-100);
    expect(Array.from(result.distances).every((distance) => distance === 1)).toBe(true);
  });

  it('matches hand-computed values for three points and a given area', () => {
    // Nearest distances 3, 3 and 4: D̄o = 10/3. With A = 12: D̄e = 0.5 / √(3/12) = 1, SE = 0.26136 / √(9/12).
    const x = Float64Array.of(0, 3, 0);
    const y = Float64Array.of(0, 0, 4);
    const result = averageNearestNeighbourDistance(x, y);
    expect(result.area).toBe(12);
    expect(result.observedMeanDistance).toBeCloseTo(10 / 3, 14);
    expect(result.expectedMeanDistance).toBeCloseTo(1, 14);
    expect(result.z).toBeCloseTo((10 / 3 - 1) / (0.26136 / Math.sqrt(0.75)), 12);
    // With a study area of 300: D̄e = 0.5 / √(3/300) = 5, SE = 0.26136 / √(9/300); clustered, z < 0.
    const inTown = averageNearestNeighbourDistance(x, y, 300);
    expect(inTown.expectedMeanDistance).toBeCloseTo(5, 14);
    expect(inTown.ratio).toBeCloseTo(2 / 3, 14);
    expect(inTown.z).toBeCloseTo((10 / 3 - 5) / (0.26136 / Math.sqrt(0.03)), 12);
    // z = −1.1045115342623695; p = erfc(|z| / √2), computed independently.
    expect(inTown.z).toBeCloseTo(-1.1045115342623695, 12);
    expect(inTown.p).toBeCloseTo(0.26937130292149947, 12);
  });

  it('gives a ratio near 1 for a random pattern', () => {
    const random = seededRandom(21);
    const count = 20_000;
    const x = Float64Array.from({ length: count }, () => random() * 1000);
    const y = Float64Array.from({ length: count }, () => random() * 1000);
    const result = averageNearestNeighbourDistance(x, y, 1000 * 1000);
    // Edge effects push the ratio slightly above 1 in a finite square.
    expect(result.ratio).toBeGreaterThan(0.98);
    expect(result.ratio).toBeLessThan(1.04);
  });

  it('treats coincident points as each other’s nearest neighbours', () => {
    const result = averageNearestNeighbourDistance(Float64Array.of(0, 0, 10), Float64Array.of(0, 0, 10));
    expect(Array.from(result.distances)).toEqual([0, 0, Math.hypot(10, 10)]);
  });

  it('rejects too few points, a line without an area and a bad area, in both languages', () => {
    expect(() => averageNearestNeighbourDistance(Float64Array.of(1), Float64Array.of(1))).toThrow(
      BilingualError,
    );
    expect(() => averageNearestNeighbourDistance(Float64Array.of(0, 1, 2), Float64Array.of(5, 5, 5))).toThrow(
      /study area/,
    );
    expect(
      averageNearestNeighbourDistance(Float64Array.of(0, 1, 2), Float64Array.of(5, 5, 5), 10).ratio,
    ).toBeCloseTo(1 / (0.5 / Math.sqrt(0.3)), 12);
    expect(() => averageNearestNeighbourDistance(Float64Array.of(0, 1), Float64Array.of(0, 1), 0)).toThrow(
      BilingualError,
    );
  });
});

describe('nearestNeighbourDistances', () => {
  it('agrees with brute force for the 1st and k-th nearest neighbours', () => {
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
          const mean = nearestNeighbourDistances(x, y, used, true);
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
            const expectedMean = others.slice(0, used).reduce((a, b) => a + b, 0) / used;
            expect(mean[i]).toBeCloseTo(expectedMean, 10);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('averages the distance to the k nearest neighbours over all points', () => {
    const { x, y } = lattice(5, 2);
    // Corner points have 2 neighbours at 2 and the next at 2√2; every point has at least 2 at distance 2.
    expect(averageDistanceToNearestNeighbours(x, y, 1)).toBe(2);
    expect(averageDistanceToNearestNeighbours(x, y, 2)).toBe(2);
    // Three points, k larger than the others: all other points are used.
    expect(
      averageDistanceToNearestNeighbours(Float64Array.of(0, 3, 0), Float64Array.of(0, 0, 4), 30),
    ).toBeCloseTo((3 + 4 + 3 + 5 + 4 + 5) / 6, 12);
    expect(() => averageDistanceToNearestNeighbours(x, y, 0)).toThrow(BilingualError);
  });
});
