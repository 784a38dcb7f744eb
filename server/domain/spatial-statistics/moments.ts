/**
 * The deviations of values from their mean and the central moments the autocorrelation statistics need:
 * m2 = Σ (x − x̄)² / n (the variance with n, not n − 1, as esda and spdep divide) and m4 = Σ (x − x̄)⁴ / n.
 */
export function centralMoments(values: ArrayLike<number>): {
  mean: number;
  deviations: Float64Array;
  m2: number;
  m4: number;
} {
  const count = values.length;
  let sum = 0;
  for (let index = 0; index < count; index++) sum += values[index] as number;
  const mean = sum / count;
  const deviations = new Float64Array(count);
  let squares = 0;
  let fourthPowers = 0;
  for (let index = 0; index < count; index++) {
    const deviation = (values[index] as number) - mean;
    deviations[index] = deviation;
    squares += deviation * deviation;
    fourthPowers += deviation ** 4;
  }
  return { mean, deviations, m2: squares / count, m4: fourthPowers / count };
}
