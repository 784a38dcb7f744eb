import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { UnitLevel } from '../../domain/boundaries/unit-level';
import type { Database } from '../database';
import { boundaryImports, unitOutlines, units } from '../schema';

export type UnitInsert = Omit<typeof units.$inferInsert, 'id' | 'eraId' | 'level'>;
export type UnitRecord = typeof units.$inferSelect;
export type OutlineRecord = typeof unitOutlines.$inferSelect;

/** Rows per INSERT statement: 22 columns stay far below SQLite's limit on bound parameters. */
const INSERT_CHUNK = 400;

/**
 * Stores an era's units of one level. `replace` removes every unit of that era and level first (a
 * re-import); `append` removes only the units whose codes come again (adding a neighbouring province).
 */
export function writeUnits(
  database: Database,
  eraId: number,
  level: UnitLevel,
  rows: readonly UnitInsert[],
  mode: 'replace' | 'append',
): void {
  if (mode === 'replace') {
    database
      .delete(units)
      .where(and(eq(units.eraId, eraId), eq(units.level, level)))
      .run();
  } else {
    const codes = rows.map((row) => row.code);
    for (let start = 0; start < codes.length; start += INSERT_CHUNK) {
      const chunk = codes.slice(start, start + INSERT_CHUNK);
      database
        .delete(units)
        .where(and(eq(units.eraId, eraId), eq(units.level, level), inArray(units.code, chunk)))
        .run();
    }
  }
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK).map((row) => ({ ...row, eraId, level }));
    database.insert(units).values(chunk).run();
  }
}

export interface UnitFilter {
  eraId: number;
  level: UnitLevel;
  /** Province code or name, as stored. */
  province?: string | undefined;
  /** District code or name, as stored. */
  district?: string | undefined;
  /** The account's scope: only units it covers. */
  scope?: Scope | undefined;
}

/**
 * The units a scope covers, as a condition on `units`: a province scope its provinces (by code or name); a
 * commune scope its communes, and the districts and provinces they lie in (as context around them).
 */
export function scopeCondition(scope: Scope | undefined): SQL | undefined {
  if (!scope || scope.kind === 'all') return undefined;
  if (scope.kind === 'provinces') {
    return or(inArray(units.provinceCode, scope.provinces), inArray(units.provinceName, scope.provinces));
  }
  const communes = sql`(SELECT scoped.province_name FROM units AS scoped
    WHERE scoped.era_id = ${units.eraId} AND scoped.level = 'commune' AND scoped.code IN ${scope.communes})`;
  return sql`CASE WHEN ${units.level} = 'commune' THEN ${units.code} IN ${scope.communes}
    ELSE ${units.provinceName} IN ${communes} END`;
}

function filterConditions(filter: UnitFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    eq(units.eraId, filter.eraId),
    eq(units.level, filter.level),
    scopeCondition(filter.scope),
  ];
  if (filter.province) {
    conditions.push(
      sql`(${units.provinceCode} = ${filter.province} OR ${units.provinceName} = ${filter.province})`,
    );
  }
  if (filter.district) {
    conditions.push(
      sql`(${units.districtCode} = ${filter.district} OR ${units.districtName} = ${filter.district})`,
    );
  }
  return and(...conditions);
}

export function listUnits(database: Database, filter: UnitFilter): UnitRecord[] {
  return database.select().from(units).where(filterConditions(filter)).orderBy(asc(units.code)).all();
}

/** The names and districts of an era's communes (within a scope), without their geometry, by code. */
export function communeNamesOfEra(
  database: Database,
  eraId: number,
  scope?: Scope,
): {
  code: string;
  name: string;
  fullName: string;
  districtCode: string | null;
  districtName: string | null;
}[] {
  return database
    .select({
      code: units.code,
      name: units.name,
      fullName: units.fullName,
      districtCode: units.districtCode,
      districtName: units.districtName,
    })
    .from(units)
    .where(and(eq(units.eraId, eraId), eq(units.level, 'commune'), scopeCondition(scope)))
    .orderBy(asc(units.code))
    .all();
}

/** Each commune of an era with its label point (longitude, latitude). */
export function communeLabelPoints(
  database: Database,
  eraId: number,
): { code: string; longitude: number; latitude: number }[] {
  return database
    .select({ code: units.code, longitude: units.labelLongitude, latitude: units.labelLatitude })
    .from(units)
    .where(and(eq(units.eraId, eraId), eq(units.level, 'commune')))
    .all();
}

export function countUnits(database: Database, filter: UnitFilter): number {
  return (
    database.select({ count: sql<number>`count(*)` }).from(units).where(filterConditions(filter)).get()
      ?.count ?? 0
  );
}

/** A unit by code in the first of the given eras that has it. */
export function findUnit(
  database: Database,
  eraIds: readonly number[],
  level: UnitLevel,
  code: string,
): UnitRecord | undefined {
  for (const eraId of eraIds) {
    const row = database
      .select()
      .from(units)
      .where(and(eq(units.eraId, eraId), eq(units.level, level), eq(units.code, code)))
      .get();
    if (row) return row;
  }
  return undefined;
}

export function findUnitById(database: Database, id: number): UnitRecord | undefined {
  return database.select().from(units).where(eq(units.id, id)).get();
}

/** Ids and geometry of an era's units of one level, for the point-in-polygon index. */
export function unitGeometries(
  database: Database,
  eraId: number,
  level: UnitLevel,
): { id: number; geometry: string }[] {
  return database
    .select({ id: units.id, geometry: units.geometry })
    .from(units)
    .where(and(eq(units.eraId, eraId), eq(units.level, level)))
    .orderBy(asc(units.id))
    .all();
}

/** What deriving district and province outlines needs from an era's communes. */
export function communeGroupings(database: Database, eraId: number) {
  return database
    .select({
      districtCode: units.districtCode,
      districtName: units.districtName,
      provinceName: units.provinceName,
      geometry: units.geometry,
    })
    .from(units)
    .where(and(eq(units.eraId, eraId), eq(units.level, 'commune')))
    .all();
}

export function replaceOutlines(
  database: Database,
  eraId: number,
  outlines: readonly Omit<typeof unitOutlines.$inferInsert, 'id' | 'eraId'>[],
): void {
  database.delete(unitOutlines).where(eq(unitOutlines.eraId, eraId)).run();
  for (let start = 0; start < outlines.length; start += INSERT_CHUNK) {
    database
      .insert(unitOutlines)
      .values(outlines.slice(start, start + INSERT_CHUNK).map((outline) => ({ ...outline, eraId })))
      .run();
  }
}

/** Derived outlines of an era, within the provinces a scope covers. */
export function listOutlines(
  database: Database,
  eraId: number,
  level: UnitLevel,
  { province, scope }: { province?: string | undefined; scope?: Scope | undefined } = {},
): OutlineRecord[] {
  const scoped = scopeCondition(scope);
  const provincesInScope = scoped
    ? inArray(
        unitOutlines.provinceName,
        sql`(SELECT DISTINCT ${units.provinceName} FROM ${units} WHERE ${units.eraId} = ${eraId} AND ${units.level} = 'commune' AND ${scoped})`,
      )
    : undefined;
  return database
    .select()
    .from(unitOutlines)
    .where(
      and(
        eq(unitOutlines.eraId, eraId),
        eq(unitOutlines.level, level),
        province ? eq(unitOutlines.provinceName, province) : undefined,
        provincesInScope,
      ),
    )
    .orderBy(asc(unitOutlines.name))
    .all();
}

export interface SearchRequest {
  eraIds: readonly number[];
  /** Folded search terms (lower case, no accents): every one must match. */
  terms: readonly string[];
  limit: number;
  scope?: Scope | undefined;
}

/**
 * Units whose folded search text holds every term, best matches first: the name equal to the query (with or
 * without its kind, "xa vinh thanh" or "vinh thanh"), then the query at the start of a word of the name, then
 * anywhere in the name, then elsewhere (code, district, province). Folded text has only [a-z0-9 ], so terms need no LIKE escaping.
 */
export function searchUnits(database: Database, request: SearchRequest): UnitRecord[] {
  if (request.eraIds.length === 0 || request.terms.length === 0) return [];
  const phrase = request.terms.join(' ');
  const namePart = sql`substr(${units.searchText}, 1, instr(${units.searchText}, ' |') - 1)`;
  const rank = sql`CASE
    WHEN ${namePart} = ${phrase} OR ${namePart} LIKE ${`% ${phrase}`} THEN 0
    WHEN ${namePart} LIKE ${`${phrase}%`} OR ${namePart} LIKE ${`% ${phrase}%`} THEN 1
    WHEN ${namePart} LIKE ${`%${phrase}%`} THEN 2
    ELSE 3 END`;
  const levelOrder = sql`CASE ${units.level} WHEN 'commune' THEN 0 WHEN 'district' THEN 1 ELSE 2 END`;
  return (
    database
      .select()
      .from(units)
      .where(
        and(
          inArray(units.eraId, [...request.eraIds]),
          scopeCondition(request.scope),
          ...request.terms.map((term) => sql`${units.searchText} LIKE ${`%${term}%`}`),
        ),
      )
      // The folded name sorts Đ with D, as Vietnamese alphabetical order does (a byte order puts it after Z).
      .orderBy(rank, levelOrder, namePart)
      .limit(request.limit)
      .all()
  );
}

export function recordBoundaryImport(
  database: Database,
  record: Omit<typeof boundaryImports.$inferInsert, 'id'>,
): void {
  database.insert(boundaryImports).values(record).run();
}
