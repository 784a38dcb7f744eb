/**
 * Classes for a choropleth: the values of the communes (counts, rates, changes) grouped into a few ranges,
 * each drawn in one colour. Three methods, as GIS software offers them:
 *
 * - quantiles: about as many communes in every class;
 * - natural breaks (Jenks): the grouping with the least squared deviation from the class means, found
 *   exactly by dynamic programming (Jenks 1967, "The data model concept in statistical mapping"; computed
 *   here as Ckmeans.1d.dp, Wang & Song 2011, The R Journal 3(2), with the divide-and-conquer search of
 *   Song & Zhong 2020, Bioinformatics 36(12), as simple-statistics' `ckmeans` does);
 * - equal intervals: the range from the smallest to the largest value cut into equal widths.
 *
 * A value is null when there is no data (a rate without a population): it is in no class, and counted apart.
 * Ties never straddle two classes, and there are never more classes than distinct values.
 */

export const CLASSIFICATION_METHODS = ['quantile', 'natural-breaks', 'equal-interval'] as const;
export type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number];

export const MINIMUM_CLASS_COUNT = 2;
export const MAXIMUM_CLASS_COUNT = 9;

/** One class: the values from `lower` to `upper`, both inclusive, and how many values fell in it. */
export interface ValueClass {
  lower: number;
  upper: number;
  count: number;
}

export interface Classification {
  method: ClassificationMethod;
  /** Lowest first; empty when no value has data. */
  classes: ValueClass[];
  /** Values without data (null or not a finite number). */
  noData: number;
}

function hasData(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The index of the class a value falls in, or null without data (or without classes). */
export function classIndexOf(
  classification: Classification,
  value: number | null | undefined,
): number | null {
  const { classes } = classification;
  if (!hasData(value) || classes.length === 0) return null;
  for (let index = 0; index < classes.length - 1; index++) {
    if (value <= (classes[index] as ValueClass).upper) return index;
  }
  return classes.length - 1;
}

/**
 * Groups the values into at most `classCount` classes (clamped to 2–9) by the method. Fewer distinct values
 * than classes give one class per distinct value; all values equal give one class.
 */
export function classify(
  values: readonly (number | null | undefined)[],
  method: ClassificationMethod,
  classCount: number,
): Classification {
  const sorted = values.filter(hasData).sort((first, second) => first - second);
  const noData = values.length - sorted.length;
  const wanted = Math.min(MAXIMUM_CLASS_COUNT, Math.max(MINIMUM_CLASS_COUNT, Math.round(classCount) || 0));
  if (sorted.length === 0) return { method, classes: [], noData };

  const distinct = distinctValues(sorted);
  if (distinct.length <= wanted) {
    // Each distinct value its own class: no method can do better, and none should invent empty ranges.
    const classes = distinct.map((value) => ({ lower: value, upper: value, count: 0 }));
    return countMembers({ method, classes, noData }, sorted);
  }
  if (method === 'equal-interval')
    return countMembers(equalIntervals(sorted, wanted, method, noData), sorted);
  const uppers = method === 'quantile' ? quantileUppers(sorted, wanted) : naturalBreakUppers(sorted, wanted);
  return classesFromUppers(sorted, uppers, method, noData);
}

function distinctValues(sorted: readonly number[]): number[] {
  const distinct: number[] = [];
  for (const value of sorted) if (distinct[distinct.length - 1] !== value) distinct.push(value);
  return distinct;
}

/** Counts the values of each class; the classes' bounds stay as they are. */
function countMembers(classification: Classification, sorted: readonly number[]): Classification {
  for (const valueClass of classification.classes) valueClass.count = 0;
  for (const value of sorted) {
    const index = classIndexOf(classification, value) as number;
    (classification.classes[index] as ValueClass).count++;
  }
  return classification;
}

/**
 * Classes from their upper bounds (each a value of the data): a class runs from its smallest member to its
 * largest, so the legend never names a value no commune has.
 */
function classesFromUppers(
  sorted: readonly number[],
  uppers: readonly number[],
  method: ClassificationMethod,
  noData: number,
): Classification {
  const distinctUppers = distinctValues([...uppers].sort((first, second) => first - second));
  const classes: ValueClass[] = [];
  let position = 0;
  for (const upper of distinctUppers) {
    const start = position;
    while (position < sorted.length && (sorted[position] as number) <= upper) position++;
    if (position > start) {
      classes.push({ lower: sorted[start] as number, upper, count: position - start });
    }
  }
  return { method, classes, noData };
}

/** Upper bounds at the 1/k, 2/k … quantiles: a tie at a boundary goes wholly into the lower class. */
function quantileUppers(sorted: readonly number[], classCount: number): number[] {
  const uppers: number[] = [];
  for (let index = 1; index <= classCount; index++) {
    const position = Math.ceil((index * sorted.length) / classCount) - 1;
    uppers.push(sorted[Math.max(0, position)] as number);
  }
  return uppers;
}

/** The range cut into equal widths; a class may be empty, which is what the method shows. */
function equalIntervals(
  sorted: readonly number[],
  classCount: number,
  method: ClassificationMethod,
  noData: number,
): Classification {
  const minimum = sorted[0] as number;
  const maximum = sorted[sorted.length - 1] as number;
  const width = (maximum - minimum) / classCount;
  const classes: ValueClass[] = [];
  for (let index = 0; index < classCount; index++) {
    const lower = minimum + index * width;
    // The last bound is the maximum itself, whatever rounding did to the sum of widths.
    const upper = index === classCount - 1 ? maximum : minimum + (index + 1) * width;
    classes.push({ lower, upper, count: 0 });
  }
  return { method, classes, noData };
}

/**
 * Jenks' optimal classes: the partition of the sorted values into `classCount` runs that minimises the sum
 * of squared deviations from each run's mean. cost[q][i] is the least such sum for the first i + 1 values in
 * q + 1 classes; start[q][i] where the last of those classes begins. The best start never moves left as i
 * grows, which lets each row be filled by divide and conquer in O(n log n) instead of O(n²).
 */
function naturalBreakUppers(sorted: readonly number[], classCount: number): number[] {
  const count = sorted.length;
  // Sums shifted by the median keep the squares small, so the subtraction below loses no precision.
  const shift = sorted[Math.floor(count / 2)] as number;
  const sums = new Float64Array(count + 1);
  const squareSums = new Float64Array(count + 1);
  for (let index = 0; index < count; index++) {
    const value = (sorted[index] as number) - shift;
    sums[index + 1] = (sums[index] as number) + value;
    squareSums[index + 1] = (squareSums[index] as number) + value * value;
  }
  /** Squared deviation from their mean of the values first … last (inclusive). */
  const deviation = (first: number, last: number): number => {
    const size = last - first + 1;
    const sum = (sums[last + 1] as number) - (sums[first] as number);
    const result = (squareSums[last + 1] as number) - (squareSums[first] as number) - (sum * sum) / size;
    return Math.max(result, 0);
  };

  const cost = Array.from({ length: classCount }, () => new Float64Array(count));
  const start = Array.from({ length: classCount }, () => new Int32Array(count));
  const firstRow = cost[0] as Float64Array;
  for (let index = 0; index < count; index++) firstRow[index] = deviation(0, index);

  for (let level = 1; level < classCount; level++) {
    const previous = cost[level - 1] as Float64Array;
    const row = cost[level] as Float64Array;
    const starts = start[level] as Int32Array;
    const fill = (lowest: number, highest: number, startFloor: number, startCeiling: number): void => {
      if (lowest > highest) return;
      const middle = (lowest + highest) >> 1;
      let bestCost = Number.POSITIVE_INFINITY;
      let bestStart = Math.max(level, startFloor);
      for (let first = Math.max(level, startFloor); first <= Math.min(middle, startCeiling); first++) {
        const candidate = (previous[first - 1] as number) + deviation(first, middle);
        if (candidate < bestCost) {
          bestCost = candidate;
          bestStart = first;
        }
      }
      row[middle] = bestCost;
      starts[middle] = bestStart;
      fill(lowest, middle - 1, startFloor, bestStart);
      fill(middle + 1, highest, bestStart, startCeiling);
    };
    fill(level, count - 1, level, count - 1);
  }

  // Back from the last value: each class ends just before the next one starts.
  const uppers: number[] = [];
  let last = count - 1;
  for (let level = classCount - 1; level >= 0; level--) {
    uppers.unshift(sorted[last] as number);
    last = level === 0 ? -1 : ((start[level] as Int32Array)[last] as number) - 1;
  }
  return uppers;
}
