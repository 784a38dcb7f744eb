import type { Database } from '../database';

/**
 * What the in-memory incident index reads, as raw rows (arrays, not objects: a million rows are loaded at
 * once, and the index keeps typed columns, not row objects).
 */

/** How many incidents there are and the largest id, to size the index's columns before reading. */
export function incidentTotals(database: Database): { count: number; maximumId: number } {
  const row = database.$client
    .prepare('SELECT count(*) AS count, coalesce(max(id), 0) AS maximumId FROM incidents')
    .get() as { count: number; maximumId: number };
  return row;
}

/**
 * Every incident, in id order, as [id, seconds since 1970 of its wall-clock time, category code, severity
 * code | null, cleared 0/1 | null, longitude, latitude]. Iterated row by row so that only the caller's
 * columns stay in memory; the caller sorts (faster in memory than ORDER BY here).
 */
export function incidentIndexRows(database: Database): IterableIterator<IncidentIndexRow> {
  return database.$client
    .prepare(
      `SELECT id, unixepoch(occurred_at), category_code, severity, cleared, longitude, latitude
       FROM incidents`,
    )
    .raw()
    .iterate() as IterableIterator<IncidentIndexRow>;
}

export type IncidentIndexRow = [
  id: number,
  secondsSinceEpoch: number,
  categoryCode: string,
  severity: string | null,
  cleared: number | null,
  longitude: number,
  latitude: number,
];

/**
 * The commune of an era that holds each incident (incidents outside every one absent), as two aligned
 * arrays. Two JSON arrays built by SQLite parse several times faster than a million rows fetched one by
 * one; "+era_id" keeps SQLite to one scan of the table, in order, whatever indexes it finds.
 */
export function eraIncidentUnits(
  database: Database,
  eraId: number,
): { incidentIds: number[]; unitIds: number[] } {
  const [incidentIds, unitIds] = database.$client
    .prepare(
      'SELECT json_group_array(incident_id), json_group_array(unit_id) FROM incident_units WHERE +era_id = ?',
    )
    .raw()
    .get(eraId) as [string, string];
  return { incidentIds: JSON.parse(incidentIds) as number[], unitIds: JSON.parse(unitIds) as number[] };
}

/** An era's communes, in code order, with what rates and scope checks need. */
export interface StatisticsUnit {
  id: number;
  code: string;
  areaKm2: number;
  population: number | null;
  provinceCode: string | null;
  provinceName: string | null;
}

export function eraCommunes(database: Database, eraId: number): StatisticsUnit[] {
  return database.$client
    .prepare(
      `SELECT id, code, area_km2 AS areaKm2, population, province_code AS provinceCode,
        province_name AS provinceName
       FROM units WHERE era_id = ? AND level = 'commune' ORDER BY code`,
    )
    .all(eraId) as StatisticsUnit[];
}

/** One incident as the list shows it. */
export interface IncidentDetail {
  id: number;
  occurredAt: string;
  longitude: number;
  latitude: number;
  categoryCode: string;
  subcategory: string | null;
  severity: string | null;
  cleared: boolean | null;
  deaths: number;
  injuries: number;
  source: string | null;
  reference: string | null;
}

/** The incidents with these ids, in the order of the ids given (missing ones left out). */
export function incidentsByIds(database: Database, ids: readonly number[]): IncidentDetail[] {
  if (ids.length === 0) return [];
  const rows = database.$client
    .prepare(
      `SELECT id, occurred_at AS occurredAt, longitude, latitude, category_code AS categoryCode, subcategory,
        severity, cleared, deaths, injuries, source, reference
       FROM incidents WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as (Omit<IncidentDetail, 'cleared'> & { cleared: number | null })[];
  const byId = new Map(
    rows.map((row) => [row.id, { ...row, cleared: row.cleared === null ? null : row.cleared === 1 }]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
