import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import { globalMoran } from './global-autocorrelation';
import { localMoran } from './local-moran';
import {
  COLUMBUS_AVAILABLE,
  COLUMBUS_SKIPPED,
  latticeRookLists,
  loadColumbus,
  rowStandardise,
  weightsFromLists,
} from './test-weights';

const columbus = loadColumbus();
const queen = rowStandardise(weightsFromLists(columbus.queenGal, 'queen'));

/** A 20 × 20 lattice of noise in [0, 10) with a 5 × 5 block of values in [30, 40) planted at rows/columns 7–11. */
function plantedLattice(seed: number) {
  const random = seededRandom(seed);
  const values = Float64Array.from({ length: 400 }, () => random() * 10);
  const block: number[] = [];
  const centre: number[] = [];
  for (let row = 7; row <= 11; row++) {
    for (let column = 7; column <= 11; column++) {
      const cell = row * 20 + column;
      values[cell] = 30 + random() * 10;
      block.push(cell);
      if (row >= 8 && row <= 10 && column >= 8 && column <= 10) centre.push(cell);
    }
  }
  return {
    values,
    block,
    centre,
    weights: rowStandardise(weightsFromLists(latticeRookLists(20, 20), 'rook')),
  };
}

describe.skipIf(!COLUMBUS_AVAILABLE)(`localMoran on Columbus${COLUMBUS_SKIPPED}`, () => {
  it('averages to the global Moran I with row-standardised weights (m2 = Σz²/n, as esda and spdep)', () => {
    const result = localMoran(columbus.crime, queen, { permutations: 0 });
    const mean = result.statistic.reduce((sum, value) => sum + value, 0) / result.n;
    expect(Math.abs(mean - globalMoran(columbus.crime, queen).statistic)).toBeLessThan(1e-14);
  });

  it("matches spdep's localmoran moments on Columbus (values from an independent numpy computation)", () => {
    const result = localMoran(columbus.crime, queen, { permutations: 0 });
    const cases: [number, number, number, number, number][] = [
      // observation, I_i, Var[I_i], z, two-sided p
      [0, 0.7368184906083562, 0.4769224535532031, 1.0970989219478766, 0.27259815145051236],
      [6, -1.8605873755716358, 0.228370961865595, -3.8498102571429738, 0.00011820936236023696],
      [19, 0.3414097897215292, 0.07924006685303014, 1.2868494249006073, 0.19814677605670117],
    ];
    for (const [observation, statistic, variance, z, p] of cases) {
      expect(Math.abs((result.statistic[observation] as number) - statistic)).toBeLessThan(1e-12);
      expect(result.expected[observation]).toBeCloseTo(-1 / 48, 15);
      expect(Math.abs((result.variance[observation] as number) - variance)).toBeLessThan(1e-12);
      expect(Math.abs((result.z[observation] as number) - z)).toBeLessThan(1e-12);
      expect(Math.abs((result.p[observation] as number) / p - 1)).toBeLessThan(1e-10);
    }
    expect(result.pSim).toBeNull();
    // Without permutations the clusters come from the analytic p: observation 6 is LH at 5 %.
    expect(result.quadrant[6]).toBe('LH');
    expect(result.cluster[6]).toBe('LH');
  });

  it('gives pseudo p-values that repeat for a seed and stay within [1/(P + 1), (⌊P/2⌋ + 1)/(P + 1)]', () => {
    const first = localMoran(columbus.crime, queen, { random: seededRandom(42) });
    const again = localMoran(columbus.crime, queen, { random: seededRandom(42) });
    const other = localMoran(columbus.crime, queen, { random: seededRandom(43) });
    expect(first.permutations).toBe(999);
    expect(again.pSim).toEqual(first.pSim);
    expect(other.pSim).not.toEqual(first.pSim);
    for (const value of first.pSim ?? []) {
      expect(value).toBeGreaterThanOrEqual(1 / 1000);
      expect(value).toBeLessThanOrEqual(500 / 1000);
    }
    // Observation 6 (four neighbours) is significant at 5 % by permutation too, if less strongly: the
    // analytic variance does not condition on its own extreme value.
    expect(first.pSim?.[6]).toBeLessThan(0.05);
    expect(first.cluster[6]).toBe('LH');
  });
});

describe('localMoran', () => {
  it('finds a planted cluster of high values as HH, and noise around it mostly not significant', () => {
    const lattice = plantedLattice(5);
    const result = localMoran(lattice.values, lattice.weights, { random: seededRandom(1) });
    for (const cell of lattice.centre) {
      expect(result.cluster[cell]).toBe('HH');
      expect(result.pSim?.[cell]).toBeLessThan(0.01);
    }
    const significantOutside = result.cluster.filter(
      (label, cell) => label !== 'ns' && !lattice.block.includes(cell),
    ).length;
    expect(significantOutside).toBeLessThan(60);
    // A correction can only remove clusters, never add them.
    const corrected = localMoran(lattice.values, lattice.weights, {
      random: seededRandom(1),
      correction: 'fdr',
    });
    expect(corrected.pSim).toEqual(result.pSim);
    corrected.cluster.forEach((label, cell) => {
      if (label !== 'ns') expect(label).toBe(result.cluster[cell]);
    });
    expect(corrected.threshold).toBeLessThanOrEqual(0.05);
  });

  it('leaves islands and values at the mean untested', () => {
    const weights = weightsFromLists([[1], [0, 2], [1, 3], [2], []], 'line');
    const result = localMoran([1, 3, 2, 8, 5], weights, { random: seededRandom(2), permutations: 99 });
    expect(result.statistic[4]).toBe(0);
    expect(result.z[4]).toBe(0);
    expect(result.p[4]).toBe(1);
    expect(result.pSim?.[4]).toBe(1);
    expect(result.cluster[4]).toBe('ns');
    // Observation 0 is not at the mean (3.8); make one that is.
    const atMean = localMoran([2, 4, 3, 1, 5], weights, { random: seededRandom(2), permutations: 99 });
    expect(Math.abs(atMean.statistic[2] as number)).toBe(0);
    expect(atMean.pSim?.[2]).toBe(1);
  });

  it('throws bilingual errors for bad input', () => {
    expect(() => localMoran([1, 2], weightsFromLists([[1], [0]], 'pair'))).toThrow(BilingualError);
    const lattice = plantedLattice(2);
    expect(() => localMoran(new Array(400).fill(3), lattice.weights)).toThrow(/variance is zero/);
    expect(() => localMoran(lattice.values, lattice.weights, { alpha: 5 })).toThrow(/significance level/);
    expect(() => localMoran(lattice.values.subarray(1), lattice.weights)).toThrow(/does not match/);
    expect(() => localMoran(lattice.values, lattice.weights, { correction: 'holm' as 'fdr' })).toThrow(
      /holm/,
    );
  });
});
