import { eq } from 'drizzle-orm';
import type { CheckedIncident } from '../../domain/records/hand-entered-incident';
import type { Database } from '../database';
import { incidentImports, incidents, incidentUnits, units } from '../schema';

export type IncidentRecord = typeof incidents.$inferSelect;

/** Incidents entered or edited by hand, one at a time; imports go through `insertIncidents`. */

export function findIncident(database: Database, id: number): IncidentRecord | undefined {
  return database.select().from(incidents).where(eq(incidents.id, id)).get();
}

export function findIncidentByDedupKey(
  database: Database,
  dedupKey: IncidentRecord['dedupKey'],
): IncidentRecord | undefined {
  return database.select().from(incidents).where(eq(incidents.dedupKey, dedupKey)).get();
}

/** Stores a hand-entered incident with its commune in each era ([eraId, unitId] pairs). Run in a transaction. */
export function insertIncident(
  database: Database,
  incident: CheckedIncident,
  placements: readonly [number, number][],
  now: string,
): IncidentRecord {
  const stored = database
    .insert(incidents)
    .values({ ...incident, importId: null, createdAt: now })
    .returning()
    .get();
  placeIncident(database, stored, placements);
  return stored;
}

/** Replaces an incident's values and its communes. Run in a transaction. */
export function updateIncident(
  database: Database,
  id: number,
  incident: CheckedIncident,
  placements: readonly [number, number][],
): IncidentRecord {
  const stored = database.update(incidents).set(incident).where(eq(incidents.id, id)).returning().get();
  database.delete(incidentUnits).where(eq(incidentUnits.incidentId, id)).run();
  placeIncident(database, stored, placements);
  return stored;
}

function placeIncident(
  database: Database,
  incident: IncidentRecord,
  placements: readonly [number, number][],
): void {
  if (placements.length === 0) return;
  database
    .insert(incidentUnits)
    .values(
      placements.map(([eraId, unitId]) => ({
        incidentId: incident.id,
        eraId,
        unitId,
      })),
    )
    .run();
}

/** The commune of an incident in each era, with the era's id. */
export function incidentCommunes(database: Database, id: number) {
  return database
    .select({ eraId: incidentUnits.eraId, code: units.code })
    .from(incidentUnits)
    .innerJoin(units, eq(units.id, incidentUnits.unitId))
    .where(eq(incidentUnits.incidentId, id))
    .all();
}

export function findIncidentImport(database: Database, id: number) {
  return database.select().from(incidentImports).where(eq(incidentImports.id, id)).get();
}
