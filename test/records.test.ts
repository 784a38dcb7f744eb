import { describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { importIncidentFile } from '../geodata/import/import-incidents';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { dataRevision } from '../server/db/queries/data-revisions';
import { UnitLocator } from '../server/services/unit-locator';
import { appFor, databaseWithTinyProvince, fixturePath, type SignedInClient, signIn } from './helpers';

/*
 * Flashpoints, vice spots, per-period indicators and incidents entered by hand, through the API: created,
 * edited, moved through their statuses, with history, audit entries, the account's area enforced, and
 * every bad input a bilingual 400. "Today" is 15/05/2024 (appFor's default).
 */

interface Problem {
  error: { code: string; message: { vi: string; en: string } };
}

async function fixture() {
  const database = await databaseWithTinyProvince();
  await importBoundaryFile(database, fixturePath('neighbouring-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    append: true,
  });
  const app = appFor(database);
  const commander = await signIn(app, database, 'commander');
  return { database, app, commander };
}

function send(client: SignedInClient, method: string, path: string, body?: unknown) {
  return client.request(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function expectProblem(response: Response, status: number, pattern?: RegExp): Promise<Problem> {
  const body = (await response.json()) as Problem;
  expect([response.status, body]).toMatchObject([status, { error: { message: {} } }]);
  expect(body.error.message.vi.length).toBeGreaterThan(5);
  expect(body.error.message.en.length).toBeGreaterThan(5);
  if (pattern) expect(`${body.error.message.vi} | ${body.error.message.en}`).toMatch(pattern);
  return body;
}

const INSIDE_90001 = [105.52, 10.02];
const INSIDE_92001 = [105.62, 10.02];
const AREA_IN_90003 = {
  type: 'Polygon',
  coordinates: [
    [
      [105.51, 10.06],
      [105.53, 10.06],
      [105.53, 10.08],
      [105.51, 10.08],
      [105.51, 10.06],
    ],
  ],
};

function auditOf(database: Database, target: string) {
  return listAuditRecords(database, { limit: 100 })
    .filter((record) => record.target === target)
    .reverse();
}

describe('flashpoints', () => {
  it('are created, edited and moved through their statuses, with history and audit entries', async () => {
    const { database, commander } = await fixture();
    const created = await send(commander, 'POST', '/api/flashpoints', {
      geometry: AREA_IN_90003,
      kind: 'land-dispute',
      title: 'Tranh chấp đất ấp 3',
      peopleInvolved: 40,
      severity: 'high',
      statusDate: '2024-03-01',
      notes: 'Hai hộ tranh chấp ranh đất',
    });
    expect(created.status).toBe(201);
    const feature = (await created.json()) as {
      id: number;
      geometry: { type: string };
      properties: Record<string, unknown>;
    };
    expect(feature.geometry.type).toBe('Polygon');
    expect(feature.properties).toMatchObject({
      kind: 'land-dispute',
      status: 'arising',
      statusSince: '2024-03-01',
      unitCode: '90003',
      peopleInvolved: 40,
      open: true,
      createdBy: commander.username,
    });
    // Measured from the drawing: about 2.2 km by 2.2 km.
    expect(feature.properties.areaHa).toBeGreaterThan(470);
    const id = feature.id;

    const edited = await send(commander, 'PATCH', `/api/flashpoints/${id}`, {
      peopleInvolved: 120,
      severity: 'critical',
    });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as typeof feature).properties).toMatchObject({
      peopleInvolved: 120,
      severity: 'critical',
    });

    for (const [status, date] of [
      ['being-resolved', '2024-03-10'],
      ['resolved', '2024-04-01'],
      ['flared-again', '2024-05-02'],
    ]) {
      const moved = await send(commander, 'POST', `/api/flashpoints/${id}/status`, {
        status,
        date,
        note: `Chuyển sang ${status}`,
      });
      expect(moved.status, status).toBe(200);
    }

    const detail = (await (await commander.request(`/api/flashpoints/${id}`)).json()) as {
      properties: Record<string, unknown>;
      nextStatuses: string[];
      statusHistory: { status: string; date: string; actor: string }[];
      changes: { action: string; before: unknown; after: unknown }[];
    };
    expect(detail.properties).toMatchObject({
      status: 'flared-again',
      statusSince: '2024-05-02',
      open: true,
    });
    expect(detail.nextStatuses).toEqual(['being-resolved', 'resolved']);
    expect(detail.statusHistory.map((entry) => [entry.status, entry.date])).toEqual([
      ['arising', '2024-03-01'],
      ['being-resolved', '2024-03-10'],
      ['resolved', '2024-04-01'],
      ['flared-again', '2024-05-02'],
    ]);
    expect(detail.changes.map((change) => change.action)).toEqual([
      'flashpoint.create',
      'flashpoint.update',
      'flashpoint.status',
      'flashpoint.status',
      'flashpoint.status',
    ]);
    expect(detail.changes[1]).toMatchObject({
      before: { peopleInvolved: 40, severity: 'high' },
      after: { peopleInvolved: 120, severity: 'critical' },
    });
    const audited = auditOf(database, `flashpoint:${id}`);
    expect(audited).toHaveLength(5);
    expect(audited[0]).toMatchObject({
      actor: commander.username,
      action: 'flashpoint.create',
      outcome: 'success',
    });

    // Lists: all, or only the open ones.
    await send(commander, 'POST', '/api/flashpoints', {
      geometry: { type: 'Point', coordinates: INSIDE_90001 },
      kind: 'mass-complaint',
      title: 'Khiếu kiện bồi thường',
      severity: 'medium',
      status: 'resolved',
      statusDate: '2024-01-05',
    });
    const all = (await (await commander.request('/api/flashpoints')).json()) as {
      type: string;
      era: string;
      features: { properties: { title: string; unitCode: string } }[];
    };
    expect(all.type).toBe('FeatureCollection');
    expect(all.era).toBe('test-2021');
    expect(all.features.map((item) => item.properties.unitCode)).toEqual(['90003', '90001']);
    const open = (await (await commander.request('/api/flashpoints?status=open')).json()) as typeof all;
    expect(open.features.map((item) => item.properties.title)).toEqual(['Tranh chấp đất ấp 3']);
  });

  it('group nearby flashpoints into DBSCAN clusters by distance in metres, within the area', async () => {
    const { database, app, commander } = await fixture();
    // Four sites about 100 m apart in 90001, one 2 km away, and one in the neighbouring province.
    const places = [
      [105.52, 10.02],
      [105.521, 10.02],
      [105.52, 10.021],
      [105.521, 10.021],
      [105.52, 10.04],
    ];
    for (const [index, coordinates] of places.entries()) {
      const response = await send(commander, 'POST', '/api/flashpoints', {
        geometry: { type: 'Point', coordinates },
        kind: index === 0 ? 'mass-complaint' : 'land-dispute',
        title: `Điểm ${index + 1}`,
        severity: 'medium',
      });
      expect(response.status).toBe(201);
    }
    const outside = await send(commander, 'POST', '/api/flashpoints', {
      geometry: { type: 'Point', coordinates: INSIDE_92001 },
      kind: 'land-dispute',
      title: 'Tỉnh bên',
      severity: 'low',
    });
    expect(outside.status).toBe(201);
    const clusters = (await (
      await commander.request('/api/flashpoints/clusters?distance=200&minimumPoints=3')
    ).json()) as {
      computation: { method: string; distanceMetres: number; minimumPoints: number; sites: number };
      clusters: { count: number; ids: number[]; kinds: Record<string, number>; centre: number[] }[];
      isolated: number;
    };
    expect(clusters.computation).toEqual({
      method: 'dbscan',
      distanceMetres: 200,
      minimumPoints: 3,
      sites: 6,
    });
    expect(clusters.clusters).toHaveLength(1);
    expect(clusters.clusters[0]).toMatchObject({
      count: 4,
      kinds: { 'mass-complaint': 1, 'land-dispute': 3 },
    });
    expect(clusters.clusters[0]?.centre[0]).toBeCloseTo(105.5205, 6);
    expect(clusters.isolated).toBe(2);

    // An account of the tiny province does not see the neighbouring province's site.
    const limited = await signIn(app, database, 'analyst', {
      kind: 'provinces',
      provinces: ['Tỉnh Thử Nghiệm'],
    });
    const inArea = (await (
      await limited.request('/api/flashpoints/clusters?distance=200')
    ).json()) as typeof clusters;
    expect(inArea.computation.sites).toBe(5);
    await expectProblem(await commander.request('/api/flashpoints/clusters?distance=5'), 400, /distance/);
  });

  it('refuse illegal status changes and dates with a reason in both languages', async () => {
    const { commander } = await fixture();
    const created = await send(commander, 'POST', '/api/flashpoints', {
      geometry: { type: 'Point', coordinates: INSIDE_90001 },
      kind: 'religion-ethnic',
      title: 'Điểm nóng',
      severity: 'low',
      statusDate: '2024-04-01',
    });
    const { id } = (await created.json()) as { id: number };
    const change = (body: unknown) => send(commander, 'POST', `/api/flashpoints/${id}/status`, body);
    await expectProblem(
      await change({ status: 'flared-again', date: '2024-05-01' }),
      400,
      /Không thể chuyển.*Cannot change/,
    );
    await expectProblem(await change({ status: 'arising', date: '2024-05-01' }), 400, /đã là.*already/);
    await expectProblem(await change({ status: 'closed', date: '2024-05-01' }), 400, /no status "closed"/);
    await expectProblem(await change({ status: 'resolved', date: '2024-05-16' }), 400, /tương lai.*future/);
    await expectProblem(await change({ status: 'resolved', date: '2024-03-31' }), 400, /before the date/);
    await expectProblem(await change({ status: 'resolved', date: '31/03/2024' }), 400, /YYYY-MM-DD/);
    await expectProblem(await change({ status: 'resolved' }), 400, /"date"/);
    // The status changes only through /status.
    await expectProblem(
      await send(commander, 'PATCH', `/api/flashpoints/${id}`, { status: 'resolved' }),
      400,
      /\/status/,
    );
    expect((await change({ status: 'resolved', date: '2024-04-01' })).status).toBe(200);
  });

  it('refuse bad input with a bilingual 400, never a 500', async () => {
    const { commander } = await fixture();
    const valid = {
      geometry: { type: 'Point', coordinates: INSIDE_90001 },
      kind: 'land-dispute',
      title: 'Tranh chấp',
      severity: 'high',
    };
    const cases: [unknown, RegExp][] = [
      [{ ...valid, kind: 'riot' }, /"kind"/],
      [{ ...valid, title: '' }, /"title"/],
      [{ ...valid, severity: undefined }, /"severity"/],
      [{ ...valid, peopleInvolved: -3 }, /"peopleInvolved"/],
      [{ ...valid, peopleInvolved: 2.5 }, /"peopleInvolved"/],
      [{ ...valid, geometry: { type: 'Point', coordinates: [200, 10] } }, /WGS84/],
      [
        {
          ...valid,
          geometry: {
            type: 'LineString',
            coordinates: [
              [105, 10],
              [105.1, 10.1],
            ],
          },
        },
        /LineString/,
      ],
      [
        {
          ...valid,
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [105.51, 10.01],
                [105.52, 10.01],
                [105.52, 10.02],
              ],
            ],
          },
        },
        /không khép kín|not closed|fewer than 3/,
      ],
      [{ ...valid, geometry: 'POINT(105 10)' }, /"geometry"/],
      [{ ...valid, status: 'flared-again' }, /cannot be created/],
      [{ ...valid, statusDate: '2024-06-01' }, /future/],
      [{ ...valid, owner: 'x' }, /chỉ các trường|only the fields/],
    ];
    for (const [body, pattern] of cases) {
      await expectProblem(await send(commander, 'POST', '/api/flashpoints', body), 400, pattern);
    }
    const broken = await commander.request('/api/flashpoints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"geometry": ',
    });
    await expectProblem(broken, 400);
    await expectProblem(await commander.request('/api/flashpoints?status=closed'), 400, /"status"/);
    await expectProblem(await commander.request('/api/flashpoints/999'), 404);
    await expectProblem(await commander.request('/api/flashpoints/abc'), 404);
    await expectProblem(await commander.request('/api/flashpoints?era=khong-co'), 404);
    await expectProblem(await send(commander, 'PATCH', '/api/flashpoints/1', {}), 404);
  });
});

describe('vice spots', () => {
  it('go active → eliminated → re-formed → eliminated, points only', async () => {
    const { database, commander } = await fixture();
    const created = await send(commander, 'POST', '/api/vice-spots', {
      geometry: { type: 'Point', coordinates: INSIDE_90001 },
      kind: 'gambling',
      title: 'Tụ điểm đá gà bờ kênh',
      statusDate: '2024-01-10',
    });
    expect(created.status).toBe(201);
    const spot = (await created.json()) as { id: number; properties: Record<string, unknown> };
    expect(spot.properties).toMatchObject({ status: 'active', unitCode: '90001', open: true });
    for (const [status, date] of [
      ['eliminated', '2024-02-01'],
      ['re-formed', '2024-04-01'],
      ['eliminated', '2024-05-15'],
    ]) {
      expect(
        (await send(commander, 'POST', `/api/vice-spots/${spot.id}/status`, { status, date })).status,
      ).toBe(200);
    }
    await expectProblem(
      await send(commander, 'POST', `/api/vice-spots/${spot.id}/status`, {
        status: 'active',
        date: '2024-05-15',
      }),
      400,
      /Re-formed/,
    );
    const moved = await send(commander, 'PATCH', `/api/vice-spots/${spot.id}`, {
      geometry: { type: 'Point', coordinates: [105.57, 10.02] },
      title: 'Tụ điểm đá gà (đã dời)',
    });
    expect(((await moved.json()) as typeof spot).properties).toMatchObject({
      unitCode: '90002',
      open: false,
    });
    const detail = (await (await commander.request(`/api/vice-spots/${spot.id}`)).json()) as {
      statusHistory: { status: string }[];
      changes: { action: string }[];
    };
    expect(detail.statusHistory.map((entry) => entry.status)).toEqual([
      'active',
      'eliminated',
      're-formed',
      'eliminated',
    ]);
    expect(detail.changes.map((change) => change.action)).toEqual([
      'vice-spot.create',
      'vice-spot.status',
      'vice-spot.status',
      'vice-spot.status',
      'vice-spot.update',
    ]);
    expect(auditOf(database, `vice-spot:${spot.id}`)).toHaveLength(5);
    const open = (await (await commander.request('/api/vice-spots?status=open')).json()) as {
      features: unknown[];
    };
    expect(open.features).toHaveLength(0);

    await expectProblem(
      await send(commander, 'POST', '/api/vice-spots', {
        geometry: AREA_IN_90003,
        kind: 'gambling',
        title: 'Vùng',
      }),
      400,
      /chỉ được đánh dấu bằng một điểm/,
    );
    await expectProblem(
      await send(commander, 'POST', '/api/vice-spots', {
        geometry: { type: 'Point', coordinates: INSIDE_90001 },
        kind: 'karaoke',
        title: 'x',
      }),
      400,
      /"kind"/,
    );
  });
});

describe('the account’s area', () => {
  it('refuses writes outside it with an audited 403 and leaves what lies outside out of lists', async () => {
    const { database, app, commander } = await fixture();
    // Everywhere: one of each in both provinces.
    for (const coordinates of [INSIDE_90001, INSIDE_92001]) {
      await send(commander, 'POST', '/api/flashpoints', {
        geometry: { type: 'Point', coordinates },
        kind: 'other',
        title: `Điểm ${coordinates.join(',')}`,
        severity: 'low',
      });
      await send(commander, 'POST', '/api/vice-spots', {
        geometry: { type: 'Point', coordinates },
        kind: 'drug-use',
        title: 'Tụ điểm',
      });
    }
    const local = await signIn(app, database, 'analyst', { kind: 'communes', communes: ['90001', '90002'] });
    const flashpoints = (await (await local.request('/api/flashpoints')).json()) as {
      features: { properties: { unitCode: string } }[];
    };
    expect(flashpoints.features.map((feature) => feature.properties.unitCode)).toEqual(['90001']);
    const spots = (await (await local.request('/api/vice-spots')).json()) as typeof flashpoints;
    expect(spots.features.map((feature) => feature.properties.unitCode)).toEqual(['90001']);

    await expectProblem(
      await send(local, 'POST', '/api/flashpoints', {
        geometry: { type: 'Point', coordinates: INSIDE_92001 },
        kind: 'other',
        title: 'Ngoài địa bàn',
        severity: 'low',
      }),
      403,
      /Outside the area/,
    );
    // 90003 is in the province but not among the account's communes.
    await expectProblem(
      await send(local, 'POST', '/api/flashpoints', {
        geometry: AREA_IN_90003,
        kind: 'other',
        title: 'Ngoài địa bàn',
        severity: 'low',
      }),
      403,
    );
    await expectProblem(await local.request('/api/flashpoints/2'), 403);
    await expectProblem(
      await send(local, 'POST', '/api/flashpoints/2/status', { status: 'resolved', date: '2024-05-15' }),
      403,
    );
    // Moving one of its own out of the area is refused too.
    await expectProblem(
      await send(local, 'PATCH', '/api/vice-spots/1', {
        geometry: { type: 'Point', coordinates: INSIDE_92001 },
      }),
      403,
    );
    await expectProblem(
      await send(local, 'POST', '/api/incidents', {
        occurredAt: '2024-05-01T08:00',
        longitude: INSIDE_92001[0],
        latitude: INSIDE_92001[1],
        categoryCode: 'danh-bac',
      }),
      403,
    );
    const denied = listAuditRecords(database, { action: 'access.denied', limit: 20 });
    expect(denied.length).toBeGreaterThanOrEqual(6);
    expect(denied.every((record) => record.actor === local.username && record.outcome === 'denied')).toBe(
      true,
    );

    // A viewer reads but does not write.
    const viewer = await signIn(app, database, 'viewer');
    expect((await viewer.request('/api/flashpoints')).status).toBe(200);
    await expectProblem(
      await send(viewer, 'POST', '/api/vice-spots', {
        geometry: { type: 'Point', coordinates: INSIDE_90001 },
        kind: 'drug-use',
        title: 'x',
      }),
      403,
    );
  });
});

describe('indicators', () => {
  it('are entered per commune and reporting month, audited, and read back', async () => {
    const { database, commander } = await fixture();
    const definitions = (await (await commander.request('/api/indicators/definitions')).json()) as {
      code: string;
      nameVi: string;
      unitEn: string;
    }[];
    expect(definitions.map((definition) => definition.code)).toContain('crime-reports-received');
    expect(definitions[0]).toMatchObject({ nameVi: expect.any(String), unitEn: expect.any(String) });

    const empty = await commander.request('/api/indicators?unit=90001&period=2024-04');
    expect(await empty.json()).toMatchObject({
      era: 'test-2021',
      unit: '90001',
      period: '2024-04',
      from: '2024-03-15',
      to: '2024-04-14',
      values: {},
    });
    const saved = await send(commander, 'PUT', '/api/indicators', {
      era: 'test-2021',
      unit: '90001',
      period: '2024-04',
      values: { 'crime-reports-received': 12, 'crime-reports-handled': 11, 'wanted-persons': 0 },
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { values: unknown }).values).toEqual({
      'crime-reports-handled': 11,
      'crime-reports-received': 12,
      'wanted-persons': 0,
    });
    const corrected = await send(commander, 'PUT', '/api/indicators', {
      era: null,
      unit: '90001',
      period: '2024-04',
      values: { 'crime-reports-handled': 12, 'wanted-persons': null },
    });
    expect(((await corrected.json()) as { values: unknown }).values).toEqual({
      'crime-reports-handled': 12,
      'crime-reports-received': 12,
    });
    const audited = auditOf(database, 'indicators:test-2021/90001/2024-04');
    expect(audited.map((record) => record.action)).toEqual(['indicators.update', 'indicators.update']);
    expect(JSON.parse(audited[1]?.before ?? 'null')).toMatchObject({ 'crime-reports-handled': 11 });

    const put = (body: unknown) => send(commander, 'PUT', '/api/indicators', body);
    const slot = { unit: '90001', period: '2024-04' };
    await expectProblem(await put({ ...slot, values: { 'wanted-persons': -1 } }), 400, /whole number/);
    await expectProblem(await put({ ...slot, values: { 'wanted-persons': 1.5 } }), 400, /whole number/);
    await expectProblem(await put({ ...slot, values: { 'ho-ten': 1 } }), 400, /no indicator "ho-ten"/);
    await expectProblem(await put({ ...slot, values: [1, 2] }), 400, /"values"/);
    await expectProblem(await put({ ...slot, period: '2024-13', values: {} }), 400, /YYYY-MM/);
    await expectProblem(await put({ ...slot, period: '2024-08', values: {} }), 400, /has not begun/);
    await expectProblem(await put({ unit: '99999', period: '2024-04', values: {} }), 404);
    await expectProblem(await commander.request('/api/indicators?unit=90001'), 400, /"period"/);

    const local = await signIn(appFor(database), database, 'commander', {
      kind: 'communes',
      communes: ['90002'],
    });
    await expectProblem(await local.request('/api/indicators?unit=90001&period=2024-04'), 403);
    await expectProblem(
      await send(local, 'PUT', '/api/indicators', { ...slot, values: { 'wanted-persons': 1 } }),
      403,
    );
  });
});

describe('incidents entered by hand', () => {
  it('are checked like imported rows, placed in every era, keyed like imports and audited', async () => {
    const { database, commander } = await fixture();
    const revision = dataRevision(database, 'incidents');
    const created = await send(commander, 'POST', '/api/incidents', {
      occurredAt: '2024-05-10T21:30',
      longitude: INSIDE_90001[0],
      latitude: INSIDE_90001[1],
      categoryCode: 'danh-bac',
      severity: 'nghiem-trong',
      cleared: false,
      source: 'Công an xã Vĩnh Thạnh',
      reference: '15/2024',
    });
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: number } & Record<string, unknown>;
    expect(incident).toMatchObject({
      occurredAt: '2024-05-10T21:30:00',
      categoryCode: 'danh-bac',
      severity: 'nghiem-trong',
      cleared: false,
      deaths: 0,
      unitCode: '90001',
      units: [{ era: 'test-2021', code: '90001' }],
      importId: null,
    });
    expect(dataRevision(database, 'incidents')).toBe(revision + 1);

    // The same source and reference again is the same incident.
    await expectProblem(
      await send(commander, 'POST', '/api/incidents', {
        occurredAt: '2024-05-11T08:00',
        longitude: 105.53,
        latitude: 10.03,
        categoryCode: 'danh-bac',
        source: 'Công an xã Vĩnh Thạnh',
        reference: '15/2024',
      }),
      409,
      new RegExp(`số ${incident.id}`),
    );

    const moved = await send(commander, 'PATCH', `/api/incidents/${incident.id}`, {
      longitude: 105.57,
      cleared: true,
      deaths: 1,
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ unitCode: '90002', cleared: true, deaths: 1 });
    expect(dataRevision(database, 'incidents')).toBe(revision + 2);
    const stats = (await (
      await commander.request('/api/stats/units?from=2024-05-01&to=2024-05-14')
    ).json()) as { units: { code: string; count: number }[] };
    expect(stats.units.find((unit) => unit.code === '90002')?.count).toBe(1);
    expect(stats.units.find((unit) => unit.code === '90001')?.count).toBe(0);

    const history = (await (await commander.request(`/api/incidents/${incident.id}/history`)).json()) as {
      incident: { id: number };
      changes: { action: string; actor: string; before: unknown; after: unknown }[];
    };
    expect(history.incident.id).toBe(incident.id);
    expect(history.changes.map((change) => change.action)).toEqual(['incident.create', 'incident.update']);
    expect(history.changes[1]).toMatchObject({
      actor: commander.username,
      before: { longitude: 105.52, cleared: false, deaths: 0 },
      after: { longitude: 105.57, cleared: true, deaths: 1 },
    });

    const post = (change: Record<string, unknown>) =>
      send(commander, 'POST', '/api/incidents', {
        occurredAt: '2024-05-01T08:00',
        longitude: 105.52,
        latitude: 10.02,
        categoryCode: 'trat-tu-xa-hoi',
        ...change,
      });
    await expectProblem(await post({ occurredAt: '01/05/2024' }), 400, /YYYY-MM-DDTHH:mm/);
    await expectProblem(await post({ occurredAt: '2024-05-20T08:00' }), 400, /tương lai.*future/);
    await expectProblem(await post({ categoryCode: 'tranh-chap-dan-su' }), 400, /tranh-chap-dan-su/);
    await expectProblem(await post({ severity: 'nặng' }), 400, /Invalid severity/);
    await expectProblem(await post({ longitude: 200 }), 400, /"longitude"/);
    await expectProblem(await post({ latitude: '10.02' }), 400, /"latitude"/);
    await expectProblem(await post({ deaths: -1 }), 400, /"deaths"/);
    await expectProblem(await post({ cleared: 'có' }), 400, /"cleared"/);
    await expectProblem(await post({ victimName: 'Nguyễn Văn A' }), 400, /only the incident fields/);
    await expectProblem(
      await send(commander, 'PATCH', `/api/incidents/${incident.id}`, {}),
      400,
      /Nothing to change/,
    );
    await expectProblem(await send(commander, 'PATCH', '/api/incidents/9999', { deaths: 2 }), 404);
    await expectProblem(await commander.request('/api/incidents/9999/history'), 404);
  });

  it('keep the key of imported rows when edited, so importing the file again adds nothing', async () => {
    const database = await databaseWithTinyProvince();
    const file = new URL('./fixtures/incidents/tiny-province-incidents.csv', import.meta.url).pathname;
    await importIncidentFile(database, new UnitLocator(database), file);
    const app = appFor(database);
    const analyst = await signIn(app, database, 'analyst');
    const edited = await send(analyst, 'PATCH', '/api/incidents/1', {
      latitude: 10.0712345,
      subcategory: 'Sửa tay',
    });
    expect(edited.status).toBe(200);
    const again = await importIncidentFile(database, new UnitLocator(database), file);
    expect(again.inserted).toBe(0);
    const history = (await (await analyst.request('/api/incidents/1/history')).json()) as {
      changes: { action: string }[];
    };
    expect(history.changes.map((change) => change.action)).toEqual(['incidents.import', 'incident.update']);
  });
});
