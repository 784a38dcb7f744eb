import type { Database } from '../db/database';
import type { EraRecord } from '../db/queries/eras';
import { findCriteriaSet } from '../db/queries/programme';
import { criterionEntriesInForceByUnit } from '../db/queries/programme-criterion-entries';
import {
  type CycleRow,
  domainTransition,
  listCycles,
  listDesignations,
  transitionsOf,
} from '../db/queries/programme-cycles';
import { flashpointAnchorsWithStatusIn } from '../db/queries/records';
import { indicatorTotals } from '../db/queries/records-indicators';
import type { Scope } from '../domain/access/scope';
import { type BilingualText, bilingual } from '../domain/bilingual';
import { type DateWindow, reportingMonth, sameWindowLastYear } from '../domain/dates/reporting-period';
import {
  COMPUTED_SOURCE_DEFINITIONS,
  type ComputedCriterionSource,
  type CriteriaSet,
  type CriterionValue,
  defaultCriteriaSet,
  evaluateCriteria,
} from '../domain/programme/criteria';
import { CYCLE_STATUS_NAMES, type CycleStatus, replayCycleHistory } from '../domain/programme/cycle-status';
import type { EraIncidents, IncidentFilter } from './incident-cube';
import { defaultWindow } from './programme-candidates';
import type { UnitLocator } from './unit-locator';

/**
 * Tracking the programme's communes during a year (issue 6, "Tracking"): for each commune with a cycle of
 * the year, and each commune transformed in an earlier year and still watched (assessed "đạt", monitoring
 * or sustained: relapse risk), its computed criteria over the year's evaluation window so far, judged
 * against the year's criteria set, and a risk flag when its indicators move the wrong way.
 *
 * Values (the window runs from its start to its end or today, whichever comes first: "so far"):
 * - clearance-rate: cleared incidents / incidents × 100; not applicable with no incident;
 * - very-serious-clearance-rate: the same over "rất nghiêm trọng" and "đặc biệt nghiêm trọng" incidents;
 * - flashpoints-formed: flashpoints whose anchor lies in the commune and that arose or flared again on a
 *   date in the window (their status history);
 * - incidents-change-vs-same-window: (incidents − incidents cùng kỳ) / incidents cùng kỳ × 100; 0 and not
 *   applicable when both are 0 (nothing to reduce); no value when only the window has incidents (no
 *   percentage of 0), the counts tell;
 * - crime-reports-handled-rate, self-management-models: from the monthly indicator figures
 *   (crime-reports-handled / crime-reports-received × 100; the models summed) of the reporting months
 *   inside the window that have begun; no value without any figure.
 * Entered criteria take the value in force entered for the commune and the year (the latest entry, see
 * server/db/queries/programme-criterion-entries.ts) with its evidence; without an entry, or with no
 * evidence, they are "missing". Each result carries its entry (evidence, note, who entered it, when).
 *
 * Risk reasons (RISK_RULES):
 * - incidents-up: at least 3 more incidents than cùng kỳ and more than +20 % (any increase of 3 or more
 *   when cùng kỳ had none);
 * - flashpoints-formed: a flashpoint formed in the window;
 * - clearance-below-threshold: the clearance rate so far does not meet its criterion's threshold.
 * Only communes still being worked on (selected, in progress, half-year review) and communes watched after
 * their transformation (assessed "đạt", monitoring, sustained) are flagged; the others (proposed, chưa
 * đạt, relapsed, removed) are listed with their values and no flag.
 */

export const RISK_RULES = { incidentIncreasePct: 20, incidentIncreaseMinimum: 3 } as const;

const VERY_SERIOUS = ['rat-nghiem-trong', 'dac-biet-nghiem-trong'];
const WORKING_STATUSES: readonly CycleStatus[] = ['selected', 'in-progress', 'half-year-review'];
const WATCHED_STATUSES: readonly CycleStatus[] = ['assessed-achieved', 'monitoring', 'sustained'];
const FORMING_STATUSES = ['arising', 'flared-again'];

export type TrackingRole = 'year' | 'monitoring';
export type RiskCode = 'incidents-up' | 'flashpoints-formed' | 'clearance-below-threshold';

export interface TrackingCounts {
  incidents: number;
  incidentsSameWindowLastYear: number;
  cleared: number;
  verySerious: number;
  verySeriousCleared: number;
  flashpointsFormed: number;
  crimeReportsReceived: number | null;
  crimeReportsHandled: number | null;
  selfManagementModels: number | null;
}

export interface TrackingCriterion {
  code: string;
  groupCode: string;
  nameVi: string;
  nameEn: string;
  kind: 'computed' | 'entered';
  source: ComputedCriterionSource | null;
  comparison: string;
  threshold: number | null;
  unitVi: string | null;
  unitEn: string | null;
  value: number | boolean | null;
  outcome: 'met' | 'not-met' | 'missing' | 'not-applicable';
  missingReason: BilingualText | null;
  /** Entered criteria: the entry in force, null when none was entered; always null for computed ones. */
  entry: TrackingEntry | null;
}

export interface TrackingEntry {
  id: number;
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: string[];
  note: string | null;
  enteredAt: string;
  enteredBy: string;
}

export interface TrackingCommune {
  cycleId: number;
  cycleYear: number;
  role: TrackingRole;
  status: CycleStatus | null;
  statusName: BilingualText | null;
  unit: {
    id: number;
    code: string;
    name: string;
    fullName: string;
    district: string | null;
    province: string | null;
  };
  areaTypes: string[];
  counts: TrackingCounts;
  criteria: {
    overall: 'achieved' | 'not-achieved' | 'incomplete';
    met: number;
    notMet: number;
    missing: number;
    notApplicable: number;
    results: TrackingCriterion[];
  };
  risk: { atRisk: boolean; reasons: { code: RiskCode; message: BilingualText }[] };
}

export interface TrackingRequest {
  era: EraRecord;
  year: number;
  scope: Scope;
  today: string;
  unitCode?: string | undefined;
}

export interface TrackingAnswer {
  year: number;
  era: string;
  window: DateWindow & { asOf: string };
  sameWindowLastYear: DateWindow;
  criteriaSet: { version: number; stored: boolean; source: string | null };
  riskRules: typeof RISK_RULES;
  communes: TrackingCommune[];
  atRisk: number;
}

function percent(part: number, whole: number): number {
  return (part / whole) * 100;
}

/** Counts the flashpoints that arose or flared again in the window, by the era's commune id. */
function flashpointsFormedByUnit(
  database: Database,
  locator: UnitLocator,
  era: EraRecord,
  window: DateWindow,
): Map<number, number> {
  const rows = flashpointAnchorsWithStatusIn(database, window, FORMING_STATUSES);
  const counts = new Map<number, number>();
  for (const row of rows) {
    const unitId = locator.locate(era, 'commune', row.longitude, row.latitude);
    if (unitId !== null) counts.set(unitId, (counts.get(unitId) ?? 0) + 1);
  }
  return counts;
}

/** The reporting months (YYYY-MM) lying inside the window that have begun by `asOf`. */
export function reportingMonthsWithin(window: DateWindow, asOf: string): string[] {
  const months: string[] = [];
  const [firstYear] = window.from.split('-').map(Number) as [number];
  for (let year = firstYear; year <= firstYear + 2; year++) {
    for (let month = 1; month <= 12; month++) {
      const span = reportingMonth(year, month);
      if (span.from >= window.from && span.to <= window.to && span.from <= asOf) {
        months.push(`${year}-${String(month).padStart(2, '0')}`);
      }
    }
  }
  return months;
}

/** Sums of the monthly indicator figures per commune code, over the months given. */
function indicatorSums(
  database: Database,
  eraId: number,
  months: readonly string[],
  codes: readonly string[],
): Map<string, Map<string, number>> {
  const sums = new Map<string, Map<string, number>>();
  if (months.length === 0) return sums;
  const rows = indicatorTotals(database, eraId, months, codes);
  for (const row of rows) {
    const byCode = sums.get(row.unitCode) ?? new Map<string, number>();
    byCode.set(row.code, row.total);
    sums.set(row.unitCode, byCode);
  }
  return sums;
}

/** The computed values of the criteria's sources from a commune's counts. */
export function computedValues(counts: TrackingCounts): Record<ComputedCriterionSource, CriterionValue> {
  const rate = (part: number, whole: number): CriterionValue =>
    whole === 0 ? { value: null, notApplicable: true } : { value: percent(part, whole) };
  const previous = counts.incidentsSameWindowLastYear;
  const change: CriterionValue =
    previous > 0
      ? { value: percent(counts.incidents - previous, previous) }
      : counts.incidents === 0
        ? // Nothing in either window: nothing to reduce, and no crime to hold the commune back.
          { value: 0, notApplicable: true }
        : { value: null };
  const received = counts.crimeReportsReceived;
  return {
    'clearance-rate': rate(counts.cleared, counts.incidents),
    'very-serious-clearance-rate': rate(counts.verySeriousCleared, counts.verySerious),
    'crime-reports-handled-rate':
      received === null ? { value: null } : rate(counts.crimeReportsHandled ?? 0, received),
    'self-management-models': { value: counts.selfManagementModels },
    'flashpoints-formed': { value: counts.flashpointsFormed },
    'incidents-change-vs-same-window': change,
  };
}

/** Whether incidents rose against cùng kỳ by more than the rule allows. */
export function incidentsRose(current: number, previous: number): boolean {
  const increase = current - previous;
  if (increase < RISK_RULES.incidentIncreaseMinimum) return false;
  return previous === 0 || percent(increase, previous) > RISK_RULES.incidentIncreasePct;
}

function riskOf(
  counts: TrackingCounts,
  clearance: TrackingCriterion | undefined,
): { code: RiskCode; message: BilingualText }[] {
  const reasons: { code: RiskCode; message: BilingualText }[] = [];
  const { incidents, incidentsSameWindowLastYear: previous } = counts;
  if (incidentsRose(incidents, previous)) {
    const share = previous > 0 ? ` (+${Math.round(percent(incidents - previous, previous))} %)` : '';
    reasons.push({
      code: 'incidents-up',
      message: bilingual(
        `Số vụ tăng so với cùng kỳ: ${incidents} so với ${previous}${share}`,
        `Incidents up vs the same window last year: ${incidents} against ${previous}${share}`,
      ),
    });
  }
  if (counts.flashpointsFormed > 0) {
    reasons.push({
      code: 'flashpoints-formed',
      message: bilingual(
        `Phát sinh ${counts.flashpointsFormed} điểm nóng trong kỳ`,
        `${counts.flashpointsFormed} flashpoint(s) formed in the window`,
      ),
    });
  }
  if (clearance && clearance.outcome === 'not-met' && typeof clearance.value === 'number') {
    const value = Math.round(clearance.value * 10) / 10;
    reasons.push({
      code: 'clearance-below-threshold',
      message: bilingual(
        `Tỷ lệ điều tra, khám phá ${value} % dưới ngưỡng ${clearance.threshold} %`,
        `Clearance rate ${value} % below the threshold of ${clearance.threshold} %`,
      ),
    });
  }
  return reasons;
}

function trackedCycles(
  database: Database,
  request: TrackingRequest,
): { row: CycleRow; role: TrackingRole; status: CycleStatus | null }[] {
  const rows = listCycles(database, {
    eraId: request.era.id,
    unitCode: request.unitCode,
    scope: request.scope,
  }).filter((row) => row.year <= request.year);
  const transitions = transitionsOf(
    database,
    rows.map((row) => row.id),
  );
  const statusOf = (row: CycleRow) =>
    replayCycleHistory(row.year, (transitions.get(row.id) ?? []).map(domainTransition), request.today).status;
  const ofYear = rows.filter((row) => row.year === request.year);
  const withCycle = new Set(ofYear.map((row) => row.unitCode));
  // The latest earlier transformation of each commune without a cycle this year.
  const watched = new Map<string, { row: CycleRow; status: CycleStatus | null }>();
  for (const row of rows) {
    if (row.year >= request.year || withCycle.has(row.unitCode)) continue;
    const status = statusOf(row);
    if (status && WATCHED_STATUSES.includes(status)) watched.set(row.unitCode, { row, status });
  }
  return [
    ...ofYear.map((row) => ({ row, role: 'year' as const, status: statusOf(row) })),
    ...[...watched.values()].map((entry) => ({ ...entry, role: 'monitoring' as const })),
  ];
}

/** The tracking answer for the year's communes of the area (see the comment at the top). */
export function trackProgramme(
  database: Database,
  locator: UnitLocator,
  incidents: EraIncidents,
  request: TrackingRequest,
): TrackingAnswer {
  const fullWindow = defaultWindow(database, request.year);
  // Dates compare as text: the window so far ends today, or at its end when that is past.
  const asOf = [request.today, fullWindow.to].sort()[0] as string;
  const window: DateWindow = { from: fullWindow.from, to: asOf };
  const previousWindow = sameWindowLastYear(window);
  const stored = findCriteriaSet(database, request.year);
  const set: CriteriaSet = stored?.set ?? defaultCriteriaSet(request.year);

  const base: IncidentFilter = { ...window, categories: [], severities: [], cleared: null, units: null };
  const all = incidents.countByUnit(base).counts;
  const cleared = incidents.countByUnit({ ...base, cleared: true }).counts;
  const serious = incidents.countByUnit({ ...base, severities: VERY_SERIOUS }).counts;
  const seriousCleared = incidents.countByUnit({ ...base, severities: VERY_SERIOUS, cleared: true }).counts;
  const previous = incidents.countByUnit({ ...base, ...previousWindow }).counts;
  const formed =
    window.from <= window.to
      ? flashpointsFormedByUnit(database, locator, request.era, window)
      : new Map<number, number>();
  const months = reportingMonthsWithin(fullWindow, asOf);
  const figures = indicatorSums(database, request.era.id, months, [
    'crime-reports-received',
    'crime-reports-handled',
    'self-management-models',
  ]);
  const entered = criterionEntriesInForceByUnit(database, {
    eraId: request.era.id,
    year: request.year,
    unitCode: request.unitCode,
    scope: request.scope,
  });
  const areaTypes = new Map<string, string[]>();
  for (const designation of listDesignations(database, {
    eraId: request.era.id,
    year: request.year,
    unitCode: request.unitCode,
    scope: request.scope,
  })) {
    if (designation.kind !== 'area-type') continue;
    areaTypes.set(designation.unitCode, [...(areaTypes.get(designation.unitCode) ?? []), designation.level]);
  }

  const communes = trackedCycles(database, request).map(({ row, role, status }): TrackingCommune => {
    const index = incidents.unitIndex(row.unitCode);
    const at = (column: Int32Array) => (index === undefined ? 0 : (column[index] as number));
    const sums = figures.get(row.unitCode);
    const counts: TrackingCounts = {
      incidents: at(all),
      incidentsSameWindowLastYear: at(previous),
      cleared: at(cleared),
      verySerious: at(serious),
      verySeriousCleared: at(seriousCleared),
      flashpointsFormed: formed.get(row.unitId) ?? 0,
      crimeReportsReceived: sums?.get('crime-reports-received') ?? null,
      crimeReportsHandled: sums?.get('crime-reports-handled') ?? null,
      selfManagementModels: sums?.get('self-management-models') ?? null,
    };
    const bySource = computedValues(counts);
    const values: Record<string, CriterionValue> = {};
    const criteria = set.groups.flatMap((group) => group.criteria);
    const entries = entered.get(row.unitCode);
    for (const criterion of criteria) {
      if (criterion.kind === 'computed' && criterion.source)
        values[criterion.code] = bySource[criterion.source];
      const entry = criterion.kind === 'entered' ? entries?.get(criterion.code) : undefined;
      if (entry) {
        values[criterion.code] = {
          value: entry.value,
          evidence: entry.evidence,
          notApplicable: entry.notApplicable,
        };
      }
    }
    const evaluation = evaluateCriteria(set, values);
    const results = evaluation.results.map((result, position): TrackingCriterion => {
      const criterion = criteria[position] as (typeof criteria)[number];
      const definition = criterion.source ? COMPUTED_SOURCE_DEFINITIONS[criterion.source] : undefined;
      const entry = criterion.kind === 'entered' ? entries?.get(criterion.code) : undefined;
      return {
        code: result.code,
        groupCode: result.groupCode,
        nameVi: criterion.nameVi,
        nameEn: criterion.nameEn,
        kind: criterion.kind,
        source: criterion.source ?? null,
        comparison: criterion.comparison,
        threshold: criterion.threshold ?? null,
        unitVi: criterion.unitVi ?? definition?.unitVi ?? null,
        unitEn: criterion.unitEn ?? definition?.unitEn ?? null,
        value: result.value,
        outcome: result.outcome,
        missingReason: result.missingReason ?? null,
        entry: entry
          ? {
              id: entry.id,
              value: entry.value,
              notApplicable: entry.notApplicable,
              evidence: entry.evidence,
              note: entry.note,
              enteredAt: entry.enteredAt,
              enteredBy: entry.enteredBy,
            }
          : null,
      };
    });
    const flagged =
      status !== null && (WORKING_STATUSES.includes(status) || WATCHED_STATUSES.includes(status));
    const clearance = results.find((result) => result.source === 'clearance-rate');
    const reasons = flagged ? riskOf(counts, clearance) : [];
    return {
      cycleId: row.id,
      cycleYear: row.year,
      role,
      status,
      statusName: status ? CYCLE_STATUS_NAMES[status] : null,
      unit: {
        id: row.unitId,
        code: row.unitCode,
        name: row.unitName,
        fullName: row.unitFullName,
        district: row.districtName,
        province: row.provinceName,
      },
      areaTypes: (areaTypes.get(row.unitCode) ?? []).sort(),
      counts,
      criteria: {
        overall: evaluation.overall,
        met: evaluation.met,
        notMet: evaluation.notMet,
        missing: evaluation.missing,
        notApplicable: evaluation.notApplicable,
        results,
      },
      risk: { atRisk: reasons.length > 0, reasons },
    };
  });

  return {
    year: request.year,
    era: request.era.label,
    window: { from: fullWindow.from, to: fullWindow.to, asOf },
    sameWindowLastYear: previousWindow,
    criteriaSet: { version: set.version, stored: stored !== undefined, source: set.source ?? null },
    riskRules: RISK_RULES,
    communes,
    atRisk: communes.filter((commune) => commune.risk.atRisk).length,
  };
}
