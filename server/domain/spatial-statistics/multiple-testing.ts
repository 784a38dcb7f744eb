import { BilingualError, bilingual } from '../bilingual';
import { checkedAlpha, type NumericValues } from './input-checks';

/**
 * Multiple-testing corrections for local statistics, which test every observation at once: with 10,000
 * communes and no correction, about 500 would pass at 5 % by chance alone. Corrections change which
 * observations count as significant (and so the bins and clusters), never the z-scores or p-values.
 *
 * - none: p < alpha.
 * - bonferroni: p < alpha / m (controls the chance of any false positive; strict).
 * - fdr: Benjamini & Hochberg (1995, J. R. Statist. Soc. B 57(1), 289–300) step-up: with the p-values sorted,
 *   p_(1) ≤ … ≤ p_(m), let k be the largest rank with p_(k) < k·alpha/m; the k smallest are significant
 *   (controls the expected share of false positives among those called significant).
 *
 * Comparisons are strict (p < cut-off), as ArcGIS's confidence table and GeoDa's significance filter; the
 * paper's "≤" differs only for a p-value exactly on the cut-off.
 */

export const CORRECTIONS = ['none', 'fdr', 'bonferroni'] as const;
export type Correction = (typeof CORRECTIONS)[number];

export interface AdjustedPValues {
  /** As R's `p.adjust`: unchanged (none), min(1, m·p) (bonferroni), BH-adjusted (fdr). Significant ⇔ adjusted < alpha. */
  adjusted: Float64Array;
  /** 1 where the observation stays significant. */
  significant: Uint8Array;
  significantCount: number;
  /** The p-value cut-off the correction arrived at: significant ⇔ p < threshold (0 when none pass under fdr). */
  threshold: number;
}

function checkedPValues(p: NumericValues): Float64Array {
  const result = Float64Array.from(p);
  for (let index = 0; index < result.length; index++) {
    const value = result[index] as number;
    if (!(value >= 0 && value <= 1)) {
      throw new BilingualError(
        bilingual(
          `Giá trị p thứ ${index + 1} phải nằm trong khoảng từ 0 đến 1 (đang là ${String(value)}).`,
          `p-value ${index + 1} must lie between 0 and 1 (got ${String(value)}).`,
        ),
      );
    }
  }
  return result;
}

export function checkedCorrection(correction: string): Correction {
  if (!(CORRECTIONS as readonly string[]).includes(correction)) {
    throw new BilingualError(
      bilingual(
        `Phương pháp hiệu chỉnh kiểm định bội "${correction}" không hợp lệ; hãy chọn none, fdr hoặc bonferroni.`,
        `Unknown multiple-testing correction "${correction}"; choose none, fdr or bonferroni.`,
      ),
    );
  }
  return correction as Correction;
}

/** The positions of the p-values in increasing order of p. */
function ascendingOrder(p: Float64Array): Int32Array {
  const order = Int32Array.from({ length: p.length }, (_, index) => index);
  order.sort((left, right) => (p[left] as number) - (p[right] as number) || left - right);
  return order;
}

/** Which observations stay significant at `alpha` under the correction, with the adjusted p-values. */
export function adjustPValues(p: NumericValues, correction: Correction, alpha: number): AdjustedPValues {
  const values = checkedPValues(p);
  checkedAlpha(alpha);
  checkedCorrection(correction);
  const count = values.length;
  const adjusted = new Float64Array(count);
  const significant = new Uint8Array(count);
  let threshold: number;
  if (correction === 'fdr') {
    const order = ascendingOrder(values);
    // Step-up: the largest rank k with p_(k) < k·alpha/m.
    let passing = 0;
    for (let rank = count; rank >= 1; rank--) {
      if ((values[order[rank - 1] as number] as number) < (rank * alpha) / count) {
        passing = rank;
        break;
      }
    }
    for (let rank = 0; rank < passing; rank++) significant[order[rank] as number] = 1;
    threshold = count === 0 ? 0 : (passing * alpha) / count;
    // Adjusted p_(i) = min over k ≥ i of m·p_(k)/k, capped at 1 (R's p.adjust "BH").
    let running = 1;
    for (let rank = count; rank >= 1; rank--) {
      const position = order[rank - 1] as number;
      running = Math.min(running, ((values[position] as number) * count) / rank);
      adjusted[position] = running;
    }
  } else {
    threshold = correction === 'bonferroni' ? alpha / Math.max(count, 1) : alpha;
    for (let index = 0; index < count; index++) {
      const value = values[index] as number;
      adjusted[index] = correction === 'bonferroni' ? Math.min(1, value * count) : value;
      if (value < threshold) significant[index] = 1;
    }
  }
  let significantCount = 0;
  for (let index = 0; index < count; index++) significantCount += significant[index] as number;
  return { adjusted, significant, significantCount, threshold };
}

/** The p-value cut-offs of ArcGIS's Gi_Bin classes: ±3 at 99 %, ±2 at 95 %, ±1 at 90 % confidence. */
export interface BinThresholds {
  confidence90: number;
  confidence95: number;
  confidence99: number;
}

/**
 * The bin cut-offs under a correction, as ArcGIS's Hot Spot Analysis applies FDR: the correction runs once
 * per confidence level (alpha 0.10, 0.05, 0.01) and its threshold replaces the nominal p-value of that level
 * (none: 0.10 / 0.05 / 0.01; bonferroni: those divided by m; fdr: each level's Benjamini–Hochberg cut-off).
 */
export function hotSpotBinThresholds(p: NumericValues, correction: Correction): BinThresholds {
  const values = checkedPValues(p);
  checkedCorrection(correction);
  const count = values.length;
  // One numeric sort serves the three levels (a cube of a quarter of a million bins sorts in ~20 ms).
  const sorted = correction === 'fdr' ? values.sort() : values;
  const cutOff = (alpha: number) => {
    if (correction === 'bonferroni') return alpha / Math.max(count, 1);
    if (correction === 'none') return alpha;
    // Benjamini–Hochberg step-up, as in `adjustPValues`: the largest rank k with p_(k) < k·alpha/m.
    for (let rank = count; rank >= 1; rank--) {
      if ((sorted[rank - 1] as number) < (rank * alpha) / count) return (rank * alpha) / count;
    }
    return 0;
  };
  return { confidence90: cutOff(0.1), confidence95: cutOff(0.05), confidence99: cutOff(0.01) };
}

/**
 * ArcGIS's Gi_Bin: sign(z) × 3, 2 or 1 for the highest confidence level whose cut-off p passes (p < cut-off),
 * 0 when none does. z and p are not changed by a correction; only these bins are.
 */
export function hotSpotBins(z: NumericValues, p: NumericValues, correction: Correction): Int8Array {
  const thresholds = hotSpotBinThresholds(p, correction);
  return binsFromThresholds(z, p, thresholds);
}

export function binsFromThresholds(z: NumericValues, p: NumericValues, thresholds: BinThresholds): Int8Array {
  const bins = new Int8Array(z.length);
  for (let index = 0; index < z.length; index++) {
    const value = p[index] as number;
    const level =
      value < thresholds.confidence99
        ? 3
        : value < thresholds.confidence95
          ? 2
          : value < thresholds.confidence90
            ? 1
            : 0;
    const score = z[index] as number;
    bins[index] = score > 0 ? level : score < 0 ? -level : 0;
  }
  return bins;
}
