import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import { dbscan, NOISE } from './dbscan';

/**
 * Reference DBSCAN straight from Ester et al. (1996) with scikit-learn's conventions, O(n²): neighbourhoods by
 * brute force (distance ≤ epsilon, the point itself included), clusters grown from core points in input order.
 */
function bruteForceDbscan(x: number[], y: number[], epsilon: number, minimumPoints: number) {
  const count = x.length;
  const neighbours: number[][] = [];
  for (let i = 0; i < count; i++) {
    const list: number[] = [];
    for (let j = 0; j < count; j++) {
      const dx = (x[j] as number) - (x[i] as number);
      const dy = (y[j] as number) - (y[i] as number);
      if (dx * dx + dy * dy <= epsilon * epsilon) list.push(j);
    }
    neighbours.push(list);
  }
  const core = neighbours.map((list) => list.length >= minimumPoints);
  const labels = new Array<number>(count).fill(-1);
  let cluster = 0;
  for (let seed = 0; seed < count; seed++) {
    if (!core[seed] || labels[seed] !== -1) continue;
    const queue = [seed];
    labels[seed] = cluster;
    while (queue.length > 0) {
      const point = queue.shift() as number;
      for (const neighbour of neighbours[point] as number[]) {
        if (labels[neighbour] !== -1) continue;
        labels[neighbour] = cluster;
        if (core[neighbour]) queue.push(neighbour);
      }
    }
    cluster++;
  }
  return { labels, core };
}

function run(points: [number, number][], epsilon: number, minimumPoints: number): number[] {
  const x = Float64Array.from(points, (point) => point[0]);
  const y = Float64Array.from(points, (point) => point[1]);
  return Array.from(dbscan(x, y, epsilon, minimumPoints));
}

describe('dbscan', () => {
  it('finds two groups and leaves a lone point as noise', () => {
    const labels = run(
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [10, 10],
        [10, 11],
        [11, 10],
        [50, 50],
      ],
      1.5,
      3,
    );
    expect(labels).toEqual([0, 0, 0, 1, 1, 1, NOISE]);
  });

  it('counts the point itself toward the minimum, as scikit-learn does', () => {
    // Each point has exactly one other point within 1: two points in its neighbourhood, itself included.
    const pair: [number, number][] = [
      [0, 0],
      [1, 0],
    ];
    expect(run(pair, 1, 2)).toEqual([0, 0]);
    expect(run(pair, 1, 3)).toEqual([NOISE, NOISE]);
    expect(run([[5, 5]], 1, 1)).toEqual([0]);
  });

  it('includes points at exactly epsilon', () => {
    expect(
      run(
        [
          [0, 0],
          [3, 4],
          [6, 8],
        ],
        5,
        2,
      ),
    ).toEqual([0, 0, 0]);
  });

  it('numbers clusters in order of discovery and gives a shared border point to the first cluster', () => {
    // Cluster B around x = 4 and cluster A around x = 0; the point at x = 2 is within 1.6 of one core point of
    // each (x = 3.5 and x = 0.5) but has only three points in its neighbourhood, itself included.
    const points: [number, number][] = [
      [4, 0],
      [3.5, 0],
      [4.5, 0],
      [4, 0.5],
      [4, -0.5],
      [2, 0],
      [0, 0],
      [0.5, 0],
      [-0.5, 0],
      [0, 0.5],
      [0, -0.5],
    ];
    const labels = run(points, 1.6, 4);
    // B contains point 0, so B is cluster 0 and A is cluster 1; the border point joins B, the first to reach it.
    expect(labels).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // Listed the other way round, A is discovered first and the border point joins A.
    const reversed = run([...points].reverse(), 1.6, 4);
    expect(reversed).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('chains core points into one cluster', () => {
    const points: [number, number][] = Array.from({ length: 20 }, (_, index) => [index, 0]);
    expect(new Set(run(points, 1, 3))).toEqual(new Set([0]));
  });

  it('handles duplicates and an empty input', () => {
    expect(
      run(
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
        0.001,
        3,
      ),
    ).toEqual([0, 0, 0]);
    expect(run([], 1, 3)).toEqual([]);
  });

  it('agrees with the brute-force reference on random point sets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 250 }),
        fc.oneof(fc.double({ min: 0.2, max: 15, noNaN: true }), fc.constantFrom(0.5, 1, 1.5, 2.5, 5)),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        (seed, count, epsilon, minimumPoints, onLattice) => {
          const random = seededRandom(seed);
          // Lattice points put many pairs at exactly epsilon and many points on cell boundaries.
          const coordinate = () => (onLattice ? Math.floor(random() * 40) * 0.5 : random() * 60 - 20);
          const x = Array.from({ length: count }, coordinate);
          const y = Array.from({ length: count }, coordinate);
          const reference = bruteForceDbscan(x, y, epsilon, minimumPoints);
          const labels = Array.from(
            dbscan(Float64Array.from(x), Float64Array.from(y), epsilon, minimumPoints),
          );
          // Same core points with the same partition, same border assignment and noise: the labels are equal.
          expect(labels).toEqual(reference.labels);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects impossible parameters with bilingual messages', () => {
    const x = Float64Array.of(0, 1);
    const y = Float64Array.of(0, 1);
    expect(() => dbscan(x, y, 0, 3)).toThrow(BilingualError);
    expect(() => dbscan(x, y, Number.NaN, 3)).toThrow(BilingualError);
    expect(() => dbscan(x, y, 1, 0)).toThrow(BilingualError);
    expect(() => dbscan(x, y, 1, 2.5)).toThrow(BilingualError);
    expect(() => dbscan(x, Float64Array.of(0), 1, 2)).toThrow(BilingualError);
    expect(() => dbscan(Float64Array.of(0, Number.NaN), y, 1, 2)).toThrow(BilingualError);
  });
});
