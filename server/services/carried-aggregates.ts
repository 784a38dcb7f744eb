import type { Database } from '../db/database';
import type { EraRecord } from '../db/queries/eras';
import { listCycles, listDesignations, transitionsOf } from '../db/queries/programme-cycles';
import { indicatorTotals } from '../db/queries/records-indicators';
import { erasLinkedInto, lineageBetween, predecessorsOf } from '../db/queries/unit-lineage';
import { communeNamesOfEra, findUnit, type UnitRecord } from '../db/queries/units';
import { EVERYWHERE, type Scope } from '../domain/access/scope';
import { type CarriedValue, carryByShares } from '../domain/lineage/carry-by-shares';
import type { LineageLink } from '../domain/lineage/lineage-link';
import { type CycleStatus, dateReached, type ProgrammeCycle } from '../domain/programme/cycle-status';

/**
 * Aggregates that exist only per unit of an older era (the indicators communes entered per reporting month,
 * the programme's yearly outcomes), carried to the units of a newer era through the lineage between them:
 * each old unit's figure is split among its successors by share (carry-by-shares.ts), so totals are kept,
 * and every figure that took in part of a split unit is marked estimated. Old units the lineage does not
 * link are listed with their figures, never dropped silently.
 *
 * Reading them needs the new unit in the reader's area; the old units it came from are the same ground, so
 * their figures are carried whatever province the old era filed them under (Kiên Giang → An Giang).
 */

export interface CarriedUnit {
  code: string;
  name: string;
  fullName: string;
}

/** An old unit with figures that the lineage does not carry anywhere. */
export interface UncarriedUnit {
  era: string;
  code: string;
  values: Record<string, number>;
}

export interface CarriedAggregates<Measure extends string> {
  era: string;
  /** The older eras the figures come from, oldest first; empty when nothing leads into this era. */
  sources: string[];
  units: (CarriedUnit & { values: Partial<Record<Measure, CarriedValue>> })[];
  /** Per measure: the old units' sum and what reached the new units listed (all of them when unscoped). */
  totals: Partial<Record<Measure, { source: number; carried: number }>>;
  uncarried: UncarriedUnit[];
}

export interface CarryRequest {
  /** The newer era, whose units receive the figures. */
  era: EraRecord;
  /** Only the new units this scope covers are answered. */
  scope: Scope;
  /** One new unit only. */
  unitCode?: string | undefined;
}

/** Per measure, per old unit code, a figure; carried through the links into per new unit figures. */
type MeasureValues<Measure extends string> = Map<Measure, Map<string, number>>;

function carry<Measure extends string>(
  database: Database,
  request: CarryRequest,
  valuesOf: (source: EraRecord) => MeasureValues<Measure>,
  integers: boolean,
): CarriedAggregates<Measure> {
  const { era } = request;
  const targets = communeNamesOfEra(database, era.id, request.scope).filter(
    (unit) => request.unitCode === undefined || unit.code === request.unitCode,
  );
  const carried = new Map<string, Partial<Record<Measure, CarriedValue>>>();
  const totals: Partial<Record<Measure, { source: number; carried: number }>> = {};
  const uncarried: UncarriedUnit[] = [];
  const targetCodes = new Set(targets.map((unit) => unit.code));
  const sources = erasLinkedInto(database, era);
  for (const source of sources) {
    const links = lineageBetween(database, source.id, era.id);
    const linked = new Set(links.map((link) => link.oldUnitCode));
    const lost = new Map<string, Record<string, number>>();
    for (const [measure, values] of valuesOf(source)) {
      const total = totals[measure] ?? { source: 0, carried: 0 };
      totals[measure] = total;
      for (const [code, value] of values) {
        total.source += value;
        if (!linked.has(code)) {
          const entry = lost.get(code) ?? {};
          entry[measure] = value;
          lost.set(code, entry);
        }
      }
      for (const [code, figure] of carryByShares(values, links, { integers })) {
        if (!targetCodes.has(code)) continue;
        total.carried += figure.value;
        const entry: Partial<Record<Measure, CarriedValue>> = carried.get(code) ?? {};
        const before = entry[measure];
        // A unit fed from two eras (rare) adds up; any estimated part makes the sum an estimate.
        entry[measure] = before
          ? { value: before.value + figure.value, estimated: before.estimated || figure.estimated }
          : figure;
        carried.set(code, entry);
      }
    }
    for (const [code, values] of lost) uncarried.push({ era: source.label, code, values });
  }
  return {
    era: era.label,
    sources: sources.map((source) => source.label),
    units: targets.map((unit) => ({ ...unitView(unit), values: carried.get(unit.code) ?? {} })),
    totals,
    uncarried: request.unitCode === undefined ? uncarried : [],
  };
}

function unitView(unit: Pick<UnitRecord, 'code' | 'name' | 'fullName'>): CarriedUnit {
  return { code: unit.code, name: unit.name, fullName: unit.fullName };
}

/**
 * The indicators entered for a reporting month ("YYYY-MM") on the older eras' communes, carried to the
 * newer era's: whole numbers (they count people and reports), totals kept exactly.
 */
export function carriedIndicators(
  database: Database,
  request: CarryRequest & { period: string },
): CarriedAggregates<string> & { period: string } {
  const answer = carry(
    database,
    request,
    (source) => {
      const byCode: MeasureValues<string> = new Map();
      for (const row of indicatorTotals(database, source.id, [request.period])) {
        const values = byCode.get(row.code) ?? new Map<string, number>();
        values.set(row.unitCode, row.total);
        byCode.set(row.code, values);
      }
      return byCode;
    },
    true,
  );
  return { ...answer, period: request.period };
}

/** The programme outcomes of a year that are carried: cycles selected, recognised đạt / chưa đạt, relapsed. */
export const CARRIED_OUTCOMES = ['selected', 'achieved', 'notAchieved', 'relapsed'] as const;
export type CarriedOutcome = (typeof CARRIED_OUTCOMES)[number];

const OUTCOME_STATUS: Readonly<Record<CarriedOutcome, CycleStatus>> = {
  selected: 'selected',
  achieved: 'assessed-achieved',
  notAchieved: 'assessed-not-achieved',
  relapsed: 'relapsed',
};

/**
 * The year's cycles of the older eras' communes (1 for each outcome a commune's cycle reached), carried to
 * the newer era's communes: fractional where a commune was split (a share of a commune was selected).
 */
export function carriedOutcomes(
  database: Database,
  request: CarryRequest & { year: number },
): CarriedAggregates<CarriedOutcome> & { year: number } {
  const answer = carry(
    database,
    request,
    (source) => {
      const rows = listCycles(database, { eraId: source.id, year: request.year, scope: EVERYWHERE });
      const transitions = transitionsOf(
        database,
        rows.map((row) => row.id),
      );
      const byOutcome: MeasureValues<CarriedOutcome> = new Map(
        CARRIED_OUTCOMES.map((outcome) => [outcome, new Map<string, number>()]),
      );
      for (const row of rows) {
        const cycle: ProgrammeCycle = {
          unitId: row.unitId,
          year: row.year,
          transitions: (transitions.get(row.id) ?? []).map((stored) => ({
            status: stored.status,
            date: stored.date,
          })),
        };
        for (const outcome of CARRIED_OUTCOMES) {
          if (dateReached(cycle, OUTCOME_STATUS[outcome]) !== undefined) {
            byOutcome.get(outcome)?.set(row.unitCode, 1);
          }
        }
      }
      return byOutcome;
    },
    false,
  );
  return { ...answer, year: request.year };
}

/** One unit of an older era that a newer unit came from, with the link's shares and its programme rows. */
export interface InheritedHistory {
  link: LineageLink;
  era: EraRecord;
  /** The old commune, absent when its era no longer holds that code. */
  unit: UnitRecord | undefined;
  cycles: ReturnType<typeof listCycles>;
  transitions: ReturnType<typeof transitionsOf>;
  designations: ReturnType<typeof listDesignations>;
}

/**
 * The programme history of the communes a newer commune came from (its predecessors in the lineage): their
 * cycles and designations of every year, for the newer commune's timeline.
 */
export function inheritedHistory(database: Database, era: EraRecord, unitCode: string): InheritedHistory[] {
  const links = predecessorsOf(database, era.id, unitCode);
  const sources = new Map(erasLinkedInto(database, era).map((source) => [source.id, source] as const));
  return links.flatMap((link) => {
    const source = sources.get(link.oldEraId);
    if (!source) return [];
    const filter = { eraId: link.oldEraId, unitCode: link.oldUnitCode, scope: EVERYWHERE };
    const cycles = listCycles(database, filter);
    return [
      {
        link,
        era: source,
        unit: findUnit(database, [link.oldEraId], 'commune', link.oldUnitCode),
        cycles,
        transitions: transitionsOf(
          database,
          cycles.map((row) => row.id),
        ),
        designations: listDesignations(database, filter),
      },
    ];
  });
}

/**
 * The former districts of each commune of a newer era (which has none): the districts of the communes it
 * came from, the one it took most of first. Units of an era that still has districts are not listed.
 */
export function formerDistricts(database: Database, era: EraRecord, scope: Scope): Map<string, string[]> {
  const targets = new Set(
    communeNamesOfEra(database, era.id, scope)
      .filter((unit) => unit.districtName === null)
      .map((unit) => unit.code),
  );
  const weights = new Map<string, Map<string, number>>();
  for (const source of erasLinkedInto(database, era)) {
    const districtOf = new Map(
      communeNamesOfEra(database, source.id).map((unit) => [unit.code, unit.districtName]),
    );
    for (const link of lineageBetween(database, source.id, era.id)) {
      const district = districtOf.get(link.oldUnitCode);
      if (!district || !targets.has(link.newUnitCode)) continue;
      const byDistrict = weights.get(link.newUnitCode) ?? new Map<string, number>();
      byDistrict.set(district, (byDistrict.get(district) ?? 0) + (link.areaShare ?? 0));
      weights.set(link.newUnitCode, byDistrict);
    }
  }
  const collator = new Intl.Collator('vi');
  return new Map(
    [...weights].map(([code, byDistrict]) => [
      code,
      [...byDistrict]
        .sort((first, second) => second[1] - first[1] || collator.compare(first[0], second[0]))
        .map(([district]) => district),
    ]),
  );
}
