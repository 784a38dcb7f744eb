/**
 * Numbers as each language writes them: Vietnamese groups thousands with "." and marks decimals
 * with "," ("12.571", "45,3"); English the other way round ("12,571", "45.3").
 * Functions take a BCP 47 locale tag ("vi-VN", "en-GB") so they stay free of the i18n setup.
 */

/** An area in km²: one decimal, two below 1 km² so a small ward does not read "0". */
export function formatArea(squareKilometres: number, localeTag: string): string {
  const fractionDigits = squareKilometres < 1 ? 2 : 1;
  return new Intl.NumberFormat(localeTag, { maximumFractionDigits: fractionDigits }).format(squareKilometres);
}

/** A count of people, whole and grouped by thousands. */
export function formatCount(count: number, localeTag: string): string {
  return new Intl.NumberFormat(localeTag, { maximumFractionDigits: 0 }).format(count);
}
