import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { importIncidentFile } from '../geodata/import/import-incidents';
import { type Database, openDatabase } from '../server/db/database';
import { findEraByLabel } from '../server/db/queries/eras';
import { unitGeometries } from '../server/db/queries/units';
import { labelPoint } from '../server/domain/geometry/measure-polygon';
import type { MultiPolygonCoordinates } from '../server/domain/geometry/types';
import type { CommuneHotSpotResult } from '../server/domain/hot-spots/commune-hot-spot-answer';
import { seededRandom } from '../server/domain/random/seeded-random';
import { CommuneGeometryCache } from '../server/services/commune-geometry';
import { UnitLocator } from '../server/services/unit-locator';
import { appFor, databaseWithTinyProvince, sharedPath, signIn } from './helpers';

type HotSpotAnswer = CommuneHotSpotResult;

/** Ray casting: whether a closed ring of [longitude, latitude] holds the point. */
function ringContains(ring: number[][], [x, y]: number[]): boolean {
  let inside = false;
  for (let current = 0, previous = ring.length - 1; current < ring.length; previous = current++) {
    const [x1, y1] = ring[current] as number[];
    const [x2, y2] = ring[previous] as number[];
    if (
      (y1 as number) > (y as number) !== (y2 as number) > (y as number) &&
      (x as number) <
        (((x2 as number) - (x1 as number)) * ((y as number) - (y1 as number))) /
          ((y2 as number) - (y1 as number)) +
          (x1 as number)
    ) {
      inside = !inside;
    }
  }
  return inside;
}

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function csvFile(lines: string[]): string {
  const directory = mkdtempSync(join(tmpdir(), 'diaban-hotspots-'));
  directories.push(directory);
  const path = join(directory, 'incidents.csv');
  writeFileSync(path, `${['Ngày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc;Số hiệu', ...lines].join('\n')}\n`);
  return path;
}

const kienGiang = sharedPath('geodata/kien_giang_communes_2021.geojson');

/**
 * Kiên Giang's 144 communes with incidents planted: many in one inland commune and its neighbours in
 * 2024, one or none elsewhere, and a few in the same window of 2023.
 */
async function kienGiangWithCluster(): Promise<{
  database: Database;
  centre: string;
  centreLabel: number[];
  neighbours: string[];
}> {
  const database = openDatabase();
  await importBoundaryFile(database, kienGiang, {
    era: 'kien-giang',
    validFrom: '2021-07-01',
    level: 'commune',
  });
  const era = findEraByLabel(database, 'kien-giang');
  if (!era) throw new Error('era missing');
  const geometry = new CommuneGeometryCache(database).forEra(era);
  const communes = database.$client
    .prepare("SELECT id, code FROM units WHERE era_id = ? AND level = 'commune' ORDER BY code")
    .all(era.id) as { id: number; code: string }[];
  const labels = new Map(
    unitGeometries(database, era.id, 'commune').map((row) => [
      row.id,
      labelPoint((JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates),
    ]),
  );
  // The commune with the most neighbours: inland, away from the islands.
  let centre = 0;
  for (let index = 0; index < communes.length; index++) {
    const count = (geometry.queen.offsets[index + 1] as number) - (geometry.queen.offsets[index] as number);
    const best = (geometry.queen.offsets[centre + 1] as number) - (geometry.queen.offsets[centre] as number);
    if (count > best) centre = index;
  }
  const neighbours = Array.from(
    geometry.queen.neighbours.subarray(
      geometry.queen.offsets[centre] as number,
      geometry.queen.offsets[centre + 1] as number,
    ),
  );
  const random = seededRandom(5);
  const lines: string[] = [];
  let reference = 0;
  communes.forEach((commune, index) => {
    const [longitude, latitude] = labels.get(commune.id) as number[];
    const planted = index === centre ? 40 : neighbours.includes(index) ? 25 : Math.floor(random() * 2);
    for (let count = 0; count < planted; count++) {
      lines.push(`0${1 + (count % 9)}/03/2024;${longitude};${latitude};Đánh bạc;HS-${reference++}`);
    }
    if (index % 10 === 0) lines.push(`05/03/2023;${longitude};${latitude};Đánh bạc;HS-${reference++}`);
  });
  const report = await importIncidentFile(database, new UnitLocator(database), csvFile(lines));
  expect(report.rejected).toBe(0);
  return {
    database,
    centre: communes[centre]?.code as string,
    centreLabel: labels.get(communes[centre]?.id as number) as number[],
    neighbours: neighbours.map((index) => communes[index]?.code as string),
  };
}

describe.skipIf(!existsSync(kienGiang))('hot spots over real communes (Kiên Giang)', () => {
  it('finds the planted cluster with G_i*, counts classes after FDR and cites how it computed them', async () => {
    const { database, centre, centreLabel, neighbours } = await kienGiangWithCluster();
    const client = await signIn(appFor(database), database, 'planner');
    const response = await client.request(
      '/api/hotspots/units?era=kien-giang&from=2024-03-01&to=2024-03-14&seed=7',
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as HotSpotAnswer;
    expect(answer.units).toHaveLength(144);
    const byCode = new Map(answer.units.map((unit) => [unit.code, unit]));
    expect(byCode.get(centre)).toMatchObject({ count: 40, bin: 3 });
    expect(byCode.get(centre)?.lastIncident).toBe('2024-03-09');
    for (const code of neighbours) expect(byCode.get(code)?.bin).toBeGreaterThanOrEqual(2);
    expect(Object.values(answer.classes).reduce((sum, count) => sum + count, 0)).toBe(144);
    expect(answer.classes['3']).toBe(answer.units.filter((unit) => unit.bin === 3).length);
    expect(answer.computation).toMatchObject({
      method: 'gistar',
      weights: 'queen',
      transform: 'binary',
      permutations: 999,
      seed: 7,
      correction: 'fdr',
      measure: 'count',
    });
    expect(answer.global.statistic).toBeGreaterThan(0);

    // Without a correction z and p stay the same and no commune loses its class.
    const uncorrected = (await (
      await client.request(
        '/api/hotspots/units?era=kien-giang&from=2024-03-01&to=2024-03-14&seed=7&correction=none',
      )
    ).json()) as HotSpotAnswer;
    uncorrected.units.forEach((unit, index) => {
      const corrected = answer.units[index] as HotSpotAnswer['units'][number];
      expect(unit.z).toBe(corrected.z);
      expect(Math.abs(unit.bin as number)).toBeGreaterThanOrEqual(Math.abs(corrected.bin as number));
    });

    // LISA marks the cluster high–high, and the same window a year earlier is each commune's trend.
    const lisa = (await (
      await client.request(
        '/api/hotspots/units?era=kien-giang&from=2024-03-01&to=2024-03-14&method=lisa&weights=knn:6',
      )
    ).json()) as HotSpotAnswer;
    const lisaCentre = lisa.units.find((unit) => unit.code === centre);
    expect(lisaCentre?.cluster).toBe('HH');
    expect(lisa.computation).toMatchObject({
      weights: 'knn:6',
      transform: 'row',
      distances: 'EPSG:32648 WGS 84 / UTM 48N',
    });
    const withPrevious = lisa.units.filter((unit) => unit.previousCount > 0);
    expect(withPrevious.length).toBeGreaterThan(10);
    for (const unit of withPrevious) expect(unit.change).toBe(unit.count - unit.previousCount);

    // The kernel density peaks over the planted cluster: its highest contour holds the centre commune's
    // incidents, in incidents per km².
    const density = (await (
      await client.request(
        '/api/hotspots/density?era=kien-giang&from=2024-03-01&to=2024-03-14&bandwidth=3000',
      )
    ).json()) as {
      computation: {
        kernel: string;
        bandwidthMetres: number;
        cellSizeMetres: number;
        incidents: number;
        levels: number[];
      };
      features: { properties: { level: number }; geometry: { type: string; coordinates: number[][][][] } }[];
    };
    expect(density.computation).toMatchObject({
      kernel: 'quartic',
      bandwidthMetres: 3000,
      cellSizeMetres: 600,
    });
    expect(density.features.map((feature) => feature.properties.level)).toEqual(density.computation.levels);
    const top = density.features.at(-1);
    expect(top?.geometry.type).toBe('MultiPolygon');
    const inside = top?.geometry.coordinates.some((polygon) => ringContains(polygon[0] ?? [], centreLabel));
    expect(inside).toBe(true);

    // Optimized hot spots of the points: hexagons sized from the data, the cluster's cells hot under FDR.
    const grid = (await (
      await client.request('/api/hotspots/grid?era=kien-giang&from=2024-03-01&to=2024-03-14')
    ).json()) as {
      computation: {
        method: string;
        shape: string;
        cellSize: number;
        distanceBand: number;
        bandChosenBy: string;
        correction: string;
        cells: number;
        incidents: number;
      };
      classes: Record<string, number>;
      features: {
        properties: { count: number; z: number; bin: number };
        geometry: { type: string; coordinates: number[][][] };
      }[];
    };
    expect(grid.computation).toMatchObject({ method: 'optimized', shape: 'hexagon', correction: 'fdr' });
    expect(grid.computation.incidents).toBe(answer.units.reduce((sum, unit) => sum + unit.count, 0));
    expect(Object.values(grid.classes).reduce((sum, count) => sum + count, 0)).toBe(grid.computation.cells);
    const hotCell = grid.features.find((feature) =>
      ringContains(feature.geometry.coordinates[0] ?? [], centreLabel),
    );
    expect(hotCell?.properties.count).toBeGreaterThanOrEqual(40);
    expect(hotCell?.properties.bin).toBe(3);

    // Emerging hot spots over the 12 reporting months to 14/03/2024: the cluster appeared in the last one.
    const emerging = (await (
      await client.request('/api/hotspots/emerging?era=kien-giang&to=2024-03-14&months=12')
    ).json()) as {
      months: string[];
      computation: { method: string; steps: number; correction: string; weights: string };
      units: { code: string; category: string; counts: number[]; z: number[]; bins: number[] }[];
      classes: Record<string, number>;
    };
    expect(emerging.months).toHaveLength(12);
    expect(emerging.months.at(-1)).toBe('2024-03');
    expect(emerging.computation).toMatchObject({
      method: 'emerging',
      steps: 12,
      correction: 'fdr',
      weights: 'queen',
    });
    const emergingCentre = emerging.units.find((unit) => unit.code === centre);
    expect(emergingCentre?.counts.at(-1)).toBe(40);
    expect(emergingCentre?.category).toBe('new-hot-spot');
    expect(emergingCentre?.bins.at(-1)).toBe(3);
    expect(Object.values(emerging.classes).reduce((sum, count) => sum + count, 0)).toBe(144);

    // An account limited to some communes analyses those alone, its edge communes losing outside neighbours.
    const area = [centre, ...neighbours].sort();
    const limited = await signIn(appFor(database), database, 'analyst', { kind: 'communes', communes: area });
    const inArea = (await (
      await limited.request('/api/hotspots/units?era=kien-giang&from=2024-03-01&to=2024-03-14')
    ).json()) as HotSpotAnswer;
    expect(inArea.units.map((unit) => unit.code)).toEqual(area);
  });
});

describe('hot-spot API over the tiny province', () => {
  const tinyIncidents = fileURLToPath(
    new URL('./fixtures/incidents/tiny-province-incidents.csv', import.meta.url),
  );

  async function tinyProvince() {
    const database = await databaseWithTinyProvince();
    await importIncidentFile(database, new UnitLocator(database), tinyIncidents);
    return database;
  }

  it('answers a window without incidents with nothing significant rather than an error', async () => {
    const database = await tinyProvince();
    const client = await signIn(appFor(database), database, 'commander');
    const response = await client.request('/api/hotspots/units?from=2022-01-01&to=2022-12-31&method=lisa');
    expect(response.status).toBe(200);
    const answer = (await response.json()) as HotSpotAnswer;
    expect(answer.units.map((unit) => [unit.count, unit.cluster, unit.p])).toEqual([
      [0, 'ns', 1],
      [0, 'ns', 1],
      [0, 'ns', 1],
      [0, 'ns', 1],
    ]);
    expect(answer.global.statistic).toBeNull();
    expect(answer.classes).toEqual({ ns: 4 });
  });

  it('refuses bad requests and too small an area in both languages', async () => {
    const database = await tinyProvince();
    const analyst = await signIn(appFor(database), database, 'analyst');
    const expectRefusal = async (query: string, english: string) => {
      const response = await analyst.request(`/api/hotspots/units?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { message: { vi: string; en: string } } };
      expect(body.error.message.en).toContain(english);
      expect(body.error.message.vi.length).toBeGreaterThan(10);
    };
    await expectRefusal('from=2024-03-01&to=2024-03-14&weights=hexagon', 'Invalid parameter "weights"');
    await expectRefusal('from=2024-03-01&to=2024-03-14&measure=per1000', 'Commune 90004 has no population');
    await expectRefusal('from=2024-03-01&to=2024-03-14&province=99', 'Era "test-2021" has no province "99"');
    await expectRefusal('from=2024-03-01&to=2024-03-14&method=kriging', 'Invalid parameter "method"');
    await expectRefusal('to=2024-03-14', 'Invalid parameter "from"');
    const tooFew = await signIn(appFor(database), database, 'analyst', {
      kind: 'communes',
      communes: ['90001', '90002', '90003'],
    });
    const refused = await tooFew.request('/api/hotspots/units?from=2024-03-01&to=2024-03-14');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('At least 4 communes are needed');
  });
});
