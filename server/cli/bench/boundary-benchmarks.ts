import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { importBoundaryFile } from '../../../geodata/import/import-boundaries';
import { type Database, openDatabase } from '../../db/database';
import { findEraByLabel } from '../../db/queries/eras';
import { unitGeometries } from '../../db/queries/units';
import { boundingBoxOf } from '../../domain/geometry/bounding-box';
import { buildPolygonIndex } from '../../domain/geometry/polygon-index';
import type { MultiPolygonCoordinates } from '../../domain/geometry/types';
import { seededRandom } from '../../domain/random/seeded-random';
import { startServer } from '../../main';
import { createAccount } from '../../services/accounts';
import { chromiumAvailable, launchChromium } from '../../services/headless-chromium';
import { CLIENT_BUILD_DIRECTORY } from '../paths';
import { hotSpotBenchmarks } from './hot-spot-benchmarks';
import { incidentBenchmarks } from './incident-benchmarks';
import { programmeBenchmarks } from './programme-benchmarks';

/** One figure of `diaban bench`: printed as one JSON line. */
export interface Measurement {
  name: string;
  value: number | null;
  unit: string;
  /** The requirement, e.g. "< 15" or ">= 500000". */
  bar?: string;
  ok?: boolean;
  /** Why the figure could not be measured on this machine. */
  skipped?: string;
  [detail: string]: unknown;
}

const NATIONAL_FILE = 'layers_pre2025/vietnam_communes_gadm41.geojson';
const PROVINCE_FILE = 'kien_giang_communes_2021.geojson';

/**
 * The boundary figures: whole-country import, point lookups at national and province scale (with the plain
 * flatbush + ray casting index and the naive Turf loop measured on the same points for comparison), the
 * warm `/api/units` response for one province, and the map's first `idle` in headless Chromium.
 */
export async function* boundaryBenchmarks(
  geodata: string | null,
  pointCount: number,
  /** Measure only the figures whose name starts with this (the data they need is still loaded). */
  only?: string,
): AsyncGenerator<Measurement> {
  const wanted = (name: string) => !only || name.startsWith(only) || only.startsWith(name);
  if (!geodata || !existsSync(join(geodata, NATIONAL_FILE))) {
    const skipped = 'needs the shared geodata folder: set DIABAN_GEODATA or pass --geodata';
    for (const name of [
      'boundaries.import.national',
      'lookup.national',
      'lookup.province',
      'incidents.import.national',
      'hotspots.gistarAndLisa.national',
      'hotspots.dbscan.50k',
      'hotspots.optimized.1M',
      'programme.ranking.national',
      'api.units.province',
      'map.firstIdle.province',
    ]) {
      yield { name, value: null, unit: '', skipped };
    }
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'diaban-bench-'));
  const databasePath = join(directory, 'bench.db');
  const database = openDatabase(databasePath);
  try {
    const started = performance.now();
    const national = await importBoundaryFile(database, join(geodata, NATIONAL_FILE), {
      era: 'national',
      validFrom: '2021-07-01',
      validTo: '2025-06-30',
      level: 'commune',
      // 1,124 GADM polygons have no GSO code: their GADM id stands in.
      columns: { code: ['code', 'gadm_gid3'] },
    });
    const seconds = (performance.now() - started) / 1000;
    yield {
      name: 'boundaries.import.national',
      value: round(seconds, 2),
      unit: 's',
      bar: '< 15',
      ok: seconds < 15,
      communes: national.imported,
      rejected: national.rejected.length,
    };

    if (wanted('lookup.national')) {
      yield lookupMeasurement('lookup.national', database, 'national', pointCount, { naiveSample: 300 });
    }

    await importBoundaryFile(database, join(geodata, PROVINCE_FILE), {
      era: 'kien-giang',
      validFrom: '2025-07-01',
      level: 'commune',
    });
    if (wanted('lookup.province')) {
      yield lookupMeasurement('lookup.province', database, 'kien-giang', pointCount, { naiveSample: 20_000 });
    }
    if (wanted('incidents')) yield* incidentBenchmarks(database, directory, 'national', pointCount);
    if (wanted('hotspots')) yield* hotSpotBenchmarks(database, 'national');
    if (wanted('programme')) yield* programmeBenchmarks(database, 'national');
    if (!wanted('api.') && !wanted('map.')) return;

    // The API answers only signed-in accounts: the measurements use one of their own.
    const password = randomBytes(16).toString('base64url');
    await createAccount(
      database,
      { username: 'bench', role: 'viewer', password },
      { name: 'system', address: 'local' },
      new Date(),
    );
    database.$client.close();
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      databasePath,
      clientDirectory: CLIENT_BUILD_DIRECTORY,
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const session = await signIn(base, 'bench', password);
      yield await warmResponseMeasurement('api.units.province', `${base}/api/units?era=kien-giang`, session);
      yield await warmResponseMeasurement(
        'api.units.provinceOfNational',
        `${base}/api/units?era=national&province=${encodeURIComponent('Tỉnh Kiên Giang')}`,
        session,
      );
      yield await firstIdleMeasurement(base, '/#/map?era=kien-giang', session);
    } finally {
      await server.close();
    }
  } finally {
    if (database.$client.open) database.$client.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function lookupMeasurement(
  name: string,
  database: Database,
  eraLabel: string,
  pointCount: number,
  options: { naiveSample: number },
): Measurement {
  const era = findEraByLabel(database, eraLabel);
  if (!era) throw new Error(`era ${eraLabel} missing`);
  const polygons = unitGeometries(database, era.id, 'commune').map(
    (row) => (JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates,
  );
  const { longitudes, latitudes } = pointsInCommunes(polygons, pointCount);

  const buildStarted = performance.now();
  const index = buildPolygonIndex(polygons);
  const buildMilliseconds = performance.now() - buildStarted;
  const found = new Int32Array(pointCount);
  const lookupStarted = performance.now();
  for (let k = 0; k < pointCount; k++)
    found[k] = index.findPolygon(longitudes[k] as number, latitudes[k] as number);
  const perSecond = pointCount / ((performance.now() - lookupStarted) / 1000);

  // Baseline 1: a flatbush R-tree over the polygons' boxes, then ray casting each candidate.
  const flatbush = flatbushRayCasting(polygons);
  const flatbushStarted = performance.now();
  // Where polygons overlap (real files have slivers) the two may pick different, equally right polygons;
  // a point that one places in a unit and the other in none is a real disagreement.
  let disagreements = 0;
  for (let k = 0; k < pointCount; k++) {
    const other = flatbush(longitudes[k] as number, latitudes[k] as number);
    if (other !== found[k] && (other === -1 || found[k] === -1)) disagreements++;
  }
  const flatbushPerSecond = pointCount / ((performance.now() - flatbushStarted) / 1000);

  // Baseline 2: the naive loop, Turf's booleanPointInPolygon over every polygon, on a sample.
  const sample = Math.min(options.naiveSample, pointCount);
  const features = polygons.map((coordinates) => ({ type: 'MultiPolygon' as const, coordinates }));
  const naiveStarted = performance.now();
  for (let k = 0; k < sample; k++) {
    const point = [longitudes[k] as number, latitudes[k] as number];
    features.findIndex((polygon) => booleanPointInPolygon(point, polygon));
  }
  const naivePerSecond = sample / ((performance.now() - naiveStarted) / 1000);

  return {
    name,
    value: Math.round(perSecond),
    unit: 'points/s',
    bar: name === 'lookup.national' ? '>= 500000' : undefined,
    ok: name === 'lookup.national' ? perSecond >= 500_000 : undefined,
    polygons: polygons.length,
    points: pointCount,
    indexBuildMs: round(buildMilliseconds, 1),
    flatbushRayCastingPerSecond: Math.round(flatbushPerSecond),
    ratioToFlatbush: round(perSecond / flatbushPerSecond, 2),
    naiveTurfPerSecond: round(naivePerSecond, 1),
    naiveSample: sample,
    ratioToNaiveTurf: Math.round(perSecond / naivePerSecond),
    disagreementsWithFlatbush: disagreements,
  };
}

/** Points where incidents would be: a random commune, then a random point in its bounding box (seeded). */
function pointsInCommunes(polygons: MultiPolygonCoordinates[], count: number) {
  const random = seededRandom(2025);
  const boxes = polygons.map(boundingBoxOf);
  const longitudes = new Float64Array(count);
  const latitudes = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const box = boxes[Math.floor(random() * boxes.length)] as number[];
    longitudes[k] = (box[0] as number) + random() * ((box[2] as number) - (box[0] as number));
    latitudes[k] = (box[1] as number) + random() * ((box[3] as number) - (box[1] as number));
  }
  return { longitudes, latitudes };
}

function flatbushRayCasting(polygons: MultiPolygonCoordinates[]): (x: number, y: number) => number {
  const index = new Flatbush(polygons.length);
  for (const polygon of polygons) {
    const box = boundingBoxOf(polygon);
    index.add(box[0], box[1], box[2], box[3]);
  }
  index.finish();
  const contains = (polygon: MultiPolygonCoordinates, x: number, y: number) => {
    let inside = false;
    for (const part of polygon) {
      for (const ring of part) {
        for (let k = 0, j = ring.length - 2; k < ring.length - 1; j = k++) {
          const a = ring[k] as number[];
          const b = ring[j] as number[];
          const ay = a[1] as number;
          const by = b[1] as number;
          if (ay > y !== by > y) {
            const ax = a[0] as number;
            if (x < (((b[0] as number) - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
          }
        }
      }
    }
    return inside;
  };
  return (x, y) => {
    for (const candidate of index.search(x, y, x, y))
      if (contains(polygons[candidate] as MultiPolygonCoordinates, x, y)) return candidate;
    return -1;
  };
}

/** The session cookie's value after signing in. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = /diaban_session=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')?.[1];
  if (!response.ok || !cookie) throw new Error(`the benchmark could not sign in: ${response.status}`);
  return cookie;
}

async function warmResponseMeasurement(name: string, url: string, session: string): Promise<Measurement> {
  const headers = { 'Accept-Encoding': 'br, gzip', Cookie: `diaban_session=${session}` };
  const first = await fetch(url, { headers });
  const body = await first.arrayBuffer();
  const plain = await fetch(url, { headers: { Cookie: headers.Cookie } });
  const features = (
    JSON.parse(new TextDecoder().decode(await plain.arrayBuffer())) as { features: unknown[] }
  ).features.length;
  const timings: number[] = [];
  for (let k = 0; k < 50; k++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)] as number;
  return {
    name,
    value: round(median, 2),
    unit: 'ms',
    bar: '< 50',
    ok: median < 50,
    p95Ms: round(timings[Math.floor(timings.length * 0.95)] as number, 2),
    features,
    encoding: first.headers.get('Content-Encoding'),
    compressedBytes: body.byteLength,
  };
}

async function firstIdleMeasurement(base: string, path: string, session: string): Promise<Measurement> {
  const name = 'map.firstIdle.province';
  if (!existsSync(join(CLIENT_BUILD_DIRECTORY, 'index.html'))) {
    return { name, value: null, unit: 'ms', skipped: 'the client is not built: npm run build' };
  }
  if (!chromiumAvailable()) return { name, value: null, unit: 'ms', skipped: 'Chromium is not installed' };
  const browser = await launchChromium();
  try {
    const timings: number[] = [];
    for (let run = 0; run < 3; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies([{ name: 'diaban_session', value: session, url: base }]);
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      await page.waitForFunction(() => document.documentElement.dataset.mapReady === 'true', undefined, {
        timeout: 30_000,
      });
      timings.push(
        await page.evaluate(() => Number(document.documentElement.dataset.mapReadyAt ?? performance.now())),
      );
      await context.close();
    }
    timings.sort((a, b) => a - b);
    const median = timings[1] as number;
    return {
      name,
      value: Math.round(median),
      unit: 'ms',
      bar: '< 2500',
      ok: median < 2500,
      runs: timings.map(Math.round),
    };
  } finally {
    await browser.close();
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
