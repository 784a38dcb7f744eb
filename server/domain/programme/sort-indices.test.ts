import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndicesByValue } from './sort-indices';

/** The same order by a comparator: by value, equal values by their place in `order`. */
function comparatorOrder(
  values: readonly number[],
  descending: boolean,
  order?: readonly number[],
): number[] {
  const positions = order ? [...order] : values.map((_, index) => index);
  const place = new Map(positions.map((index, position) => [index, position]));
  return positions.sort(
    (first, second) =>
      (descending
        ? (values[second] as number) - (values[first] as number)
        : (values[first] as number) - (values[second] as number)) ||
      (place.get(first) as number) - (place.get(second) as number),
  );
}

describe('sorting positions by value', () => {
  it('orders negatives, zeros, fractions and infinities, keeping equal values in place', () => {
    const values = [
      3,
      -1.5,
      0,
      -0,
      Number.POSITIVE_INFINITY,
      -1e300,
      2.5e-300,
      3,
      Number.NEGATIVE_INFINITY,
      -1.5,
    ];
    expect([...sortIndicesByValue(values)]).toEqual([8, 5, 1, 9, 2, 3, 6, 0, 7, 4]);
    expect([...sortIndicesByValue(values, { descending: true })]).toEqual([4, 0, 7, 6, 2, 3, 1, 9, 5, 8]);
  });

  it('sorts only the given positions and keeps their order among equal values', () => {
    expect([...sortIndicesByValue([5, 1, 5, 1], { order: Uint32Array.from([2, 3, 0]) })]).toEqual([3, 2, 0]);
    expect([...sortIndicesByValue([], {})]).toEqual([]);
    expect([...sortIndicesByValue([7])]).toEqual([0]);
  });

  it('agrees with a stable comparator sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -5, max: 5 })), { maxLength: 300 }),
        fc.boolean(),
        (values, descending) => {
          expect([...sortIndicesByValue(values, { descending })]).toEqual(
            comparatorOrder(values, descending),
          );
        },
      ),
    );
  });

  it('agrees with a stable comparator sort from a given order', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 100 })
          .chain((values) =>
            fc.tuple(fc.constant(values), fc.shuffledSubarray(values.map((_, index) => index))),
          ),
        fc.boolean(),
        ([values, order], descending) => {
          expect([...sortIndicesByValue(values, { descending, order: Uint32Array.from(order) })]).toEqual(
            comparatorOrder(values, descending, order),
          );
        },
      ),
    );
  });
});
