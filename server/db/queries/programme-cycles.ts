import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { CycleStatus, CycleTransition, DecisionKind } from '../../domain/programme/cycle-status';
import type { Database } from '../database';
import {
  eras,
  programmeCycles,
  programmeCycleTransitions,
  programmeDecisions,
  programmeDesignations,
  units,
} from '../schema';
import { scopeCondition } from './units';

/**
 * The programme's cycles with their transitions, the committee's decisions and the communes'
 * designations. Communes are stored by era and code; reads join them to the era's commune of that code,
 * which also decides, through the account's scope, what a reader sees.
 */

/** What the reads give of the commune a cycle or designation is about. */
const communeColumns = {
  eraLabel: eras.label,
  unitId: units.id,
  unitName: units.name,
  unitFullName: units.fullName,
  districtName: units.districtName,
  provinceCode: units.provinceCode,
  provinceName: units.provinceName,
};

function communeOf(table: typeof programmeCycles | typeof programmeDesignations): SQL {
  return sql`${units.eraId} = ${table.eraId} AND ${units.level} = 'commune' AND ${units.code} = ${table.unitCode}`;
}

/** SQLite takes at most 32,766 parameters a statement. */
const CHUNK = 10_000;

// Cycles

export type CycleRow = {
  id: number;
  eraId: number;
  unitCode: string;
  year: number;
  createdAt: string;
  createdBy: string;
  eraLabel: string;
  unitId: number;
  unitName: string;
  unitFullName: string;
  districtName: string | null;
  provinceCode: string | null;
  provinceName: string | null;
};

export interface CycleFilter {
  year?: number | undefined;
  eraId?: number | undefined;
  unitCode?: string | undefined;
  /** Only communes the scope covers. */
  scope: Scope;
}

function selectCycles(database: Database, condition: SQL | undefined): CycleRow[] {
  return (
    database
      .select({
        id: programmeCycles.id,
        eraId: programmeCycles.eraId,
        unitCode: programmeCycles.unitCode,
        year: programmeCycles.year,
        createdAt: programmeCycles.createdAt,
        createdBy: programmeCycles.createdBy,
        ...communeColumns,
      })
      .from(programmeCycles)
      .innerJoin(eras, eq(eras.id, programmeCycles.eraId))
      // A cycle whose commune is gone from its era (a re-import without that code) is not shown.
      .innerJoin(units, communeOf(programmeCycles))
      .where(condition)
      .orderBy(asc(programmeCycles.year), asc(programmeCycles.unitCode), asc(programmeCycles.eraId))
      .all()
  );
}

/** The cycles of communes in the scope, by year then commune code. */
export function listCycles(database: Database, filter: CycleFilter): CycleRow[] {
  return selectCycles(
    database,
    and(
      filter.year === undefined ? undefined : eq(programmeCycles.year, filter.year),
      filter.eraId === undefined ? undefined : eq(programmeCycles.eraId, filter.eraId),
      filter.unitCode === undefined ? undefined : eq(programmeCycles.unitCode, filter.unitCode),
      scopeCondition(filter.scope),
    ),
  );
}

/** A cycle whatever the scope (the caller checks it, to answer 403 rather than 404). */
export function findCycle(database: Database, id: number): CycleRow | undefined {
  return selectCycles(database, eq(programmeCycles.id, id))[0];
}

export function findCycleOf(
  database: Database,
  eraId: number,
  unitCode: string,
  year: number,
): { id: number } | undefined {
  return database
    .select({ id: programmeCycles.id })
    .from(programmeCycles)
    .where(
      and(
        eq(programmeCycles.eraId, eraId),
        eq(programmeCycles.unitCode, unitCode),
        eq(programmeCycles.year, year),
      ),
    )
    .get();
}

export function insertCycle(
  database: Database,
  values: { eraId: number; unitCode: string; year: number; createdAt: string; createdBy: string },
): number {
  return database.insert(programmeCycles).values(values).returning({ id: programmeCycles.id }).get().id;
}

/** One stored transition, with the decision it rests on. */
export interface StoredTransition {
  id: number;
  cycleId: number;
  status: CycleStatus;
  date: string;
  decision: { id: number; kind: DecisionKind; number: string; date: string } | null;
  reason: string | null;
  actor: string;
  recordedAt: string;
}

/** The transitions of the cycles, each cycle's oldest first. */
export function transitionsOf(
  database: Database,
  cycleIds: readonly number[],
): Map<number, StoredTransition[]> {
  const byCycle = new Map<number, StoredTransition[]>();
  for (const id of cycleIds) byCycle.set(id, []);
  for (let start = 0; start < cycleIds.length; start += CHUNK) {
    const rows = database
      .select({
        id: programmeCycleTransitions.id,
        cycleId: programmeCycleTransitions.cycleId,
        status: programmeCycleTransitions.status,
        date: programmeCycleTransitions.date,
        decisionId: programmeDecisions.id,
        decisionKind: programmeDecisions.kind,
        decisionNumber: programmeDecisions.number,
        decisionDate: programmeDecisions.date,
        reason: programmeCycleTransitions.reason,
        actor: programmeCycleTransitions.actor,
        recordedAt: programmeCycleTransitions.recordedAt,
      })
      .from(programmeCycleTransitions)
      .leftJoin(programmeDecisions, eq(programmeDecisions.id, programmeCycleTransitions.decisionId))
      .where(inArray(programmeCycleTransitions.cycleId, cycleIds.slice(start, start + CHUNK)))
      .orderBy(asc(programmeCycleTransitions.id))
      .all();
    for (const row of rows) {
      byCycle.get(row.cycleId)?.push({
        id: row.id,
        cycleId: row.cycleId,
        status: row.status as CycleStatus,
        date: row.date,
        decision:
          row.decisionId === null
            ? null
            : {
                id: row.decisionId,
                kind: row.decisionKind as DecisionKind,
                number: row.decisionNumber as string,
                date: row.decisionDate as string,
              },
        reason: row.reason,
        actor: row.actor,
        recordedAt: row.recordedAt,
      });
    }
  }
  return byCycle;
}

/** A stored transition as the domain's rules read it. */
export function domainTransition(stored: StoredTransition): CycleTransition {
  const transition: CycleTransition = { status: stored.status, date: stored.date };
  if (stored.decision) transition.decision = { ...stored.decision };
  if (stored.reason !== null) transition.reason = stored.reason;
  return transition;
}

export function insertTransition(
  database: Database,
  values: {
    cycleId: number;
    status: CycleStatus;
    date: string;
    decisionId: number | null;
    reason: string | null;
    actor: string;
    recordedAt: string;
  },
): void {
  database.insert(programmeCycleTransitions).values(values).run();
}

// Decisions

export type DecisionRecord = typeof programmeDecisions.$inferSelect;

/**
 * The decisions a scope sees: those of its provinces; for an account limited to communes, those of the
 * provinces its communes lie in (in the decision's era).
 */
function decisionScopeCondition(scope: Scope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'provinces') {
    return or(
      inArray(programmeDecisions.provinceCode, scope.provinces),
      inArray(programmeDecisions.provinceName, scope.provinces),
    );
  }
  return sql`EXISTS (SELECT 1 FROM ${units} WHERE ${units.eraId} = ${programmeDecisions.eraId}
    AND ${units.level} = 'commune' AND ${units.code} IN ${scope.communes}
    AND (${units.provinceName} = ${programmeDecisions.provinceName}
      OR ${units.provinceCode} = ${programmeDecisions.provinceCode}))`;
}

export interface DecisionFilter {
  year?: number | undefined;
  kind?: DecisionKind | undefined;
  scope: Scope;
}

/** The decisions the scope sees, by date. */
export function listDecisions(database: Database, filter: DecisionFilter): DecisionRecord[] {
  return database
    .select()
    .from(programmeDecisions)
    .where(
      and(
        filter.year === undefined ? undefined : eq(programmeDecisions.year, filter.year),
        filter.kind === undefined ? undefined : eq(programmeDecisions.kind, filter.kind),
        decisionScopeCondition(filter.scope),
      ),
    )
    .orderBy(asc(programmeDecisions.date), asc(programmeDecisions.id))
    .all();
}

export function findDecision(database: Database, id: number): DecisionRecord | undefined {
  return database.select().from(programmeDecisions).where(eq(programmeDecisions.id, id)).get();
}

export function decisionInScope(database: Database, id: number, scope: Scope): boolean {
  return (
    database
      .select({ id: programmeDecisions.id })
      .from(programmeDecisions)
      .where(and(eq(programmeDecisions.id, id), decisionScopeCondition(scope)))
      .get() !== undefined
  );
}

export function findDecisionByNumber(
  database: Database,
  key: { eraId: number; provinceName: string; number: string; date: string },
): DecisionRecord | undefined {
  return database
    .select()
    .from(programmeDecisions)
    .where(
      and(
        eq(programmeDecisions.eraId, key.eraId),
        eq(programmeDecisions.provinceName, key.provinceName),
        eq(programmeDecisions.number, key.number),
        eq(programmeDecisions.date, key.date),
      ),
    )
    .get();
}

export function insertDecision(
  database: Database,
  values: Omit<typeof programmeDecisions.$inferInsert, 'id'>,
): DecisionRecord {
  return database.insert(programmeDecisions).values(values).returning().get();
}

export function setDecisionDocument(
  database: Database,
  id: number,
  document: { name: string; bytes: number; sha256: string; uploadedAt: string; uploadedBy: string },
): DecisionRecord {
  return database
    .update(programmeDecisions)
    .set({
      documentName: document.name,
      documentBytes: document.bytes,
      documentSha256: document.sha256,
      documentUploadedAt: document.uploadedAt,
      documentUploadedBy: document.uploadedBy,
    })
    .where(eq(programmeDecisions.id, id))
    .returning()
    .get();
}

/** The provinces of an era's communes, as stored, with whether the scope covers each. */
export function provincesOfEra(
  database: Database,
  eraId: number,
  scope: Scope,
): { provinceCode: string | null; provinceName: string | null }[] {
  return database
    .selectDistinct({ provinceCode: units.provinceCode, provinceName: units.provinceName })
    .from(units)
    .where(and(eq(units.eraId, eraId), eq(units.level, 'commune'), scopeCondition(scope)))
    .orderBy(asc(units.provinceName))
    .all();
}

/** The province of an era named by code or name, as its communes store it; undefined when none has it. */
export function findProvinceOfEra(
  database: Database,
  eraId: number,
  province: string,
): { provinceCode: string | null; provinceName: string | null } | undefined {
  return database
    .select({ provinceCode: units.provinceCode, provinceName: units.provinceName })
    .from(units)
    .where(
      and(
        eq(units.eraId, eraId),
        eq(units.level, 'commune'),
        or(eq(units.provinceCode, province), eq(units.provinceName, province)),
      ),
    )
    .limit(1)
    .get();
}

// Designations

export type DesignationRow = {
  id: number;
  eraId: number;
  unitCode: string;
  year: number;
  kind: string;
  level: string;
  reference: string | null;
  note: string | null;
  createdAt: string;
  createdBy: string;
  eraLabel: string;
  unitId: number;
  unitName: string;
  unitFullName: string;
  districtName: string | null;
  provinceCode: string | null;
  provinceName: string | null;
};

function selectDesignations(database: Database, condition: SQL | undefined): DesignationRow[] {
  return database
    .select({
      id: programmeDesignations.id,
      eraId: programmeDesignations.eraId,
      unitCode: programmeDesignations.unitCode,
      year: programmeDesignations.year,
      kind: programmeDesignations.kind,
      level: programmeDesignations.level,
      reference: programmeDesignations.reference,
      note: programmeDesignations.note,
      createdAt: programmeDesignations.createdAt,
      createdBy: programmeDesignations.createdBy,
      ...communeColumns,
    })
    .from(programmeDesignations)
    .innerJoin(eras, eq(eras.id, programmeDesignations.eraId))
    .innerJoin(units, communeOf(programmeDesignations))
    .where(condition)
    .orderBy(
      asc(programmeDesignations.year),
      asc(programmeDesignations.unitCode),
      asc(programmeDesignations.kind),
      asc(programmeDesignations.level),
    )
    .all();
}

export function listDesignations(database: Database, filter: CycleFilter): DesignationRow[] {
  return selectDesignations(
    database,
    and(
      filter.year === undefined ? undefined : eq(programmeDesignations.year, filter.year),
      filter.eraId === undefined ? undefined : eq(programmeDesignations.eraId, filter.eraId),
      filter.unitCode === undefined ? undefined : eq(programmeDesignations.unitCode, filter.unitCode),
      scopeCondition(filter.scope),
    ),
  );
}

export function findDesignation(database: Database, id: number): DesignationRow | undefined {
  return selectDesignations(database, eq(programmeDesignations.id, id))[0];
}

/** The designations of one kind a commune already has in a year. */
export function designationsOfKind(
  database: Database,
  key: { eraId: number; unitCode: string; year: number; kind: string },
): { id: number; level: string }[] {
  return database
    .select({ id: programmeDesignations.id, level: programmeDesignations.level })
    .from(programmeDesignations)
    .where(
      and(
        eq(programmeDesignations.eraId, key.eraId),
        eq(programmeDesignations.unitCode, key.unitCode),
        eq(programmeDesignations.year, key.year),
        eq(programmeDesignations.kind, key.kind),
      ),
    )
    .all();
}

export function insertDesignation(
  database: Database,
  values: Omit<typeof programmeDesignations.$inferInsert, 'id'>,
): number {
  return database
    .insert(programmeDesignations)
    .values(values)
    .returning({ id: programmeDesignations.id })
    .get().id;
}

export function deleteDesignation(database: Database, id: number): void {
  database.delete(programmeDesignations).where(eq(programmeDesignations.id, id)).run();
}
