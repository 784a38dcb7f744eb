import type { CycleStatus } from '@domain/programme/cycle-status';

/**
 * What the programme's map shows of a commune in a year: its cycle's status now, with the two reviews of
 * a running cycle shown as one ("in progress"), and "none" for a commune without a cycle that year.
 */
export const PROGRAMME_MAP_STATUSES = [
  'proposed',
  'selected',
  'in-progress',
  'achieved',
  'not-achieved',
  'monitoring',
  'sustained',
  'relapsed',
  'removed',
  'none',
] as const;
export type ProgrammeMapStatus = (typeof PROGRAMME_MAP_STATUSES)[number];

const BY_CYCLE_STATUS: Readonly<Record<CycleStatus, ProgrammeMapStatus>> = {
  proposed: 'proposed',
  selected: 'selected',
  'in-progress': 'in-progress',
  'half-year-review': 'in-progress',
  'assessed-achieved': 'achieved',
  'assessed-not-achieved': 'not-achieved',
  monitoring: 'monitoring',
  sustained: 'sustained',
  relapsed: 'relapsed',
  removed: 'removed',
};

export function mapStatusOf(status: CycleStatus | null): ProgrammeMapStatus {
  return status ? BY_CYCLE_STATUS[status] : 'none';
}

/**
 * Colours that read in order: warm while the work runs, green once "đạt", deeper blue-green when it held,
 * red for "chưa đạt", plum for a relapse, grey when taken off the list; communes outside stay pale.
 */
export const PROGRAMME_STATUS_COLOURS: Readonly<Record<ProgrammeMapStatus, string>> = {
  proposed: '#cdbfe6',
  selected: '#f4c542',
  'in-progress': '#ef8a3c',
  achieved: '#3aa35f',
  'not-achieved': '#d4423a',
  monitoring: '#8fd0ab',
  sustained: '#1f6f8b',
  relapsed: '#7b2260',
  removed: '#9aa5ab',
  none: '#f7f4ea',
};

/** Each commune code's status; a commune with two cycles of the same year (two eras) keeps the first. */
export function statusesByCommune(
  cycles: readonly { unit: { code: string }; status: CycleStatus | null }[],
): Map<string, ProgrammeMapStatus> {
  const statuses = new Map<string, ProgrammeMapStatus>();
  for (const cycle of cycles) {
    if (!statuses.has(cycle.unit.code)) statuses.set(cycle.unit.code, mapStatusOf(cycle.status));
  }
  return statuses;
}

/**
 * The legend's counts: every status, the map's communes without a cycle as "none". Cycles whose commune
 * is not on the map (another era) still count under their status: the legend counts the year's cycles.
 */
export function countStatuses(
  statuses: ReadonlyMap<string, ProgrammeMapStatus>,
  communeCodes: Iterable<string>,
): Record<ProgrammeMapStatus, number> {
  const counts = Object.fromEntries(PROGRAMME_MAP_STATUSES.map((status) => [status, 0])) as Record<
    ProgrammeMapStatus,
    number
  >;
  for (const status of statuses.values()) counts[status]++;
  for (const code of communeCodes) if (!statuses.has(code)) counts.none++;
  return counts;
}
