import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { openDatabase } from '../server/db/database';
import { databaseWithTinyProvince, fixturePath, signedInApp } from './helpers';

async function json(response: Response) {
  return response.json() as Promise<
    Record<string, unknown> & { error?: { code: string; message: { vi: string; en: string } } }
  >;
}

describe('the API', () => {
  it('answers health and lists eras with their validity', async () => {
    const app = await signedInApp(await databaseWithTinyProvince());
    expect(await json(await app.request('/api/health'))).toEqual({ status: 'ok', version: '0.1.0' });
    const eras = await json(await app.request('/api/eras'));
    expect(eras).toEqual({
      eras: [
        {
          label: 'test-2021',
          validFrom: '2021-07-01',
          validTo: '2025-06-30',
          demo: false,
          current: true,
          unitCounts: { commune: 4, district: 0, province: 0 },
          boundingBox: [105.5, 10, 105.6, 10.1],
          hasDistricts: true,
        },
      ],
      defaultEra: 'test-2021',
      today: '2024-05-15',
    });
  });

  it('serves an era as GeoJSON, the golden fixture, compressed, with ETag and 304', async () => {
    const app = await signedInApp(await databaseWithTinyProvince());
    const response = await app.request('/api/units?era=test-2021', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/geo+json; charset=utf-8');
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const body = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    const collection = JSON.parse(body);
    expect(collection.features).toHaveLength(4);
    await expect(JSON.stringify(collection, null, 1)).toMatchFileSnapshot(
      './fixtures/boundaries/tiny-province.units.geojson',
    );

    const etag = response.headers.get('ETag') as string;
    const again = await app.request('/api/units?era=test-2021', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const brotli = await app.request('/api/units', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(brotli.headers.get('Content-Encoding')).toBe('br');
  });

  it('filters by province and district, and changes the ETag when the era is re-imported', async () => {
    const database = await databaseWithTinyProvince();
    const app = await signedInApp(database);
    const district = await json(await app.request('/api/units?district=Huy%E1%BB%87n%20H%C3%B2a%20An'));
    expect(
      (district.features as { properties: { code: string } }[]).map((feature) => feature.properties.code),
    ).toEqual(['90001', '90002']);
    const none = await json(await app.request('/api/units?province=Ha%20Noi'));
    expect(none.features).toEqual([]);

    const before = (await app.request('/api/units')).headers.get('ETag');
    await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
      era: 'test-2021',
      validFrom: '2021-07-01',
      validTo: '2025-06-30',
      level: 'commune',
    });
    expect((await app.request('/api/units')).headers.get('ETag')).not.toBe(before);
  });

  it('draws district and province outlines derived from the communes', async () => {
    const app = await signedInApp(await databaseWithTinyProvince());
    const districts = await json(await app.request('/api/units?level=district'));
    const features = districts.features as {
      properties: Record<string, unknown>;
      geometry: { type: string };
    }[];
    expect(features.map((feature) => feature.properties)).toEqual([
      { name: 'Huyện Hòa An', province: 'Tỉnh Thử Nghiệm', derived: true },
      { name: 'Thành phố Ngọc Giang', province: 'Tỉnh Thử Nghiệm', derived: true },
    ]);
    expect(features[0]?.geometry.type).toBe('MultiLineString');
  });

  it('serves imported district units in place of derived outlines', async () => {
    const database = await databaseWithTinyProvince();
    const report = await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
      era: 'test-2021',
      validFrom: '2021-07-01',
      validTo: '2025-06-30',
      level: 'district',
      columns: { code: ['ma_xa'], name: ['ten_xa'] },
    });
    expect(report.imported).toBe(4);
    const app = await signedInApp(database);
    const districts = await json(await app.request('/api/units?level=district'));
    const features = districts.features as {
      properties: { code: string; fullName: string };
      geometry: { type: string };
    }[];
    expect(features.map((feature) => [feature.properties.code, feature.geometry.type])).toEqual([
      ['90001', 'MultiPolygon'],
      ['90002', 'MultiPolygon'],
      ['90003', 'MultiPolygon'],
      ['90004', 'MultiPolygon'],
    ]);
    // The communes are untouched, and lookups by level keep the two apart.
    expect(((await json(await app.request('/api/units'))).features as unknown[]).length).toBe(4);
    const district = await json(await app.request('/api/units/at?lon=105.57&lat=10.02&level=district'));
    expect(district.properties).toMatchObject({ code: '90002', kind: 'Xã' });
  });

  it('finds the unit at a point in the era valid on a date', async () => {
    const database = await databaseWithTinyProvince();
    await importBoundaryFile(database, fixturePath('tiny-province.topojson'), {
      era: 'test-2025',
      validFrom: '2025-07-01',
      level: 'commune',
    });
    const app = await signedInApp(database);
    const inside = await json(await app.request('/api/units/at?lon=105.57&lat=10.02&date=2024-01-31'));
    expect(inside.properties).toMatchObject({ code: '90002', fullName: 'Xã Vĩnh Thanh', era: 'test-2021' });
    const later = await json(await app.request('/api/units/at?lon=105.57&lat=10.02&date=2025-07-01'));
    expect(later.properties).toMatchObject({ code: '90002', era: 'test-2025' });
    const before = await app.request('/api/units/at?lon=105.57&lat=10.02&date=2020-12-31');
    expect(before.status).toBe(404);
    const outside = await app.request('/api/units/at?lon=106.5&lat=10.02');
    expect(outside.status).toBe(404);
    expect((await json(outside)).error?.message.vi).toMatch(/Không có đơn vị nào chứa điểm/);
  });

  it('returns one unit by code, with its era', async () => {
    const app = await signedInApp(await databaseWithTinyProvince());
    const unit = await json(await app.request('/api/units/90003'));
    expect(unit.properties).toMatchObject({
      code: '90003',
      fullName: 'Phường Đông Hòa',
      district: 'Thành phố Ngọc Giang',
      province: 'Tỉnh Thử Nghiệm',
      population: 21005,
      era: 'test-2021',
      eraValidFrom: '2021-07-01',
      eraValidTo: '2025-06-30',
      eraDemo: false,
    });
    expect((unit.geometry as { type: string }).type).toBe('MultiPolygon');
    const missing = await app.request('/api/units/99999');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({
      error: {
        code: 'not_found',
        message: { vi: 'Không có đơn vị mã "99999"', en: 'There is no unit with code "99999"' },
      },
    });
  });

  it('searches blind to accents and case, best matches first', async () => {
    const app = await signedInApp(await databaseWithTinyProvince());
    const search = async (q: string) =>
      (
        (await json(await app.request(`/api/search?q=${encodeURIComponent(q)}`))).results as {
          fullName: string;
        }[]
      ).map((result) => result.fullName);
    expect(await search('vinh thanh')).toEqual(['Thị trấn Vĩnh Thạnh', 'Xã Vĩnh Thanh']);
    expect(await search('VĨNH THANH')).toEqual(['Thị trấn Vĩnh Thạnh', 'Xã Vĩnh Thanh']);
    expect(await search('thi tran')).toEqual(['Thị trấn Vĩnh Thạnh']);
    expect(await search('dong hoa')).toEqual(['Phường Đông Hòa']);
    expect(await search('ngoc giang')).toEqual(['Phường Đông Hòa', 'Phường Tân Lập']);
    expect(await search('90004')).toEqual(['Phường Tân Lập']);
    expect(await search('hà nội')).toEqual([]);
  });

  it('answers bad parameters with a 400 in both languages', async () => {
    const app = await signedInApp(await databaseWithTinyProvince());
    const cases: [string, RegExp][] = [
      ['/api/units/at?lon=abc&lat=10', /"lon"/],
      ['/api/units/at?lon=&lat=10', /"lon"/],
      ['/api/units/at?lon=105&lat=91', /"lat"/],
      ['/api/units/at?lon=105&lat=10&date=2024-02-30', /"date"/],
      ['/api/units?level=village', /"level"/],
      ['/api/search?q=', /"q"/],
      ['/api/search?q=%20%2F%20', /letters or digits/],
      ['/api/search?q=a&limit=500', /"limit"/],
    ];
    for (const [url, message] of cases) {
      const response = await app.request(url);
      expect(response.status, url).toBe(400);
      const body = await json(response);
      expect(body.error?.code).toBe('invalid_parameter');
      expect(body.error?.message.en, url).toMatch(message);
      expect(body.error?.message.vi, url).toMatch(/không hợp lệ|Từ khóa/);
    }
    expect((await app.request('/api/units?era=1999')).status).toBe(404);
    expect((await app.request('/api/nothing-here')).status).toBe(404);
  });

  it('never answers arbitrary query strings with a 500', async () => {
    const app = await signedInApp(await databaseWithTinyProvince());
    const routes = ['/api/units', '/api/units/at', '/api/units/90001', '/api/search', '/api/eras'];
    const names = ['era', 'level', 'province', 'district', 'lon', 'lat', 'date', 'q', 'limit', 'x'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 30 })), { maxLength: 5 }),
        async (route, parameters) => {
          const query = new URLSearchParams(parameters).toString();
          const response = await app.request(`${route}?${query}`);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says so when nothing has been imported yet', async () => {
    const app = await signedInApp(openDatabase());
    const response = await app.request('/api/units');
    expect(response.status).toBe(404);
    expect((await json(response)).error?.message.en).toBe('No boundaries have been imported yet');
    expect(await json(await app.request('/api/settings'))).toEqual({ basemap: null });
  });
});
