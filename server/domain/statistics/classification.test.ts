import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import { type Classification, classIndexOf, classify } from './classification';

const ranges = (classification: Classification) =>
  classification.classes.map(({ lower, upper }) => [lower, upper]);
const counts = (classification: Classification) => classification.classes.map(({ count }) => count);

/** The least within-class squared deviation over every partition, by brute force (small inputs only). */
function bestDeviation(sorted: number[], classCount: number): number {
  const deviation = (part: number[]) => {
    const mean = part.reduce((sum, value) => sum + value, 0) / part.length;
    return part.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  };
  const search = (from: number, left: number): number => {
    if (left === 1) return deviation(sorted.slice(from));
    let best = Number.POSITIVE_INFINITY;
    for (let end = from + 1; end <= sorted.length - left + 1; end++) {
      best = Math.min(best, deviation(sorted.slice(from, end)) + search(end, left - 1));
    }
    return best;
  };
  return search(0, classCount);
}

function deviationOf(values: number[], classification: Classification): number {
  const groups = classification.classes.map(() => [] as number[]);
  for (const value of values) groups[classIndexOf(classification, value) as number]?.push(value);
  return groups.reduce((total, group) => {
    const mean = group.reduce((sum, value) => sum + value, 0) / group.length;
    return total + group.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  }, 0);
}

describe('natural breaks (Jenks)', () => {
  it('finds the groups of the simple-statistics ckmeans example', () => {
    // simple-statistics README: ckmeans([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 3)
    //   → [[-1, -1, -1, -1], [2, 2, 2], [4, 5, 6]]
    const classification = classify([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 'natural-breaks', 3);
    expect(ranges(classification)).toEqual([
      [-1, -1],
      [2, 2],
      [4, 6],
    ]);
    expect(counts(classification)).toEqual([4, 3, 3]);
  });

  it('finds the groups of the d3-scale-cluster example', () => {
    // schnerd/ckmeans: ckmeans([1, 2, 4, 5, 12, 43, 52, 123, 234, 1244], 6) starts its classes at
    // [1, 12, 43, 123, 234, 1244].
    const classification = classify([1, 2, 4, 5, 12, 43, 52, 123, 234, 1244], 'natural-breaks', 6);
    expect(classification.classes.map(({ lower }) => lower)).toEqual([1, 12, 43, 123, 234, 1244]);
    expect(ranges(classification)).toEqual([
      [1, 5],
      [12, 12],
      [43, 52],
      [123, 123],
      [234, 234],
      [1244, 1244],
    ]);
  });

  it('separates two obvious clusters', () => {
    const classification = classify([1, 2, 3, 4, 100, 101, 102, 103, 104], 'natural-breaks', 2);
    expect(ranges(classification)).toEqual([
      [1, 4],
      [100, 104],
    ]);
  });

  it('is optimal: matches a brute-force search on random data', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 20; trial++) {
      const values = Array.from({ length: 12 }, () => Math.round(random() * 50));
      const classification = classify(values, 'natural-breaks', 4);
      const sorted = [...values].sort((first, second) => first - second);
      expect(deviationOf(values, classification)).toBeCloseTo(
        bestDeviation(sorted, classification.classes.length),
        6,
      );
    }
  });

  it('handles thousands of communes quickly enough to run on every filter change', () => {
    const random = seededRandom(11);
    const values = Array.from({ length: 11_163 }, () => Math.floor(random() ** 3 * 500));
    const classification = classify(values, 'natural-breaks', 7);
    expect(classification.classes).toHaveLength(7);
    expect(counts(classification).reduce((sum, count) => sum + count, 0)).toBe(11_163);
  });
});

describe('quantiles', () => {
  it('puts about as many values in every class', () => {
    const classification = classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'quantile', 4);
    expect(ranges(classification)).toEqual([
      [1, 3],
      [4, 6],
      [7, 9],
      [10, 12],
    ]);
    expect(counts(classification)).toEqual([3, 3, 3, 3]);
  });

  it('keeps tied values in one class, giving fewer classes rather than splitting them', () => {
    const classification = classify([0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 'quantile', 3);
    expect(ranges(classification)).toEqual([
      [0, 0],
      [1, 3],
    ]);
    expect(counts(classification)).toEqual([7, 3]);
  });
});

describe('equal intervals', () => {
  it('cuts the range into equal widths, empty classes included', () => {
    const classification = classify([0, 1, 2, 10, 20], 'equal-interval', 4);
    expect(ranges(classification)).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
      [15, 20],
    ]);
    expect(counts(classification)).toEqual([3, 1, 0, 1]);
    // A value on a bound belongs to the lower class.
    expect(classIndexOf(classification, 10)).toBe(1);
  });

  it('handles negative changes', () => {
    const classification = classify([-10, -5, 0, 5, 10], 'equal-interval', 2);
    expect(ranges(classification)).toEqual([
      [-10, 0],
      [0, 10],
    ]);
    expect(counts(classification)).toEqual([3, 2]);
  });
});

describe('every method', () => {
  const methods = ['quantile', 'natural-breaks', 'equal-interval'] as const;

  it('gives one class when every value is zero', () => {
    for (const method of methods) {
      const classification = classify([0, 0, 0, 0], method, 5);
      expect(ranges(classification)).toEqual([[0, 0]]);
      expect(counts(classification)).toEqual([4]);
    }
  });

  it('gives one class per value when there are fewer distinct values than classes', () => {
    for (const method of methods) {
      const classification = classify([3, 1, 3, 1, 7], method, 5);
      expect(ranges(classification)).toEqual([
        [1, 1],
        [3, 3],
        [7, 7],
      ]);
      expect(counts(classification)).toEqual([2, 2, 1]);
    }
  });

  it('leaves values without data out of every class, and counts them', () => {
    for (const method of methods) {
      const classification = classify([null, 1, 2, null, 3, Number.NaN, undefined], method, 2);
      expect(classification.noData).toBe(4);
      expect(counts(classification).reduce((sum, count) => sum + count, 0)).toBe(3);
      expect(classIndexOf(classification, null)).toBeNull();
    }
  });

  it('gives no classes when no value has data', () => {
    expect(classify([null, null], 'quantile', 5)).toEqual({ method: 'quantile', classes: [], noData: 2 });
    expect(classify([], 'natural-breaks', 5).classes).toEqual([]);
  });

  it('keeps the class count between 2 and 9', () => {
    const values = Array.from({ length: 50 }, (_, index) => index);
    expect(classify(values, 'quantile', 1).classes).toHaveLength(2);
    expect(classify(values, 'quantile', 40).classes).toHaveLength(9);
  });

  it('places every value in the class whose range holds it', () => {
    const random = seededRandom(3);
    const values = Array.from({ length: 300 }, () => Math.round(random() * 1000) / 10);
    for (const method of methods) {
      const classification = classify(values, method, 6);
      for (const value of values) {
        const index = classIndexOf(classification, value) as number;
        const valueClass = classification.classes[index];
        expect(valueClass && value >= valueClass.lower && value <= valueClass.upper).toBe(true);
      }
    }
  });
});
