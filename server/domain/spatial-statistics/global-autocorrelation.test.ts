import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import { gearyC, globalG, globalMoran } from './global-autocorrelation';
import {
  COLUMBUS_AVAILABLE,
  COLUMBUS_SKIPPED,
  distanceBandLists,
  listsOf,
  loadColumbus,
  nearestNeighbourLists,
  queenLists,
  rookLists,
  rowStandardise,
  weightsFromLists,
} from './test-weights';

const columbus = loadColumbus();
const queen = rowStandardise(weightsFromLists(columbus.queenGal, 'queen'));
const rook = rowStandardise(weightsFromLists(rookLists(columbus.rings), 'rook'));
const nearestFour = rowStandardise(
  weightsFromLists(nearestNeighbourLists(columbus.x, columbus.y, 4), 'knn:4'),
);

// esda's six-point example (test_getisord.py), binary distance band ≤ 15.
const SIX_X = [10, 20, 40, 15, 30, 30];
const SIX_Y = [10, 10, 10, 20, 20, 30];
const SIX_VALUES = [2, 3, 3.2, 5, 8, 7];
const sixBand = weightsFromLists(distanceBandLists(SIX_X, SIX_Y, 15), 'distance:15');

describe.skipIf(!COLUMBUS_AVAILABLE)(`the test weights${COLUMBUS_SKIPPED}`, () => {
  it('read the shared queen GAL (236 links) and agree with queen contiguity built from shared vertices', () => {
    expect(queen.neighbours.length).toBe(236);
    expect(listsOf(weightsFromLists(queenLists(columbus.rings), 'queen'))).toEqual(
      listsOf(weightsFromLists(columbus.queenGal, 'queen')),
    );
    // Rook is queen without the corner-only contacts.
    expect(rook.neighbours.length).toBe(200);
  });
});

describe.skipIf(!COLUMBUS_AVAILABLE)(`globalMoran on Columbus${COLUMBUS_SKIPPED}`, () => {
  it('reproduces Columbus CRIME on queen, row-standardised weights (spdep moran.test, esda Moran)', () => {
    const result = globalMoran(columbus.crime, queen);
    expect(result.method).toBe('moran');
    expect(result.n).toBe(49);
    expect(Math.abs(result.statistic - 0.5001885571828611)).toBeLessThan(1e-12);
    expect(Math.abs(result.expected - -1 / 48)).toBeLessThan(1e-15);
    expect(Math.abs(result.varianceRandomisation - 0.008689289)).toBeLessThan(1e-9);
    expect(Math.abs(result.zRandomisation - 5.5894)).toBeLessThan(5e-5);
    expect(result.pSim).toBeNull();
    // Two-sided, as esda's default: 2 P(Z ≥ z), computed with 30-digit arithmetic for this z.
    expect(Math.abs(result.pRandomisation / 2.2787827007825482e-8 - 1)).toBeLessThan(1e-12);
  });

  it('reproduces Columbus CRIME on 4 nearest neighbours of the X, Y columns, row-standardised', () => {
    const result = globalMoran(columbus.crime, nearestFour);
    expect(Math.abs(result.statistic - 0.624933667)).toBeLessThan(1e-9);
    expect(Math.abs(result.zRandomisation - 7.2183)).toBeLessThan(5e-5);
  });

  it('gives a reproducible pseudo p-value from permutations with a seeded generator', () => {
    const first = globalMoran(columbus.crime, queen, { permutations: 999, random: seededRandom(3) });
    const second = globalMoran(columbus.crime, queen, { permutations: 999, random: seededRandom(3) });
    expect(first.pSim).toBe(second.pSim);
    // z ≈ 5.6: no permutation reaches the observed I.
    expect(first.pSim).toBe(0.001);
    const random = Float64Array.from({ length: 49 }, seededRandom(8));
    const noise = globalMoran(random, queen, { permutations: 99, random: seededRandom(4) });
    expect(noise.pSim).toBeGreaterThanOrEqual(0.01);
    expect(noise.pSim).toBeLessThanOrEqual(0.5);
  });
});

describe.skipIf(!COLUMBUS_AVAILABLE)(`gearyC on Columbus${COLUMBUS_SKIPPED}`, () => {
  it("reproduces esda's Geary test on Columbus CRIME with rook, row-standardised weights", () => {
    const result = gearyC(columbus.crime, rook);
    expect(result.method).toBe('geary');
    expect(result.expected).toBe(1);
    expect(Math.abs(result.statistic - 0.5154408058652411)).toBeLessThan(1e-12);
    expect(Math.abs(result.varianceNormality - 0.011403109626)).toBeLessThan(1e-12);
    expect(Math.abs(result.zNormality - -4.5376938)).toBeLessThan(1e-7);
    expect(Math.abs(result.varianceRandomisation - 0.0108488828)).toBeLessThan(1e-10);
    expect(Math.abs(result.zRandomisation - -4.6521567)).toBeLessThan(1e-7);
    // One-sided toward the deviation, as esda: P(Z ≤ z) for C < 1.
    expect(Math.abs(result.pNormality / 0.00000284363759369641 - 1)).toBeLessThan(1e-12);
  });

  it('permutes reproducibly; no permutation is as extreme as the observed C', () => {
    const options = () => ({ permutations: 199, random: seededRandom(11) });
    expect(gearyC(columbus.crime, rook, options()).pSim).toBe(gearyC(columbus.crime, rook, options()).pSim);
    expect(gearyC(columbus.crime, rook, options()).pSim).toBe(0.005);
  });
});

describe('globalG', () => {
  it("reproduces esda's six-point test on binary distance-band weights", () => {
    const result = globalG(SIX_VALUES, sixBand);
    expect(result.method).toBe('g');
    expect(Math.abs(result.statistic - 0.55709779)).toBeLessThan(1e-8);
    // One-sided, as esda's p_norm (published to six decimals).
    expect(Math.abs(result.pNormality - 0.172936)).toBeLessThan(1e-6);
    expect(result.expected).toBeCloseTo(14 / 30, 15);
    // esda has one variance for G (a randomisation result it calls normality): both fields hold it.
    expect(result.varianceRandomisation).toBe(result.varianceNormality);
    expect(result.zRandomisation).toBe(result.zNormality);
  });

  it('ignores diagonal weights and refuses negative values', () => {
    const withDiagonal = weightsFromLists(
      listsOf(sixBand).map((list, index) => [...list, index]),
      'distance:15+self',
    );
    expect(globalG(SIX_VALUES, withDiagonal).statistic).toBeCloseTo(0.5570977917981073, 15);
    expect(() => globalG([2, -3, 3.2, 5, 8, 7], sixBand)).toThrow(BilingualError);
  });
});

describe('errors users can cause', () => {
  it('throws bilingual errors for mismatched counts, too few, non-finite or constant values, and no links', () => {
    const expectBilingual = (action: () => unknown, english: RegExp) => {
      try {
        action();
      } catch (error) {
        expect(error).toBeInstanceOf(BilingualError);
        expect((error as BilingualError).text.vi.length).toBeGreaterThan(0);
        expect((error as BilingualError).text.en).toMatch(english);
        return;
      }
      throw new Error('expected an error');
    };
    expectBilingual(() => globalMoran([1, 2, 3], sixBand), /does not match/);
    const three = weightsFromLists([[1], [0, 2], [1]], 'line');
    expectBilingual(() => globalMoran([1, 2, 3], three), /At least 4/);
    expectBilingual(() => gearyC([1, 2, 3, 4, 5, Number.NaN], sixBand), /observation 6 is not a finite/);
    expectBilingual(() => globalG(new Array(6).fill(7), sixBand), /variance is zero/);
    expectBilingual(
      () => globalMoran([1, 2, 3, 4], weightsFromLists([[], [], [], []], 'none')),
      /link no observations/,
    );
    expectBilingual(() => globalMoran(SIX_VALUES, sixBand, { permutations: -5 }), /permutations/);
    expectBilingual(() => globalG([0, 0, 0, 0, 0, 3], sixBand), /at least two observations/);
  });
});
