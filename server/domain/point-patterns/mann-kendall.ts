import { BilingualError, bilingual } from '../bilingual';
import { twoSidedPValue } from '../spatial-statistics/normal-distribution';

export type TrendDirection = 'up' | 'down' | 'none';

export interface MannKendallResult {
  readonly n: number;
  /** S = Σ_{i<j} sign(x_j − x_i). */
  readonly statistic: number;
  /** Var(S) under no trend, corrected for ties. */
  readonly variance: number;
  /** Kendall's tau-b between the series and time: S / √((n(n−1)/2 − Σ t(t−1)/2) · n(n−1)/2). */
  readonly tau: number;
  /** Normal approximation with continuity correction. */
  readonly z: number;
  /** Two-sided p-value of z. */
  readonly p: number;
  /** 'up' or 'down' when p < alpha, else 'none'. */
  readonly trend: TrendDirection;
}

/**
 * The Mann–Kendall trend test (Mann 1945; Kendall 1975), as ArcGIS's space-time tools and R's Kendall package
 * apply it to a series in time order (oldest first):
 *
 *   S = Σ_{i<j} sign(x_j − x_i),
 *   Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18, summing over groups of t tied values,
 *   z = (S − 1)/√Var(S) if S > 0, 0 if S = 0, (S + 1)/√Var(S) if S < 0,
 *
 * and the two-sided p-value of z. A series whose values are all equal has no variance: z = 0, p = 1, no trend.
 */
export function mannKendall(series: ArrayLike<number>, alpha = 0.05): MannKendallResult {
  const n = series.length;
  if (n < 3) {
    throw new BilingualError(
      bilingual(
        `Kiểm định xu hướng Mann–Kendall cần ít nhất 3 thời điểm (đang có ${n}).`,
        `The Mann–Kendall trend test needs at least 3 time steps (got ${n}).`,
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
  for (let index = 0; index < n; index++) {
    if (!Number.isFinite(series[index])) {
      throw new BilingualError(
        bilingual(
          `Giá trị thứ ${index + 1} của chuỗi thời gian không phải là số hợp lệ.`,
          `Value ${index + 1} of the time series is not a valid number.`,
        ),
      );
    }
  }

  let statistic = 0;
  for (let i = 0; i < n - 1; i++) {
    const earlier = series[i] as number;
    for (let j = i + 1; j < n; j++) {
      const later = series[j] as number;
      if (later > earlier) statistic++;
      else if (later < earlier) statistic--;
    }
  }

  // Tie groups from the sorted values.
  const sorted = Float64Array.from(series).sort();
  let tieTerm = 0;
  let tiedPairs = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    const t = end - start;
    tieTerm += t * (t - 1) * (2 * t + 5);
    tiedPairs += (t * (t - 1)) / 2;
    start = end;
  }
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const pairs = (n * (n - 1)) / 2;
  const tauDenominator = Math.sqrt((pairs - tiedPairs) * pairs);
  const tau = tauDenominator > 0 ? statistic / tauDenominator : 0;

  let z = 0;
  if (variance > 0) {
    if (statistic > 0) z = (statistic - 1) / Math.sqrt(variance);
    else if (statistic < 0) z = (statistic + 1) / Math.sqrt(variance);
  }
  const p = twoSidedPValue(z);
  const trend: TrendDirection = p < alpha ? (z > 0 ? 'up' : 'down') : 'none';
  return { n, statistic, variance, tau, z, p, trend };
}
