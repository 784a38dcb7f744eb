import { type Database, inTransaction } from '../db/database';
import { advanceDataRevision } from '../db/queries/data-revisions';
import type { EraRecord } from '../db/queries/eras';
import { incidentLocations, replaceEraAssignments } from '../db/queries/incidents';
import { unitGeometries } from '../db/queries/units';
import { buildPolygonIndex } from '../domain/geometry/polygon-index';
import type { MultiPolygonCoordinates } from '../domain/geometry/types';
import type { UnitLocator } from './unit-locator';

/**
 * The commune of every era that contains a point, as [eraId, unitId] pairs. Incidents are placed in every
 * era, not only those valid on their date, so that any period can be shown on either map (2024 incidents on
 * the communes of 2025, say).
 */
export function unitsContaining(
  locator: UnitLocator,
  eras: readonly EraRecord[],
  longitude: number,
  latitude: number,
): [number, number][] {
  const found: [number, number][] = [];
  for (const era of eras) {
    const unitId = locator.locate(era, 'commune', longitude, latitude);
    if (unitId !== null) found.push([era.id, unitId]);
  }
  return found;
}

/**
 * Places every stored incident in the era's communes again, after the era's boundaries changed. One
 * transaction (a savepoint inside the caller's), which moves the incidents revision on.
 */
export function reassignIncidents(database: Database, eraId: number): void {
  inTransaction(database, () => {
    advanceDataRevision(database, 'incidents');
    const incidents = incidentLocations(database);
    if (incidents.length === 0) {
      replaceEraAssignments(database, eraId, []);
      return;
    }
    const rows = unitGeometries(database, eraId, 'commune');
    const index = buildPolygonIndex(
      rows.map((row) => (JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates),
    );
    const assignments: { incidentId: number; unitId: number }[] = [];
    for (const incident of incidents) {
      const found = index.findPolygon(incident.longitude, incident.latitude);
      const unit = rows[found];
      if (found >= 0 && unit) {
        assignments.push({ incidentId: incident.id, unitId: unit.id });
      }
    }
    replaceEraAssignments(database, eraId, assignments);
  });
}
