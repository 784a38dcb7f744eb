import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importIncidentFile } from '../geodata/import/import-incidents';
import type { Database } from '../server/db/database';
import { UnitLocator } from '../server/services/unit-locator';
import { appFor, databaseWithTinyProvince, type SignedInClient, signIn } from './helpers';

/*
 * The tiny province's incidents (test/fixtures/incidents/tiny-province-incidents.csv), as accepted:
 *   2024-03-05 21:30 ma-tuy       nghiem-trong      cleared  90001  MT-2024-001
 *   2024-03-06 08:15 danh-bac     it-nghiem-trong   not      90001  DB-2024-001
 *   2024-03-09 10:00 danh-bac     it-nghiem-trong   cleared  90002  DB-2024-002 (coordinates swapped)
 *   2024-03-10 14:00 trat-tu-xa-hoi nghiem-trong    cleared  90002  TT-2024-001
 *   2024-03-11 11:00 ma-tuy       nghiem-trong      not      —      MT-2024-002 (outside every commune)
 *   2024-03-12 02:00 chay-no      rat-nghiem-trong  not      90003  CN-2024-001
 *   2023-03-07, 2023-03-08 ma-tuy nghiem-trong      cleared  90001
 * All of March 2024 falls in reporting month "2024-03" (15/02–14/03), and of 2023 in "2023-03".
 */
const incidentsFile = fileURLToPath(
  new URL('./fixtures/incidents/tiny-province-incidents.csv', import.meta.url),
);
const MARCH = 'from=2024-03-01&to=2024-03-14';
const directories: string[] = [];

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function databaseWithIncidents(): Promise<Database> {
  const database = await databaseWithTinyProvince();
  await importIncidentFile(database, new UnitLocator(database), incidentsFile);
  return database;
}

async function admin(): Promise<{ database: Database; client: SignedInClient }> {
  const database = await databaseWithIncidents();
  return { database, client: await signIn(appFor(database), database, 'admin') };
}

async function getJson<T>(client: SignedInClient, path: string): Promise<T> {
  const response = await client.request(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface UnitCounts {
  units: { code: string; count: number; previousCount: number | null }[];
  outsideUnits: number | null;
}

interface Series {
  era: string;
  unit: string | null;
  months: { month: string; from: string; to: string; count: number }[];
}

interface IncidentList {
  total: number;
  incidents: {
    id: number;
    occurredAt: string;
    categoryCode: string;
    severity: string | null;
    cleared: boolean | null;
    reference: string | null;
    unitCode: string | null;
    deaths: number;
  }[];
}

interface Points {
  count: number;
  fields: string[];
  rows: unknown[][];
}

const countsOf = (stats: UnitCounts) => stats.units.map((unit) => [unit.code, unit.count]);

describe('incident statistics', () => {
  it('counts per commune with the severity and cleared filters, zeros and the outside count included', async () => {
    const { client } = await admin();
    const serious = await getJson<UnitCounts>(
      client,
      `/api/stats/units?${MARCH}&severities=nghiem-trong&cleared=yes`,
    );
    expect(countsOf(serious)).toEqual([
      ['90001', 1],
      ['90002', 1],
      ['90003', 0],
      ['90004', 0],
    ]);
    expect(serious.outsideUnits).toBe(0);

    const open = await getJson<UnitCounts>(client, `/api/stats/units?${MARCH}&cleared=no`);
    expect(countsOf(open)).toEqual([
      ['90001', 1],
      ['90002', 0],
      ['90003', 1],
      ['90004', 0],
    ]);
    expect(open.outsideUnits).toBe(1);

    const twoKinds = await getJson<UnitCounts>(
      client,
      `/api/stats/units?${MARCH}&severities=it-nghiem-trong,rat-nghiem-trong`,
    );
    expect(countsOf(twoKinds)).toEqual([
      ['90001', 1],
      ['90002', 1],
      ['90003', 1],
      ['90004', 0],
    ]);

    const drugs = await getJson<UnitCounts>(
      client,
      `/api/stats/units?${MARCH}&categories=ma-tuy&compare=cungky`,
    );
    expect(drugs.units[0]).toMatchObject({ code: '90001', count: 1, previousCount: 2 });
    expect(drugs.outsideUnits).toBe(1);
  });

  it('counts per reporting month, ending with the month holding "to"', async () => {
    const { client } = await admin();
    const year = await getJson<Series>(client, '/api/stats/series?to=2024-03-14&months=13');
    expect(year.era).toBe('test-2021');
    expect(year.unit).toBeNull();
    expect(year.months).toHaveLength(13);
    expect(year.months[0]).toEqual({ month: '2023-03', from: '2023-02-15', to: '2023-03-14', count: 2 });
    expect(year.months[12]).toEqual({ month: '2024-03', from: '2024-02-15', to: '2024-03-14', count: 6 });
    expect(year.months.slice(1, 12).every((month) => month.count === 0)).toBe(true);

    const commune = await getJson<Series>(
      client,
      '/api/stats/series?to=2024-03-14&months=13&unit=90001&categories=ma-tuy',
    );
    expect(commune.unit).toBe('90001');
    expect([commune.months[0]?.count, commune.months[12]?.count]).toEqual([2, 1]);

    // Without "months", the window's months: 15/12/2023 to 14/03/2024 is January to March.
    const window = await getJson<Series>(client, '/api/stats/series?from=2024-01-01&to=2024-03-20');
    expect(window.months.map((month) => [month.month, month.count])).toEqual([
      ['2024-01', 0],
      ['2024-02', 0],
      ['2024-03', 6],
      ['2024-04', 0],
    ]);
    const standard = await getJson<Series>(client, '/api/stats/series?to=2024-05-14');
    expect(standard.months).toHaveLength(24);
  });

  it('counts per commune and reporting month for playback', async () => {
    const { client } = await admin();
    const playback = await getJson<{
      era: string;
      months: string[];
      units: { code: string; counts: number[] }[];
    }>(client, '/api/stats/series/units?to=2024-03-14&months=2&cleared=yes');
    expect(playback).toEqual({
      era: 'test-2021',
      months: ['2024-02', '2024-03'],
      units: [
        { code: '90001', counts: [0, 1] },
        { code: '90002', counts: [0, 2] },
        { code: '90003', counts: [0, 0] },
        { code: '90004', counts: [0, 0] },
      ],
    });
  });

  it('counts per category, every category in taxonomy order', async () => {
    const { client } = await admin();
    const all = await getJson<{ categories: { code: string; nameVi: string; count: number }[] }>(
      client,
      `/api/stats/categories?${MARCH}`,
    );
    const taxonomy = await getJson<{ categories: { code: string }[]; severities: { code: string }[] }>(
      client,
      '/api/incident-categories',
    );
    expect(all.categories.map((category) => category.code)).toEqual(
      taxonomy.categories.map((category) => category.code),
    );
    const counts = Object.fromEntries(all.categories.map((category) => [category.code, category.count]));
    expect(counts).toMatchObject({
      'ma-tuy': 2,
      'danh-bac': 2,
      'trat-tu-xa-hoi': 1,
      'chay-no': 1,
      'so-de': 0,
    });
    expect(all.categories.find((category) => category.code === 'ma-tuy')?.nameVi).toBe('Tội phạm về ma túy');

    const commune = await getJson<{ categories: { code: string; count: number }[] }>(
      client,
      `/api/stats/categories?${MARCH}&unit=90001`,
    );
    expect(commune.categories.filter((category) => category.count > 0)).toEqual([
      expect.objectContaining({ code: 'ma-tuy', count: 1 }),
      expect.objectContaining({ code: 'danh-bac', count: 1 }),
    ]);
    expect(taxonomy.severities.map((severity) => severity.code)).toEqual([
      'it-nghiem-trong',
      'nghiem-trong',
      'rat-nghiem-trong',
      'dac-biet-nghiem-trong',
    ]);
    expect(taxonomy.categories[0]).toMatchObject({ group: expect.any(String), active: true });
  });

  it('lists incidents newest first, a page at a time', async () => {
    const { client } = await admin();
    const page = await getJson<IncidentList>(client, `/api/incidents?${MARCH}&limit=2&offset=1`);
    expect(page.total).toBe(6);
    expect(page.incidents.map((incident) => [incident.reference, incident.unitCode])).toEqual([
      ['MT-2024-002', null],
      ['TT-2024-001', '90002'],
    ]);
    expect(page.incidents[1]).toMatchObject({
      occurredAt: '2024-03-10T14:00:00',
      categoryCode: 'trat-tu-xa-hoi',
      severity: 'nghiem-trong',
      cleared: true,
      deaths: 0,
    });

    const everything = await getJson<IncidentList>(client, '/api/incidents');
    expect(everything.total).toBe(8);
    expect(everything.incidents.at(-1)?.occurredAt).toBe('2023-03-07T19:00:00');
    const commune = await getJson<IncidentList>(client, '/api/incidents?unit=90001&severities=nghiem-trong');
    expect(commune.incidents.map((incident) => incident.occurredAt.slice(0, 10))).toEqual([
      '2024-03-05',
      '2023-03-08',
      '2023-03-07',
    ]);
  });

  it('gives the window’s points as compact rows', async () => {
    const { client } = await admin();
    const points = await getJson<Points>(client, `/api/incidents/points?${MARCH}&categories=ma-tuy`);
    expect(points.count).toBe(2);
    expect(points.fields).toEqual([
      'id',
      'longitude',
      'latitude',
      'category',
      'severity',
      'cleared',
      'occurredAt',
    ]);
    expect(points.rows[0]).toEqual([
      expect.any(Number),
      105.521,
      10.015,
      'ma-tuy',
      'nghiem-trong',
      true,
      '2024-03-05T21:30:00',
    ]);
    expect(points.rows[1]?.slice(1, 3)).toEqual([105.9, 10.5]);
  });

  it('shows an account limited to a commune only what lies in it', async () => {
    const database = await databaseWithIncidents();
    const app = appFor(database);
    const planner = await signIn(app, database, 'planner', { kind: 'communes', communes: ['90002'] });
    const stats = await getJson<UnitCounts>(planner, `/api/stats/units?${MARCH}`);
    expect(countsOf(stats)).toEqual([['90002', 2]]);
    expect(stats.outsideUnits).toBeNull();
    const series = await getJson<Series>(planner, '/api/stats/series?to=2024-03-14&months=1');
    expect(series.months[0]?.count).toBe(2);
    const playback = await getJson<{ units: { code: string }[] }>(
      planner,
      '/api/stats/series/units?to=2024-03-14&months=1',
    );
    expect(playback.units.map((unit) => unit.code)).toEqual(['90002']);
    const categories = await getJson<{ categories: { count: number }[] }>(
      planner,
      `/api/stats/categories?${MARCH}`,
    );
    expect(categories.categories.reduce((sum, category) => sum + category.count, 0)).toBe(2);
    const list = await getJson<IncidentList>(planner, '/api/incidents');
    expect(list.incidents.map((incident) => incident.unitCode)).toEqual(['90002', '90002']);
    const points = await getJson<Points>(planner, `/api/incidents/points?${MARCH}`);
    expect(points.count).toBe(2);

    for (const path of [
      `/api/stats/series?to=2024-03-14&unit=90001`,
      `/api/stats/categories?${MARCH}&unit=90001`,
      `/api/incidents?unit=90001`,
      `/api/incidents/points?${MARCH}&unit=90001`,
    ]) {
      expect((await planner.request(path)).status, path).toBe(403);
    }
  });

  it('refuses bad filters with a 400 in both languages', async () => {
    const { client } = await admin();
    for (const path of [
      `/api/stats/units?${MARCH}&severities=nghiem-trong,rat-nang`,
      `/api/stats/units?${MARCH}&cleared=maybe`,
      `/api/stats/units?${MARCH}&categories=khong-co`,
      '/api/stats/units?from=2024-03-14&to=2024-03-01',
      '/api/stats/series?to=2024-03-14&months=0',
      '/api/stats/series?to=2024-03-14&months=121',
      '/api/stats/series?to=2024-03-14&months=1.5',
      '/api/stats/series?from=2010-01-01&to=2024-03-14',
      '/api/stats/series?months=12',
      '/api/stats/series?to=2024-03-14&unit=99999',
      '/api/stats/series/units?to=2024-02-30',
      `/api/stats/categories?${MARCH}&unit=99999`,
      '/api/stats/categories?to=2024-03-14',
      '/api/incidents?limit=0',
      '/api/incidents?limit=1001',
      '/api/incidents?offset=-1',
      '/api/incidents?from=2024-13-01',
      '/api/incidents/points?from=2024-03-01',
    ]) {
      const response = await client.request(path);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { message: { vi: string; en: string } } };
      expect(body.error.message.vi.length, path).toBeGreaterThan(5);
      expect(body.error.message.en.length, path).toBeGreaterThan(5);
    }
  });

  it('sees incidents imported after the first request', async () => {
    const { database, client } = await admin();
    const before = await getJson<UnitCounts>(client, `/api/stats/units?${MARCH}`);
    expect(countsOf(before).at(-1)).toEqual(['90004', 0]);

    const directory = mkdtempSync(join(tmpdir(), 'diaban-incident-statistics-'));
    directories.push(directory);
    const file = join(directory, 'more.csv');
    writeFileSync(
      file,
      'Ngày xảy ra;Giờ;Kinh độ;Vĩ độ;Loại vụ việc;Mức độ;Đã khám phá;Số hiệu\n' +
        '13/03/2024;09:00;105.5700;10.0700;Đánh bạc;Ít nghiêm trọng;Có;DB-2024-009\n',
    );
    await importIncidentFile(database, new UnitLocator(database), file);

    const after = await getJson<UnitCounts>(client, `/api/stats/units?${MARCH}`);
    expect(countsOf(after).at(-1)).toEqual(['90004', 1]);
    const list = await getJson<IncidentList>(client, `/api/incidents?${MARCH}&limit=1`);
    expect(list).toMatchObject({ total: 7, incidents: [{ reference: 'DB-2024-009', unitCode: '90004' }] });
  });
});
