import { asc, sql } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { PreparedIncident } from '../../domain/incidents/prepare-incident-rows';
import type { Database } from '../database';
import { incidentCategories, incidentImports } from '../schema';
import { scopeCondition } from './units';

export type IncidentCategoryRecord = typeof incidentCategories.$inferSelect;

export function listIncidentCategories(database: Database): IncidentCategoryRecord[] {
  return database.select().from(incidentCategories).orderBy(asc(incidentCategories.sortOrder)).all();
}

/** Seeds the categories into a database that has none; an edited list is left as it is. */
export function seedIncidentCategories(
  database: Database,
  categories: readonly {
    code: string;
    group: string;
    nameVi: string;
    nameEn: string;
    aliases: readonly string[];
  }[],
): void {
  const count = database.select({ count: sql<number>`count(*)` }).from(incidentCategories).get()?.count ?? 0;
  if (count > 0) return;
  database
    .insert(incidentCategories)
    .values(
      categories.map((category, index) => ({
        code: category.code,
        groupCode: category.group,
        nameVi: category.nameVi,
        nameEn: category.nameEn,
        aliases: JSON.stringify(category.aliases),
        sortOrder: index,
      })),
    )
    .run();
}

/** An incident ready to be stored, with the unit of each era that contains it. */
export interface IncidentRow extends Omit<PreparedIncident, 'row'> {
  /** [eraId, unitId] for every era with a unit at the incident's location. */
  units: [number, number][];
}

/**
 * Stores incidents with prepared statements (a million rows are too many for an ORM's objects), skipping
 * those whose dedup key is stored already. Returns how many were new. Run it inside a transaction.
 */
export function insertIncidents(
  database: Database,
  rows: readonly IncidentRow[],
  importId: number,
  now: string,
): number {
  const insertIncident = database.$client.prepare(
    `INSERT OR IGNORE INTO incidents (occurred_at, occurred_date, longitude, latitude, category_code, subcategory,
      severity, cleared, deaths, injuries, source, reference, dedup_key, import_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUnit = database.$client.prepare(
    'INSERT INTO incident_units (incident_id, era_id, unit_id, occurred_date, category_code) VALUES (?, ?, ?, ?, ?)',
  );
  let inserted = 0;
  for (const row of rows) {
    const result = insertIncident.run(
      row.occurredAt,
      row.occurredDate,
      row.longitude,
      row.latitude,
      row.categoryCode,
      row.subcategory,
      row.severity,
      row.cleared === null ? null : row.cleared ? 1 : 0,
      row.deaths,
      row.injuries,
      row.source,
      row.reference,
      row.dedupKey,
      importId,
      now,
    );
    if (result.changes === 0) continue;
    inserted++;
    for (const [eraId, unitId] of row.units) {
      insertUnit.run(result.lastInsertRowid, eraId, unitId, row.occurredDate, row.categoryCode);
    }
  }
  return inserted;
}

export function recordIncidentImport(
  database: Database,
  record: Omit<typeof incidentImports.$inferInsert, 'id'>,
): number {
  return database.insert(incidentImports).values(record).returning({ id: incidentImports.id }).get().id;
}

export function updateIncidentImportCounts(database: Database, id: number, insertedCount: number): void {
  database.update(incidentImports).set({ insertedCount }).where(sql`${incidentImports.id} = ${id}`).run();
}

/** Every incident's location, for assigning them to the units of an era. */
export function incidentLocations(database: Database) {
  return database.$client
    .prepare(
      'SELECT id, longitude, latitude, occurred_date AS occurredDate, category_code AS categoryCode FROM incidents',
    )
    .all() as {
    id: number;
    longitude: number;
    latitude: number;
    occurredDate: string;
    categoryCode: string;
  }[];
}

/** Replaces an era's assignments (after its boundaries changed). Run it inside a transaction. */
export function replaceEraAssignments(
  database: Database,
  eraId: number,
  assignments: readonly { incidentId: number; unitId: number; occurredDate: string; categoryCode: string }[],
): void {
  database.$client.prepare('DELETE FROM incident_units WHERE era_id = ?').run(eraId);
  const insert = database.$client.prepare(
    'INSERT INTO incident_units (incident_id, era_id, unit_id, occurred_date, category_code) VALUES (?, ?, ?, ?, ?)',
  );
  for (const assignment of assignments) {
    insert.run(
      assignment.incidentId,
      eraId,
      assignment.unitId,
      assignment.occurredDate,
      assignment.categoryCode,
    );
  }
}

export interface IncidentWindow {
  eraId: number;
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Category codes; all when empty. */
  categories: readonly string[];
}

/** Incidents per unit of an era in a date window (units without any are absent). */
export function countIncidentsByUnit(database: Database, window: IncidentWindow): Map<number, number> {
  const categories = window.categories.length > 0 ? sql`AND category_code IN ${window.categories}` : sql``;
  const rows = database.all<{ unitId: number; count: number }>(
    sql`SELECT unit_id AS unitId, count(*) AS count FROM incident_units
        WHERE era_id = ${window.eraId} AND occurred_date BETWEEN ${window.from} AND ${window.to} ${categories}
        GROUP BY unit_id`,
  );
  return new Map(rows.map((row) => [row.unitId, row.count]));
}

/** Incidents in a date window that lie outside every unit of the era. */
export function countIncidentsOutsideEra(database: Database, window: IncidentWindow): number {
  const categories = window.categories.length > 0 ? sql`AND i.category_code IN ${window.categories}` : sql``;
  return (
    database.get<{ count: number }>(
      sql`SELECT count(*) AS count FROM incidents AS i
          WHERE i.occurred_date BETWEEN ${window.from} AND ${window.to} ${categories}
          AND NOT EXISTS (SELECT 1 FROM incident_units AS assigned WHERE assigned.incident_id = i.id AND assigned.era_id = ${window.eraId})`,
    )?.count ?? 0
  );
}

/** The units of an era within a scope, with what rates need: id, code, area, population. */
export function unitsForStatistics(database: Database, eraId: number, scope: Scope | undefined) {
  return database.all<{ id: number; code: string; areaKm2: number; population: number | null }>(
    sql`SELECT id, code, area_km2 AS areaKm2, population FROM units
        WHERE era_id = ${eraId} AND level = 'commune' ${scopeSql(scope)} ORDER BY code`,
  );
}

function scopeSql(scope: Scope | undefined) {
  const condition = scopeCondition(scope);
  return condition ? sql`AND ${condition}` : sql``;
}
