import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { mannKendall } from './mann-kendall';

// Expected values computed by hand from the formulas (S, tie-corrected variance, continuity-corrected z) and
// checked with an independent script (p = erfc(|z| / √2)).
describe('mannKendall', () => {
  it('finds a steady rise', () => {
    // S = 10 (every pair rises); Var = 5·4·15/18 = 16.667; z = (10 − 1)/√16.667.
    const result = mannKendall([1, 2, 3, 4, 5]);
    expect(result.statistic).toBe(10);
    expect(result.variance).toBeCloseTo(300 / 18, 12);
    expect(result.z).toBeCloseTo(2.2045407685048604, 12);
    expect(result.p).toBeCloseTo(0.027486336111510353, 12);
    expect(result.tau).toBe(1);
    expect(result.trend).toBe('up');
  });

  it('corrects the variance for one group of ties', () => {
    // Pairs: five rise, one tie (2, 2): S = 5; Var = (4·3·13 − 2·1·9)/18 = 138/18.
    const result = mannKendall([1, 2, 2, 3]);
    expect(result.statistic).toBe(5);
    expect(result.variance).toBeCloseTo(138 / 18, 12);
    expect(result.z).toBeCloseTo(1.4446302370292303, 12);
    expect(result.p).toBeCloseTo(0.1485617748918687, 12);
    expect(result.tau).toBeCloseTo(0.9128709291752769, 12);
    expect(result.trend).toBe('none');
  });

  it('finds a fall through two groups of ties', () => {
    // S = −11; ties t = 2 and t = 3: Var = (6·5·17 − 2·1·9 − 3·2·11)/18 = 426/18; z = (−11 + 1)/√Var.
    const result = mannKendall(Float64Array.of(5, 5, 4, 4, 4, 1));
    expect(result.statistic).toBe(-11);
    expect(result.variance).toBeCloseTo(426 / 18, 12);
    expect(result.z).toBeCloseTo(-2.055566129482595, 12);
    expect(result.p).toBeCloseTo(0.039824355364810736, 12);
    expect(result.trend).toBe('down');
    // At alpha 0.01 the same fall is not significant.
    expect(mannKendall([5, 5, 4, 4, 4, 1], 0.01).trend).toBe('none');
  });

  it('sees the rise through a zigzag', () => {
    const result = mannKendall([1, 3, 2, 4, 3, 5, 4, 6, 5, 7, 6, 8]);
    expect(result.statistic).toBe(52);
    expect(result.z).toBeCloseTo(3.5305603280544506, 12);
    expect(result.p).toBeCloseTo(0.0004146804361195352, 12);
    expect(result.trend).toBe('up');
  });

  it('reports no trend for a flat series', () => {
    const result = mannKendall([3, 3, 3, 3]);
    expect(result).toMatchObject({ statistic: 0, variance: 0, z: 0, p: 1, tau: 0, trend: 'none' });
    expect(mannKendall([1, 2, 1, 2, 1, 2]).trend).toBe('none');
  });

  it('rejects short or broken series in both languages', () => {
    expect(() => mannKendall([1, 2])).toThrow(BilingualError);
    expect(() => mannKendall([1, Number.NaN, 3])).toThrow(BilingualError);
    expect(() => mannKendall([1, 2, 3], 0)).toThrow(BilingualError);
  });
});
