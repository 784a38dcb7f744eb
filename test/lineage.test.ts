import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { type Database, openDatabase } from '../server/db/database';
import { lineageBetween, predecessorsOf, successorsOf } from '../server/db/queries/unit-lineage';
import { BilingualError } from '../server/domain/bilingual';
import { carryByShares } from '../server/domain/lineage/carry-by-shares';
import { seededRandom } from '../server/domain/random/seeded-random';
import {
  deriveLineage,
  importLineageFile,
  importLineageText,
  type LineageReport,
  lineageReport,
  resolveEraPair,
} from '../server/services/lineage-derivation';
import { appFor, diaban, fixturePath, signIn } from './helpers';

const directory = mkdtempSync(join(tmpdir(), 'diaban-lineage-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A longitude/latitude rectangle as a GeoJSON feature with the properties the real 2025 files have. */
function boxFeature(code: string, name: string, [west, south, east, north]: number[]) {
  return {
    type: 'Feature',
    properties: { code, name, type: 'Xã', province: 'Tỉnh Thử Nghiệm' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    },
  };
}

/**
 * The tiny province (four 0.05° squares, 90001–90004) as the old era, and two new communes cut at
 * longitude 105.56 as the new era: 90001 and 90003 go whole to the west one, 90002 and 90004 are split
 * one fifth west, four fifths east.
 */
function newEraFile(): string {
  const path = join(directory, 'tiny-2025.geojson');
  writeFileSync(
    path,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        boxFeature('95001', 'Xã Tây Hòa', [105.5, 10.0, 105.56, 10.1]),
        boxFeature('95002', 'Xã Đông Hòa', [105.56, 10.0, 105.6, 10.1]),
      ],
    }),
  );
  return path;
}

/** The official mapping: right for three units, and 90004 sent to the west one (the geometry says east). */
const OFFICIAL_CSV = [
  'old_commune_code,old_commune,new_commune_code,new_commune',
  '90001,Thị trấn Vĩnh Thạnh,95001,Xã Tây Hòa',
  '90002,Xã Vĩnh Thanh,95001,Xã Tây Hòa',
  '90002,Xã Vĩnh Thanh,95002,Xã Đông Hòa',
  '90003,Phường Đông Hòa,95001,Xã Tây Hòa',
  '90004,Phường Tân Lập,95001,Xã Tây Hòa',
  '90009,Xã Không Có,95001,Xã Tây Hòa',
  '90001,Thị trấn Vĩnh Thạnh,95999,Xã Không Có',
].join('\n');

async function tinyEras(): Promise<Database> {
  const database = openDatabase();
  await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    strict: true,
  });
  await importBoundaryFile(database, newEraFile(), {
    era: 'test-2025',
    validFrom: '2025-07-01',
    level: 'commune',
    strict: true,
  });
  return database;
}

describe('lineage between two eras (tiny province)', () => {
  it('imports the official mapping, reporting unknown codes, and derives shares from the geometry', async () => {
    const database = await tinyEras();
    const imported = importLineageText(database, 'official.csv', OFFICIAL_CSV);
    expect(imported).toMatchObject({
      format: 'csv',
      oldEra: 'test-2021',
      newEra: 'test-2025',
      pairsRead: 7,
      stored: 5,
      oldUnits: 4,
      splitUnits: 1,
      unknownOldCodes: ['90009'],
      unknownNewCodes: ['95999'],
      notInFile: [],
    });
    const derivation = deriveLineage(database);
    expect(derivation).toMatchObject({ oldUnits: 4, newUnits: 2, links: 6, splitUnits: 2, unmatched: [] });
    const { oldEra, newEra } = resolveEraPair(database);
    const geometry = lineageBetween(database, oldEra.id, newEra.id);
    // Official rows win for every old unit they name.
    expect(new Set(geometry.map((link) => link.source))).toEqual(new Set(['official']));
    const split = successorsOf(database, oldEra.id, '90002');
    expect(split.map((link) => [link.newUnitCode, link.partial, link.populationShare])).toEqual([
      ['95001', true, null],
      ['95002', true, null],
    ]);
    // The official split takes its area shares from the geometry.
    expect(split[0]?.areaShare).toBeCloseTo(0.2, 6);
    expect(split[1]?.areaShare).toBeCloseTo(0.8, 6);
    expect(predecessorsOf(database, newEra.id, '95002').map((link) => link.oldUnitCode)).toEqual(['90002']);

    const report = derivation.report;
    expect(report).toMatchObject({ compared: 4, agreeing: 3, agreementPercent: 75 });
    expect(report.disagreements).toHaveLength(1);
    expect(report.disagreements[0]).toMatchObject({
      oldUnit: { code: '90004', name: 'Phường Tân Lập' },
      official: [{ code: '95001', name: 'Xã Tây Hòa' }],
      derived: [
        { code: '95002', name: 'Xã Đông Hòa', areaShare: 0.8 },
        { code: '95001', name: 'Xã Tây Hòa', areaShare: 0.2 },
      ],
      shareInOfficial: 0.2,
    });
    expect(report.splits).toEqual([
      {
        oldUnit: { code: '90002', name: 'Xã Vĩnh Thanh' },
        successors: [
          { code: '95001', name: 'Xã Tây Hòa', areaShare: 0.2 },
          { code: '95002', name: 'Xã Đông Hòa', areaShare: 0.8 },
        ],
        shareElsewhere: 0,
      },
    ]);
  });

  it('replaces a source in one go, and keeps the old rows when a file fails', async () => {
    const database = await tinyEras();
    importLineageText(database, 'official.csv', OFFICIAL_CSV);
    const { oldEra, newEra } = resolveEraPair(database);
    const before = lineageBetween(database, oldEra.id, newEra.id);
    importLineageText(database, 'again.csv', OFFICIAL_CSV);
    expect(lineageBetween(database, oldEra.id, newEra.id)).toEqual(before);
    // Imported after a derivation, a split unit takes its area shares from the stored geometry at once.
    deriveLineage(database);
    importLineageText(database, 'after-derive.csv', OFFICIAL_CSV);
    const shares = successorsOf(database, oldEra.id, '90002').map((link) => link.areaShare ?? Number.NaN);
    expect(shares[0]).toBeCloseTo(0.2, 6);
    expect(shares[1]).toBeCloseTo(0.8, 6);
    expect(() =>
      importLineageText(database, 'elsewhere.csv', 'old_commune_code,new_commune_code\n00001,00004\n'),
    ).toThrow(BilingualError);
    expect(() => importLineageText(database, 'notes.txt', 'nothing to see here')).toThrow(
      /neither a CSV with old and new commune codes nor a dvhcvn mapping JSON/,
    );
    expect(lineageReport(database, { oldEra, newEra }).official.file).toBe('after-derive.csv');
  });

  it('answers a unit’s predecessors and successors, and the agreement report, within the account’s area', async () => {
    const database = await tinyEras();
    importLineageText(database, 'official.csv', OFFICIAL_CSV);
    deriveLineage(database);
    const app = appFor(database, '2026-01-15T03:00:00Z');
    const admin = await signIn(app, database, 'viewer');
    const newUnit = await admin.request('/api/units/95002/lineage');
    expect(newUnit.status).toBe(200);
    expect(await newUnit.json()).toEqual({
      unit: { era: 'test-2025', code: '95002', name: 'Xã Đông Hòa' },
      predecessors: [
        {
          era: 'test-2021',
          code: '90002',
          name: 'Xã Vĩnh Thanh',
          areaShare: expect.closeTo(0.8, 6),
          populationShare: null,
          partial: true,
          source: 'official',
        },
      ],
      successors: [],
    });
    const oldUnit = (await (await admin.request('/api/units/90001/lineage?era=test-2021')).json()) as {
      successors: { code: string; areaShare: number; populationShare: number; source: string }[];
    };
    expect(oldUnit.successors).toEqual([
      {
        era: 'test-2025',
        code: '95001',
        name: 'Xã Tây Hòa',
        areaShare: 1,
        populationShare: 1,
        partial: false,
        source: 'official',
      },
    ]);
    expect((await admin.request('/api/units/99999/lineage')).status).toBe(404);
    expect((await admin.request('/api/units/90001/lineage?era=nowhere')).status).toBe(404);
    const report = (await (await admin.request('/api/lineage/report')).json()) as LineageReport;
    expect(report).toMatchObject({ oldEra: 'test-2021', newEra: 'test-2025', agreementPercent: 75 });
    expect((await admin.request('/api/lineage/report?from=nowhere')).status).toBe(404);

    const oneCommune = await signIn(app, database, 'viewer', { kind: 'communes', communes: ['90001'] });
    expect((await oneCommune.request('/api/units/90002/lineage?era=test-2021')).status).toBe(403);
    const scoped = (await (await oneCommune.request('/api/lineage/report')).json()) as LineageReport;
    expect(scoped).toMatchObject({ compared: 1, agreeing: 1, disagreements: [] });
  });

  it('runs from the command line: import lineage FILE and lineage derive', async () => {
    const databasePath = join(directory, 'cli.db');
    const mappingPath = join(directory, 'official.csv');
    writeFileSync(mappingPath, OFFICIAL_CSV);
    const database = openDatabase(databasePath);
    await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
      era: 'old',
      validFrom: '2021-07-01',
      level: 'commune',
    });
    await importBoundaryFile(database, newEraFile(), {
      era: 'new',
      validFrom: '2025-07-01',
      level: 'commune',
    });
    database.$client.close();
    // Without --from-era and --to-era: the era valid on 30/06/2025 ("old") and the newest valid on 01/07/2025.
    const imported = diaban(['import', 'lineage', mappingPath, '--db', databasePath]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/stored 5 links for 4 communes "old" → "new"/);
    expect(imported.stdout).toMatch(/Old codes not in the era \(1\): 90009/);
    expect(imported.stdout).toMatch(/New codes not in the era \(1\): 95999/);
    const derived = diaban([
      'lineage',
      'derive',
      '--from-era',
      'old',
      '--to-era',
      'new',
      '--db',
      databasePath,
    ]);
    expect(derived.status).toBe(0);
    expect(derived.stdout).toMatch(/Agreement with the official mapping: 3 of 4 communes \(75 %\)/);
    expect(derived.stdout).toMatch(/Phường Tân Lập \(90004\): chính thức \/ official Xã Tây Hòa \(95001\)/);
    const refused = diaban(['import', 'lineage', fixturePath('tiny-province.geojson'), '--db', databasePath]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Lỗi: Tệp JSON không phải bảng ánh xạ/);
    expect(refused.stderr).toMatch(/Error: The JSON file is not an old → new unit mapping/);
  }, 180_000);
});

/*
 * Real boundaries and the official mapping from the shared data folder (never copied into the repository):
 * run with DIABAN_GEODATA=../shared/geodata. Without it the suite is skipped and its title says why.
 */
const geodata = process.env.DIABAN_GEODATA;
const available = Boolean(
  geodata && existsSync(join(geodata, 'mapping/old_to_new_2025_kiengiang_cantho.csv')),
);
const title = available
  ? 'lineage 2021 → 2025 of Kiên Giang and Cần Thơ'
  : 'lineage 2021 → 2025 of Kiên Giang and Cần Thơ — skipped: set DIABAN_GEODATA to the shared geodata folder (e.g. ../shared/geodata)';

describe.skipIf(!available)(title, () => {
  const shared = (relative: string) => join(geodata as string, relative);
  let database: Database;
  let derivation: ReturnType<typeof deriveLineage>;

  beforeAll(async () => {
    database = openDatabase();
    const old = { era: '2021', validFrom: '2021-07-01', validTo: '2025-06-30', level: 'commune' as const };
    await importBoundaryFile(database, shared('kien_giang_communes_2021.geojson'), { ...old, strict: true });
    await importBoundaryFile(database, shared('can_tho_communes_2021.geojson'), { ...old, append: true });
    const current = { era: '2025', validFrom: '2025-07-01', level: 'commune' as const };
    await importBoundaryFile(database, shared('layers_2025/an_giang_2025_communes.geojson'), current);
    await importBoundaryFile(database, shared('layers_2025/can_tho_2025_communes.geojson'), {
      ...current,
      append: true,
    });
    const imported = importLineageFile(database, shared('mapping/old_to_new_2025_kiengiang_cantho.csv'));
    // Every code of the file is in the eras: 223 old units (the GSO list of 01/03/2025) and their successors.
    expect(imported).toMatchObject({ stored: 227, oldUnits: 223, unknownOldCodes: [], unknownNewCodes: [] });
    // Units the 2021 geometry still has but the 2025 list no longer does (merged or dropped before July 2025).
    expect(imported.notInFile).toEqual(['30730', '31126', '31129', '31141']);
    derivation = deriveLineage(database);
  });

  it('agrees with the official mapping for at least 95 % of the communes it names, every disagreement listed', () => {
    const report = derivation.report;
    console.info(
      `Lineage 2021 → 2025: agreement ${report.agreementPercent} % (${report.agreeing}/${report.compared}), ` +
        `overlay ${derivation.milliseconds} ms, ${derivation.links} links, ${derivation.sliversDropped} slivers dropped`,
    );
    expect(report.compared).toBe(223);
    expect(report.agreeing / report.compared).toBeGreaterThanOrEqual(0.95);
    expect(report.disagreements).toHaveLength(report.compared - report.agreeing);
    for (const disagreement of report.disagreements) {
      expect(disagreement.official.length).toBeGreaterThan(0);
      expect(disagreement.oldUnit.name).not.toBeNull();
    }
    // The four Cần Thơ wards and communes the mapping splits, each with the geometry's shares.
    expect(report.splits.map((split) => split.oldUnit.code)).toEqual(['31178', '31183', '31207', '31240']);
    // The geometry still links the units the mapping leaves out, e.g. Vĩnh Thanh Vân into Phường Rạch Giá.
    expect(report.derivedOnly.map((entry) => entry.oldUnit.code)).toEqual([
      '30730',
      '31126',
      '31129',
      '31141',
    ]);
    expect(report.derivedOnly[0]?.successors[0]).toMatchObject({ code: '30742', name: 'Phường Rạch Giá' });
    expect(derivation.unmatched).toEqual([]);
    expect(lineageReport(database, resolveEraPair(database))).toEqual(report);
  });

  it('answers predecessors and successors with shares over the API', async () => {
    const app = appFor(database, '2026-01-15T03:00:00Z');
    const client = await signIn(app, database, 'planner');
    // Phường Rạch Giá (2025) comes from nine Rạch Giá wards whole, Vĩnh Thanh Vân (30730) by geometry.
    const rachGia = (await (await client.request('/api/units/30742/lineage')).json()) as {
      unit: { era: string; name: string };
      predecessors: { era: string; code: string; areaShare: number; source: string; partial: boolean }[];
    };
    expect(rachGia.unit).toMatchObject({ era: '2025', name: 'Phường Rạch Giá' });
    const official = rachGia.predecessors.filter((link) => link.source === 'official');
    expect(official).toHaveLength(9);
    for (const link of official) expect(link).toMatchObject({ era: '2021', areaShare: 1, partial: false });
    expect(rachGia.predecessors.some((link) => link.code === '30730' && link.source === 'geometry')).toBe(
      true,
    );
    // Phường Bùi Hữu Nghĩa (2021) was split between Cái Khế and Bình Thủy; its shares add up to 1.
    const buiHuuNghia = (await (await client.request('/api/units/31178/lineage?era=2021')).json()) as {
      successors: { code: string; areaShare: number; partial: boolean }[];
    };
    expect(buiHuuNghia.successors.map((link) => link.code)).toEqual(['31120', '31168']);
    const total = buiHuuNghia.successors.reduce((sum, link) => sum + link.areaShare, 0);
    expect(total).toBeCloseTo(1, 9);
    for (const link of buiHuuNghia.successors) expect(link.partial).toBe(true);
    const report = (await (await client.request('/api/lineage/report')).json()) as LineageReport;
    expect(report.agreementPercent).toBe(derivation.report.agreementPercent);
  });

  it('carries a year of incident counts from the old communes to the new ones with the total kept exactly', () => {
    const { oldEra, newEra } = resolveEraPair(database);
    const links = lineageBetween(database, oldEra.id, newEra.id);
    const random = seededRandom(2024);
    const counts = new Map<string, number>();
    const oldCodes = [...new Set(links.map((link) => link.oldUnitCode))];
    for (const code of oldCodes) counts.set(code, Math.floor(random() * 60));
    const carried = carryByShares(counts, links, { integers: true });
    const total = (values: Iterable<number>) => [...values].reduce((sum, value) => sum + value, 0);
    expect(total([...carried.values()].map((entry) => entry.value))).toBe(total(counts.values()));
    // Every old unit has a link (official or derived), so nothing is left behind.
    expect(oldCodes).toHaveLength(227);
    // Values of split units are estimates; a new unit made only of whole old units is exact.
    expect(carried.get('31120')?.estimated).toBe(true);
    for (const [code, entry] of carried) {
      const split = links.some((link) => link.newUnitCode === code && link.partial);
      expect([code, entry.estimated]).toEqual([code, split]);
    }
    expect([...carried.values()].filter((entry) => !entry.estimated).length).toBeGreaterThan(60);
  });
});
