import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import { localGetisOrd } from './local-getis-ord';
import {
  addSelf,
  distanceBandLists,
  latticeRookLists,
  rowStandardise,
  weightsFromLists,
} from './test-weights';

// esda's six-point example (getisord.py docstring, test_getisord.py), binary distance band ≤ 15.
const SIX_X = [10, 20, 40, 15, 30, 30];
const SIX_Y = [10, 10, 10, 20, 20, 30];
const SIX_VALUES = [2, 3, 3.2, 5, 8, 7];
const band = weightsFromLists(distanceBandLists(SIX_X, SIX_Y, 15), 'distance:15');
// esda G_Local(transform='B').Zs and G_Local(transform='B', star=True).Zs, printed to 8 decimals.
const ESDA_GI = [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941];
const ESDA_GI_STAR = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];

function expectClose(actual: Float64Array, expected: number[], tolerance: number) {
  expected.forEach((value, index) => {
    expect(Math.abs((actual[index] as number) - value), `index ${index}`).toBeLessThan(tolerance);
  });
}

describe('localGetisOrd', () => {
  it("reproduces esda's G_i and G_i* z-scores on binary distance-band weights", () => {
    const gi = localGetisOrd(SIX_VALUES, band, { star: false, permutations: 0 });
    const giStar = localGetisOrd(SIX_VALUES, band, { star: true, permutations: 0 });
    expect(gi.method).toBe('gi');
    expect(giStar.method).toBe('gistar');
    expect(Math.abs((gi.z[0] as number) - -1.0136729)).toBeLessThan(1e-7);
    expect(Math.abs((giStar.z[0] as number) - -1.39727626)).toBeLessThan(1e-8);
    expectClose(gi.z, ESDA_GI, 1e-8);
    expectClose(giStar.z, ESDA_GI_STAR, 1e-8);
    // By hand: point 0's neighbours are points 1 and 3; G_0 = (3 + 5) / (28.2 − 2), G_0* = (2 + 3 + 5) / 28.2.
    expect(gi.statistic[0]).toBeCloseTo(8 / 26.2, 15);
    expect(giStar.statistic[0]).toBeCloseTo(10 / 28.2, 15);
    expect(Array.from(giStar.neighbourCount)).toEqual([3, 4, 2, 4, 5, 2]);
    // Two-sided analytic p (ArcGIS), unlike esda's one-sided p_norm.
    expect(Math.abs((giStar.p[5] as number) - 0.0429451234)).toBeLessThan(1e-9);
    expect(giStar.pSim).toBeNull();
  });

  it('gives the same z whether self is added here, carried by the weights, or the rows are standardised', () => {
    const added = localGetisOrd(SIX_VALUES, band, { star: true, permutations: 0 });
    const carried = localGetisOrd(SIX_VALUES, addSelf(band), { star: true, permutations: 0 });
    const standardised = localGetisOrd(SIX_VALUES, rowStandardise(band), { star: true, permutations: 0 });
    const standardisedWithSelf = localGetisOrd(SIX_VALUES, rowStandardise(addSelf(band)), {
      star: true,
      permutations: 0,
    });
    expect(carried.z).toEqual(added.z);
    expect(carried.statistic).toEqual(added.statistic);
    expectClose(standardised.z, ESDA_GI_STAR, 1e-8);
    // Row-standardised with self: weights sum to 1 per row, G_i* is the neighbourhood's share of the total.
    expect(standardised.statistic[0]).toBeCloseTo(10 / 3 / 28.2, 15);
    expect(standardisedWithSelf.statistic[0]).toBeCloseTo(10 / 3 / 28.2, 15);
    // Without star the diagonal of self-including weights is ignored.
    expect(localGetisOrd(SIX_VALUES, addSelf(band), { star: false, permutations: 0 }).z).toEqual(
      localGetisOrd(SIX_VALUES, band, { star: false, permutations: 0 }).z,
    );
  });

  it('bins a planted hot block at +3 and its pseudo p-values repeat for a seed', () => {
    const random = seededRandom(17);
    const values = Float64Array.from({ length: 400 }, () => Math.floor(random() * 10));
    const centre: number[] = [];
    for (let row = 7; row <= 11; row++) {
      for (let column = 7; column <= 11; column++) {
        values[row * 20 + column] = 30 + Math.floor(random() * 10);
        if (row >= 8 && row <= 10 && column >= 8 && column <= 10) centre.push(row * 20 + column);
      }
    }
    const weights = addSelf(weightsFromLists(latticeRookLists(20, 20), 'rook'));
    const result = localGetisOrd(values, weights, { star: true, random: seededRandom(3) });
    const again = localGetisOrd(values, weights, { star: true, random: seededRandom(3) });
    expect(again.pSim).toEqual(result.pSim);
    for (const cell of centre) {
      expect(result.bin[cell]).toBe(3);
      expect(result.z[cell]).toBeGreaterThan(2.58);
      expect(result.pSim?.[cell]).toBe(0.001);
    }
    for (const value of result.pSim ?? []) {
      expect(value).toBeGreaterThanOrEqual(0.001);
      expect(value).toBeLessThanOrEqual(0.5);
    }
    expect(result.thresholds).toEqual({ confidence90: 0.1, confidence95: 0.05, confidence99: 0.01 });
    // Under FDR the hot block stays at +3; z and p do not move; fewer (never more) cells are binned.
    const corrected = localGetisOrd(values, weights, {
      star: true,
      random: seededRandom(3),
      correction: 'fdr',
    });
    expect(corrected.z).toEqual(result.z);
    expect(corrected.p).toEqual(result.p);
    for (const cell of centre) expect(corrected.bin[cell]).toBe(3);
    corrected.bin.forEach((bin, cell) => {
      expect(Math.abs(bin)).toBeLessThanOrEqual(Math.abs(result.bin[cell] as number));
    });
    expect(corrected.thresholds.confidence99).toBeLessThan(0.01);
  });

  it('leaves nothing to test when every observation is an equal neighbour of every other (G_i*)', () => {
    const complete = weightsFromLists(
      [
        [1, 2, 3],
        [0, 2, 3],
        [0, 1, 3],
        [0, 1, 2],
      ],
      'complete',
    );
    const result = localGetisOrd([1, 2, 3, 40], complete, { star: true, random: seededRandom(1) });
    expect(Array.from(result.z)).toEqual([0, 0, 0, 0]);
    expect(Array.from(result.p)).toEqual([1, 1, 1, 1]);
    expect(Array.from(result.bin)).toEqual([0, 0, 0, 0]);
  });

  it('throws bilingual errors for bad input', () => {
    expect(() => localGetisOrd([1, 2], weightsFromLists([[1], [0]], 'pair'), { star: true })).toThrow(
      BilingualError,
    );
    expect(() => localGetisOrd([4, 4, 4, 4, 4, 4], band, { star: true })).toThrow(/variance is zero/);
    expect(() => localGetisOrd([1, 2, 3, 4, 5, Number.POSITIVE_INFINITY], band, { star: true })).toThrow(
      /observation 6 is not a finite number/,
    );
    expect(() => localGetisOrd([1, 2, 3], band, { star: true })).toThrow(/does not match/);
    expect(() => localGetisOrd(SIX_VALUES, band, { star: true, permutations: 2.5 })).toThrow(/permutations/);
  });
});
