import type { SpatialWeights } from '../spatial-weights/spatial-weights';
import {
  checkedPermutations,
  conditionalPseudoPValues,
  DEFAULT_PERMUTATIONS,
  generatorOrDefault,
  neighbourDraws,
  otherNeighbours,
  type PermutationOptions,
} from './conditional-permutation';
import { checkedAlpha, checkedValues, type NumericValues } from './input-checks';
import { centralMoments } from './moments';
import { adjustPValues, type Correction, checkedCorrection } from './multiple-testing';
import { twoSidedPValue } from './normal-distribution';

/**
 * Local Moran's I (LISA, Anselin 1995, "Local indicators of spatial association — LISA", Geographical
 * Analysis 27(2)) with esda's and spdep's (`mlvar = TRUE`) scaling: I_i = z_i Σ_j w_ij z_j / m2 with z the
 * deviations from the mean and m2 = Σ z² / n, so that with row-standardised weights the mean of the I_i is
 * the global Moran's I. Diagonal weights, if any, are left out (a unit is not its own neighbour here).
 */

/** Where an observation sits in the Moran scatterplot: its own value and its neighbours' (above/below the mean). */
export type LisaQuadrant = 'HH' | 'LL' | 'HL' | 'LH';
/** The quadrant when significant, else 'ns' (GeoDa's cluster map). */
export type LisaCluster = LisaQuadrant | 'ns';

export interface LocalMoranOptions extends PermutationOptions {
  /** Significance level for the clusters; 0.05 by default, as GeoDa. */
  alpha?: number;
  /** Multiple-testing correction applied to the p-values behind the clusters; 'none' by default. */
  correction?: Correction;
}

export interface LocalMoranResult {
  method: 'lisa';
  n: number;
  permutations: number;
  alpha: number;
  correction: Correction;
  /** I_i. */
  statistic: Float64Array;
  /** The spatial lag of the deviations, Σ_j w_ij z_j (the Moran scatterplot's vertical axis). */
  lag: Float64Array;
  /** E[I_i] = −W_i / (n − 1), W_i the sum of row i's weights (Anselin 1995). */
  expected: Float64Array;
  /** Var[I_i] under randomisation (Anselin 1995, as spdep's `localmoran` with `conditional = FALSE`). */
  variance: Float64Array;
  z: Float64Array;
  /** Analytic, two-sided: 2 P(Z ≥ |z_i|). 1 for observations without neighbours. */
  p: Float64Array;
  /** Conditional permutation pseudo p-value, esda's folded (larger + 1)/(permutations + 1); null with 0 permutations. */
  pSim: Float64Array | null;
  quadrant: LisaQuadrant[];
  /** The quadrant where the p-value behind it (pSim, or p without permutations) passes `correction` at `alpha`. */
  cluster: LisaCluster[];
  /** The p-value cut-off the clusters used: significant when p < threshold. */
  threshold: number;
}

/** Local Moran's I with analytic moments and conditional permutation inference (999 permutations by default). */
export function localMoran(
  values: NumericValues,
  weights: SpatialWeights,
  options: LocalMoranOptions = {},
): LocalMoranResult {
  const x = checkedValues(values, weights, 3);
  const n = x.length;
  const alpha = checkedAlpha(options.alpha ?? 0.05);
  const correction = checkedCorrection(options.correction ?? 'none');
  const permutations = checkedPermutations(options.permutations ?? DEFAULT_PERMUTATIONS);

  const { deviations, m2, m4 } = centralMoments(x);
  // Anselin (1995): b2 the sample kurtosis, Var = A·Σw² + B·(W² − Σw²) − E² with spdep's A and B.
  const kurtosis = m4 / (m2 * m2);
  const a = (n - kurtosis) / (n - 1);
  const b = (2 * kurtosis - n) / ((n - 1) * (n - 2));

  const others = otherNeighbours(weights);
  const statistic = new Float64Array(n);
  const lag = new Float64Array(n);
  const expected = new Float64Array(n);
  const variance = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const direction = new Int8Array(n);
  const quadrant: LisaQuadrant[] = new Array(n);
  for (let observation = 0; observation < n; observation++) {
    let lagged = 0;
    let weightSum = 0;
    let squaredWeightSum = 0;
    for (
      let link = others.offsets[observation] as number;
      link < (others.offsets[observation + 1] as number);
      link++
    ) {
      const weight = others.weights[link] as number;
      lagged += weight * (deviations[others.neighbours[link] as number] as number);
      weightSum += weight;
      squaredWeightSum += weight * weight;
    }
    const deviation = deviations[observation] as number;
    const value = (deviation * lagged) / m2;
    const mean = -weightSum / (n - 1);
    const spread = a * squaredWeightSum + b * (weightSum * weightSum - squaredWeightSum) - mean * mean;
    statistic[observation] = value;
    lag[observation] = lagged;
    expected[observation] = mean;
    variance[observation] = spread;
    // An island (no neighbours) has I_i = 0 and no variance: nothing to test.
    const score = spread > 0 ? (value - mean) / Math.sqrt(spread) : 0;
    z[observation] = score;
    p[observation] = spread > 0 ? twoSidedPValue(score) : 1;
    // I_i grows with the lag when z_i > 0 and shrinks with it when z_i < 0; at z_i = 0 it is 0 whatever the
    // neighbours (esda would report the smallest pseudo p there; we report 1).
    direction[observation] = deviation > 0 ? 1 : deviation < 0 ? -1 : 0;
    // esda's quadrants: a deviation or lag of exactly 0 counts as low.
    quadrant[observation] = deviation > 0 ? (lagged > 0 ? 'HH' : 'HL') : lagged > 0 ? 'LH' : 'LL';
  }

  let pSim: Float64Array | null = null;
  if (permutations > 0) {
    const draws = neighbourDraws(n, others.maximumCount, permutations, generatorOrDefault(options.random));
    // The comparison is on Σ w_ij x_j of the raw values: the mean shift is the same for every permutation.
    pSim = conditionalPseudoPValues(x, others, draws, direction);
  }
  const significance = adjustPValues(pSim ?? p, correction, alpha);
  const cluster: LisaCluster[] = quadrant.map((label, index) =>
    significance.significant[index] === 1 && others.offsets[index + 1] !== others.offsets[index]
      ? label
      : 'ns',
  );
  return {
    method: 'lisa',
    n,
    permutations,
    alpha,
    correction,
    statistic,
    lag,
    expected,
    variance,
    z,
    p,
    pSim,
    quadrant,
    cluster,
    threshold: significance.threshold,
  };
}
