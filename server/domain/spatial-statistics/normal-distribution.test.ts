import { describe, expect, it } from 'vitest';
import { normalCdf, normalUpperTail, oneSidedPValue, twoSidedPValue } from './normal-distribution';

// Φ(x) at these doubles, to 17 significant digits, computed with 40-digit arithmetic (mpmath ncdf).
const REFERENCE: [number, number][] = [
  [-37, 5.725571222524577e-300],
  [-20, 2.7536241186062337e-89],
  [-10, 7.619853024160525e-24],
  [-8.2, 1.2019351542735859e-16],
  [-6, 9.86587645037698e-10],
  [-5, 2.866515718791939e-7],
  [-4.9, 4.79183276590319e-7],
  [-3, 0.0013498980316300946],
  [-2.5, 0.006209665325776135],
  [-1.96, 0.024997895148220435],
  [-1, 0.15865525393145705],
  [-0.7, 0.24196365222307303],
  [-0.674, 0.2501556568403226],
  [-0.5, 0.3085375387259869],
  [-1e-20, 0.5],
  [0, 0.5],
  [0.3, 0.6179114221889527],
  [0.674, 0.7498443431596774],
  [0.7, 0.758036347776927],
  [1, 0.8413447460685429],
  [1.96, 0.9750021048517795],
  [2.5, 0.9937903346742238],
  [3.3, 0.9995165758576162],
  [5.7, 0.9999999940096286],
  [6, 0.9999999990134123],
  [8.2, 0.9999999999999999],
];

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('normalCdf', () => {
  it('matches 40-digit values to about 1e-15 relative, across all three approximation ranges', () => {
    for (const [x, expected] of REFERENCE) {
      expect(relativeError(normalCdf(x), expected), `Φ(${x})`).toBeLessThan(1.5e-15);
    }
  });

  it('keeps the upper tail accurate where 1 − Φ(x) would cancel to nothing', () => {
    expect(relativeError(normalUpperTail(8.2), 1.2019351542735859e-16)).toBeLessThan(1.5e-15);
    expect(relativeError(normalUpperTail(20), 2.7536241186062337e-89)).toBeLessThan(1.5e-15);
    expect(normalUpperTail(40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (let x = -7; x <= 7; x += 0.37) {
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
    }
  });

  it('gives two-sided and one-sided p-values from a z-score', () => {
    expect(relativeError(twoSidedPValue(1.96), 2 * 0.024997895148220435)).toBeLessThan(1.5e-15);
    expect(relativeError(twoSidedPValue(-1.96), 2 * 0.024997895148220435)).toBeLessThan(1.5e-15);
    expect(relativeError(oneSidedPValue(-5), 2.866515718791939e-7)).toBeLessThan(1.5e-15);
    expect(twoSidedPValue(0)).toBe(1);
    expect(oneSidedPValue(0)).toBe(0.5);
  });
});
