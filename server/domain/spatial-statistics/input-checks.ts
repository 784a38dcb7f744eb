import { BilingualError, bilingual } from '../bilingual';
import type { SpatialWeights } from '../spatial-weights/spatial-weights';

/** One value per observation, in the weights' order (observation i is position i). */
export type NumericValues = Float64Array | readonly number[];

/**
 * The values as a fresh Float64Array after the checks every statistic needs: as many values as the weights
 * have observations, at least `minimumCount` of them, all finite, and not all equal (a zero variance leaves
 * every z-score undefined). Errors are the user's (a wrong field, too small an area), so they are bilingual.
 */
export function checkedValues(
  values: NumericValues,
  weights: SpatialWeights,
  minimumCount: number,
): Float64Array {
  const count = values.length;
  if (count !== weights.count) {
    throw new BilingualError(
      bilingual(
        `Số giá trị (${count}) không khớp với số đối tượng của ma trận trọng số không gian (${weights.count}).`,
        `The number of values (${count}) does not match the number of observations in the spatial weights (${weights.count}).`,
      ),
    );
  }
  if (count < minimumCount) {
    throw new BilingualError(
      bilingual(
        `Cần ít nhất ${minimumCount} đối tượng để tính thống kê này (hiện có ${count}).`,
        `At least ${minimumCount} observations are needed for this statistic (got ${count}).`,
      ),
    );
  }
  const result = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const value = values[index] as number;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BilingualError(
        bilingual(
          `Giá trị của đối tượng thứ ${index + 1} không phải là một số hữu hạn (${String(value)}).`,
          `The value of observation ${index + 1} is not a finite number (${String(value)}).`,
        ),
      );
    }
    result[index] = value;
  }
  const first = result[0] as number;
  if (result.every((value) => value === first)) {
    throw new BilingualError(
      bilingual(
        `Mọi giá trị đều bằng ${first} nên phương sai bằng 0: không thể kiểm định tự tương quan không gian.`,
        `Every value equals ${first}, so the variance is zero and spatial autocorrelation cannot be tested.`,
      ),
    );
  }
  return result;
}

/** A significance level strictly between 0 and 1. */
export function checkedAlpha(alpha: number): number {
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) {
    throw new BilingualError(
      bilingual(
        `Mức ý nghĩa phải lớn hơn 0 và nhỏ hơn 1 (đang là ${String(alpha)}).`,
        `The significance level must be greater than 0 and less than 1 (got ${String(alpha)}).`,
      ),
    );
  }
  return alpha;
}
