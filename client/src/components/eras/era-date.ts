/**
 * The map's era and its "as on" date go together: a date picks the era valid on it (choosing a day in 2024
 * shows the communes before 1 July 2025, one in 2026 those after), and an era picks a date inside it.
 */

/** What the choice needs to know of an era. */
export interface DatedEra {
  label: string;
  validFrom: string;
  /** Inclusive; null while in force. */
  validTo: string | null;
  demo: boolean;
}

export function eraCovers(era: DatedEra, date: string): boolean {
  return era.validFrom <= date && (era.validTo === null || date <= era.validTo);
}

/**
 * The era valid on the date, or null when none is. Among several, those of the same kind as the era on
 * screen come first (demo with demo, real with real, so that a date never jumps to another province), then
 * the one that began last, as the server chooses.
 */
export function eraOnDate<Era extends DatedEra>(
  eras: readonly Era[],
  date: string,
  current: DatedEra | null = null,
): Era | null {
  const candidates = eras.filter((era) => eraCovers(era, date));
  const preferDemo = current?.demo ?? false;
  candidates.sort(
    (first, second) =>
      Number(first.demo !== preferDemo) - Number(second.demo !== preferDemo) ||
      second.validFrom.localeCompare(first.validFrom) ||
      first.label.localeCompare(second.label),
  );
  return candidates[0] ?? null;
}

/** The date itself when the era covers it, else the era's nearest day to it. */
export function dateInEra(era: DatedEra, date: string): string {
  if (date < era.validFrom) return era.validFrom;
  if (era.validTo !== null && date > era.validTo) return era.validTo;
  return date;
}
