import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { Database } from '../database';
import { programmeCriterionEntries, units } from '../schema';
import { scopeCondition } from './units';

/**
 * The values planners enter for the criteria a commune is judged on each year, with the evidence they rest
 * on. Append-only: a new value is a new row, the latest row of an era, commune, year and criterion is the
 * one in force, and the earlier ones stay as its history. Reads join the era's commune of the code, which
 * also decides, through the account's scope, what a reader sees.
 */

export interface CriterionEntryRow {
  id: number;
  eraId: number;
  unitCode: string;
  unitName: string;
  unitFullName: string;
  year: number;
  criterionCode: string;
  /** A number, true/false, or null (with `notApplicable`). */
  value: number | boolean | null;
  notApplicable: boolean;
  /** References to the evidence, e.g. "Biên bản số 12/BB-CAX ngày 03/11/2025". */
  evidence: string[];
  note: string | null;
  enteredAt: string;
  enteredBy: string;
}

export interface CriterionEntryFilter {
  eraId: number;
  year?: number | undefined;
  unitCode?: string | undefined;
  scope?: Scope | undefined;
}

export interface NewCriterionEntry {
  eraId: number;
  unitCode: string;
  year: number;
  criterionCode: string;
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: readonly string[];
  note: string | null;
  enteredAt: string;
  enteredBy: string;
}

function parsedValue(text: string): number | boolean | null {
  const value: unknown = JSON.parse(text);
  return typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function parsedEvidence(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The commune of the entry's era and code. */
const communeOfEntry = sql`${units.eraId} = ${programmeCriterionEntries.eraId} AND ${units.level} = 'commune' AND ${units.code} = ${programmeCriterionEntries.unitCode}`;

function selectEntries(database: Database, condition: SQL | undefined): CriterionEntryRow[] {
  return (
    database
      .select({
        id: programmeCriterionEntries.id,
        eraId: programmeCriterionEntries.eraId,
        unitCode: programmeCriterionEntries.unitCode,
        unitName: units.name,
        unitFullName: units.fullName,
        year: programmeCriterionEntries.year,
        criterionCode: programmeCriterionEntries.criterionCode,
        value: programmeCriterionEntries.value,
        notApplicable: programmeCriterionEntries.notApplicable,
        evidence: programmeCriterionEntries.evidence,
        note: programmeCriterionEntries.note,
        enteredAt: programmeCriterionEntries.enteredAt,
        enteredBy: programmeCriterionEntries.enteredBy,
      })
      .from(programmeCriterionEntries)
      .innerJoin(units, communeOfEntry)
      .where(condition)
      // Newest first; the id breaks ties of the same instant (rows are only ever appended).
      .orderBy(desc(programmeCriterionEntries.enteredAt), desc(programmeCriterionEntries.id))
      .all()
      .map((row) => ({ ...row, value: parsedValue(row.value), evidence: parsedEvidence(row.evidence) }))
  );
}

/** Every entry of the filter, newest first: the values in force and their history. */
export function listCriterionEntries(database: Database, filter: CriterionEntryFilter): CriterionEntryRow[] {
  return selectEntries(
    database,
    and(
      eq(programmeCriterionEntries.eraId, filter.eraId),
      filter.year === undefined ? undefined : eq(programmeCriterionEntries.year, filter.year),
      filter.unitCode === undefined ? undefined : eq(programmeCriterionEntries.unitCode, filter.unitCode),
      scopeCondition(filter.scope),
    ),
  );
}

/** The key of the value an entry gives: one value in force per era, commune, year and criterion. */
export function entryKey(entry: Pick<CriterionEntryRow, 'eraId' | 'unitCode' | 'year' | 'criterionCode'>) {
  return `${entry.eraId}/${entry.unitCode}/${entry.year}/${entry.criterionCode}`;
}

/** The entries in force among rows listed newest first: the first of each key. */
export function entriesInForce(rows: readonly CriterionEntryRow[]): CriterionEntryRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = entryKey(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The entry in force of one criterion of a commune and year, if any. */
export function criterionEntryInForce(
  database: Database,
  key: { eraId: number; unitCode: string; year: number; criterionCode: string },
): CriterionEntryRow | undefined {
  return selectEntries(
    database,
    and(
      eq(programmeCriterionEntries.eraId, key.eraId),
      eq(programmeCriterionEntries.unitCode, key.unitCode),
      eq(programmeCriterionEntries.year, key.year),
      eq(programmeCriterionEntries.criterionCode, key.criterionCode),
    ),
  )[0];
}

/** The entries in force of a year's communes of the era, by commune code then criterion code. */
export function criterionEntriesInForceByUnit(
  database: Database,
  filter: CriterionEntryFilter & { year: number },
): Map<string, Map<string, CriterionEntryRow>> {
  const byUnit = new Map<string, Map<string, CriterionEntryRow>>();
  for (const row of entriesInForce(listCriterionEntries(database, filter))) {
    const byCriterion = byUnit.get(row.unitCode) ?? new Map<string, CriterionEntryRow>();
    byCriterion.set(row.criterionCode, row);
    byUnit.set(row.unitCode, byCriterion);
  }
  return byUnit;
}

/** Appends an entry; it is then the one in force. Returns its id. */
export function insertCriterionEntry(database: Database, entry: NewCriterionEntry): number {
  return database
    .insert(programmeCriterionEntries)
    .values({
      eraId: entry.eraId,
      unitCode: entry.unitCode,
      year: entry.year,
      criterionCode: entry.criterionCode,
      value: JSON.stringify(entry.value),
      notApplicable: entry.notApplicable,
      evidence: JSON.stringify(entry.evidence),
      note: entry.note,
      enteredAt: entry.enteredAt,
      enteredBy: entry.enteredBy,
    })
    .returning({ id: programmeCriterionEntries.id })
    .get().id;
}
