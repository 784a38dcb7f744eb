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
import { checkedValues, type NumericValues } from './input-checks';
import {
  type BinThresholds,
  binsFromThresholds,
  type Correction,
  checkedCorrection,
  hotSpotBinThresholds,
} from './multiple-testing';
import { twoSidedPValue } from './normal-distribution';

/**
 * Getis–Ord local G_i and G_i* (Getis & Ord 1992, Geographical Analysis 24(3); Ord & Getis 1995,
 * Geographical Analysis 27(4)) as z-scores in the form ArcGIS's Hot Spot Analysis reports:
 *
 *   z_i = (Σ_j w_ij x_j − x̄ W_i) / (s √((m S1_i − W_i²) / (m − 1)))
 *
 * with W_i = Σ_j w_ij, S1_i = Σ_j w_ij², and x̄, s (divisor m) the mean and standard deviation of the m values
 * the sums run over: all n for G_i*, the n − 1 others for G_i. With binary weights this equals esda's
 * `G_Local(transform='B')` z exactly; the z does not change when a row's weights are scaled, so row
 * standardisation gives the same z (esda's `transform='R'` z differs: it puts the row sum where Σ w² belongs).
 *
 * Self-inclusion for G_i* (`star: true`): the diagonal weight w_ii is used when the weights carry it (e.g.
 * built with `withSelf`); otherwise it is added here — 1 for binary weights, the row's largest weight for
 * row-standardised ones (esda's assumption), the row then rescaled to sum to 1. Without `star` any diagonal
 * is ignored.
 */

export interface LocalGetisOrdOptions extends PermutationOptions {
  /** G_i* (the unit counts among its own neighbours, ArcGIS's form) when true; G_i when false. */
  star: boolean;
  /** Which correction sets the bins (ArcGIS's "Apply False Discovery Rate correction"); 'none' by default. */
  correction?: Correction;
}

export interface LocalGetisOrdResult {
  method: 'gistar' | 'gi';
  n: number;
  permutations: number;
  correction: Correction;
  /** G_i(*) = Σ_j w_ij x_j / Σ_j x_j over the same set of j (esda's `Gs`). */
  statistic: Float64Array;
  z: Float64Array;
  /** Analytic, two-sided: 2 P(Z ≥ |z_i|), as ArcGIS. Not changed by a correction. */
  p: Float64Array;
  /** Conditional permutation pseudo p-value, esda's folded (larger + 1)/(permutations + 1); null with 0 permutations. */
  pSim: Float64Array | null;
  /** ArcGIS's Gi_Bin from z and the analytic p: ±3 (99 %), ±2 (95 %), ±1 (90 %), 0, under `correction`. */
  bin: Int8Array;
  /** The p-value cut-offs the bins used (the nominal 0.10 / 0.05 / 0.01 without a correction). */
  thresholds: BinThresholds;
  /** Neighbours counted for each observation, itself included for G_i* (ArcGIS's NNeighbors). */
  neighbourCount: Int32Array;
}

/** Local G_i / G_i* z-scores, p-values, bins and conditional permutation pseudo p-values (999 by default). */
export function localGetisOrd(
  values: NumericValues,
  weights: SpatialWeights,
  options: LocalGetisOrdOptions,
): LocalGetisOrdResult {
  const x = checkedValues(values, weights, 3);
  const n = x.length;
  const star = options.star;
  const correction = checkedCorrection(options.correction ?? 'none');
  const permutations = checkedPermutations(options.permutations ?? DEFAULT_PERMUTATIONS);

  let sum = 0;
  for (let index = 0; index < n; index++) sum += x[index] as number;
  const mean = sum / n;
  // Deviations from the overall mean keep the variance accurate for large values; z does not move with a shift.
  const deviations = new Float64Array(n);
  let squares = 0;
  for (let index = 0; index < n; index++) {
    const deviation = (x[index] as number) - mean;
    deviations[index] = deviation;
    squares += deviation * deviation;
  }
  const others = otherNeighbours(weights);
  const rowStandardised = weights.transform === 'row';
  const statistic = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const direction = new Int8Array(n);
  const neighbourCount = new Int32Array(n);
  const setSize = star ? n : n - 1;

  for (let observation = 0; observation < n; observation++) {
    const start = others.offsets[observation] as number;
    const end = others.offsets[observation + 1] as number;
    let weightSum = 0;
    let squaredWeightSum = 0;
    let largestWeight = 0;
    let lag = 0;
    let rawLag = 0;
    for (let link = start; link < end; link++) {
      const weight = others.weights[link] as number;
      const neighbour = others.neighbours[link] as number;
      weightSum += weight;
      squaredWeightSum += weight * weight;
      largestWeight = Math.max(largestWeight, weight);
      lag += weight * (deviations[neighbour] as number);
      rawLag += weight * (x[neighbour] as number);
    }
    const deviation = deviations[observation] as number;
    const value = x[observation] as number;
    let setMean: number;
    let setVariance: number;
    let denominatorSum: number;
    let scale = 1;
    if (star) {
      const carried = others.selfWeights[observation] as number;
      const selfWeight = carried !== 0 ? carried : rowStandardised && end > start ? largestWeight : 1;
      if (carried === 0 && rowStandardised && end > start) scale = 1 / (1 + selfWeight);
      weightSum += selfWeight;
      squaredWeightSum += selfWeight * selfWeight;
      lag += selfWeight * deviation;
      rawLag += selfWeight * value;
      setMean = 0;
      setVariance = squares / n;
      denominatorSum = sum;
    } else {
      setMean = -deviation / (n - 1);
      setVariance = (squares - deviation * deviation) / (n - 1) - setMean * setMean;
      denominatorSum = sum - value;
    }
    // m S1 − W² is 0 when every one of the m values is an equal-weight neighbour; keep rounding from faking it.
    const weightSpread = setSize * squaredWeightSum - weightSum * weightSum;
    const spread =
      weightSpread > 1e-12 * setSize * squaredWeightSum
        ? Math.sqrt(Math.max(setVariance, 0) * (weightSpread / (setSize - 1)))
        : 0;
    // No neighbours (G_i of an island), everyone a neighbour, or all other values equal: nothing to test.
    const score = spread > 0 ? (lag - setMean * weightSum) / spread : 0;
    statistic[observation] = (scale * rawLag) / denominatorSum;
    z[observation] = score;
    p[observation] = spread > 0 ? twoSidedPValue(score) : 1;
    neighbourCount[observation] = end - start + (star ? 1 : 0);
    // z grows with Σ_{j≠i} w_ij x_j (the self term is fixed under conditional permutation); esda compares G
    // itself, which is the same order whenever Σ x > 0.
    direction[observation] = spread > 0 ? 1 : 0;
  }

  let pSim: Float64Array | null = null;
  if (permutations > 0) {
    const draws = neighbourDraws(n, others.maximumCount, permutations, generatorOrDefault(options.random));
    pSim = conditionalPseudoPValues(x, others, draws, direction);
  }
  const thresholds = hotSpotBinThresholds(p, correction);
  return {
    method: star ? 'gistar' : 'gi',
    n,
    permutations,
    correction,
    statistic,
    z,
    p,
    pSim,
    bin: binsFromThresholds(z, p, thresholds),
    thresholds,
    neighbourCount,
  };
}
