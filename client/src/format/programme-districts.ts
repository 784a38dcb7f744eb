import type { CycleStatus } from '@domain/programme/cycle-status';

/**
 * The year's cycles by former district (the unit's district before 1 July 2025): selected, assessed and
 * "đạt" counted as the KPIs count them (domain programme-kpis.ts), % đạt over the assessed.
 */

export interface DistrictRow {
  /** Null: communes without a district, former or current. */
  district: string | null;
  selected: number;
  assessed: number;
  achieved: number;
  /** Null when nothing is assessed. */
  achievedPct: number | null;
  /** The district's communes of the year, by name. */
  communes: { code: string; name: string; status: CycleStatus | null }[];
}

interface CycleInput {
  unit: { code: string; name: string; district: string | null; formerDistrict?: string | null };
  status: CycleStatus | null;
  history: readonly { status: CycleStatus }[];
}

const reached = (cycle: CycleInput, status: CycleStatus) =>
  cycle.history.some((step) => step.status === status);

export function districtBreakdown(cycles: readonly CycleInput[]): DistrictRow[] {
  const rows = new Map<string | null, DistrictRow>();
  for (const cycle of cycles) {
    // Communes after 1 July 2025 have no district: their former district groups them.
    const district = cycle.unit.district ?? cycle.unit.formerDistrict ?? null;
    let row = rows.get(district);
    if (!row) {
      row = { district, selected: 0, assessed: 0, achieved: 0, achievedPct: null, communes: [] };
      rows.set(district, row);
    }
    row.communes.push({ code: cycle.unit.code, name: cycle.unit.name, status: cycle.status });
    if (!reached(cycle, 'selected')) continue;
    row.selected++;
    if (reached(cycle, 'assessed-achieved')) {
      row.achieved++;
      row.assessed++;
    } else if (reached(cycle, 'assessed-not-achieved')) {
      row.assessed++;
    }
  }
  const collator = new Intl.Collator('vi');
  for (const row of rows.values()) {
    row.achievedPct = row.assessed === 0 ? null : (row.achieved / row.assessed) * 100;
    row.communes.sort((first, second) => collator.compare(first.name, second.name));
  }
  // Districts by name; communes without one last.
  return [...rows.values()].sort((first, second) =>
    first.district === null
      ? 1
      : second.district === null
        ? -1
        : collator.compare(first.district, second.district),
  );
}
