import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { importIncidentFile } from '../geodata/import/import-incidents';
import { type Database, openDatabase } from '../server/db/database';
import { findEraByLabel } from '../server/db/queries/eras';
import { insertCycle, insertDesignation, insertTransition } from '../server/db/queries/programme-cycles';
import { addFlashpointStatus, insertFlashpoint } from '../server/db/queries/records';
import { CommuneGeometryCache, type EraCommuneGeometry } from '../server/services/commune-geometry';
import { UnitLocator } from '../server/services/unit-locator';
import { appFor, type SignedInClient, sharedPath, signIn } from './helpers';

/*
 * Candidate ranking and the suggested list over Kiên Giang's real communes: indicators against hand counts,
 * each constraint at its edge, contributions adding up to the score, the account's area, and a suggestion
 * that keeps its carry-over and says which constraint it cannot meet.
 */

const kienGiang = sharedPath('geodata/kien_giang_communes_2021.geojson');
const TODAY = '2025-06-01T03:00:00Z';
const UTM_48N = '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs';
const toLongitudeLatitude = (x: number, y: number) =>
  proj4('+proj=longlat +datum=WGS84 +no_defs', UTM_48N).inverse([x, y]) as [number, number];

interface Candidate {
  code: string;
  district: string | null;
  score: number;
  rank: number;
  factors: { code: string; raw: number | null; contribution: number; imputed: boolean }[];
  indicators: Record<string, number | null>;
  constraints: { passed: string[]; nearestFlashpointMetres?: number };
}
interface CandidatesAnswer {
  computation: { counts: { analysed: number; passed: number; returned: number }; window: { from: string } };
  candidates: Candidate[];
}

const ALL_FACTORS = [
  'incident-rate-per-1000',
  'incident-count',
  'incident-change-vs-same-window',
  'very-serious-cases',
  'drug-offences',
  'open-flashpoints',
  'active-vice-spots',
  'gistar-z',
  'hot-spot-membership',
  'earlier-relapse',
  'years-since-last-transformed',
  'drug-rating-level',
].map((code, index) => ({ code, weight: 1 + index }));

interface Fixture {
  database: Database;
  geometry: EraCommuneGeometry;
  codes: string[];
  /** Indexes (code order) of: the commune with most neighbours, one of its neighbours, a far commune. */
  centre: number;
  neighbour: number;
  far: number;
  carried: number;
  relapsed: number;
  planner: SignedInClient;
  directory: string;
}

let fixture: Fixture;

async function build(): Promise<Fixture> {
  const database = openDatabase();
  await importBoundaryFile(database, kienGiang, {
    era: 'kien-giang',
    validFrom: '2021-07-01',
    level: 'commune',
  });
  const era = findEraByLabel(database, 'kien-giang');
  if (!era) throw new Error('era missing');
  const geometry = new CommuneGeometryCache(database).forEra(era);
  const codes = (
    database.$client
      .prepare("SELECT code FROM units WHERE era_id = ? AND level = 'commune' ORDER BY code")
      .all(era.id) as { code: string }[]
  ).map((row) => row.code);
  const degree = (index: number) =>
    (geometry.queen.offsets[index + 1] as number) - (geometry.queen.offsets[index] as number);
  let centre = 0;
  for (let index = 0; index < codes.length; index++) if (degree(index) > degree(centre)) centre = index;
  const neighbour = geometry.queen.neighbours[geometry.queen.offsets[centre] as number] as number;
  // The commune whose centroid is farthest from the centre's, and two others with a history.
  let far = 0;
  const distance = (first: number, second: number) =>
    Math.hypot(
      (geometry.x[first] as number) - (geometry.x[second] as number),
      (geometry.y[first] as number) - (geometry.y[second] as number),
    );
  for (let index = 0; index < codes.length; index++)
    if (distance(index, centre) > distance(far, centre)) far = index;
  const others = codes.map((_, index) => index).filter((index) => ![centre, neighbour, far].includes(index));
  const carried = others[10] as number;
  const relapsed = others[20] as number;

  // Incidents at the centroid of the centre: 5 in the 2024 window (2 very serious, 1 drug), 2 a year earlier.
  const [longitude, latitude] = toLongitudeLatitude(
    geometry.x[centre] as number,
    geometry.y[centre] as number,
  );
  const lines = [
    ['05/03/2024', 'Đánh bạc', 'Rất nghiêm trọng'],
    ['06/03/2024', 'Đánh bạc', 'Đặc biệt nghiêm trọng'],
    ['07/03/2024', 'Tội phạm về ma túy', 'Nghiêm trọng'],
    ['08/03/2024', 'Đánh bạc', 'Ít nghiêm trọng'],
    ['09/03/2024', 'Đánh bạc', ''],
    ['05/03/2023', 'Đánh bạc', ''],
    ['06/03/2023', 'Đánh bạc', ''],
  ].map(
    ([date, category, severity], index) =>
      `${date};${longitude};${latitude};${category};${severity};HS-${index}`,
  );
  const directory = mkdtempSync(join(tmpdir(), 'diaban-candidates-'));
  const path = join(directory, 'incidents.csv');
  writeFileSync(path, `${['Ngày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc;Mức độ;Số hiệu', ...lines].join('\n')}\n`);
  const report = await importIncidentFile(database, new UnitLocator(database), path);
  expect(report.rejected).toBe(0);
  database.$client
    .prepare('UPDATE units SET population = 5000 WHERE era_id = ? AND code = ?')
    .run(era.id, codes[centre]);
  // The far commune without population: its rate is missing.
  database.$client
    .prepare('UPDATE units SET population = NULL WHERE era_id = ? AND code = ?')
    .run(era.id, codes[far]);

  // An open flashpoint at the centre's centroid, a closed one at the far commune's.
  const now = '2025-01-01T00:00:00.000Z';
  const stamps = { createdAt: now, createdBy: 'test', updatedAt: now, updatedBy: 'test' };
  for (const [index, status] of [
    [centre, 'arising'],
    [far, 'resolved'],
  ] as const) {
    const [siteLongitude, siteLatitude] = toLongitudeLatitude(
      geometry.x[index] as number,
      geometry.y[index] as number,
    );
    const site = insertFlashpoint(database, {
      kind: 'other',
      title: 'Điểm nóng',
      geometry: JSON.stringify({ type: 'Point', coordinates: [siteLongitude, siteLatitude] }),
      anchorLongitude: siteLongitude,
      anchorLatitude: siteLatitude,
      severity: 'low',
      status,
      statusSince: '2024-06-01',
      ...stamps,
    });
    addFlashpointStatus(database, site.id, {
      status,
      date: '2024-06-01',
      note: null,
      actor: 'test',
      at: now,
    });
  }

  // The programme: centre selected in 2024; neighbour selected in 2022; `carried` chưa đạt in 2023;
  // `relapsed` đạt in 2021 then relapsed; the far commune on the Ministry's list in 2024, rated loại II.
  const cycle = (index: number, year: number, statuses: string[]) => {
    const cycleId = insertCycle(database, {
      eraId: era.id,
      unitCode: codes[index] as string,
      year,
      createdAt: now,
      createdBy: 'test',
    });
    statuses.forEach((status, step) => {
      insertTransition(database, {
        cycleId,
        status: status as 'selected',
        date: `${year}-0${step + 4}-01`,
        decisionId: null,
        reason: null,
        actor: 'test',
        recordedAt: now,
      });
    });
  };
  cycle(centre, 2024, ['selected']);
  cycle(neighbour, 2022, ['selected']);
  cycle(carried, 2023, ['selected', 'in-progress', 'half-year-review', 'assessed-not-achieved']);
  cycle(relapsed, 2021, [
    'selected',
    'in-progress',
    'half-year-review',
    'assessed-achieved',
    'monitoring',
    'relapsed',
  ]);
  const designation = {
    eraId: era.id,
    unitCode: codes[far] as string,
    year: 2024,
    createdAt: now,
    createdBy: 'test',
  };
  insertDesignation(database, { ...designation, kind: 'ministry-key-complex', level: '' });
  insertDesignation(database, { ...designation, kind: 'drug-rating', level: 'II' });

  const planner = await signIn(appFor(database, TODAY), database, 'planner');
  return { database, geometry, codes, centre, neighbour, far, carried, relapsed, planner, directory };
}

function post(client: SignedInClient, path: string, body: unknown) {
  return client.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function candidates(
  body: Record<string, unknown>,
  client = fixture.planner,
): Promise<CandidatesAnswer> {
  const response = await post(client, '/api/programme/candidates', {
    year: 2024,
    factors: ALL_FACTORS,
    normalisation: 'min-max',
    ...body,
  });
  const answer = (await response.json()) as CandidatesAnswer;
  expect([response.status, answer]).toEqual([200, answer]);
  return answer;
}

const codesOf = (answer: CandidatesAnswer) => answer.candidates.map((candidate) => candidate.code).sort();
const neighboursOf = (index: number) =>
  Array.from(
    fixture.geometry.queen.neighbours.subarray(
      fixture.geometry.queen.offsets[index] as number,
      fixture.geometry.queen.offsets[index + 1] as number,
    ),
    (neighbour) => fixture.codes[neighbour] as string,
  ).sort();

describe.skipIf(!existsSync(kienGiang))('programme candidates over real communes (Kiên Giang)', () => {
  beforeAll(async () => {
    fixture = await build();
  });
  afterAll(() => {
    if (fixture) rmSync(fixture.directory, { recursive: true, force: true });
  });

  it('computes each factor as counted by hand, and contributions add up to the score', async () => {
    const { codes, centre, neighbour, far, relapsed } = fixture;
    const answer = await candidates({});
    expect(answer.computation.counts).toMatchObject({ analysed: 144, passed: 144, returned: 144 });
    expect(answer.computation.window.from).toBe('2023-12-15');
    const byCode = new Map(answer.candidates.map((candidate) => [candidate.code, candidate]));
    expect(byCode.get(codes[centre] as string)?.indicators).toMatchObject({
      'incident-count': 5,
      'incident-rate-per-1000': 1,
      'incident-change-vs-same-window': 3,
      'very-serious-cases': 2,
      'drug-offences': 1,
      'open-flashpoints': 1,
      'active-vice-spots': 0,
      'earlier-relapse': 0,
      'years-since-last-transformed': 10,
      'drug-rating-level': null,
    });
    expect(byCode.get(codes[far] as string)?.indicators).toMatchObject({
      'incident-count': 0,
      'open-flashpoints': 0,
      'drug-rating-level': 2,
    });
    expect(byCode.get(codes[relapsed] as string)?.indicators).toMatchObject({
      'earlier-relapse': 1,
      'years-since-last-transformed': 3,
    });
    expect(byCode.get(codes[neighbour] as string)?.indicators['incident-change-vs-same-window']).toBe(0);
    // The centre has the most incidents: first by any weights that favour them.
    expect(answer.candidates[0]?.code).toBe(codes[centre]);
    answer.candidates.forEach((candidate, index) => {
      expect(candidate.rank).toBe(index + 1);
      const sum = candidate.factors.reduce((total, factor) => total + factor.contribution, 0);
      expect(sum).toBeCloseTo(candidate.score, 10);
      if (index > 0)
        expect(candidate.score).toBeLessThanOrEqual(answer.candidates[index - 1]?.score as number);
    });
    // A commune without population has its rate imputed, flagged.
    const rate = byCode
      .get(codes[far] as string)
      ?.factors.find((factor) => factor.code === 'incident-rate-per-1000');
    expect(rate).toMatchObject({ raw: null, imputed: true });
  });

  it('keeps communes within X km of an open flashpoint, at the edge of the distance', async () => {
    const { geometry, codes, centre, neighbour } = fixture;
    const metres = Math.hypot(
      (geometry.x[neighbour] as number) - (geometry.x[centre] as number),
      (geometry.y[neighbour] as number) - (geometry.y[centre] as number),
    );
    const inside = await candidates({ constraints: { nearOpenFlashpointsKm: (metres + 50) / 1000 } });
    expect(codesOf(inside)).toContain(codes[neighbour]);
    expect(codesOf(inside)).toContain(codes[centre]);
    const candidate = inside.candidates.find((entry) => entry.code === codes[neighbour]);
    expect(candidate?.constraints.passed).toEqual(['nearOpenFlashpointsKm']);
    expect(Math.abs((candidate?.constraints.nearestFlashpointMetres as number) - metres)).toBeLessThan(1);
    const outside = await candidates({ constraints: { nearOpenFlashpointsKm: (metres - 50) / 1000 } });
    expect(codesOf(outside)).not.toContain(codes[neighbour]);
    // The commune holding the flashpoint is always within; the closed one counts for nothing.
    expect(codesOf(outside)).toContain(codes[centre]);
    const tiny = await candidates({ constraints: { nearOpenFlashpointsKm: 0.001 } });
    expect(codesOf(tiny)).toEqual([codes[centre]]);
  });

  it('filters by a drawn polygon, adjacency, the years since last selected and hot spots', async () => {
    const { geometry, codes, centre, neighbour, far } = fixture;
    const [longitude, latitude] = toLongitudeLatitude(
      geometry.x[centre] as number,
      geometry.y[centre] as number,
    );
    const d = 0.003;
    const square = [
      [longitude - d, latitude - d],
      [longitude + d, latitude - d],
      [longitude + d, latitude + d],
      [longitude - d, latitude + d],
      [longitude - d, latitude - d],
    ];
    expect(
      codesOf(
        await candidates({ constraints: { withinPolygon: { type: 'Polygon', coordinates: [square] } } }),
      ),
    ).toEqual([codes[centre]]);
    expect(codesOf(await candidates({ constraints: { adjacentToSelected: true } }))).toEqual(
      neighboursOf(centre),
    );
    expect(codesOf(await candidates({ constraints: { adjacentToComplex: true } }))).toEqual(
      neighboursOf(far),
    );
    const lastTwo = codesOf(await candidates({ constraints: { notSelectedInLastYears: 2 } }));
    expect(lastTwo).toHaveLength(144 - 2);
    expect(lastTwo).not.toContain(codes[neighbour]);
    expect(lastTwo).toContain(codes[centre]);
    expect(codesOf(await candidates({ constraints: { notSelectedInLastYears: 1 } }))).toContain(
      codes[neighbour],
    );
    // Hot spots need a cluster: five incidents in one commune make none at 95 %.
    const hot = await candidates({ constraints: { nearHotSpotsKm: 5 } });
    expect(hot.computation.counts.passed).toBe(
      hot.candidates.filter((candidate) => candidate.constraints.passed.includes('nearHotSpotsKm')).length,
    );
    // Two constraints at once: both must hold.
    const both = await candidates({
      constraints: { adjacentToSelected: true, notSelectedInLastYears: 2 },
    });
    expect(codesOf(both)).toEqual(neighboursOf(centre).filter((code) => code !== codes[neighbour]));
  });

  it('keeps to the account’s area and refuses a place outside it', async () => {
    const { database, codes, centre, neighbour, far } = fixture;
    const app = appFor(database, TODAY);
    const limited = await signIn(app, database, 'planner', {
      kind: 'communes',
      communes: [codes[centre] as string, codes[neighbour] as string],
    });
    const answer = await candidates({}, limited);
    expect(codesOf(answer)).toEqual([codes[centre], codes[neighbour]].sort());
    const district = database.$client
      .prepare('SELECT district_name AS name FROM units WHERE code = ?')
      .get(codes[far]) as { name: string };
    const inArea = new Set(
      (
        database.$client
          .prepare('SELECT district_name AS name FROM units WHERE code IN (?, ?)')
          .all(codes[centre], codes[neighbour]) as { name: string }[]
      ).map((row) => row.name),
    );
    if (!inArea.has(district.name)) {
      const refused = await post(limited, '/api/programme/candidates', {
        year: 2024,
        factors: ALL_FACTORS,
        normalisation: 'rank',
        constraints: { district: district.name },
      });
      expect(refused.status).toBe(403);
    }
    const outside = await post(limited, '/api/programme/suggestion', {
      year: 2024,
      factors: ALL_FACTORS,
      normalisation: 'rank',
      size: 1,
      groupBy: 'district',
      include: [codes[far]],
    });
    expect(outside.status).toBe(403);
    for (const body of [
      { year: 2024, factors: [{ code: 'nothing', weight: 1 }], normalisation: 'rank' },
      { year: 2024, factors: ALL_FACTORS, normalisation: 'median' },
      { year: 2024, factors: ALL_FACTORS, normalisation: 'rank', constraints: { nearOpenFlashpointsKm: -1 } },
      { year: 2024, factors: ALL_FACTORS, normalisation: 'rank', constraints: { province: 'Tỉnh Không Có' } },
      { year: 2024, factors: ALL_FACTORS, normalisation: 'rank', from: '2024-05-01', to: '2024-01-01' },
    ]) {
      const response = await post(fixture.planner, '/api/programme/candidates', body);
      const problem = (await response.json()) as { error: { message: { vi: string; en: string } } };
      expect([
        response.status,
        problem.error.message.vi.length > 5,
        problem.error.message.en.length > 5,
      ]).toEqual([400, true, true]);
    }
  });

  it('suggests a list under its group limits, keeps the carry-over and says what it cannot meet', async () => {
    const { codes, centre, carried } = fixture;
    const response = await post(fixture.planner, '/api/programme/suggestion', {
      year: 2024,
      factors: ALL_FACTORS,
      normalisation: 'min-max',
      constraints: { nearOpenFlashpointsKm: 0.001 },
      size: 3,
      maximumPerGroup: 1,
      groupBy: 'district',
    });
    const answer = (await response.json()) as {
      feasible: boolean;
      problems: { code: string }[];
      communes: (Candidate & { reason: string; group: string; failedConstraints: string[] })[];
    };
    expect(response.status).toBe(200);
    const byCode = new Map(answer.communes.map((commune) => [commune.code, commune]));
    expect(byCode.get(codes[carried] as string)).toMatchObject({
      reason: 'carry-over',
      failedConstraints: ['nearOpenFlashpointsKm'],
    });
    expect(byCode.get(codes[centre] as string)?.reason).toBe('rank');
    // Only the centre passes the constraint: the list cannot reach 3, and says so.
    expect(answer.feasible).toBe(false);
    expect(answer.problems.map((problem) => problem.code)).toContain('not-enough-candidates');

    const grouped = await post(fixture.planner, '/api/programme/suggestion', {
      year: 2024,
      factors: ALL_FACTORS,
      normalisation: 'rank',
      size: 5,
      minimumPerGroup: 1,
      maximumPerGroup: 1,
      groupBy: 'district',
      includeCarryOvers: false,
    });
    const list = (await grouped.json()) as typeof answer;
    expect(list.communes).toHaveLength(5);
    expect(new Set(list.communes.map((commune) => commune.group)).size).toBe(5);
    expect(list.communes.map((commune) => commune.code)).not.toContain(codes[carried]);
    // Kiên Giang has more than 5 districts: a minimum of 1 each cannot fit in 5 places.
    expect(list.problems.map((problem) => problem.code)).toContain('minimums-over-size');
  });
});
