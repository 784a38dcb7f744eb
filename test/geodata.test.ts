import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { openDatabase } from '../server/db/database';
import { listUnits } from '../server/db/queries/units';
import { signedInApp } from './helpers';

/*
 * Real boundaries from the shared data folder (never copied into the repository, see its README): run with
 * DIABAN_GEODATA=../shared/geodata. Without it the suite is skipped and its title says why.
 */
const geodata = process.env.DIABAN_GEODATA;
const available = Boolean(geodata && existsSync(join(geodata, 'kien_giang_communes_2021.geojson')));
const title = available
  ? 'real Vietnamese boundaries'
  : 'real Vietnamese boundaries — skipped: set DIABAN_GEODATA to the shared geodata folder (e.g. ../shared/geodata)';

interface SourceCollection {
  features: { properties: { code: string; name: string } }[];
}

function codesIn(file: string): string[] {
  const collection = JSON.parse(readFileSync(join(geodata as string, file), 'utf8')) as SourceCollection;
  return collection.features.map((feature) => feature.properties.code).sort();
}

async function databaseWithMekongDelta() {
  const database = openDatabase();
  const era2021 = {
    era: '2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune' as const,
    strict: true,
  };
  const kienGiang = await importBoundaryFile(
    database,
    join(geodata as string, 'kien_giang_communes_2021.geojson'),
    era2021,
  );
  const canTho = await importBoundaryFile(
    database,
    join(geodata as string, 'can_tho_communes_2021.geojson'),
    {
      ...era2021,
      append: true,
    },
  );
  const anGiang = await importBoundaryFile(
    database,
    join(geodata as string, 'layers_2025/an_giang_2025_communes.geojson'),
    {
      era: '2025',
      validFrom: '2025-07-01',
      level: 'commune',
      strict: true,
    },
  );
  return { database, kienGiang, canTho, anGiang };
}

describe.skipIf(!available)(title, () => {
  it('imports Kiên Giang (144) and Cần Thơ (83) into one era, every code kept', async () => {
    const { database, kienGiang, canTho, anGiang } = await databaseWithMekongDelta();
    expect([kienGiang.imported, kienGiang.rejected]).toEqual([144, []]);
    expect([canTho.imported, canTho.rejected]).toEqual([83, []]);
    expect(anGiang.imported).toBe(102);
    const stored = listUnits(database, { eraId: 1, level: 'commune' }).map((unit) => unit.code);
    expect(stored.sort()).toEqual(
      [...codesIn('kien_giang_communes_2021.geojson'), ...codesIn('can_tho_communes_2021.geojson')].sort(),
    );
    const kienGiangUnits = listUnits(database, { eraId: 1, level: 'commune', province: 'Tỉnh Kiên Giang' });
    expect(kienGiangUnits).toHaveLength(144);
    expect(new Set(kienGiangUnits.map((unit) => unit.districtName)).size).toBe(15);
  });

  it('finds every commune at its own label point, and known places in the right era', async () => {
    const { database } = await databaseWithMekongDelta();
    const app = await signedInApp(database, '2024-05-15T03:00:00Z');
    for (const unit of listUnits(database, { eraId: 1, level: 'commune' })) {
      const response = await app.request(
        `/api/units/at?lon=${unit.labelLongitude}&lat=${unit.labelLatitude}`,
      );
      const feature = (await response.json()) as { properties: { code: string } };
      expect(feature.properties.code, unit.fullName).toBe(unit.code);
    }
    const at = async (lon: number, lat: number, date: string) => {
      const response = await app.request(`/api/units/at?lon=${lon}&lat=${lat}&date=${date}`);
      if (response.status === 404) return null;
      const feature = (await response.json()) as {
        properties: { fullName: string; district: string; era: string };
      };
      return feature.properties;
    };
    // Ninh Kiều wharf, Cần Thơ; Rạch Giá city centre; the sea west of Rạch Giá.
    expect(await at(105.7875, 10.0341, '2024-01-01')).toMatchObject({
      district: 'Quận Ninh Kiều',
      era: '2021',
    });
    expect(await at(105.0809, 10.0125, '2024-01-01')).toMatchObject({
      district: 'Thành phố Rạch Giá',
      era: '2021',
    });
    expect(await at(105.0809, 10.0125, '2025-08-01')).toMatchObject({
      fullName: 'Phường Rạch Giá',
      era: '2025',
    });
    expect(await at(104.7, 10.0, '2024-01-01')).toBeNull();
  });

  it('imports the official district layer, which then replaces the derived district outlines', async () => {
    const { database } = await databaseWithMekongDelta();
    const report = await importBoundaryFile(
      database,
      join(geodata as string, 'layers_pre2025/kien_giang_districts_gischinhphu.geojson'),
      {
        era: '2021',
        validFrom: '2021-07-01',
        validTo: '2025-06-30',
        level: 'district',
        strict: true,
      },
    );
    expect(report).toMatchObject({ imported: 15, rejected: [] });
    expect(report.columns).toMatchObject({
      code: ['code'],
      name: ['name'],
      kind: ['type'],
      provinceName: ['province'],
    });
    const app = await signedInApp(database, '2024-05-15T03:00:00Z');
    const districts = (await (await app.request('/api/units?level=district')).json()) as {
      features: { properties: { code: string; fullName: string } }[];
    };
    expect(districts.features).toHaveLength(15);
    expect(districts.features.map((feature) => feature.properties.fullName)).toContain('Thành phố Rạch Giá');
    const atRachGia = (await (
      await app.request('/api/units/at?lon=105.0809&lat=10.0125&level=district')
    ).json()) as {
      properties: { code: string };
    };
    expect(atRachGia.properties.code).toBe('899');
  });

  it('searches real names blind to accents', async () => {
    const { database } = await databaseWithMekongDelta();
    const app = await signedInApp(database, '2024-05-15T03:00:00Z');
    const response = await app.request('/api/search?q=vinh%20thanh');
    const { results } = (await response.json()) as { results: { fullName: string; district: string }[] };
    // "Vĩnh Thanh" and "Vĩnh Thạnh" fold alike: both come first, before names that merely contain the words.
    const exact = results.filter((result) => /^(Thị trấn|Xã|Phường) Vĩnh Th[aạ]nh$/.test(result.fullName));
    expect(exact.length).toBeGreaterThanOrEqual(2);
    expect(results.slice(0, exact.length)).toEqual(exact);
    expect(exact.some((result) => result.fullName.endsWith('Vĩnh Thạnh'))).toBe(true);
    const townships = (await (await app.request('/api/search?q=thi%20tran&limit=50')).json()) as {
      results: { fullName: string }[];
    };
    // 10 thị trấn in Kiên Giang and 5 in Cần Thơ (GSO list of 01/07/2021).
    expect(townships.results).toHaveLength(15);
    for (const result of townships.results) expect(result.fullName).toMatch(/^Thị trấn /);
  });
});
