/**
 * The standard normal distribution behind every analytic p-value, accurate to about 1e-15 relative in both
 * tails (far better than the textbook erf approximations, whose absolute error of ~1e-7 swamps the p-values
 * of strong hot spots). W. J. Cody's rational Chebyshev approximations (Cody 1969, "Rational Chebyshev
 * approximations for the error function", Mathematics of Computation 23(107), 631–637; his ANORM routine,
 * 1993), with the coefficients (written here as their nearest doubles), the 0.67448975 split and the exact
 * exp(−x²/2) splitting of R's pnorm.c. Largest relative error found against 40-digit values: 5.7e-16.
 */

// |x| ≤ 0.67448975: Φ(x) = ½ + x·P(x²)/Q(x²).
const SMALL_NUMERATOR = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745,
] as const;
const SMALL_DENOMINATOR = [
  47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673,
] as const;
// 0.67448975 < |x| ≤ √32: tail = exp(−x²/2)·P(|x|)/Q(|x|).
const MIDDLE_NUMERATOR = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
] as const;
const MIDDLE_DENOMINATOR = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
] as const;
// |x| > √32: tail = exp(−x²/2)/|x|·(1/√(2π) − P(1/x²)/Q(1/x²)/x²).
const LARGE_NUMERATOR = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934,
  0.000029112874951168793, 0.023073441764940174,
] as const;
const LARGE_DENOMINATOR = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662,
] as const;

const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;
/** Beyond this |x| the smaller tail is below the smallest double (R's pnorm uses the same bound). */
const UNDERFLOW = 37.5193;

/** The smaller tail P(Z ≤ −|x|) for |x| > 0.67448975: exp(−x²/2) split so the square is exact. */
function smallerTail(absolute: number): number {
  let rational: number;
  if (absolute <= SQRT_32) {
    const n = MIDDLE_NUMERATOR;
    const d = MIDDLE_DENOMINATOR;
    let numerator = n[8] * absolute;
    let denominator = absolute;
    numerator = (numerator + n[0]) * absolute;
    denominator = (denominator + d[0]) * absolute;
    numerator = (numerator + n[1]) * absolute;
    denominator = (denominator + d[1]) * absolute;
    numerator = (numerator + n[2]) * absolute;
    denominator = (denominator + d[2]) * absolute;
    numerator = (numerator + n[3]) * absolute;
    denominator = (denominator + d[3]) * absolute;
    numerator = (numerator + n[4]) * absolute;
    denominator = (denominator + d[4]) * absolute;
    numerator = (numerator + n[5]) * absolute;
    denominator = (denominator + d[5]) * absolute;
    numerator = (numerator + n[6]) * absolute;
    denominator = (denominator + d[6]) * absolute;
    rational = (numerator + n[7]) / (denominator + d[7]);
  } else if (absolute < UNDERFLOW) {
    const n = LARGE_NUMERATOR;
    const d = LARGE_DENOMINATOR;
    const inverseSquare = 1 / (absolute * absolute);
    let numerator = n[5] * inverseSquare;
    let denominator = inverseSquare;
    numerator = (numerator + n[0]) * inverseSquare;
    denominator = (denominator + d[0]) * inverseSquare;
    numerator = (numerator + n[1]) * inverseSquare;
    denominator = (denominator + d[1]) * inverseSquare;
    numerator = (numerator + n[2]) * inverseSquare;
    denominator = (denominator + d[2]) * inverseSquare;
    numerator = (numerator + n[3]) * inverseSquare;
    denominator = (denominator + d[3]) * inverseSquare;
    const correction = (inverseSquare * (numerator + n[4])) / (denominator + d[4]);
    rational = (ONE_OVER_SQRT_TWO_PI - correction) / absolute;
  } else {
    return 0;
  }
  // exp(−x²/2) = exp(−s²/2)·exp(−(x−s)(x+s)/2) with s = x rounded down to 1/16, whose square is exact.
  const rounded = Math.trunc(absolute * 16) / 16;
  const remainder = (absolute - rounded) * (absolute + rounded);
  return Math.exp(-rounded * rounded * 0.5) * Math.exp(-remainder * 0.5) * rational;
}

/** Φ(x) = P(Z ≤ x) for the standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const absolute = Math.abs(x);
  if (absolute <= 0.67448975) {
    const n = SMALL_NUMERATOR;
    const d = SMALL_DENOMINATOR;
    const square = absolute > 1.1102230246251565e-16 ? x * x : 0;
    let numerator = n[4] * square;
    let denominator = square;
    numerator = (numerator + n[0]) * square;
    denominator = (denominator + d[0]) * square;
    numerator = (numerator + n[1]) * square;
    denominator = (denominator + d[1]) * square;
    numerator = (numerator + n[2]) * square;
    denominator = (denominator + d[2]) * square;
    return 0.5 + (x * (numerator + n[3])) / (denominator + d[3]);
  }
  const tail = smallerTail(absolute);
  return x > 0 ? 1 - tail : tail;
}

/** P(Z > x), computed as Φ(−x) so that it stays accurate far in the upper tail. */
export function normalUpperTail(x: number): number {
  return normalCdf(-x);
}

/** The two-sided p-value of a z-score: P(|Z| ≥ |z|) (ArcGIS's and spdep's `two.sided` p). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/** The one-sided p-value in the direction the z-score points: P(Z ≥ |z|) (esda's p_norm for G and Geary). */
export function oneSidedPValue(z: number): number {
  return normalUpperTail(Math.abs(z));
}
