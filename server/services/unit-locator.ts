import type { Database } from '../db/database';
import type { EraRecord } from '../db/queries/eras';
import { unitGeometries } from '../db/queries/units';
import type { UnitLevel } from '../domain/boundaries/unit-level';
import { buildPolygonIndex, type PolygonIndex } from '../domain/geometry/polygon-index';
import type { MultiPolygonCoordinates } from '../domain/geometry/types';

interface CachedIndex {
  revision: number;
  index: PolygonIndex;
  unitIds: number[];
}

/**
 * The point-in-polygon service every feature uses to find the unit at a location: one grid index per era
 * and level, built on first use from the stored geometry and rebuilt when the era's revision changes (a
 * re-import, even by another process sharing the database file).
 */
export class UnitLocator {
  private readonly indexes = new Map<string, CachedIndex>();

  constructor(private readonly database: Database) {}

  /** Database id of the era's unit of this level that contains the point, or null. */
  locate(era: EraRecord, level: UnitLevel, longitude: number, latitude: number): number | null {
    const cached = this.indexFor(era, level);
    const found = cached.index.findPolygon(longitude, latitude);
    return found < 0 ? null : (cached.unitIds[found] ?? null);
  }

  private indexFor(era: EraRecord, level: UnitLevel): CachedIndex {
    const key = `${era.id}:${level}`;
    const cached = this.indexes.get(key);
    if (cached && cached.revision === era.revision) return cached;
    const rows = unitGeometries(this.database, era.id, level);
    const geometries = rows.map(
      (row) => (JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates,
    );
    const built = {
      revision: era.revision,
      index: buildPolygonIndex(geometries),
      unitIds: rows.map((row) => row.id),
    };
    this.indexes.set(key, built);
    return built;
  }
}
