import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { importIncidentFile } from '../geodata/import/import-incidents';
import type { Database } from '../server/db/database';
import { UnitLocator } from '../server/services/unit-locator';
import { appFor, databaseWithTinyProvince, fixturePath, signIn } from './helpers';

const incidentsFile = fileURLToPath(
  new URL('./fixtures/incidents/tiny-province-incidents.csv', import.meta.url),
);
const directories: string[] = [];

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function databaseWithIncidents(): Promise<Database> {
  const database = await databaseWithTinyProvince();
  await importIncidentFile(database, new UnitLocator(database), incidentsFile);
  return database;
}

interface UnitStatistics {
  code: string;
  count: number;
  perKm2: number | null;
  per1000: number | null;
  previousCount: number | null;
  change: number | null;
  changePercent: number | null;
}

describe('importing incidents', () => {
  it('accepts or rejects every row with a reason, and places the accepted ones in their communes', async () => {
    const database = await databaseWithTinyProvince();
    const directory = mkdtempSync(join(tmpdir(), 'diaban-incidents-'));
    directories.push(directory);
    const rejectedCsv = join(directory, 'rejected.csv');
    const report = await importIncidentFile(database, new UnitLocator(database), incidentsFile, {
      rejectedCsvPath: rejectedCsv,
    });
    expect(report).toMatchObject({
      format: 'csv',
      read: 11,
      accepted: 8,
      rejected: 3,
      inserted: 8,
      duplicates: 0,
      outsideUnits: 1,
    });
    expect(report.rejectedRows.map((rejection) => rejection.row)).toEqual([10, 11, 12]);
    for (const rejection of report.rejectedRows) {
      expect(rejection.reason.length).toBeGreaterThan(10);
      expect(rejection.reasonVi.length).toBeGreaterThan(10);
    }
    expect(report.rejectedRows[0]?.reason).toMatch(/31\/02\/2024/);
    expect(report.rejectedRows[1]?.reason).toMatch(/Tranh chấp dân sự/);

    // Rejected rows come back as CSV, as read, with the reason beside them.
    expect(existsSync(rejectedCsv)).toBe(true);
    const lines = readFileSync(rejectedCsv, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'row,reason_vi,reason_en,Ngày xảy ra,Giờ,Kinh độ,Vĩ độ,Loại vụ việc,Mức độ,Đã khám phá,Số hiệu',
    );
    expect(lines).toHaveLength(4);

    const again = await importIncidentFile(database, new UnitLocator(database), incidentsFile);
    expect(again).toMatchObject({ read: 11, accepted: 8, inserted: 0, duplicates: 8 });
  });

  it('counts per commune, every commune included, with rates and the same window a year earlier', async () => {
    const database = await databaseWithIncidents();
    const admin = await signIn(appFor(database), database, 'admin');
    const response = await admin.request('/api/stats/units?from=2024-03-01&to=2024-03-14&compare=cungky');
    expect(response.status).toBe(200);
    const stats = (await response.json()) as {
      units: UnitStatistics[];
      outsideUnits: number;
      previous: unknown;
    };
    expect(stats.previous).toEqual({ from: '2023-03-01', to: '2023-03-14' });
    const byCode = Object.fromEntries(stats.units.map((unit) => [unit.code, unit]));
    // 90001 Thị trấn Vĩnh Thạnh (12,571 people, about 30.4 km²): two in 2024, two in 2023.
    expect(byCode['90001']).toMatchObject({ count: 2, previousCount: 2, change: 0, changePercent: 0 });
    expect(byCode['90001']?.per1000).toBeCloseTo((2 / 12571) * 1000, 4);
    expect(byCode['90001']?.perKm2).toBeCloseTo(2 / 30.439, 3);
    // 90002 Xã Vĩnh Thanh: the theft, and the gambling whose coordinates were swapped.
    expect(byCode['90002']).toMatchObject({ count: 2, previousCount: 0, change: 2, changePercent: null });
    expect(byCode['90003']).toMatchObject({ count: 1 });
    // 90004 has no population: no rate per 1,000, but still listed with its zero.
    expect(byCode['90004']).toMatchObject({ count: 0, per1000: null, perKm2: 0 });
    expect(stats.outsideUnits).toBe(1);

    const drugs = (await (
      await admin.request('/api/stats/units?from=2023-01-01&to=2024-12-31&categories=ma-tuy')
    ).json()) as {
      units: UnitStatistics[];
    };
    expect(drugs.units.find((unit) => unit.code === '90001')?.count).toBe(3);
  });

  it('shows an account limited to a commune only that commune, and nothing of what lies outside', async () => {
    const database = await databaseWithIncidents();
    const planner = await signIn(appFor(database), database, 'planner', {
      kind: 'communes',
      communes: ['90002'],
    });
    const stats = (await (
      await planner.request('/api/stats/units?from=2024-01-01&to=2024-12-31')
    ).json()) as {
      units: UnitStatistics[];
      outsideUnits: number | null;
    };
    expect(stats.units.map((unit) => [unit.code, unit.count])).toEqual([['90002', 2]]);
    expect(stats.outsideUnits).toBeNull();
  });

  it('refuses bad windows and unknown categories with a 400', async () => {
    const database = await databaseWithIncidents();
    const admin = await signIn(appFor(database), database, 'admin');
    for (const query of [
      'from=2024-03-14&to=2024-03-01',
      'from=2024-02-30&to=2024-03-01',
      'to=2024-03-01',
      'from=2024-01-01&to=2024-02-01&categories=khong-co',
    ]) {
      const response = await admin.request(`/api/stats/units?${query}`);
      expect(response.status, query).toBe(400);
    }
  });

  it('keeps incidents in their communes when the era’s boundaries are imported again', async () => {
    const database = await databaseWithIncidents();
    await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
      era: 'test-2021',
      validFrom: '2021-07-01',
      validTo: '2025-06-30',
      level: 'commune',
    });
    const admin = await signIn(appFor(database), database, 'admin');
    const stats = (await (await admin.request('/api/stats/units?from=2024-03-01&to=2024-03-14')).json()) as {
      units: UnitStatistics[];
    };
    expect(stats.units.map((unit) => unit.count)).toEqual([2, 2, 1, 0]);
  });
});
