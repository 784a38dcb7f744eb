import { beforeAll, describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { appFor, databaseWithTinyProvince, fixturePath, type SignedInClient, signIn } from './helpers';

/*
 * Entered criteria with evidence (POST/GET /api/programme/criterion-entries) and what they change in the
 * tracking (GET /api/programme/tracking). "Today" is 01/06/2025. The 2025 criteria set is stored with two
 * entered criteria (a yes-no one, a rate below 15 %) and one computed (no flashpoint formed, met: there is
 * none), so the overall result moves only with the entries: incomplete → achieved → not achieved.
 * 2024 keeps the published examples. Communes 9000x lie in the home province, 92001 in the neighbouring one.
 */

const TODAY = '2025-06-01T03:00:00Z';
const HOME = 'Tỉnh Thử Nghiệm';
const ROUTE = '/api/programme/criterion-entries';
const EVIDENCE = ['Biên bản số 12/BB-CAX ngày 03/11/2025'];

interface Problem {
  error: { code: string; message: { vi: string; en: string } };
}

interface EntryView {
  id: number;
  era: string;
  unit: { code: string; name: string; fullName: string };
  year: number;
  criterion: { code: string; nameVi: string; nameEn: string; inCurrentSet: boolean };
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: string[];
  note: string | null;
  enteredAt: string;
  enteredBy: string;
  inForce: boolean;
}

interface EntriesAnswer {
  era: string;
  year: number | null;
  unit: string | null;
  current: EntryView[];
  history: EntryView[];
  entry?: EntryView;
}

interface TrackedCriterion {
  code: string;
  kind: string;
  value: number | boolean | null;
  outcome: string;
  missingReason: { vi: string; en: string } | null;
  entry: {
    value: number | boolean | null;
    notApplicable: boolean;
    evidence: string[];
    note: string | null;
    enteredAt: string;
    enteredBy: string;
  } | null;
}

interface TrackedCommune {
  unit: { code: string };
  criteria: { overall: string; met: number; notMet: number; missing: number; results: TrackedCriterion[] };
}

let database: Database;
let app: ReturnType<typeof appFor>;
let planner: SignedInClient;
let homePlanner: SignedInClient;
let viewer: SignedInClient;
let admin: SignedInClient;

function send(client: SignedInClient, method: string, path: string, body?: unknown) {
  return client.request(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
  const answered = await response;
  const body = (await answered.json()) as T;
  expect([answered.status, body]).toEqual([status, body]);
  return body;
}

async function expectProblem(
  response: Response | Promise<Response>,
  status: number,
  pattern?: RegExp,
): Promise<Problem> {
  const answered = await response;
  const body = (await answered.json()) as Problem;
  expect([answered.status, body]).toMatchObject([status, { error: { message: {} } }]);
  expect(body.error.message.vi.length).toBeGreaterThan(5);
  expect(body.error.message.en.length).toBeGreaterThan(5);
  if (pattern) expect(`${body.error.message.vi} | ${body.error.message.en}`).toMatch(pattern);
  return body;
}

const enter = (client: SignedInClient, body: Record<string, unknown>) => send(client, 'POST', ROUTE, body);

async function entered(client: SignedInClient, body: Record<string, unknown>): Promise<EntriesAnswer> {
  return ok<EntriesAnswer>(enter(client, { evidence: EVIDENCE, ...body }), 201);
}

async function commune(code: string, year = 2025): Promise<TrackedCommune> {
  const answer = await ok<{ communes: TrackedCommune[] }>(
    planner.request(`/api/programme/tracking?year=${year}&era=test-2021&unit=${code}`),
  );
  return answer.communes.find((entry) => entry.unit.code === code) as TrackedCommune;
}

const criterionOf = (entry: TrackedCommune, code: string) =>
  entry.criteria.results.find((result) => result.code === code) as TrackedCriterion;

async function cycle(client: SignedInClient, unit: string, year: number) {
  await ok(
    send(client, 'POST', '/api/programme/cycles', { unit, year, status: 'proposed', date: `${year}-01-05` }),
    201,
  );
}

beforeAll(async () => {
  database = await databaseWithTinyProvince();
  await importBoundaryFile(database, fixturePath('neighbouring-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    append: true,
  });
  app = appFor(database, TODAY);
  planner = await signIn(app, database, 'planner');
  homePlanner = await signIn(app, database, 'planner', { kind: 'provinces', provinces: [HOME] });
  viewer = await signIn(app, database, 'viewer');
  admin = await signIn(app, database, 'admin');
  await ok(
    send(admin, 'PUT', '/api/programme/criteria/2025', {
      source: 'Kế hoạch thử nghiệm',
      groups: [
        {
          code: 'organised-crime',
          nameVi: 'Tội phạm có tổ chức',
          nameEn: 'Organised crime',
          criteria: [
            {
              code: 'no-organised-crime',
              nameVi: 'Không có tội phạm có tổ chức',
              nameEn: 'No organised crime',
              kind: 'entered',
              comparison: 'yes-no',
            },
          ],
        },
        {
          code: 'recidivism',
          nameVi: 'Tái phạm',
          nameEn: 'Re-offending',
          criteria: [
            {
              code: 'recidivism-rate',
              nameVi: 'Tỷ lệ tái phạm',
              nameEn: 'Re-offending rate',
              kind: 'entered',
              comparison: 'less-than',
              threshold: 15,
              unitVi: '%',
              unitEn: '%',
            },
          ],
        },
        {
          code: 'hot-spots',
          nameVi: 'Điểm nóng',
          nameEn: 'Flashpoints',
          criteria: [
            {
              code: 'flashpoints-formed',
              nameVi: 'Không phát sinh điểm nóng',
              nameEn: 'No flashpoint formed',
              kind: 'computed',
              source: 'flashpoints-formed',
              comparison: 'equal',
              threshold: 0,
            },
          ],
        },
      ],
    }),
  );
  for (const code of ['90001', '90002', '90003', '92001']) await cycle(planner, code, 2025);
  await cycle(planner, '90001', 2024);
});

describe('entering a criterion with evidence', () => {
  it('stores the value with its evidence, who entered it and when, and the tracking judges it', async () => {
    const before = await commune('90001');
    expect(before.criteria.overall).toBe('incomplete');
    expect(criterionOf(before, 'no-organised-crime')).toMatchObject({ outcome: 'missing', entry: null });
    expect(criterionOf(before, 'flashpoints-formed')).toMatchObject({ outcome: 'met', entry: null });

    const answer = await entered(planner, {
      era: 'test-2021',
      unit: '90001',
      year: 2025,
      criterion: 'no-organised-crime',
      value: true,
      evidence: ['  Biên bản số 12/BB-CAX ngày 03/11/2025 ', '', 'Báo cáo số 45/BC-UBND'],
      note: 'Đã rà soát',
    });
    expect(answer.entry).toMatchObject({
      era: 'test-2021',
      unit: { code: '90001' },
      year: 2025,
      criterion: { code: 'no-organised-crime', nameVi: 'Không có tội phạm có tổ chức', inCurrentSet: true },
      value: true,
      notApplicable: false,
      // Trimmed, blank lines dropped.
      evidence: ['Biên bản số 12/BB-CAX ngày 03/11/2025', 'Báo cáo số 45/BC-UBND'],
      note: 'Đã rà soát',
      enteredAt: '2025-06-01T03:00:00.000Z',
      enteredBy: planner.username,
      inForce: true,
    });

    const after = await commune('90001');
    expect(criterionOf(after, 'no-organised-crime')).toMatchObject({
      value: true,
      outcome: 'met',
      entry: {
        value: true,
        evidence: ['Biên bản số 12/BB-CAX ngày 03/11/2025', 'Báo cáo số 45/BC-UBND'],
        note: 'Đã rà soát',
        enteredBy: planner.username,
        enteredAt: '2025-06-01T03:00:00.000Z',
      },
    });
    // The rate is still missing.
    expect(after.criteria).toMatchObject({ overall: 'incomplete', met: 2, missing: 1 });
  });

  it('moves the overall result from incomplete to achieved, then not achieved, keeping the history', async () => {
    const base = { era: 'test-2021', unit: '90002', year: 2025 };
    await entered(planner, { ...base, criterion: 'no-organised-crime', value: true });
    expect((await commune('90002')).criteria.overall).toBe('incomplete');
    await entered(planner, { ...base, criterion: 'recidivism-rate', value: 10 });
    expect((await commune('90002')).criteria).toMatchObject({ overall: 'achieved', met: 3, missing: 0 });

    // A later entry replaces it: 20 % is not below 15 %.
    await entered(planner, { ...base, criterion: 'recidivism-rate', value: 20, note: 'Số liệu quý II' });
    const failed = await commune('90002');
    expect(failed.criteria.overall).toBe('not-achieved');
    expect(criterionOf(failed, 'recidivism-rate')).toMatchObject({ value: 20, outcome: 'not-met' });

    const listed = await ok<EntriesAnswer>(planner.request(`${ROUTE}?year=2025&era=test-2021&unit=90002`));
    expect(listed).toMatchObject({ era: 'test-2021', year: 2025, unit: '90002' });
    expect(listed.current.map((entry) => [entry.criterion.code, entry.value])).toEqual([
      ['recidivism-rate', 20],
      ['no-organised-crime', true],
    ]);
    expect(listed.history.map((entry) => [entry.criterion.code, entry.value, entry.inForce])).toEqual([
      ['recidivism-rate', 20, true],
      ['recidivism-rate', 10, false],
      ['no-organised-crime', true, true],
    ]);

    // Not applicable (with evidence) does not hold the commune back.
    await entered(planner, { ...base, criterion: 'recidivism-rate', value: null, notApplicable: true });
    const exempt = await commune('90002');
    expect(criterionOf(exempt, 'recidivism-rate')).toMatchObject({ outcome: 'not-applicable' });
    expect(exempt.criteria.overall).toBe('achieved');

    // A "no" fails the commune whatever else.
    await entered(planner, { ...base, criterion: 'no-organised-crime', value: false });
    expect((await commune('90002')).criteria.overall).toBe('not-achieved');
  });

  it('keeps the years apart and judges the published examples of a year without a stored set', async () => {
    await entered(planner, {
      era: 'test-2021',
      unit: '90001',
      year: 2024,
      criterion: 'political-system-consolidated',
      value: true,
    });
    const earlier = await commune('90001', 2024);
    expect(criterionOf(earlier, 'political-system-consolidated')).toMatchObject({ outcome: 'met' });
    expect(criterionOf(earlier, 'no-organised-crime')).toMatchObject({ outcome: 'missing' });
    const all = await ok<EntriesAnswer>(planner.request(`${ROUTE}?era=test-2021&unit=90001`));
    expect(all.history.map((entry) => [entry.year, entry.criterion.code])).toEqual([
      [2024, 'political-system-consolidated'],
      [2025, 'no-organised-crime'],
    ]);
  });

  it('audits every entry with the value it replaced', async () => {
    const base = { era: 'test-2021', unit: '90003', year: 2025, criterion: 'recidivism-rate' };
    await entered(planner, { ...base, value: 12 });
    await entered(planner, { ...base, value: 8.5, evidence: ['Báo cáo số 7/BC-CAX ngày 01/06/2025'] });
    const records = listAuditRecords(database, { action: 'programme.criterion.enter', limit: 100 })
      .filter((record) => record.target === 'programme-criterion:test-2021/90003/2025/recidivism-rate')
      .reverse();
    expect(
      records.map((record) => [
        record.actor,
        JSON.parse(record.before ?? 'null'),
        JSON.parse(record.after ?? 'null'),
      ]),
    ).toEqual([
      [planner.username, null, expect.objectContaining({ value: 12, evidence: EVIDENCE })],
      [
        planner.username,
        { value: 12, notApplicable: false, evidence: EVIDENCE },
        expect.objectContaining({ value: 8.5, evidence: ['Báo cáo số 7/BC-CAX ngày 01/06/2025'] }),
      ],
    ]);
  });

  it('shows a reader only the entries of the area', async () => {
    await entered(planner, {
      era: 'test-2021',
      unit: '92001',
      year: 2025,
      criterion: 'no-organised-crime',
      value: true,
    });
    const everywhere = await ok<EntriesAnswer>(planner.request(`${ROUTE}?year=2025&era=test-2021`));
    expect(everywhere.current.some((entry) => entry.unit.code === '92001')).toBe(true);
    const home = await ok<EntriesAnswer>(homePlanner.request(`${ROUTE}?year=2025&era=test-2021`));
    expect(home.current.length).toBeGreaterThan(0);
    expect(home.current.every((entry) => entry.unit.code.startsWith('900'))).toBe(true);
    const read = await ok<EntriesAnswer>(viewer.request(`${ROUTE}?year=2025&era=test-2021&unit=90001`));
    expect(read.current.map((entry) => entry.criterion.code)).toEqual(['no-organised-crime']);
  });
});

describe('refusals', () => {
  const base = {
    era: 'test-2021',
    unit: '90004',
    year: 2025,
    criterion: 'no-organised-crime',
    value: true,
    evidence: EVIDENCE,
  };

  it('refuses a computed criterion and one not in the year’s set', async () => {
    await expectProblem(
      enter(planner, { ...base, criterion: 'flashpoints-formed', value: 0 }),
      400,
      /tính từ dữ liệu.*computed/,
    );
    // In the published examples of 2024, the clearance rate is computed too.
    await expectProblem(
      enter(planner, { ...base, year: 2024, criterion: 'clearance-rate', value: 90 }),
      400,
      /computed/,
    );
    await expectProblem(
      enter(planner, { ...base, criterion: 'households-reached-rate', value: 100 }),
      400,
      /không có tiêu chí.*has no criterion/,
    );
  });

  it('refuses an entry without evidence', async () => {
    await expectProblem(enter(planner, { ...base, evidence: [] }), 400, /evidence/);
    await expectProblem(enter(planner, { ...base, evidence: ['   ', ''] }), 400, /tài liệu chứng minh/);
    const { evidence: _left, ...withoutEvidence } = base;
    await expectProblem(enter(planner, withoutEvidence), 400, /evidence/);
    await expectProblem(enter(planner, { ...base, evidence: 'Biên bản số 12' }), 400, /evidence/);
    await expectProblem(enter(planner, { ...base, evidence: ['x'.repeat(501)] }), 400, /evidence/);
  });

  it('refuses a value of the wrong type for the comparison', async () => {
    await expectProblem(enter(planner, { ...base, value: 1 }), 400, /có hoặc không.*yes or no/);
    await expectProblem(
      enter(planner, { ...base, criterion: 'recidivism-rate', value: true }),
      400,
      /con số.*number/,
    );
    await expectProblem(enter(planner, { ...base, value: 'có' }), 400, /value/);
    await expectProblem(enter(planner, { ...base, value: null }), 400, /không áp dụng.*not applicable/);
    await expectProblem(
      enter(planner, { ...base, value: true, notApplicable: true }),
      400,
      /không áp dụng.*not apply/,
    );
    await expectProblem(enter(planner, { ...base, notApplicable: 'yes' }), 400, /notApplicable/);
  });

  it('refuses malformed requests with a bilingual 400', async () => {
    await expectProblem(enter(planner, { ...base, year: 1999 }), 400, /year/);
    await expectProblem(enter(planner, { ...base, unit: '' }), 400, /unit/);
    await expectProblem(enter(planner, { ...base, extra: 1 }), 400);
    await expectProblem(enter(planner, { ...base, note: 'n'.repeat(2001) }), 400, /note/);
    await expectProblem(
      planner.request(ROUTE, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"unit":',
      }),
      400,
    );
    await expectProblem(planner.request(`${ROUTE}?year=20x5`), 400, /year/);
    await expectProblem(planner.request(`${ROUTE}?year=2025&other=1`), 400);
  });

  it('answers 404 for an unknown commune or era, 403 outside the area or without the permission', async () => {
    await expectProblem(enter(planner, { ...base, unit: '99999' }), 404, /99999/);
    await expectProblem(enter(planner, { ...base, era: 'no-such-era' }), 404, /no-such-era/);
    await expectProblem(planner.request(`${ROUTE}?era=test-2021&unit=99999`), 404);
    await expectProblem(enter(homePlanner, { ...base, unit: '92001' }), 403);
    await expectProblem(homePlanner.request(`${ROUTE}?year=2025&era=test-2021&unit=92001`), 403);
    await expectProblem(enter(viewer, base), 403);
    await expectProblem(enter(admin, base), 403);
    const anonymous = await app.request(ROUTE);
    expect(anonymous.status).toBe(401);
    // Nothing refused was stored.
    const listed = await ok<EntriesAnswer>(planner.request(`${ROUTE}?era=test-2021&unit=90004`));
    expect(listed.history).toEqual([]);
  });
});
