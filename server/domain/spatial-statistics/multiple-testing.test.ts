import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { adjustPValues, checkedCorrection, hotSpotBins, hotSpotBinThresholds } from './multiple-testing';

function expectAllClose(actual: Float64Array, expected: number[]) {
  expected.forEach((value, index) => {
    expect(actual[index], `index ${index}`).toBeCloseTo(value, 12);
  });
}

describe('adjustPValues', () => {
  it('Benjamini–Hochberg, by hand: m = 10, alpha = 0.05, cut-offs k × 0.005', () => {
    // Sorted: 0.001 < 0.005 ✓, 0.008 < 0.010 ✓, 0.039 < 0.015 ✗, 0.041 < 0.020 ✗, … 0.216 < 0.050 ✗ → k = 2.
    const p = [0.042, 0.001, 0.216, 0.039, 0.074, 0.008, 0.205, 0.041, 0.06, 0.212];
    const result = adjustPValues(p, 'fdr', 0.05);
    expect(Array.from(result.significant)).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(result.significantCount).toBe(2);
    expect(result.threshold).toBeCloseTo(0.01, 15);
    // Adjusted p_(k) = min over j ≥ k of 10 p_(j) / j: 0.01, 0.04, then 0.084 (= 0.042·10/5) for ranks 3–5,
    // 0.1, 0.074·10/7, and 0.216 for ranks 8–10.
    expectAllClose(result.adjusted, [0.084, 0.01, 0.216, 0.084, 0.74 / 7, 0.04, 0.216, 0.084, 0.1, 0.216]);
  });

  it('Benjamini–Hochberg steps up: a p-value that fails its own cut-off passes when a larger one passes', () => {
    // m = 4, cut-offs 0.0125, 0.025, 0.0375, 0.05: 0.028 fails 0.025, but 0.035 < 0.05 makes k = 4.
    const result = adjustPValues([0.01, 0.03, 0.028, 0.035], 'fdr', 0.05);
    expect(Array.from(result.significant)).toEqual([1, 1, 1, 1]);
    expect(result.threshold).toBeCloseTo(0.05, 15);
    expectAllClose(result.adjusted, [0.035, 0.035, 0.035, 0.035]);
    expect(adjustPValues([0.2, 0.3, 0.9], 'fdr', 0.05)).toMatchObject({ significantCount: 0, threshold: 0 });
  });

  it('Bonferroni divides alpha by m; none leaves p as it is', () => {
    const p = [0.01, 0.03, 0.028, 0.035];
    const bonferroni = adjustPValues(p, 'bonferroni', 0.05);
    expect(Array.from(bonferroni.significant)).toEqual([1, 0, 0, 0]);
    expect(bonferroni.threshold).toBe(0.0125);
    expectAllClose(bonferroni.adjusted, [0.04, 0.12, 0.112, 0.14]);
    const none = adjustPValues(p, 'none', 0.03);
    expect(Array.from(none.significant)).toEqual([1, 0, 1, 0]);
    expect(Array.from(none.adjusted)).toEqual(p);
    // Strict comparison, as ArcGIS's table: p exactly at alpha is not significant.
    expect(Array.from(adjustPValues([0.05, 0.01], 'none', 0.05).significant)).toEqual([0, 1]);
  });

  it('refuses p-values outside [0, 1], a bad alpha and unknown corrections, in both languages', () => {
    expect(() => adjustPValues([0.1, 1.2], 'fdr', 0.05)).toThrow(BilingualError);
    expect(() => adjustPValues([0.1, Number.NaN], 'none', 0.05)).toThrow(/must lie between 0 and 1/);
    expect(() => adjustPValues([0.1], 'none', 0)).toThrow(/significance level/);
    expect(() => checkedCorrection('holm')).toThrow(/choose none, fdr or bonferroni/);
    expect(checkedCorrection('fdr')).toBe('fdr');
  });
});

describe('hotSpotBins', () => {
  const z = [3.5, -2.9, 2.3, -2.2, 1.75, 0.6, -0.5, 0.4, 0.2, -0.1];
  const p = [0.0005, 0.004, 0.02, 0.03, 0.08, 0.5, 0.6, 0.7, 0.8, 0.9];

  it('uses the nominal 90 / 95 / 99 % cut-offs without a correction', () => {
    expect(Array.from(hotSpotBins(z, p, 'none'))).toEqual([3, -3, 2, -2, 1, 0, 0, 0, 0, 0]);
  });

  it('replaces each cut-off by its Benjamini–Hochberg threshold under FDR, as ArcGIS', () => {
    // alpha 0.01: 0.0005 < 0.001 ✓, 0.004 < 0.002 ✗ … → 0.001. alpha 0.05: 0.004 < 0.010 ✓, 0.02 < 0.015 ✗ …
    // → 0.010. alpha 0.10: 0.02 < 0.03 ✓, 0.03 < 0.04 ✓, 0.08 < 0.05 ✗ … → 0.040.
    const thresholds = hotSpotBinThresholds(p, 'fdr');
    expect(thresholds.confidence99).toBeCloseTo(0.001, 15);
    expect(thresholds.confidence95).toBeCloseTo(0.01, 15);
    expect(thresholds.confidence90).toBeCloseTo(0.04, 15);
    expect(Array.from(hotSpotBins(z, p, 'fdr'))).toEqual([3, -2, 1, -1, 0, 0, 0, 0, 0, 0]);
  });

  it('divides each cut-off by m under Bonferroni', () => {
    expect(hotSpotBinThresholds(p, 'bonferroni')).toEqual({
      confidence90: 0.01,
      confidence95: 0.005,
      confidence99: 0.001,
    });
    expect(Array.from(hotSpotBins(z, p, 'bonferroni'))).toEqual([3, -2, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
