import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { LineageLink } from '../../domain/lineage/lineage-link';
import type { Database } from '../database';
import { eras, unitLineage } from '../schema';
import type { EraRecord } from './eras';

export type { LineageLink } from '../../domain/lineage/lineage-link';

type LineageSource = LineageLink['source'];

/** Rows per INSERT statement, far below SQLite's limit on bound parameters. */
const INSERT_CHUNK = 500;

const linkColumns = {
  source: unitLineage.source,
  oldEraId: unitLineage.oldEraId,
  oldUnitCode: unitLineage.oldUnitCode,
  newEraId: unitLineage.newEraId,
  newUnitCode: unitLineage.newUnitCode,
  areaShare: unitLineage.areaShare,
  populationShare: unitLineage.populationShare,
  partial: unitLineage.partial,
};

/**
 * Keeps a row only when it is official or its old unit has no official row towards the same new era: the
 * official mapping wins for every old unit it names, the geometry fills in the others.
 */
const preferOfficial = sql`(${unitLineage.source} = 'official' OR NOT EXISTS (
  SELECT 1 FROM unit_lineage AS official
  WHERE official.source = 'official'
    AND official.old_era_id = ${unitLineage.oldEraId}
    AND official.old_unit_code = ${unitLineage.oldUnitCode}
    AND official.new_era_id = ${unitLineage.newEraId}))`;

function selectLinks(database: Database, condition: SQL | undefined): LineageLink[] {
  return database
    .select(linkColumns)
    .from(unitLineage)
    .where(and(condition, preferOfficial))
    .orderBy(asc(unitLineage.oldEraId), asc(unitLineage.oldUnitCode), asc(unitLineage.newUnitCode))
    .all();
}

/** Links into a unit of the new era (its predecessors); official rows when any exist, else geometry. */
export function predecessorsOf(database: Database, eraId: number, unitCode: string): LineageLink[] {
  return selectLinks(database, and(eq(unitLineage.newEraId, eraId), eq(unitLineage.newUnitCode, unitCode)));
}

/** Links out of a unit of the old era (its successors); official rows when any exist, else geometry. */
export function successorsOf(database: Database, eraId: number, unitCode: string): LineageLink[] {
  return selectLinks(database, and(eq(unitLineage.oldEraId, eraId), eq(unitLineage.oldUnitCode, unitCode)));
}

/** All links between two eras, one source per old unit as above. */
export function lineageBetween(database: Database, oldEraId: number, newEraId: number): LineageLink[] {
  return selectLinks(database, and(eq(unitLineage.oldEraId, oldEraId), eq(unitLineage.newEraId, newEraId)));
}

/** Every link of one source between two eras (for comparing the sources). */
export function lineageOfSource(
  database: Database,
  source: LineageSource,
  oldEraId: number,
  newEraId: number,
): LineageLink[] {
  return database
    .select(linkColumns)
    .from(unitLineage)
    .where(
      and(
        eq(unitLineage.source, source),
        eq(unitLineage.oldEraId, oldEraId),
        eq(unitLineage.newEraId, newEraId),
      ),
    )
    .orderBy(asc(unitLineage.oldUnitCode), asc(unitLineage.newUnitCode))
    .all();
}

export interface LineageRowInput {
  oldUnitCode: string;
  newUnitCode: string;
  areaShare: number | null;
  populationShare: number | null;
  partial: boolean;
}

/**
 * Replaces one source's links between two eras with the given ones. Run it in a transaction (the service
 * does) so that readers never see the pair of eras half replaced.
 */
export function replaceLineage(
  database: Database,
  source: LineageSource,
  oldEraId: number,
  newEraId: number,
  rows: readonly LineageRowInput[],
  sourceFile: string | null,
  now: string,
): void {
  database
    .delete(unitLineage)
    .where(
      and(
        eq(unitLineage.source, source),
        eq(unitLineage.oldEraId, oldEraId),
        eq(unitLineage.newEraId, newEraId),
      ),
    )
    .run();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK).map((row) => ({
      ...row,
      source,
      oldEraId,
      newEraId,
      sourceFile,
      createdAt: now,
    }));
    database.insert(unitLineage).values(chunk).run();
  }
}

/** How many links of one source exist between two eras, and from which file. */
export function lineageSourceSummary(
  database: Database,
  source: LineageSource,
  oldEraId: number,
  newEraId: number,
): { count: number; sourceFile: string | null; createdAt: string | null } {
  const row = database
    .select({
      count: sql<number>`count(*)`,
      sourceFile: sql<string | null>`max(${unitLineage.sourceFile})`,
      createdAt: sql<string | null>`max(${unitLineage.createdAt})`,
    })
    .from(unitLineage)
    .where(
      and(
        eq(unitLineage.source, source),
        eq(unitLineage.oldEraId, oldEraId),
        eq(unitLineage.newEraId, newEraId),
      ),
    )
    .get();
  return { count: row?.count ?? 0, sourceFile: row?.sourceFile ?? null, createdAt: row?.createdAt ?? null };
}

/** The eras with lineage into an era, oldest first. */
export function erasLinkedInto(database: Database, era: { id: number }): EraRecord[] {
  const ids = database
    .selectDistinct({ id: unitLineage.oldEraId })
    .from(unitLineage)
    .where(eq(unitLineage.newEraId, era.id))
    .all()
    .map((row) => row.id);
  if (ids.length === 0) return [];
  return database.select().from(eras).where(inArray(eras.id, ids)).orderBy(asc(eras.validFrom)).all();
}
