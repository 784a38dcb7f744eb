import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { importIncidentFile } from '../geodata/import/import-incidents';
import type { Database } from '../server/db/database';
import { addFlashpointStatus, insertFlashpoint } from '../server/db/queries/records';
import { computedValues, incidentsRose, reportingMonthsWithin } from '../server/services/programme-tracking';
import { UnitLocator } from '../server/services/unit-locator';
import { appFor, databaseWithTinyProvince, fixturePath, type SignedInClient, signIn } from './helpers';

/*
 * GET /api/programme/tracking over the tiny province on 01/06/2025 (window 15/12/2024 – 14/12/2025, so far
 * up to 01/06/2025; cùng kỳ 15/12/2023 – 01/06/2024):
 * - 90001, in progress: 5 incidents (3 cleared; 1 very serious, cleared) against 2 cùng kỳ, one flashpoint
 *   arisen on 01/02/2025 → clearance 60 % < 80 %, +150 %, a flashpoint: at risk for all three reasons;
 * - 90002, in progress: 4 incidents (all cleared) against 2, an old flashpoint resolved in the window → +2
 *   is under the minimum of 3: not at risk;
 * - 90003, transformed in 2023 and monitored: 3 incidents (cleared) against none → relapse risk;
 * - 90004, only proposed: 4 incidents against none, not flagged;
 * - 92001 (the neighbouring province), in progress: outside a home-province account's area.
 */

const TODAY = '2025-06-01T03:00:00Z';
const HOME = 'Tỉnh Thử Nghiệm';
const NEIGHBOUR = 'Tỉnh Bên Cạnh';

interface TrackingCommune {
  role: string;
  status: string | null;
  unit: { code: string };
  areaTypes: string[];
  counts: Record<string, number | null>;
  criteria: {
    overall: string;
    results: {
      code: string;
      kind: string;
      value: number | boolean | null;
      outcome: string;
      threshold: number | null;
    }[];
  };
  risk: { atRisk: boolean; reasons: { code: string; message: { vi: string; en: string } }[] };
}
interface TrackingAnswer {
  window: { from: string; to: string; asOf: string };
  sameWindowLastYear: { from: string; to: string };
  communes: TrackingCommune[];
  atRisk: number;
}

let database: Database;
let planner: SignedInClient;
let homeCommander: SignedInClient;
let app: ReturnType<typeof appFor>;
let directory: string;

function send(client: SignedInClient, method: string, path: string, body?: unknown) {
  return client.request(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function created(response: Response | Promise<Response>): Promise<{ id: number }> {
  const answered = await response;
  const body = (await answered.json()) as { id: number };
  expect([answered.status, body]).toEqual([201, body]);
  return body;
}

async function decide(kind: string, number: string, date: string, year: number, province = HOME) {
  return (
    await created(
      send(planner, 'POST', '/api/programme/decisions', {
        province,
        kind,
        number,
        date,
        year,
        signer: 'Trưởng Ban Chỉ đạo',
      }),
    )
  ).id;
}

async function cycle(unit: string, year: number, steps: [string, string, number?][]) {
  const [[status, date, decisionId], ...rest] = steps as [
    [string, string, number?],
    ...[string, string, number?][],
  ];
  const { id } = await created(
    send(planner, 'POST', '/api/programme/cycles', { unit, year, status, date, decisionId }),
  );
  for (const [next, on, decision] of rest) {
    const response = await send(planner, 'POST', `/api/programme/cycles/${id}/transitions`, {
      status: next,
      date: on,
      ...(decision === undefined ? {} : { decisionId: decision }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }
}

function flashpoint(longitude: number, latitude: number, history: [string, string][]) {
  const stamp = '2025-01-01T00:00:00.000Z';
  const [status, since] = history[history.length - 1] as [string, string];
  const site = insertFlashpoint(database, {
    kind: 'other',
    title: 'Điểm nóng',
    geometry: JSON.stringify({ type: 'Point', coordinates: [longitude, latitude] }),
    anchorLongitude: longitude,
    anchorLatitude: latitude,
    severity: 'low',
    status,
    statusSince: since,
    createdAt: stamp,
    createdBy: 'test',
    updatedAt: stamp,
    updatedBy: 'test',
  });
  for (const [entry, date] of history) {
    addFlashpointStatus(database, site.id, { status: entry, date, note: null, actor: 'test', at: stamp });
  }
}

async function track(client: SignedInClient, query: string): Promise<Response> {
  return client.request(`/api/programme/tracking?${query}`);
}

async function tracking(client: SignedInClient, query: string): Promise<TrackingAnswer> {
  const response = await track(client, query);
  const body = (await response.json()) as TrackingAnswer;
  expect([response.status, body]).toEqual([200, body]);
  return body;
}

const byCode = (answer: TrackingAnswer, code: string) =>
  answer.communes.find((commune) => commune.unit.code === code) as TrackingCommune;
const criterionOf = (commune: TrackingCommune, code: string) =>
  commune.criteria.results.find((result) => result.code === code);

beforeAll(async () => {
  database = await databaseWithTinyProvince();
  await importBoundaryFile(database, fixturePath('neighbouring-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    append: true,
  });
  // Points inside each commune's square (tiny-province.geojson, neighbouring-province.geojson).
  const at: Record<string, [number, number]> = {
    '90001': [105.52, 10.02],
    '90002': [105.57, 10.02],
    '90003': [105.52, 10.07],
    '90004': [105.57, 10.07],
    '92001': [105.62, 10.02],
  };
  const rows: [string, string, string, string][] = [
    // 90001: 5 in the window, 3 cleared, 1 very serious (cleared); 2 cùng kỳ; 1 after "today" that
    // the window so far leaves out, and 1 before cùng kỳ.
    ['90001', '20/12/2024', 'Rất nghiêm trọng', 'Có'],
    ['90001', '10/01/2025', '', 'Có'],
    ['90001', '11/02/2025', '', 'Có'],
    ['90001', '12/03/2025', '', 'Không'],
    ['90001', '13/04/2025', '', ''],
    ['90001', '05/01/2024', '', 'Có'],
    ['90001', '05/05/2024', '', 'Có'],
    ['90001', '10/12/2023', '', 'Có'],
    // 90002: 4 against 2, all cleared.
    ['90002', '01/01/2025', '', 'Có'],
    ['90002', '02/01/2025', '', 'Có'],
    ['90002', '03/01/2025', '', 'Có'],
    ['90002', '04/01/2025', '', 'Có'],
    ['90002', '01/01/2024', '', 'Có'],
    ['90002', '02/01/2024', '', 'Có'],
    // 90003: 3 against none.
    ['90003', '01/02/2025', '', 'Có'],
    ['90003', '02/02/2025', '', 'Có'],
    ['90003', '03/02/2025', '', 'Có'],
    // 90004: 4 against none, but only proposed.
    ['90004', '01/02/2025', '', 'Có'],
    ['90004', '02/02/2025', '', 'Có'],
    ['90004', '03/02/2025', '', 'Có'],
    ['90004', '04/02/2025', '', 'Có'],
    // 92001: 4 against none.
    ['92001', '01/02/2025', '', 'Có'],
    ['92001', '02/02/2025', '', 'Có'],
    ['92001', '03/02/2025', '', 'Có'],
    ['92001', '04/02/2025', '', 'Có'],
  ];
  directory = mkdtempSync(join(tmpdir(), 'diaban-tracking-'));
  const path = join(directory, 'incidents.csv');
  const lines = rows.map(([code, date, severity, cleared], index) => {
    const [longitude, latitude] = at[code] as [number, number];
    return `${date};${longitude};${latitude};Đánh bạc;${severity};${cleared};TR-${index}`;
  });
  writeFileSync(
    path,
    `${['Ngày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc;Mức độ;Đã khám phá;Số hiệu', ...lines].join('\n')}\n`,
  );
  const report = await importIncidentFile(database, new UnitLocator(database), path);
  expect(report.rejected).toBe(0);

  flashpoint(105.521, 10.021, [['arising', '2025-02-01']]);
  flashpoint(105.571, 10.021, [
    ['arising', '2024-03-01'],
    ['resolved', '2025-01-15'],
  ]);

  app = appFor(database, TODAY);
  planner = await signIn(app, database, 'planner');
  homeCommander = await signIn(app, database, 'commander', { kind: 'provinces', provinces: [HOME] });

  const selection23 = await decide('selection', '37/QĐ-BCĐ', '2023-03-31', 2023);
  const recognition23 = await decide('recognition', '21/QĐ-BCĐ', '2024-03-06', 2023);
  const selection25 = await decide('selection', '8/QĐ-BCĐ', '2025-01-10', 2025);
  const neighbourSelection25 = await decide('selection', '3/QĐ-BCĐ', '2025-01-12', 2025, NEIGHBOUR);
  const working = (selection: number, date = '2025-01-10'): [string, string, number?][] => [
    ['selected', date, selection],
    ['in-progress', '2025-02-01'],
  ];
  await cycle('90001', 2025, working(selection25));
  await cycle('90002', 2025, working(selection25));
  await cycle('90003', 2023, [
    ['selected', '2023-03-31', selection23],
    ['in-progress', '2023-04-15'],
    ['half-year-review', '2023-07-20'],
    ['assessed-achieved', '2024-03-06', recognition23],
    ['monitoring', '2024-03-06'],
  ]);
  await cycle('90004', 2025, [['proposed', '2025-01-05']]);
  await cycle('92001', 2025, working(neighbourSelection25, '2025-01-12'));
  await created(
    send(planner, 'POST', '/api/programme/designations', {
      unit: '90001',
      year: 2025,
      kind: 'area-type',
      level: '2',
    }),
  );
  await created(
    send(planner, 'POST', '/api/programme/designations', {
      unit: '90001',
      year: 2025,
      kind: 'area-type',
      level: '1',
    }),
  );
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('GET /api/programme/tracking', () => {
  it('computes each commune’s criteria over the window so far, equal to hand counts', async () => {
    const answer = await tracking(planner, 'year=2025&era=test-2021');
    expect(answer.window).toEqual({ from: '2024-12-15', to: '2025-12-14', asOf: '2025-06-01' });
    expect(answer.sameWindowLastYear).toEqual({ from: '2023-12-15', to: '2024-06-01' });
    expect(answer.communes.map((commune) => [commune.unit.code, commune.role, commune.status])).toEqual([
      ['90001', 'year', 'in-progress'],
      ['90002', 'year', 'in-progress'],
      ['90004', 'year', 'proposed'],
      ['92001', 'year', 'in-progress'],
      ['90003', 'monitoring', 'monitoring'],
    ]);
    const first = byCode(answer, '90001');
    expect(first.counts).toEqual({
      incidents: 5,
      incidentsSameWindowLastYear: 2,
      cleared: 3,
      verySerious: 1,
      verySeriousCleared: 1,
      flashpointsFormed: 1,
      crimeReportsReceived: null,
      crimeReportsHandled: null,
      selfManagementModels: null,
    });
    expect(first.areaTypes).toEqual(['1', '2']);
    expect(criterionOf(first, 'clearance-rate')).toMatchObject({
      value: 60,
      outcome: 'not-met',
      threshold: 80,
    });
    expect(criterionOf(first, 'very-serious-clearance-rate')).toMatchObject({ value: 100, outcome: 'met' });
    expect(criterionOf(first, 'flashpoints-formed')).toMatchObject({ value: 1, outcome: 'not-met' });
    expect(criterionOf(first, 'incidents-change-vs-same-window')).toMatchObject({
      value: 150,
      outcome: 'not-met',
    });
    // No monthly figures and no entered values yet: missing.
    expect(criterionOf(first, 'crime-reports-handled-rate')?.outcome).toBe('missing');
    expect(criterionOf(first, 'no-organised-crime')).toMatchObject({ kind: 'entered', outcome: 'missing' });
    expect(first.criteria.overall).toBe('not-achieved');

    const second = byCode(answer, '90002');
    expect(second.counts).toMatchObject({ incidents: 4, incidentsSameWindowLastYear: 2, cleared: 4 });
    expect(second.counts.flashpointsFormed).toBe(0);
    expect(criterionOf(second, 'very-serious-clearance-rate')).toMatchObject({
      value: null,
      outcome: 'not-applicable',
    });
    expect(criterionOf(second, 'incidents-change-vs-same-window')).toMatchObject({ value: 100 });
    // Only the window has incidents: no percentage of 0, the value is missing.
    expect(criterionOf(byCode(answer, '90003'), 'incidents-change-vs-same-window')).toMatchObject({
      value: null,
      outcome: 'missing',
    });
  });

  it('raises the risk flags at the thresholds, for communes in progress and those monitored', async () => {
    const answer = await tracking(planner, 'year=2025');
    const reasons = (code: string) => byCode(answer, code).risk.reasons.map((reason) => reason.code);
    expect(reasons('90001')).toEqual(['incidents-up', 'flashpoints-formed', 'clearance-below-threshold']);
    expect(byCode(answer, '90001').risk.reasons[0]?.message.vi).toContain('5 so với 2');
    expect(reasons('90002')).toEqual([]);
    expect(reasons('90003')).toEqual(['incidents-up']);
    expect(reasons('90004')).toEqual([]);
    expect(reasons('92001')).toEqual(['incidents-up']);
    expect(answer.atRisk).toBe(3);
  });

  it('follows the rules for an increase: at least 3 more and more than 20 %', () => {
    expect(incidentsRose(13, 10)).toBe(true);
    expect(incidentsRose(12, 10)).toBe(false);
    expect(incidentsRose(3, 0)).toBe(true);
    expect(incidentsRose(2, 0)).toBe(false);
    expect(incidentsRose(30, 26)).toBe(false);
    expect(reportingMonthsWithin({ from: '2024-12-15', to: '2025-12-14' }, '2025-03-20')).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
    ]);
  });

  it('does not hold a commune without any incident to a reduction', () => {
    const quiet = {
      incidents: 0,
      incidentsSameWindowLastYear: 0,
      cleared: 0,
      verySerious: 0,
      verySeriousCleared: 0,
      flashpointsFormed: 0,
      crimeReportsReceived: null,
      crimeReportsHandled: null,
      selfManagementModels: null,
    };
    expect(computedValues(quiet)['incidents-change-vs-same-window']).toEqual({
      value: 0,
      notApplicable: true,
    });
    expect(
      computedValues({ ...quiet, incidentsSameWindowLastYear: 4 })['incidents-change-vs-same-window'],
    ).toEqual({
      value: -100,
    });
  });

  it('keeps to the account’s area', async () => {
    const answer = await tracking(homeCommander, 'year=2025');
    expect(answer.communes.map((commune) => commune.unit.code).sort()).toEqual([
      '90001',
      '90002',
      '90003',
      '90004',
    ]);
    expect((await track(homeCommander, 'year=2025&unit=92001')).status).toBe(403);
    const one = await tracking(homeCommander, 'year=2025&unit=90001');
    expect(one.communes.map((commune) => commune.unit.code)).toEqual(['90001']);
    const analyst = await signIn(app, database, 'analyst');
    expect((await track(analyst, 'year=2025')).status).toBe(403);
  });

  it('answers a bad request with a bilingual 400 or 404', async () => {
    for (const query of ['', 'year=1990', 'year=abcd', 'year=2025&colour=red']) {
      const response = await track(planner, query);
      const body = (await response.json()) as { error: { message: { vi: string; en: string } } };
      expect([query, response.status]).toEqual([query, 400]);
      expect(body.error.message.vi.length).toBeGreaterThan(3);
      expect(body.error.message.en.length).toBeGreaterThan(3);
    }
    expect((await track(planner, 'year=2025&era=none')).status).toBe(404);
    expect((await track(planner, 'year=2025&unit=99999')).status).toBe(404);
  });
});
