import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { distanceBandWeights, nearestNeighbourWeights } from './distance-weights';
import type { SpatialWeights } from './spatial-weights';
import { describeWeights } from './weights-operations';

function rows(weights: SpatialWeights): number[][] {
  const result: number[][] = [];
  for (let observation = 0; observation < weights.count; observation++) {
    result.push(
      Array.from(weights.neighbours.subarray(weights.offsets[observation], weights.offsets[observation + 1])),
    );
  }
  return result;
}

/** Brute force: every other point ranked by (squared distance, index), the first k kept, sorted by index. */
function naiveNearest(x: number[], y: number[], k: number): number[][] {
  return x.map((ox, observation) =>
    x
      .map((_, other) => other)
      .filter((other) => other !== observation)
      .map((other) => ({
        other,
        distance: ((x[other] as number) - ox) ** 2 + ((y[other] as number) - (y[observation] as number)) ** 2,
      }))
      .sort((first, second) => first.distance - second.distance || first.other - second.other)
      .slice(0, k)
      .map((candidate) => candidate.other)
      .sort((first, second) => first - second),
  );
}

// The six points of PySAL esda's Getis-Ord tests.
const sixX = [10, 20, 40, 15, 30, 30];
const sixY = [10, 10, 10, 20, 20, 30];

describe('distanceBandWeights', () => {
  it('gives the hand-computed neighbours of the six esda points at 15 (a pair exactly 15 apart included)', () => {
    // Distances within 15: 0–1 10, 0–3 11.18, 1–3 11.18, 1–4 14.14, 2–4 14.14, 3–4 15 exactly, 4–5 10.
    const weights = distanceBandWeights(sixX, sixY, 15);
    expect(rows(weights)).toEqual([[1, 3], [0, 3, 4], [4], [0, 1, 4], [1, 2, 3, 5], [4]]);
    expect(weights.kind).toBe('distance:15');
    expect(describeWeights(weights)).toMatchObject({ links: 14, minimumNeighbours: 1, maximumNeighbours: 4 });
  });

  it('reports observations with nobody in range as islands', () => {
    const weights = distanceBandWeights(Float64Array.from(sixX), Float64Array.from(sixY), 10);
    expect(rows(weights)).toEqual([[1], [0], [], [], [5], [4]]);
    expect(describeWeights(weights).islands).toEqual([2, 3]);
  });

  it('refuses thresholds that are not finite positive numbers, and unusable coordinates', () => {
    for (const threshold of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => distanceBandWeights(sixX, sixY, threshold)).toThrow(BilingualError);
    }
    expect(() => distanceBandWeights([], [], 1)).toThrow(BilingualError);
    expect(() => distanceBandWeights([1, 2], [1], 1)).toThrow(BilingualError);
    expect(() => distanceBandWeights([1, Number.NaN], [1, 2], 1)).toThrow(BilingualError);
  });

  it('is symmetric and agrees with brute force', () => {
    const coordinate = fc.integer({ min: 0, max: 20 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (points, threshold) => {
          const x = points.map((point) => point[0]);
          const y = points.map((point) => point[1]);
          const expected = x.map((ox, observation) =>
            x.flatMap((other, candidate) =>
              candidate !== observation &&
              (other - ox) ** 2 + ((y[candidate] as number) - (y[observation] as number)) ** 2 <=
                threshold ** 2
                ? [candidate]
                : [],
            ),
          );
          expect(rows(distanceBandWeights(x, y, threshold))).toEqual(expected);
        },
      ),
    );
  });
});

describe('nearestNeighbourWeights', () => {
  it('breaks distance ties by the lower index', () => {
    // Point 0 at the centre of a plus: 1, 2, 3, 4 all at distance 1; k = 2 keeps 1 and 2.
    const x = [0, 1, 0, -1, 0, 5];
    const y = [0, 0, 1, 0, -1, 5];
    const weights = nearestNeighbourWeights(x, y, 2);
    expect(rows(weights)[0]).toEqual([1, 2]);
    expect(weights.kind).toBe('knn:2');
  });

  it('treats coincident points as neighbours at distance 0', () => {
    expect(rows(nearestNeighbourWeights([0, 0, 3], [0, 0, 4], 1))).toEqual([[1], [0], [0]]);
  });

  it('refuses k that is not a whole number from 1 to n − 1', () => {
    for (const k of [0, -1, 1.5, 6, 7, Number.NaN]) {
      expect(() => nearestNeighbourWeights(sixX, sixY, k)).toThrow(BilingualError);
    }
    expect(() => nearestNeighbourWeights([], [], 1)).toThrow(BilingualError);
  });

  it('gives every observation exactly k distinct neighbours other than itself, as brute force does', () => {
    // A small lattice makes ties frequent.
    const coordinate = fc.integer({ min: 0, max: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (points, wantedK) => {
          const x = points.map((point) => point[0]);
          const y = points.map((point) => point[1]);
          const k = Math.min(wantedK, points.length - 1);
          const result = rows(nearestNeighbourWeights(Float64Array.from(x), Float64Array.from(y), k));
          result.forEach((neighbours, observation) => {
            expect(new Set(neighbours).size).toBe(k);
            expect(neighbours).not.toContain(observation);
          });
          expect(result).toEqual(naiveNearest(x, y, k));
        },
      ),
    );
  });
});
