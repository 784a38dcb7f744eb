/**
 * Figures of the incident map as each language writes them ("1.234,5" in Vietnamese, "1,234.5" in English):
 * counts whole, rates with up to two decimals, changes with their sign.
 */
import type { Measure } from './incident-filter';

const MINUS = '−';

/** A number with at most `fractionDigits` decimals, grouped by thousands. */
export function formatDecimal(value: number, localeTag: string, fractionDigits: number): string {
  const text = new Intl.NumberFormat(localeTag, { maximumFractionDigits: fractionDigits }).format(
    Math.abs(value),
  );
  // Rounding can leave "-0": a value that shows as zero has no sign.
  return value < 0 && /[1-9]/.test(text) ? `${MINUS}${text}` : text;
}

/** A change: "+12", "−3", "0". */
export function formatSigned(value: number, localeTag: string, fractionDigits = 0): string {
  const text = formatDecimal(value, localeTag, fractionDigits);
  return value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** Decimals a measure's values are shown with; class bounds of equal intervals may need one more. */
export function measureDecimals(measure: Measure): number {
  return measure === 'per1000' || measure === 'perKm2' ? 2 : 0;
}

/** A value of the measure as the legend and panels show it. */
export function formatMeasureValue(
  value: number,
  measure: Measure,
  localeTag: string,
  extraDecimals = 0,
): string {
  const digits = measureDecimals(measure) + extraDecimals;
  return measure === 'change'
    ? formatSigned(value, localeTag, digits)
    : formatDecimal(value, localeTag, digits);
}
