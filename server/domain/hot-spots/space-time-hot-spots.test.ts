import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import { localGetisOrd } from '../spatial-statistics/local-getis-ord';
import type { SpatialWeights } from '../spatial-weights/spatial-weights';
import { fromNeighbourLists, withSelf } from '../spatial-weights/weights-operations';
import { spaceTimeHotSpots } from './space-time-hot-spots';

const SIDE = 20;
const STEPS = 12;

/** Queen neighbours on a side × side lattice of locations, numbered row by row. */
function queenLattice(side: number): SpatialWeights {
  const lists: number[][] = [];
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      const list: number[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const r = row + dr;
          const c = column + dc;
          if ((dr !== 0 || dc !== 0) && r >= 0 && r < side && c >= 0 && c < side) list.push(r * side + c);
        }
      }
      lists.push(list);
    }
  }
  return fromNeighbourLists(lists, 'queen');
}

const location = (row: number, column: number) => row * SIDE + column;

/** Counts of 4, 5 or 6 everywhere, then the 3 × 3 block around (row, column) set by `value(step)`. */
function cube(plants: { row: number; column: number; value: (step: number) => number }[], seed = 1) {
  const random = seededRandom(seed);
  const counts = Float64Array.from({ length: SIDE * SIDE * STEPS }, () => 4 + Math.floor(random() * 3));
  for (const plant of plants) {
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        for (let step = 0; step < STEPS; step++) {
          counts[location(plant.row + dr, plant.column + dc) * STEPS + step] = plant.value(step);
        }
      }
    }
  }
  return counts;
}

describe('spaceTimeHotSpots', () => {
  const weights = queenLattice(SIDE);
  const plants = [
    // Hot only in the final step.
    { row: 3, column: 3, value: (step: number) => (step === STEPS - 1 ? 20 : 5) },
    // Hot throughout, more so every step.
    { row: 3, column: 16, value: (step: number) => 12 + 2 * step },
    // Hot throughout, less so every step.
    { row: 16, column: 3, value: (step: number) => 34 - 2 * step },
    // Hot until two steps from the end: with the previous step in every neighbourhood, the last bin cools.
    { row: 16, column: 16, value: (step: number) => (step < STEPS - 2 ? 20 : 5) },
    // Hot throughout at one level.
    { row: 10, column: 10, value: () => 20 },
    // Hot in the last three steps only.
    { row: 10, column: 3, value: (step: number) => (step >= STEPS - 3 ? 20 : 5) },
    // Empty throughout.
    { row: 10, column: 16, value: () => 0 },
  ];
  const result = spaceTimeHotSpots(cube(plants), STEPS, weights);

  it('classifies planted patterns as ArcGIS defines them', () => {
    expect(result.category[location(3, 3)]).toBe('new-hot-spot');
    expect(result.category[location(3, 16)]).toBe('intensifying-hot-spot');
    expect(result.trend[location(3, 16)]?.trend).toBe('up');
    expect(result.category[location(16, 3)]).toBe('diminishing-hot-spot');
    expect(result.trend[location(16, 3)]?.trend).toBe('down');
    expect(result.category[location(16, 16)]).toBe('historical-hot-spot');
    expect(result.category[location(10, 10)]).toBe('persistent-hot-spot');
    expect(result.category[location(10, 3)]).toBe('consecutive-hot-spot');
    expect(result.category[location(10, 16)]).toBe('persistent-cold-spot');
    // Far from every plant (three or more locations away), nothing emerges.
    for (const [row, column] of [
      [0, 10],
      [6, 10],
      [19, 10],
      [10, 0],
    ] as const) {
      expect(result.category[location(row, column)], `${row},${column}`).toBe('no-pattern');
    }
  });

  it('reports series, trends and how it computed them', () => {
    expect(result.locations).toBe(SIDE * SIDE);
    expect(result.steps).toBe(STEPS);
    expect(result.z).toHaveLength(SIDE * SIDE * STEPS);
    const newSpot = result.series(location(3, 3));
    expect(newSpot.z).toHaveLength(STEPS);
    expect(newSpot.bin[STEPS - 1]).toBe(3);
    expect(Array.from(newSpot.bin.subarray(0, STEPS - 1)).every((bin) => bin <= 0)).toBe(true);
    const rising = result.series(location(3, 16));
    for (let step = 1; step < STEPS; step++)
      expect(rising.z[step]).toBeGreaterThan(rising.z[step - 1] as number);
    const trend = result.trend[location(3, 16)];
    expect(trend?.statistic).toBe((STEPS * (STEPS - 1)) / 2);
    expect(trend?.tau).toBeCloseTo(1, 12);
    expect(trend?.p).toBeLessThan(0.001);
    expect(result.computation).toMatchObject({
      method: 'emerging',
      locations: SIDE * SIDE,
      steps: STEPS,
      timeStepNeighbours: 1,
      correction: 'fdr',
      alpha: 0.05,
      globalWindow: 'entire-cube',
    });
    expect(result.computation.significanceThreshold).toBe(result.computation.thresholds.confidence95);
  });

  it('gives the z-scores of localGetisOrd over the cube with space-time neighbours', () => {
    const side = 5;
    const steps = 4;
    const small = queenLattice(side);
    const random = seededRandom(9);
    const counts = Float64Array.from({ length: side * side * steps }, () => Math.floor(random() * 10));
    for (const timeStepNeighbours of [0, 1, 2]) {
      // Bin (location, step) is observation location × steps + step; its neighbours are its location's and
      // their bins at the same step and the timeStepNeighbours steps before.
      const lists: number[][] = [];
      for (let place = 0; place < side * side; place++) {
        const around = [place, ...small.neighbours.subarray(small.offsets[place], small.offsets[place + 1])];
        for (let step = 0; step < steps; step++) {
          const list: number[] = [];
          for (let earlier = Math.max(0, step - timeStepNeighbours); earlier <= step; earlier++) {
            for (const other of around)
              if (other !== place || earlier !== step) list.push(other * steps + earlier);
          }
          lists.push(list);
        }
      }
      const reference = localGetisOrd(counts, withSelf(fromNeighbourLists(lists, 'space-time')), {
        star: true,
        permutations: 0,
        correction: 'fdr',
      });
      const ours = spaceTimeHotSpots(counts, steps, small, { timeStepNeighbours });
      for (let bin = 0; bin < counts.length; bin++) {
        expect(Math.abs((ours.z[bin] as number) - (reference.z[bin] as number)), `bin ${bin}`).toBeLessThan(
          1e-10,
        );
        expect(Math.abs((ours.p[bin] as number) - (reference.p[bin] as number))).toBeLessThan(1e-12);
      }
      expect(ours.bin).toEqual(reference.bin);
    }
  });

  it('finds no pattern anywhere in a uniform field', () => {
    const flat = spaceTimeHotSpots(new Float64Array(SIDE * SIDE * STEPS).fill(5), STEPS, weights);
    expect(flat.category.every((category) => category === 'no-pattern')).toBe(true);
    expect(flat.z.every((z) => z === 0)).toBe(true);
    expect(flat.p.every((p) => p === 1)).toBe(true);
    expect(flat.trend.every((trend) => trend.trend === 'none')).toBe(true);
    // Counts of 4, 5 or 6 at random: nothing survives the false discovery rate correction.
    const noise = spaceTimeHotSpots(cube([], 3), STEPS, weights);
    expect(noise.category.every((category) => category === 'no-pattern')).toBe(true);
    expect(noise.bin.every((bin) => bin === 0)).toBe(true);
  });

  it('honours the correction, the significance level and the time window', () => {
    const counts = cube(plants);
    const none = spaceTimeHotSpots(counts, STEPS, weights, { correction: 'none' });
    const significant = (bins: Int8Array) => bins.reduce((total, bin) => total + (bin !== 0 ? 1 : 0), 0);
    expect(none.z).toEqual(result.z);
    expect(significant(result.bin)).toBeLessThanOrEqual(significant(none.bin));
    expect(none.computation.significanceThreshold).toBe(0.05);
    const strict = spaceTimeHotSpots(counts, STEPS, weights, { alpha: 0.001 });
    expect(strict.computation.significanceThreshold).toBeLessThan(result.computation.significanceThreshold);
    // Without earlier steps in the neighbourhood, the location hot until two steps from the end is also cool
    // in the step before last: hot in 10 of 12 steps, under 90 %, so no longer historical.
    const instant = spaceTimeHotSpots(counts, STEPS, weights, { timeStepNeighbours: 0 });
    expect(instant.computation.timeStepNeighbours).toBe(0);
    expect(instant.category[location(16, 16)]).toBe('no-pattern');
    expect(instant.category[location(3, 3)]).toBe('new-hot-spot');
  });

  it('rejects cubes of the wrong shape and bad options in Vietnamese and English', () => {
    const counts = cube([]);
    const attempts: (() => unknown)[] = [
      () => spaceTimeHotSpots(counts.subarray(1), STEPS, weights),
      () => spaceTimeHotSpots(counts, STEPS + 1, weights),
      () => spaceTimeHotSpots(new Float64Array(SIDE * SIDE * 2), 2, weights),
      () => spaceTimeHotSpots(new Float64Array(SIDE * SIDE), 1, weights),
      () => spaceTimeHotSpots(counts, 12.5, weights),
      () => spaceTimeHotSpots(counts, STEPS, weights, { timeStepNeighbours: STEPS }),
      () => spaceTimeHotSpots(counts, STEPS, weights, { timeStepNeighbours: -1 }),
      () => spaceTimeHotSpots(counts, STEPS, weights, { timeStepNeighbours: 0.5 }),
      () => spaceTimeHotSpots(counts, STEPS, weights, { alpha: 1 }),
      () => spaceTimeHotSpots(counts, STEPS, weights, { correction: 'holm' as 'fdr' }),
      () =>
        spaceTimeHotSpots(
          Float64Array.from(counts, (count, bin) => (bin === 7 ? Number.NaN : count)),
          STEPS,
          weights,
        ),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BilingualError);
      const text = (caught as BilingualError).text;
      expect(text.vi).not.toBe(text.en);
      expect(text.vi.length).toBeGreaterThan(10);
    }
  });
});
