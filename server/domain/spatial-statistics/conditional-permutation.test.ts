import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import {
  checkedPermutations,
  conditionalPseudoPValues,
  foldedPseudoPValue,
  neighbourDraws,
  otherNeighbours,
  shuffleInPlace,
} from './conditional-permutation';
import { addSelf, rowStandardise, weightsFromLists } from './test-weights';

describe('foldedPseudoPValue', () => {
  it('folds to the smaller tail: (min(larger, P − larger) + 1) / (P + 1)', () => {
    expect(foldedPseudoPValue(999, 999)).toBe(0.001);
    expect(foldedPseudoPValue(0, 999)).toBe(0.001);
    expect(foldedPseudoPValue(20, 999)).toBe(0.021);
    expect(foldedPseudoPValue(979, 999)).toBe(0.021);
    expect(foldedPseudoPValue(499, 999)).toBe(0.5);
    expect(foldedPseudoPValue(500, 999)).toBe(0.5);
  });
});

describe('neighbourDraws', () => {
  it('gives rows of distinct indices among the n − 1 others, the same for the same seed', () => {
    const draws = neighbourDraws(10, 4, 500, seededRandom(5));
    expect(draws.width).toBe(4);
    expect(draws.indices.length).toBe(2000);
    for (let row = 0; row < 500; row++) {
      const values = Array.from(draws.indices.subarray(row * 4, row * 4 + 4));
      expect(new Set(values).size).toBe(4);
      for (const value of values) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(8);
      }
    }
    expect(neighbourDraws(10, 4, 500, seededRandom(5)).indices).toEqual(draws.indices);
    expect(neighbourDraws(10, 4, 500, seededRandom(6)).indices).not.toEqual(draws.indices);
  });

  it('draws every index about equally often in every position', () => {
    const draws = neighbourDraws(6, 5, 20_000, seededRandom(9));
    for (let position = 0; position < 5; position++) {
      const counts = new Array(5).fill(0);
      for (let row = 0; row < 20_000; row++) counts[draws.indices[row * 5 + position] as number]++;
      for (const count of counts) expect(Math.abs(count - 4000)).toBeLessThan(300);
    }
  });
});

describe('shuffleInPlace', () => {
  it('permutes without losing or duplicating values', () => {
    const values = Float64Array.from({ length: 50 }, (_, index) => index);
    shuffleInPlace(values, seededRandom(1));
    expect(Array.from(values)).not.toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(Array.from(values).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });
});

describe('otherNeighbours', () => {
  it('sets the diagonal aside and keeps the other links', () => {
    const weights = addSelf(weightsFromLists([[1], [0, 2], [1]], 'line'));
    const others = otherNeighbours(weights);
    expect(Array.from(others.selfWeights)).toEqual([1, 1, 1]);
    expect(Array.from(others.offsets)).toEqual([0, 1, 3, 4]);
    expect(Array.from(others.neighbours)).toEqual([1, 0, 2, 1]);
    expect(others.maximumCount).toBe(2);
  });
});

describe('conditionalPseudoPValues', () => {
  // A plain reference: for each i, list the other values explicitly and take the draws as positions in it.
  function bruteForce(
    values: Float64Array,
    lists: number[][],
    rowWeights: number[][],
    draws: { permutations: number; width: number; indices: Int32Array },
    direction: number[],
  ): number[] {
    return lists.map((list, observation) => {
      if (list.length === 0 || direction[observation] === 0) return 1;
      const rest = Array.from(values).filter((_, index) => index !== observation);
      const observed = list.reduce(
        (sum, neighbour, k) => sum + (rowWeights[observation]?.[k] as number) * (values[neighbour] as number),
        0,
      );
      let larger = 0;
      for (let row = 0; row < draws.permutations; row++) {
        let lag = 0;
        for (let k = 0; k < list.length; k++) {
          lag +=
            (rowWeights[observation]?.[k] as number) *
            (rest[draws.indices[row * draws.width + k] as number] as number);
        }
        if (direction[observation] === 1 ? lag >= observed - 1e-9 : lag <= observed + 1e-9) larger++;
      }
      return foldedPseudoPValue(larger, draws.permutations);
    });
  }

  it('never shuffles i onto itself and matches a plain computation, for uniform and unequal weights', () => {
    const random = seededRandom(21);
    const count = 30;
    const lists = Array.from({ length: count }, (_, observation) =>
      Array.from({ length: 1 + (observation % 5) }, (_, k) => (observation + 3 * k + 1) % count),
    );
    lists[7] = [];
    const values = Float64Array.from({ length: count }, () => Math.round(random() * 100) / 10);
    values[12] = 1000; // an outlier that would show up if i were ever drawn as its own neighbour
    const direction: number[] = Array.from({ length: count }, (_, index) => (index % 3 === 0 ? -1 : 1));
    direction[4] = 0;
    const binary = weightsFromLists(lists, 'test');
    const sortedLists = lists.map((list) => [...new Set(list)].sort((a, b) => a - b));
    const unequal = { ...binary, weights: Float64Array.from(binary.weights, (_, link) => 1 + (link % 4)) };
    for (const weights of [binary, rowStandardise(binary), unequal]) {
      const others = otherNeighbours(weights);
      const draws = neighbourDraws(count, others.maximumCount, 199, seededRandom(4));
      const rowWeights = sortedLists.map((list, observation) =>
        list.map((_, k) => weights.weights[(weights.offsets[observation] as number) + k] as number),
      );
      const actual = conditionalPseudoPValues(values, others, draws, Int8Array.from(direction));
      expect(Array.from(actual)).toEqual(bruteForce(values, sortedLists, rowWeights, draws, direction));
    }
  });
});

describe('checkedPermutations', () => {
  it('accepts whole numbers from 0 and refuses the rest in both languages', () => {
    expect(checkedPermutations(0)).toBe(0);
    expect(checkedPermutations(999)).toBe(999);
    for (const bad of [-1, 1.5, Number.NaN, 1e9]) {
      expect(() => checkedPermutations(bad)).toThrow(/permutations/);
    }
  });
});
