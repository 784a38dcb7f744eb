import { BilingualError, bilingual } from '../bilingual';
import { type EmergingHotSpotCategory, emergingHotSpotCategory } from '../point-patterns/emerging-hot-spots';
import { mannKendall, type TrendDirection } from '../point-patterns/mann-kendall';
import { checkedAlpha } from '../spatial-statistics/input-checks';
import { centralMoments } from '../spatial-statistics/moments';
import {
  adjustPValues,
  type BinThresholds,
  binsFromThresholds,
  type Correction,
  checkedCorrection,
  hotSpotBinThresholds,
} from '../spatial-statistics/multiple-testing';
import { twoSidedPValue } from '../spatial-statistics/normal-distribution';
import type { SpatialWeights } from '../spatial-weights/spatial-weights';

/**
 * Emerging hot spots over a space-time cube of counts, after ArcGIS Pro's Emerging Hot Spot Analysis ("How
 * Emerging Hot Spot Analysis works"; the cube as "Create Space Time Cube" builds it: one bin per location and
 * time step):
 *
 * 1. G_i* of every bin. Its neighbourhood is the location and its spatial neighbours, at the bin's own time
 *    step and the `timeStepNeighbours` steps before it (ArcGIS's Neighborhood Time Step, 1 by default; fewer at
 *    the start of the cube), binary weights. The mean and standard deviation are those of every bin in the cube
 *    (ArcGIS's default global window, "entire cube"), so a location is hot where its neighbourhood runs high
 *    against the whole period, not only against its own month. The bins' p-values are corrected for multiple
 *    testing over the whole cube (FDR by default, as ArcGIS), which changes the bins, never z or p.
 * 2. The Mann–Kendall trend of each location's z-scores over time.
 * 3. The location's category from emergingHotSpotCategory (new, consecutive, intensifying, persistent,
 *    diminishing, sporadic, oscillating, historical hot or cold spot, or no pattern), a step counting as a
 *    significant hot or cold spot when its p-value passes the corrected threshold at `alpha`.
 *
 * A cube whose counts are all equal has nothing to test: every z is 0, every p 1, and no location has a pattern.
 */

export interface SpaceTimeHotSpotsOptions {
  /** Earlier time steps in each bin's neighbourhood (ArcGIS's Neighborhood Time Step): 1 by default. */
  readonly timeStepNeighbours?: number;
  /** The correction over all bins of the cube: 'fdr' by default, as ArcGIS. */
  readonly correction?: Correction;
  /** Significance of a bin (after the correction) and of a trend: 0.05 by default. */
  readonly alpha?: number;
}

/** The Mann–Kendall trend of one location's z-scores. */
export interface LocationTrend {
  /** Kendall's S. */
  readonly statistic: number;
  readonly tau: number;
  readonly z: number;
  readonly p: number;
  readonly trend: TrendDirection;
}

export interface SpaceTimeHotSpotsComputation {
  readonly method: 'emerging';
  readonly locations: number;
  readonly steps: number;
  readonly timeStepNeighbours: number;
  readonly correction: Correction;
  readonly alpha: number;
  /** Whose mean and standard deviation each bin is compared with. */
  readonly globalWindow: 'entire-cube';
  /** The bins' p-value cut-offs at 90 / 95 / 99 % under the correction. */
  readonly thresholds: BinThresholds;
  /** A bin is a significant hot or cold spot when its p-value is below this (the correction at alpha). */
  readonly significanceThreshold: number;
}

/** Series are location-major, as the counts: bin (location, step) at location × steps + step. */
export interface SpaceTimeHotSpotsResult {
  readonly locations: number;
  readonly steps: number;
  readonly category: EmergingHotSpotCategory[];
  readonly trend: LocationTrend[];
  readonly z: Float64Array;
  /** Two-sided analytic p-values, not changed by the correction. */
  readonly p: Float64Array;
  /** ArcGIS's Gi_Bin (−3…3) of every bin under the correction. */
  readonly bin: Int8Array;
  /** One location's z, p and bin series (views into the arrays above). */
  series(location: number): { z: Float64Array; p: Float64Array; bin: Int8Array };
  readonly computation: SpaceTimeHotSpotsComputation;
}

/** Mann–Kendall and the category definitions need at least three time steps. */
const MINIMUM_STEPS = 3;

export function spaceTimeHotSpots(
  counts: Float64Array,
  steps: number,
  weights: SpatialWeights,
  options: SpaceTimeHotSpotsOptions = {},
): SpaceTimeHotSpotsResult {
  const locations = weights.count;
  if (!(Number.isInteger(steps) && steps >= MINIMUM_STEPS)) {
    throw new BilingualError(
      bilingual(
        `Phân tích điểm nóng mới nổi cần ít nhất ${MINIMUM_STEPS} khoảng thời gian (nhận được ${String(steps)}).`,
        `Emerging hot spot analysis needs at least ${MINIMUM_STEPS} time steps (got ${String(steps)}).`,
      ),
    );
  }
  if (locations < 1 || counts.length !== locations * steps) {
    throw new BilingualError(
      bilingual(
        `Khối không gian – thời gian cần ${locations} địa bàn × ${steps} khoảng thời gian = ${locations * steps} giá trị, nhưng nhận được ${counts.length}.`,
        `The space-time cube needs ${locations} locations × ${steps} time steps = ${locations * steps} values, but got ${counts.length}.`,
      ),
    );
  }
  const timeStepNeighbours = options.timeStepNeighbours ?? 1;
  if (!(Number.isInteger(timeStepNeighbours) && timeStepNeighbours >= 0 && timeStepNeighbours < steps)) {
    throw new BilingualError(
      bilingual(
        `Số khoảng thời gian lân cận phải là số nguyên từ 0 đến ${steps - 1} (nhận được ${String(timeStepNeighbours)}).`,
        `The number of neighbouring time steps must be a whole number from 0 to ${steps - 1} (got ${String(timeStepNeighbours)}).`,
      ),
    );
  }
  const correction = checkedCorrection(options.correction ?? 'fdr');
  const alpha = checkedAlpha(options.alpha ?? 0.05);
  for (let bin = 0; bin < counts.length; bin++) {
    if (!Number.isFinite(counts[bin])) {
      throw new BilingualError(
        bilingual(
          `Giá trị của địa bàn ${Math.floor(bin / steps) + 1}, khoảng thời gian ${(bin % steps) + 1} không phải là số hợp lệ.`,
          `The value of location ${Math.floor(bin / steps) + 1} at time step ${(bin % steps) + 1} is not a valid number.`,
        ),
      );
    }
  }

  const { z, p } = spaceTimeGStar(counts, steps, weights, timeStepNeighbours);
  const thresholds = hotSpotBinThresholds(p, correction);
  const bin = binsFromThresholds(z, p, thresholds);
  const significanceThreshold =
    alpha === 0.1
      ? thresholds.confidence90
      : alpha === 0.05
        ? thresholds.confidence95
        : alpha === 0.01
          ? thresholds.confidence99
          : adjustPValues(p, correction, alpha).threshold;

  const category: EmergingHotSpotCategory[] = new Array(locations);
  const trend: LocationTrend[] = new Array(locations);
  // 0 for a significant step and 1 for any other: emergingHotSpotCategory then tests p < alpha.
  const passed = new Float64Array(steps);
  for (let location = 0; location < locations; location++) {
    const zSeries = z.subarray(location * steps, (location + 1) * steps);
    for (let step = 0; step < steps; step++) {
      passed[step] = (p[location * steps + step] as number) < significanceThreshold ? 0 : 1;
    }
    const test = mannKendall(zSeries, alpha);
    trend[location] = { statistic: test.statistic, tau: test.tau, z: test.z, p: test.p, trend: test.trend };
    category[location] = emergingHotSpotCategory(zSeries, passed, test.trend, alpha);
  }

  return {
    locations,
    steps,
    category,
    trend,
    z,
    p,
    bin,
    series: (location: number) => ({
      z: z.subarray(location * steps, (location + 1) * steps),
      p: p.subarray(location * steps, (location + 1) * steps),
      bin: bin.subarray(location * steps, (location + 1) * steps),
    }),
    computation: {
      method: 'emerging',
      locations,
      steps,
      timeStepNeighbours,
      correction,
      alpha,
      globalWindow: 'entire-cube',
      thresholds,
      significanceThreshold,
    },
  };
}

/**
 * G_i* z of every bin with binary space-time weights (Getis & Ord 1992; Ord & Getis 1995, the form of
 * localGetisOrd): z = (Σ_{neighbourhood} x − x̄ W) / (s √((n W − W²)/(n − 1))), n = all bins, x̄ and s (divisor
 * n) over them, W the bins in the neighbourhood. The location's spatial sum at each step (itself and its
 * neighbours) is summed over the window of steps with a running total.
 */
function spaceTimeGStar(
  counts: Float64Array,
  steps: number,
  weights: SpatialWeights,
  timeStepNeighbours: number,
): { z: Float64Array; p: Float64Array } {
  const locations = weights.count;
  const n = counts.length;
  const { deviations, m2: variance } = centralMoments(counts);

  const z = new Float64Array(n);
  const p = new Float64Array(n).fill(1);
  const spatialSum = new Float64Array(steps);
  for (let location = 0; location < locations; location++) {
    const base = location * steps;
    // The location itself, then each neighbour once (any self link in the weights is the location already).
    spatialSum.set(deviations.subarray(base, base + steps));
    let spatialNeighbours = 1;
    for (
      let link = weights.offsets[location] as number;
      link < (weights.offsets[location + 1] as number);
      link++
    ) {
      const neighbour = weights.neighbours[link] as number;
      if (neighbour === location) continue;
      spatialNeighbours++;
      const neighbourBase = neighbour * steps;
      for (let step = 0; step < steps; step++) {
        spatialSum[step] = (spatialSum[step] as number) + (deviations[neighbourBase + step] as number);
      }
    }
    let windowSum = 0;
    for (let step = 0; step < steps; step++) {
      windowSum += spatialSum[step] as number;
      if (step > timeStepNeighbours) windowSum -= spatialSum[step - timeStepNeighbours - 1] as number;
      const weight = spatialNeighbours * (Math.min(step, timeStepNeighbours) + 1);
      // n S1 − W² with S1 = W for binary weights; 0 when the neighbourhood is the whole cube.
      const weightSpread = n * weight - weight * weight;
      const spread = weightSpread > 1e-12 * n * weight ? Math.sqrt(variance * (weightSpread / (n - 1))) : 0;
      if (spread > 0) {
        const score = windowSum / spread;
        z[base + step] = score;
        p[base + step] = twoSidedPValue(score);
      }
    }
  }
  return { z, p };
}
