/** Small figures of the programme dashboard: percentages, and the year shown first. */

/** A percentage as each language writes it, one decimal at most ("66,7 %" / "66.7%"); null as "—". */
export function formatPercent(value: number | null, localeTag: string): string {
  if (value === null) return '—';
  const number = new Intl.NumberFormat(localeTag, { maximumFractionDigits: 1 }).format(value);
  return localeTag.startsWith('vi') ? `${number} %` : `${number}%`;
}

/** The year a dashboard opens on: this year when the phase covers it, else the phase's nearest year. */
export function defaultProgrammeYear(
  phases: readonly { firstYear: number; lastYear: number }[],
  currentYear: number,
): number | null {
  if (phases.length === 0) return null;
  const covering = phases.find((phase) => phase.firstYear <= currentYear && currentYear <= phase.lastYear);
  if (covering) return currentYear;
  const past = phases.filter((phase) => phase.lastYear < currentYear);
  if (past.length > 0) return Math.max(...past.map((phase) => phase.lastYear));
  return Math.min(...phases.map((phase) => phase.firstYear));
}

/** The years of the phase covering `year`, in order. */
export function phaseYears(phase: { firstYear: number; lastYear: number } | undefined): number[] {
  if (!phase) return [];
  return Array.from({ length: phase.lastYear - phase.firstYear + 1 }, (_, index) => phase.firstYear + index);
}

/** The year in the URL (`?year=`), or null when absent or not a year. */
export function parseProgrammeYear(value: unknown): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && /^\d{4}$/.test(text) ? Number(text) : null;
}
