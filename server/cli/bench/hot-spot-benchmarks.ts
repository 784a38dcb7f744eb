import clustersDbscan from '@turf/clusters-dbscan';
import type { Database } from '../../db/database';
import { findEraByLabel } from '../../db/queries/eras';
import { unitGeometries } from '../../db/queries/units';
import type { MultiPolygonCoordinates } from '../../domain/geometry/types';
import { type OptimizedHotSpotsResult, optimizedHotSpots } from '../../domain/hot-spots/optimized-hot-spots';
import { dbscan } from '../../domain/point-patterns/dbscan';
import { projectToLocalMetres } from '../../domain/projections/local-metres';
import { seededRandom } from '../../domain/random/seeded-random';
import { localGetisOrd } from '../../domain/spatial-statistics/local-getis-ord';
import { localMoran } from '../../domain/spatial-statistics/local-moran';
import { contiguityWeights } from '../../domain/spatial-weights/contiguity-weights';
import { rowStandardised } from '../../domain/spatial-weights/weights-operations';
import type { Measurement } from './boundary-benchmarks';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function median(run: () => void, times: number): number {
  const timings: number[] = [];
  for (let count = 0; count < times; count++) {
    const started = performance.now();
    run();
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return timings[Math.floor(times / 2)] as number;
}

/**
 * Hot-spot figures: queen weights, G_i* and LISA with 999 permutations over every commune of the country
 * (the bar counts all three together), DBSCAN on 50,000 incidents against Turf's, and optimized hot spots
 * over a million incidents.
 */
export function* hotSpotBenchmarks(database: Database, eraLabel: string): Generator<Measurement> {
  const era = findEraByLabel(database, eraLabel);
  if (!era) throw new Error(`era ${eraLabel} missing`);
  const polygons = unitGeometries(database, era.id, 'commune').map(
    (row) => (JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates,
  );
  // Incident counts with hot and cold regions: a smooth field over the country plus noise (seeded).
  const random = seededRandom(138);
  const values = Float64Array.from(polygons, (polygon) => {
    const [longitude, latitude] =
      polygon[0]?.[0]?.[0] !== undefined ? (polygon[0][0][0] as number[]) : [0, 0];
    const field = 10 + 8 * Math.sin((longitude as number) * 3) * Math.cos((latitude as number) * 2);
    return Math.max(0, Math.round(field + random() * 6));
  });

  let weightsMs = 0;
  let gistarMs = 0;
  let lisaMs = 0;
  const total = median(() => {
    let started = performance.now();
    const queen = contiguityWeights(polygons, 'queen');
    weightsMs = performance.now() - started;
    started = performance.now();
    localGetisOrd(values, queen, { star: true, permutations: 999, random: seededRandom(1) });
    gistarMs = performance.now() - started;
    started = performance.now();
    localMoran(values, rowStandardised(queen), { permutations: 999, random: seededRandom(1) });
    lisaMs = performance.now() - started;
  }, 3);
  yield {
    name: 'hotspots.gistarAndLisa.national',
    value: Math.round(total),
    unit: 'ms',
    bar: '< 2000',
    ok: total < 2000,
    communes: polygons.length,
    permutations: 999,
    lastRun: { weightsMs: round(weightsMs, 1), gistarMs: round(gistarMs, 1), lisaMs: round(lisaMs, 1) },
  };

  yield dbscanMeasurement();
  yield optimizedMeasurement();
}

/**
 * Optimized hot spots over 1,000,000 incidents of a province (about 110 × 145 km): 60 % in towns (normal
 * spread of about 1.5 km around 25 centres), the rest scattered. Timed from longitude/latitude, as the API
 * runs it: projection, grid, scale of analysis, G_i* with FDR.
 */
function optimizedMeasurement(): Measurement {
  const random = seededRandom(1_000_000);
  const count = 1_000_000;
  const longitudes = new Float64Array(count);
  const latitudes = new Float64Array(count);
  const towns = Array.from({ length: 25 }, () => [104.8 + random() * 1, 9.6 + random() * 1.3]);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  for (let index = 0; index < count; index++) {
    if (random() < 0.6) {
      const town = towns[Math.floor(random() * towns.length)] as number[];
      longitudes[index] = (town[0] as number) + normal() * 0.014;
      latitudes[index] = (town[1] as number) + normal() * 0.014;
    } else {
      longitudes[index] = 104.8 + random();
      latitudes[index] = 9.6 + random() * 1.3;
    }
  }
  let result: OptimizedHotSpotsResult | undefined;
  const milliseconds = median(() => {
    const { x, y } = projectToLocalMetres(longitudes, latitudes);
    result = optimizedHotSpots(x, y, { shape: 'hexagon' });
  }, 3);
  const { computation, bin } = result as OptimizedHotSpotsResult;
  return {
    name: 'hotspots.optimized.1M',
    value: Math.round(milliseconds),
    unit: 'ms',
    bar: '< 5000',
    ok: milliseconds < 5000,
    incidents: count,
    cellSizeMetres: Math.round(computation.cellSize),
    distanceBandMetres: Math.round(computation.distanceBand),
    bandChosenBy: computation.bandChosenBy,
    cells: computation.cells,
    hotCells: bin.filter((value) => value > 0).length,
  };
}

/**
 * DBSCAN on 50,000 incidents of a province-sized area (clusters in towns over a sparse background), 200 m
 * and 5 points, against Turf's clustersDbscan on the very same points.
 */
function dbscanMeasurement(): Measurement {
  const random = seededRandom(50_000);
  const count = 50_000;
  const longitudes = new Float64Array(count);
  const latitudes = new Float64Array(count);
  const towns = Array.from({ length: 40 }, () => [105.2 + random() * 0.6, 9.8 + random() * 0.6]);
  for (let index = 0; index < count; index++) {
    if (index % 3 === 0) {
      longitudes[index] = 105.2 + random() * 0.6;
      latitudes[index] = 9.8 + random() * 0.6;
    } else {
      const town = towns[Math.floor(random() * towns.length)] as number[];
      // About 1 km either way (0.01°), a triangular spread.
      longitudes[index] = (town[0] as number) + (random() - random()) * 0.01;
      latitudes[index] = (town[1] as number) + (random() - random()) * 0.01;
    }
  }
  const { x, y } = projectToLocalMetres(longitudes, latitudes);
  let labels: Int32Array = new Int32Array(0);
  const milliseconds = median(() => {
    labels = dbscan(x, y, 200, 5);
  }, 5);
  const clusters = new Set(labels).size - (labels.includes(-1) ? 1 : 0);

  const collection = {
    type: 'FeatureCollection' as const,
    features: Array.from(longitudes, (longitude, index) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'Point' as const, coordinates: [longitude, latitudes[index] as number] },
    })),
  };
  const turfStarted = performance.now();
  const turf = clustersDbscan(collection, 0.2, { minPoints: 5, units: 'kilometers' });
  const turfMilliseconds = performance.now() - turfStarted;
  const turfClusters = new Set(
    turf.features.flatMap((feature) =>
      feature.properties.cluster === undefined ? [] : [feature.properties.cluster],
    ),
  ).size;
  return {
    name: 'hotspots.dbscan.50k',
    value: round(milliseconds, 1),
    unit: 'ms',
    bar: '< 200',
    ok: milliseconds < 200,
    points: count,
    epsilonMetres: 200,
    minimumPoints: 5,
    clusters,
    turfMs: Math.round(turfMilliseconds),
    turfClusters,
    ratioToTurf: Math.round(turfMilliseconds / milliseconds),
  };
}
