import { BilingualError, bilingual } from '../bilingual';
import type { TrendDirection } from './mann-kendall';

export type EmergingHotSpotCategory =
  | 'new-hot-spot'
  | 'consecutive-hot-spot'
  | 'intensifying-hot-spot'
  | 'persistent-hot-spot'
  | 'diminishing-hot-spot'
  | 'sporadic-hot-spot'
  | 'oscillating-hot-spot'
  | 'historical-hot-spot'
  | 'new-cold-spot'
  | 'consecutive-cold-spot'
  | 'intensifying-cold-spot'
  | 'persistent-cold-spot'
  | 'diminishing-cold-spot'
  | 'sporadic-cold-spot'
  | 'oscillating-cold-spot'
  | 'historical-cold-spot'
  | 'no-pattern';

/**
 * The Emerging Hot Spot Analysis pattern of one location, from its G_i* z-scores and p-values per time step
 * (oldest first) and the Mann–Kendall trend of its z-scores (`mannKendall(zSeries).trend`). A time step is a
 * significant hot spot when p < alpha and z > 0, a significant cold spot when p < alpha and z < 0. (To apply a
 * correction such as FDR per time step, pass p-values already compared with the corrected threshold, e.g. 0 for
 * significant and 1 for not.)
 *
 * ArcGIS Pro, "How Emerging Hot Spot Analysis works", defines the hot spot patterns as follows; the cold spot
 * patterns are their mirror images (cold for hot, and for the trend, intensifying = z falling):
 *
 * - New: "A location that is a statistically significant hot spot for the final time step and has never been a
 *   statistically significant hot spot before."
 * - Consecutive: "A location with a single uninterrupted run of at least two statistically significant hot spot
 *   bins in the final time-step intervals. The location has never been a statistically significant hot spot
 *   prior to the final hot spot run and less than 90 percent of all bins are statistically significant hot spots."
 * - Intensifying: "A location that has been a statistically significant hot spot for 90 percent of the time-step
 *   intervals, including the final time step. In addition, the intensity of clustering of high counts in each time
 *   step is increasing overall and that increase is statistically significant."
 * - Persistent: "A location that has been a statistically significant hot spot for 90 percent of the time-step
 *   intervals with no discernible trend in the intensity of clustering over time."
 * - Diminishing: "A location that has been a statistically significant hot spot for 90 percent of the time-step
 *   intervals, including the final time step. In addition, the intensity of clustering in each time step is
 *   decreasing overall and that decrease is statistically significant."
 * - Sporadic: "A statistically significant hot spot for the final time-step interval with a history of also being
 *   an on-again and off-again hot spot. Less than 90 percent of the time-step intervals have been statistically
 *   significant hot spots and none of the time-step intervals have been statistically significant cold spots."
 * - Oscillating: "A statistically significant hot spot for the final time-step interval that has a history of also
 *   being a statistically significant cold spot during a prior time step. Less than 90 percent of the time-step
 *   intervals have been statistically significant hot spots."
 * - Historical: "The most recent time period is not hot, but at least 90 percent of the time-step intervals have
 *   been statistically significant hot spots."
 * - No pattern detected: none of the above.
 *
 * "90 percent" is read as at least 90 % of the n time steps (9 of 10, 18 of 20). Where two definitions overlap,
 * this order decides, as R sfdep's reimplementation does in effect:
 * 1. The final time step sets the side: a location significant in it gets a hot (or cold) pattern of that side;
 *    a location not significant in it can only be historical (or no pattern). So a location hot in 90 % of the
 *    steps but not in the last is historical rather than persistent.
 * 2. At least 90 % on that side: intensifying, diminishing or persistent by the trend.
 * 3. Otherwise any earlier step on the other side makes it oscillating, even if this is its first step on this
 *    side (so "new" and "consecutive" also mean never significant on the other side, as in sfdep).
 * 4. Otherwise new (only the final step), consecutive (one run of at least two steps up to the final one), or
 *    sporadic (an earlier, separate spell on the same side).
 */
export function emergingHotSpotCategory(
  zSeries: ArrayLike<number>,
  pSeries: ArrayLike<number>,
  trend: TrendDirection,
  alpha = 0.05,
): EmergingHotSpotCategory {
  const n = zSeries.length;
  if (pSeries.length !== n) {
    throw new BilingualError(
      bilingual(
        `Số giá trị z (${n}) và p (${pSeries.length}) không khớp nhau.`,
        `The number of z-scores (${n}) and p-values (${pSeries.length}) differ.`,
      ),
    );
  }
  if (n < 3) {
    throw new BilingualError(
      bilingual(
        `Phân tích điểm nóng mới nổi cần ít nhất 3 thời điểm (đang có ${n}).`,
        `Emerging hot spot analysis needs at least 3 time steps (got ${n}).`,
      ),
    );
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new BilingualError(
      bilingual(
        `Mức ý nghĩa phải nằm giữa 0 và 1 (đang là ${alpha}).`,
        `The significance level must lie between 0 and 1 (got ${alpha}).`,
      ),
    );
  }

  // +1 significant hot spot, −1 significant cold spot, 0 neither, per time step.
  const state = new Int8Array(n);
  let hotCount = 0;
  let coldCount = 0;
  for (let step = 0; step < n; step++) {
    const z = zSeries[step] as number;
    const p = pSeries[step] as number;
    if (Number.isNaN(z) || Number.isNaN(p)) {
      throw new BilingualError(
        bilingual(
          `Thời điểm thứ ${step + 1} thiếu giá trị z hoặc p.`,
          `Time step ${step + 1} is missing its z-score or p-value.`,
        ),
      );
    }
    if (p < alpha && z > 0) {
      state[step] = 1;
      hotCount++;
    } else if (p < alpha && z < 0) {
      state[step] = -1;
      coldCount++;
    }
  }
  const mostOfTheTime = (count: number) => count * 10 >= 9 * n;

  const side = state[n - 1] as number;
  if (side === 0) {
    if (mostOfTheTime(hotCount)) return 'historical-hot-spot';
    if (mostOfTheTime(coldCount)) return 'historical-cold-spot';
    return 'no-pattern';
  }
  const hot = side > 0;
  const sameCount = hot ? hotCount : coldCount;
  const oppositeCount = hot ? coldCount : hotCount;
  if (mostOfTheTime(sameCount)) {
    // Intensifying hot spots have rising z-scores; intensifying cold spots, falling ones.
    if (trend === (hot ? 'up' : 'down')) return hot ? 'intensifying-hot-spot' : 'intensifying-cold-spot';
    if (trend === (hot ? 'down' : 'up')) return hot ? 'diminishing-hot-spot' : 'diminishing-cold-spot';
    return hot ? 'persistent-hot-spot' : 'persistent-cold-spot';
  }
  if (oppositeCount > 0) return hot ? 'oscillating-hot-spot' : 'oscillating-cold-spot';
  if (sameCount === 1) return hot ? 'new-hot-spot' : 'new-cold-spot';
  let finalRun = 0;
  while (finalRun < n && state[n - 1 - finalRun] === side) finalRun++;
  if (finalRun === sameCount) return hot ? 'consecutive-hot-spot' : 'consecutive-cold-spot';
  return hot ? 'sporadic-hot-spot' : 'sporadic-cold-spot';
}
