import type { Database } from '../db/database';
import type { EraRecord } from '../db/queries/eras';
import { eraCommunes } from '../db/queries/incident-statistics';
import { unitGeometries } from '../db/queries/units';
import type { MultiPolygonCoordinates } from '../domain/geometry/types';
import { projectToLocalMetres } from '../domain/projections/local-metres';
import { contiguityWeights } from '../domain/spatial-weights/contiguity-weights';
import { polygonCentroids } from '../domain/spatial-weights/polygon-centroids';
import type { SpatialWeights } from '../domain/spatial-weights/spatial-weights';

/**
 * What spatial statistics need of an era's communes, in the order of the incident index's units (code
 * order): contiguity weights over the whole era and centroids in metres. Built on first use and kept
 * until the era's boundaries change (its revision moves on).
 */
export interface EraCommuneGeometry {
  queen: SpatialWeights;
  rook: SpatialWeights;
  /** Area-weighted centroids in the UTM zone of the era (metres), for distance bands and neighbours. */
  x: Float64Array;
  y: Float64Array;
  distances: string;
}

export class CommuneGeometryCache {
  private readonly eras = new Map<number, { revision: number; geometry: EraCommuneGeometry }>();

  constructor(private readonly database: Database) {}

  forEra(era: EraRecord): EraCommuneGeometry {
    const cached = this.eras.get(era.id);
    if (cached && cached.revision === era.revision) return cached.geometry;
    const geometry = loadEraCommuneGeometry(this.database, era.id);
    this.eras.set(era.id, { revision: era.revision, geometry });
    return geometry;
  }
}

function loadEraCommuneGeometry(database: Database, eraId: number): EraCommuneGeometry {
  const byId = new Map(
    unitGeometries(database, eraId, 'commune').map((row) => [
      row.id,
      (JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates,
    ]),
  );
  const polygons = eraCommunes(database, eraId).map((unit) => byId.get(unit.id) ?? []);
  const centroids = polygonCentroids(polygons);
  const projected = projectToLocalMetres(centroids.x, centroids.y);
  return {
    queen: contiguityWeights(polygons, 'queen'),
    rook: contiguityWeights(polygons, 'rook'),
    x: projected.x,
    y: projected.y,
    distances: projected.system,
  };
}
