import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import {
  describeWeights,
  fromNeighbourLists,
  rowStandardised,
  subsetWeights,
  withSelf,
} from './weights-operations';

// 0–1, 0–2, 1–2 form a triangle, 3 has no neighbour, 4 points at 0 only (asymmetric).
const lists = [[2, 1], [0, 2, 0], [1, 0], [], [0]];

describe('fromNeighbourLists', () => {
  it('sorts each row and drops repeated ids', () => {
    const weights = fromNeighbourLists(lists, 'test');
    expect(Array.from(weights.offsets)).toEqual([0, 2, 4, 6, 6, 7]);
    expect(Array.from(weights.neighbours)).toEqual([1, 2, 0, 2, 0, 1, 0]);
    expect(Array.from(weights.weights)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(weights).toMatchObject({ count: 5, kind: 'test', transform: 'binary', includesSelf: false });
  });

  it('refuses ids out of range, fractional ids, self-links and empty input', () => {
    expect(() => fromNeighbourLists([[1], [2]], 'test')).toThrow(BilingualError);
    expect(() => fromNeighbourLists([[0.5], []], 'test')).toThrow(BilingualError);
    expect(() => fromNeighbourLists([[0], []], 'test')).toThrow(BilingualError);
    expect(() => fromNeighbourLists([], 'test')).toThrow(BilingualError);
  });
});

describe('describeWeights', () => {
  it('counts links and neighbours and lists the islands', () => {
    expect(describeWeights(fromNeighbourLists(lists, 'test'))).toEqual({
      count: 5,
      links: 7,
      minimumNeighbours: 0,
      maximumNeighbours: 2,
      meanNeighbours: 7 / 5,
      islands: [3],
    });
  });

  it('does not count an observation as its own neighbour', () => {
    const description = describeWeights(withSelf(fromNeighbourLists(lists, 'test')));
    expect(description).toMatchObject({ links: 7, minimumNeighbours: 0, islands: [3] });
  });
});

describe('rowStandardised', () => {
  it('makes every row with neighbours sum to 1 and leaves islands empty', () => {
    const row = rowStandardised(fromNeighbourLists(lists, 'test'));
    expect(row.transform).toBe('row');
    expect(Array.from(row.weights)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1]);
    expect(row.offsets[4]).toBe(row.offsets[3]);
    expect(rowStandardised(row)).toBe(row);
  });

  it('sums to 1 on every non-empty row of any neighbour lists', () => {
    const listsArbitrary = fc.integer({ min: 1, max: 30 }).chain((count) =>
      fc.array(fc.array(fc.integer({ min: 0, max: count - 1 }), { maxLength: 8 }), {
        minLength: count,
        maxLength: count,
      }),
    );
    fc.assert(
      fc.property(listsArbitrary, (generated) => {
        const cleaned = generated.map((list, observation) => list.filter((id) => id !== observation));
        const row = rowStandardised(withSelf(fromNeighbourLists(cleaned, 'random')));
        for (let observation = 0; observation < row.count; observation++) {
          let sum = 0;
          for (
            let position = row.offsets[observation] as number;
            position < (row.offsets[observation + 1] as number);
            position++
          ) {
            sum += row.weights[position] as number;
          }
          expect(sum).toBeCloseTo(1, 12);
        }
      }),
    );
  });
});

describe('withSelf', () => {
  it('adds each observation to its own row, in order, with weight 1', () => {
    const self = withSelf(fromNeighbourLists(lists, 'test'));
    expect(self.includesSelf).toBe(true);
    expect(self.kind).toBe('test');
    expect(Array.from(self.offsets)).toEqual([0, 3, 6, 9, 10, 12]);
    expect(Array.from(self.neighbours)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 0, 4]);
    expect(Array.from(self.weights).every((weight) => weight === 1)).toBe(true);
    expect(withSelf(self)).toBe(self);
  });

  it('refuses row-standardised weights', () => {
    expect(() => withSelf(rowStandardised(fromNeighbourLists(lists, 'test')))).toThrow(BilingualError);
  });
});

describe('subsetWeights', () => {
  it('keeps the links among the kept observations only, renumbered in the order given', () => {
    const subset = subsetWeights(fromNeighbourLists(lists, 'test'), [4, 0, 3, 1]);
    // 4 → 0 becomes 0 → 1; 0 → 1 becomes 1 → 3 (2 is gone); 1 → 0 becomes 3 → 1.
    expect(Array.from(subset.offsets)).toEqual([0, 1, 2, 2, 3]);
    expect(Array.from(subset.neighbours)).toEqual([1, 3, 1]);
    expect(subset).toMatchObject({ count: 4, kind: 'test', transform: 'binary' });
    expect(describeWeights(subset).islands).toEqual([2]);
  });
});
