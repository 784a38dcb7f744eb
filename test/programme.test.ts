import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { appFor, databaseWithTinyProvince, fixturePath, type SignedInClient, signIn } from './helpers';

/*
 * The transformation programme through the API: cycles moved along the domain's transitions with their
 * decisions, the year's figures against the 60 % and 85 % targets computed from them, decisions with their
 * PDF, designations, criteria sets by version and the phases, with the account's area enforced and every
 * write audited. "Today" is 01/06/2025, after every date of the fixture.
 */

const TODAY = '2025-06-01T03:00:00Z';
const HOME = 'Tỉnh Thử Nghiệm';
const NEIGHBOUR = 'Tỉnh Bên Cạnh';

interface Problem {
  error: { code: string; message: { vi: string; en: string } };
}

interface CycleAnswer {
  id: number;
  year: number;
  status: string | null;
  since: string | null;
  carryOver: boolean;
  unit: { code: string };
  nextStatuses: { code: string; decision: string | null }[];
  history: { status: string; date: string; decision: { number: string } | null; reason: string | null }[];
  problem: unknown;
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
  const app = appFor(database, TODAY);
  const planner = await signIn(app, database, 'planner');
  return { database, app, planner };
}

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

async function expectProblem(response: Response, status: number, pattern?: RegExp): Promise<Problem> {
  const body = (await response.json()) as Problem;
  expect([response.status, body]).toMatchObject([status, { error: { message: {} } }]);
  expect(body.error.message.vi.length).toBeGreaterThan(5);
  expect(body.error.message.en.length).toBeGreaterThan(5);
  if (pattern) expect(`${body.error.message.vi} | ${body.error.message.en}`).toMatch(pattern);
  return body;
}

function auditActions(database: Database, prefix: string) {
  return listAuditRecords(database, { action: prefix, limit: 1000 }).reverse();
}

type DecisionKind = 'selection' | 'recognition' | 'removal';

async function decide(
  client: SignedInClient,
  kind: DecisionKind,
  number: string,
  date: string,
  year: number,
  province = HOME,
): Promise<number> {
  const decision = await ok<{ id: number }>(
    send(client, 'POST', '/api/programme/decisions', {
      province,
      kind,
      number,
      date,
      year,
      signer: 'Trưởng Ban Chỉ đạo',
    }),
    201,
  );
  return decision.id;
}

/** A step of a cycle: [status, date, decision id?, reason?]. */
type Step = [string, string, number?, string?];

/** A cycle created as selected by its first step's decision, then moved through the other steps. */
async function cycle(
  client: SignedInClient,
  unit: string,
  year: number,
  steps: Step[],
): Promise<CycleAnswer> {
  const [[status, date, decisionId], ...rest] = steps as [Step, ...Step[]];
  let answer = await ok<CycleAnswer>(
    send(client, 'POST', '/api/programme/cycles', { unit, year, status, date, decisionId }),
    201,
  );
  for (const [next, on, decision, reason] of rest) {
    answer = await ok<CycleAnswer>(
      send(client, 'POST', `/api/programme/cycles/${answer.id}/transitions`, {
        status: next,
        date: on,
        ...(decision === undefined ? {} : { decisionId: decision }),
        ...(reason === undefined ? {} : { reason }),
      }),
    );
  }
  return answer;
}

/**
 * The fixture with known outcomes (tiny province: A 90001, B 90002, C 90003, D 90004; neighbouring
 * province: E 92001):
 * - 2021: A, B, C, E selected; A, C, E đạt, B chưa đạt. A is sustained after a year and relapses on
 *   12/09/2023, two years after its selection.
 * - 2022: B (carry-over) đạt; D selected, then removed from the list on 01/09/2022.
 * - 2023: D selected again, chưa đạt.
 * - 2024: A selected again after its relapse, đạt; D (carry-over) still in progress.
 */
async function programmeHistory(planner: SignedInClient) {
  const S21 = await decide(planner, 'selection', '93/QĐ-BCĐ', '2021-05-14', 2021);
  const R21 = await decide(planner, 'recognition', '18/QĐ-BCĐ', '2022-03-02', 2021);
  const S22 = await decide(planner, 'selection', '41/QĐ-BCĐ', '2022-04-08', 2022);
  const X22 = await decide(planner, 'removal', '77/QĐ-BCĐ', '2022-09-01', 2022);
  const R22 = await decide(planner, 'recognition', '15/QĐ-BCĐ', '2023-02-24', 2022);
  const S23 = await decide(planner, 'selection', '37/QĐ-BCĐ', '2023-03-31', 2023);
  const R23 = await decide(planner, 'recognition', '21/QĐ-BCĐ', '2024-03-06', 2023);
  const S24 = await decide(planner, 'selection', '45/QĐ-BCĐ', '2024-04-12', 2024);
  const R24 = await decide(planner, 'recognition', '12/QĐ-BCĐ', '2025-02-27', 2024);
  const S21n = await decide(planner, 'selection', '10/QĐ-BCĐ', '2021-05-20', 2021, NEIGHBOUR);
  const R21n = await decide(planner, 'recognition', '5/QĐ-BCĐ', '2022-03-10', 2021, NEIGHBOUR);

  const worked = (year: number, selection: number, date: string): Step[] => [
    ['selected', date, selection],
    ['in-progress', `${year}-06-01`],
    ['half-year-review', `${year}-07-20`],
  ];
  const a2021 = await cycle(planner, '90001', 2021, [
    ...worked(2021, S21, '2021-05-14'),
    ['assessed-achieved', '2022-03-02', R21],
    ['monitoring', '2022-03-02'],
    ['sustained', '2023-03-02'],
    ['relapsed', '2023-09-12', undefined, 'Hình thành tụ điểm ma túy mới'],
  ]);
  await cycle(planner, '90002', 2021, [
    ...worked(2021, S21, '2021-05-14'),
    ['assessed-not-achieved', '2022-03-02', R21],
  ]);
  await cycle(planner, '90003', 2021, [
    ...worked(2021, S21, '2021-05-14'),
    ['assessed-achieved', '2022-03-02', R21],
    ['monitoring', '2022-03-02'],
  ]);
  await cycle(planner, '92001', 2021, [
    ...worked(2021, S21n, '2021-05-20'),
    ['assessed-achieved', '2022-03-10', R21n],
    ['monitoring', '2022-03-10'],
  ]);
  const b2022 = await cycle(planner, '90002', 2022, [
    ...worked(2022, S22, '2022-04-08'),
    ['assessed-achieved', '2023-02-24', R22],
    ['monitoring', '2023-02-24'],
  ]);
  await cycle(planner, '90004', 2022, [
    ['selected', '2022-04-08', S22],
    ['in-progress', '2022-06-01'],
    ['removed', '2022-09-01', X22],
  ]);
  await cycle(planner, '90004', 2023, [
    ...worked(2023, S23, '2023-03-31'),
    ['assessed-not-achieved', '2024-03-06', R23],
  ]);
  await cycle(planner, '90001', 2024, [
    ...worked(2024, S24, '2024-04-12'),
    ['assessed-achieved', '2025-02-27', R24],
    ['monitoring', '2025-02-27'],
  ]);
  const d2024 = await cycle(planner, '90004', 2024, [
    ['selected', '2024-04-12', S24],
    ['in-progress', '2024-05-02'],
  ]);
  return { a2021, b2022, d2024, decisions: { S21, R21, S22, R24, S21n } };
}

interface Kpis {
  selected: number;
  removed: number;
  assessed: number;
  awaitingAssessment: number;
  achieved: number;
  notAchieved: number;
  achievedPct: number | null;
  targetPct: number;
  carryOvers: number;
  monitored: number;
  relapsed: number;
  sustainedPct: number | null;
  sustainedTargetPct: number;
}

function figures(kpis: Kpis) {
  return {
    selected: kpis.selected,
    removed: kpis.removed,
    assessed: kpis.assessed,
    awaitingAssessment: kpis.awaitingAssessment,
    achieved: kpis.achieved,
    notAchieved: kpis.notAchieved,
    achievedPct: kpis.achievedPct === null ? null : Number(kpis.achievedPct.toFixed(6)),
    targetPct: kpis.targetPct,
    carryOvers: kpis.carryOvers,
    monitored: kpis.monitored,
    relapsed: kpis.relapsed,
    sustainedPct: kpis.sustainedPct === null ? null : Number(kpis.sustainedPct.toFixed(6)),
    sustainedTargetPct: kpis.sustainedTargetPct,
  };
}

const round = (value: number) => Number(value.toFixed(6));

describe('programme figures', () => {
  it('equal a hand computation, with carry-overs, a removal and a relapse two years after the selection', async () => {
    const { app, database, planner } = await fixture();
    const { a2021, b2022, d2024 } = await programmeHistory(planner);
    expect(a2021).toMatchObject({ status: 'relapsed', since: '2023-09-12', nextStatuses: [], problem: null });
    expect(b2022.carryOver).toBe(true);
    expect(d2024).toMatchObject({ status: 'in-progress', carryOver: true });

    const kpis = async (client: SignedInClient, year: number) =>
      figures(await ok<Kpis>(client.request(`/api/programme/kpis?year=${year}`)));
    const targets = { targetPct: 60, sustainedTargetPct: 85 };

    // Everything (planner without an area limit). Default windows: year Y counts 15/12/(Y−1)–14/12/Y.
    expect(await kpis(planner, 2021)).toEqual({
      ...targets,
      // A, B, C, E on the 2021 list; A, C, E đạt, B chưa đạt: 3 of 4 = 75 %.
      selected: 4,
      removed: 0,
      assessed: 4,
      awaitingAssessment: 0,
      achieved: 3,
      notAchieved: 1,
      achievedPct: 75,
      // No 2020 cycle, so no carry-over; nothing was transformed before 2021 in the phase.
      carryOvers: 0,
      monitored: 0,
      relapsed: 0,
      sustainedPct: null,
    });
    expect(await kpis(planner, 2022)).toEqual({
      ...targets,
      // B and D on the list; D removed (01/09/2022) before any recognition, so the target is measured on
      // B alone: 1 đạt of 1 assessed = 100 %. B carries over from its 2021 "chưa đạt".
      selected: 2,
      removed: 1,
      assessed: 1,
      awaitingAssessment: 0,
      achieved: 1,
      notAchieved: 0,
      achievedPct: 100,
      carryOvers: 1,
      // Transformed in 2021 and recognised by 14/12/2022: A, C, E; none relapsed in 15/12/2021–14/12/2022.
      monitored: 3,
      relapsed: 0,
      sustainedPct: 100,
    });
    expect(await kpis(planner, 2023)).toEqual({
      ...targets,
      // D alone, chưa đạt: 0 of 1. Its 2022 cycle was removed, not "chưa đạt": no carry-over.
      selected: 1,
      removed: 0,
      assessed: 1,
      awaitingAssessment: 0,
      achieved: 0,
      notAchieved: 1,
      achievedPct: 0,
      carryOvers: 0,
      // Watched in 15/12/2022–14/12/2023: A, C, E (2021) and B (2022, recognised 24/02/2023). A relapsed on
      // 12/09/2023: (4 − 1) / 4 = 75 %.
      monitored: 4,
      relapsed: 1,
      sustainedPct: 75,
    });
    expect(await kpis(planner, 2024)).toEqual({
      ...targets,
      // A (selected again after its relapse: not a carry-over) đạt; D (carry-over of its 2023 "chưa đạt")
      // still in progress: 1 of 1 assessed, 1 awaiting.
      selected: 2,
      removed: 0,
      assessed: 1,
      awaitingAssessment: 1,
      achieved: 1,
      notAchieved: 0,
      achievedPct: 100,
      carryOvers: 1,
      // 15/12/2023–14/12/2024: A relapsed before the period and left the count; C, E, B watched, none relapsed.
      monitored: 3,
      relapsed: 0,
      sustainedPct: 100,
    });
    expect(await kpis(planner, 2025)).toMatchObject({
      // Nothing selected yet; A's 2024 cycle (recognised 27/02/2025) is watched again with C, E and B.
      selected: 0,
      achievedPct: null,
      monitored: 4,
      relapsed: 0,
      sustainedPct: 100,
    });

    // The tiny province alone: E (neighbouring province) is left out of every figure.
    const home = await signIn(app, database, 'viewer', { kind: 'provinces', provinces: [HOME] });
    expect(await kpis(home, 2021)).toMatchObject({
      // A, B, C: 2 đạt of 3 = 66.67 %.
      selected: 3,
      achieved: 2,
      notAchieved: 1,
      achievedPct: round((2 / 3) * 100),
    });
    expect(await kpis(home, 2023)).toMatchObject({
      // A, C, B watched; A relapsed: 2 of 3 = 66.67 %, under the 85 % target.
      monitored: 3,
      relapsed: 1,
      sustainedPct: round((2 / 3) * 100),
    });
    const answer = await ok<Record<string, unknown>>(home.request('/api/programme/kpis?year=2023'));
    expect(answer).toMatchObject({
      year: 2023,
      phaseCode: '2021-2025',
      window: { from: '2022-12-15', to: '2023-12-14' },
      sustainedTargetMet: false,
      phase: { code: '2021-2025' },
    });
    for (const field of [
      'selected',
      'assessed',
      'achieved',
      'achievedPct',
      'targetPct',
      'monitored',
      'relapsed',
      'sustainedPct',
      'sustainedTargetPct',
    ]) {
      expect(answer, field).toHaveProperty(field);
    }

    // The year's cycles with their status replayed from the history.
    const listed = await ok<{ cycles: CycleAnswer[] }>(planner.request('/api/programme/cycles?year=2024'));
    expect(listed.cycles.map((entry) => [entry.unit.code, entry.status, entry.carryOver])).toEqual([
      ['90001', 'monitoring', false],
      ['90004', 'in-progress', true],
    ]);
    // Nine cycles created, 31 steps after their first: each audited.
    expect(auditActions(database, 'programme.cycle.create')).toHaveLength(9);
    expect(auditActions(database, 'programme.cycle.transition')).toHaveLength(31);

    const bad = await planner.request('/api/programme/kpis?year=abc');
    await expectProblem(bad, 400, /year/);
    await expectProblem(await planner.request('/api/programme/kpis?year=2031'), 404, /2031/);
  });
});

describe('programme cycles', () => {
  it('refuse an illegal step in both languages, and keep the history as it was', async () => {
    const { database, planner } = await fixture();
    const selection = await decide(planner, 'selection', '93/QĐ-BCĐ', '2024-04-12', 2024);
    const recognition = await decide(planner, 'recognition', '18/QĐ-BCĐ', '2024-05-10', 2024);
    const removal = await decide(planner, 'removal', '20/QĐ-BCĐ', '2024-05-11', 2024);
    const proposed = await ok<CycleAnswer>(
      send(planner, 'POST', '/api/programme/cycles', { unit: '90001', year: 2024, date: '2024-03-01' }),
      201,
    );
    expect(proposed).toMatchObject({ status: 'proposed', since: '2024-03-01', carryOver: false });
    expect(proposed.nextStatuses).toEqual([
      { code: 'selected', name: { vi: 'Được lựa chọn chuyển hóa', en: 'Selected' }, decision: 'selection' },
    ]);
    const step = (body: Record<string, unknown>) =>
      send(planner, 'POST', `/api/programme/cycles/${proposed.id}/transitions`, body);

    // Skipping the selection: the domain's reason, naming what may follow, in Vietnamese and English.
    const skipped = await expectProblem(await step({ status: 'in-progress', date: '2024-04-20' }), 400);
    expect(skipped.error.message.vi).toMatch(
      /Không thể chuyển từ "Đề xuất" sang "Đang thực hiện chuyển hóa"/,
    );
    expect(skipped.error.message.en).toMatch(/Cannot change from "Proposed" to "In progress"/);
    // A selection needs its decision, of the right kind, signed on or before the day.
    await expectProblem(
      await step({ status: 'selected', date: '2024-04-20' }),
      400,
      /cần quyết định phê duyệt danh sách.*\| Changing to "Selected" needs a selection decision/,
    );
    await expectProblem(
      await step({ status: 'selected', date: '2024-05-20', decisionId: recognition }),
      400,
      /không phải quyết định công nhận \| .*not a recognition decision/,
    );
    await expectProblem(
      await step({ status: 'selected', date: '2024-04-01', decisionId: selection }),
      400,
      /sau ngày chuyển trạng thái .*\| .*after the status date/,
    );
    await expectProblem(await step({ status: 'selected', decisionId: 999 }), 400, /999/);
    await expectProblem(
      await step({ status: 'selected', date: '2026-01-01', decisionId: selection }),
      400,
      /tương lai.*\| .*future/,
    );
    await expectProblem(
      await step({ status: 'no-such-status' }),
      400,
      /Không có trạng thái "no-such-status".*\| There is no status/,
    );
    await expectProblem(await step({ status: 'selected', extra: 1 }), 400, /chỉ các trường/);

    await ok(step({ status: 'selected', date: '2024-04-12', decisionId: selection }));
    await expectProblem(
      await step({ status: 'selected', date: '2024-04-13', decisionId: selection }),
      400,
      /đã là.*\| The status is already "Selected"/,
    );
    await ok(step({ status: 'in-progress', date: '2024-04-15' }));
    await ok(step({ status: 'half-year-review', date: '2024-05-01' }));
    await ok(step({ status: 'assessed-achieved', date: '2024-05-10', decisionId: recognition }));
    await ok(step({ status: 'monitoring', date: '2024-05-10' }));
    // A relapse needs its reason; a removal its decision.
    await expectProblem(
      await step({ status: 'relapsed', date: '2024-05-12' }),
      400,
      /lý do tái phức tạp.*\| A relapse needs its reason/,
    );
    await expectProblem(await step({ status: 'removed', date: '2024-05-12' }), 400, /removal decision/);
    const relapsed = await ok<CycleAnswer>(
      step({ status: 'relapsed', date: '2024-05-12', reason: 'Tái xuất hiện tụ điểm cờ bạc' }),
    );
    expect(relapsed).toMatchObject({ status: 'relapsed', nextStatuses: [] });
    await expectProblem(
      await step({ status: 'removed', date: '2024-05-13', decisionId: removal }),
      400,
      /từ "Tái phức tạp" chỉ chuyển được sang: không có trạng thái nào/,
    );
    expect(
      relapsed.history.map((entry) => [entry.status, entry.date, entry.decision?.number ?? null]),
    ).toEqual([
      ['proposed', '2024-03-01', null],
      ['selected', '2024-04-12', '93/QĐ-BCĐ'],
      ['in-progress', '2024-04-15', null],
      ['half-year-review', '2024-05-01', null],
      ['assessed-achieved', '2024-05-10', '18/QĐ-BCĐ'],
      ['monitoring', '2024-05-10', null],
      ['relapsed', '2024-05-12', null],
    ]);
    expect(relapsed.history.at(-1)?.reason).toBe('Tái xuất hiện tụ điểm cờ bạc');
    const audited = auditActions(database, 'programme.cycle.transition').at(-1);
    expect(audited).toMatchObject({ actor: planner.username, target: `programme-cycle:${proposed.id}` });
    expect(JSON.parse(audited?.before ?? 'null')).toEqual({ status: 'monitoring', since: '2024-05-10' });

    // One cycle per commune and year; a cycle cannot start assessed.
    await expectProblem(
      await send(planner, 'POST', '/api/programme/cycles', { unit: '90001', year: 2024 }),
      409,
      /đã có chu kỳ chuyển hóa năm 2024/,
    );
    await expectProblem(
      await send(planner, 'POST', '/api/programme/cycles', {
        unit: '90002',
        year: 2024,
        status: 'monitoring',
      }),
      400,
      /không thể bắt đầu với trạng thái "Đang theo dõi sau chuyển hóa".*\| A cycle cannot start as "Monitoring"/,
    );
    // A selection decision of another year is refused.
    await expectProblem(
      await send(planner, 'POST', '/api/programme/cycles', {
        unit: '90002',
        year: 2025,
        status: 'selected',
        date: '2024-04-12',
        decisionId: selection,
      }),
      400,
      /thuộc năm 2024, không phải năm 2025/,
    );
    await expectProblem(
      await send(planner, 'POST', '/api/programme/cycles', { unit: '99999', year: 2024 }),
      404,
      /99999/,
    );
    await expectProblem(
      await send(planner, 'POST', '/api/programme/cycles', { unit: '90002', year: 1999 }),
      400,
      /year/,
    );
    await expectProblem(await planner.request('/api/programme/cycles/12345'), 404, /12345/);
  });

  it("stay within the account's area, and refusals are audited", async () => {
    const { app, database, planner } = await fixture();
    const home = await decide(planner, 'selection', '1/QĐ-BCĐ', '2024-04-12', 2024);
    const neighbour = await decide(planner, 'selection', '2/QĐ-BCĐ', '2024-04-12', 2024, NEIGHBOUR);
    const inside = await cycle(planner, '90001', 2024, [['selected', '2024-04-12', home]]);
    const outside = await cycle(planner, '92001', 2024, [['selected', '2024-04-12', neighbour]]);

    const limited = await signIn(app, database, 'planner', { kind: 'provinces', provinces: [HOME] });
    const listed = await ok<{ cycles: CycleAnswer[] }>(limited.request('/api/programme/cycles'));
    expect(listed.cycles.map((entry) => entry.id)).toEqual([inside.id]);
    await expectProblem(await limited.request(`/api/programme/cycles/${outside.id}`), 403);
    await expectProblem(
      await send(limited, 'POST', `/api/programme/cycles/${outside.id}/transitions`, {
        status: 'in-progress',
      }),
      403,
      /Nằm ngoài địa bàn.*\| Outside the area/,
    );
    await expectProblem(
      await send(limited, 'POST', '/api/programme/cycles', { unit: '92002', year: 2024 }),
      403,
    );
    await expectProblem(await limited.request('/api/programme/cycles?era=test-2021&unit=92001'), 403);
    const denied = auditActions(database, 'access.denied').map((record) => record.target);
    expect(denied).toEqual(
      expect.arrayContaining([`programme-cycle:${outside.id}`, 'programme-cycle test-2021/92002/2024']),
    );

    // Decisions of the other province: not listed, not readable, not usable.
    const decisions = await ok<{ decisions: { id: number }[] }>(limited.request('/api/programme/decisions'));
    expect(decisions.decisions.map((decision) => decision.id)).toEqual([home]);
    await expectProblem(await limited.request(`/api/programme/decisions/${neighbour}`), 403);
    await expectProblem(
      await send(limited, 'POST', '/api/programme/cycles', {
        unit: '90002',
        year: 2024,
        status: 'selected',
        date: '2024-04-12',
        decisionId: neighbour,
      }),
      403,
    );
    // Within one era a decision is of one province: a decision of the neighbour cannot select a home commune.
    await expectProblem(
      await send(planner, 'POST', '/api/programme/cycles', {
        unit: '90002',
        year: 2024,
        status: 'selected',
        date: '2024-04-12',
        decisionId: neighbour,
      }),
      400,
      /Tỉnh Bên Cạnh/,
    );
    // Without a province named, a decision belongs to the one province of the account's area.
    const own = await ok<{ province: string }>(
      send(limited, 'POST', '/api/programme/decisions', {
        kind: 'recognition',
        number: '3/QĐ-BCĐ',
        date: '2025-03-01',
        year: 2024,
        signer: 'Trưởng Ban',
      }),
      201,
    );
    expect(own.province).toBe(HOME);
    await expectProblem(
      await send(planner, 'POST', '/api/programme/decisions', {
        kind: 'recognition',
        number: '4/QĐ-BCĐ',
        date: '2025-03-01',
        year: 2024,
        signer: 'Trưởng Ban',
      }),
      400,
      /province/,
    );
    await expectProblem(
      await send(limited, 'POST', '/api/programme/decisions', {
        province: NEIGHBOUR,
        kind: 'recognition',
        number: '4/QĐ-BCĐ',
        date: '2025-03-01',
        year: 2024,
        signer: 'Trưởng Ban',
      }),
      403,
    );
    await expectProblem(
      await send(planner, 'POST', '/api/programme/decisions', {
        province: HOME,
        kind: 'selection',
        number: '1/QĐ-BCĐ',
        date: '2024-04-12',
        year: 2024,
        signer: 'Trưởng Ban',
      }),
      409,
      /đã có quyết định số 1\/QĐ-BCĐ/i,
    );
    // An account limited to communes sees the decisions of their province, and only their cycles.
    const communeViewer = await signIn(app, database, 'viewer', { kind: 'communes', communes: ['90002'] });
    const seen = await ok<{ decisions: { province: string }[] }>(
      communeViewer.request('/api/programme/decisions'),
    );
    expect(seen.decisions.map((decision) => decision.province)).toEqual([HOME, HOME]);
    expect(await ok(communeViewer.request('/api/programme/cycles'))).toEqual({ cycles: [] });
    await expectProblem(await communeViewer.request(`/api/programme/cycles/${inside.id}`), 403);

    // A commander reads the programme but does not change it.
    const commander = await signIn(app, database, 'commander');
    expect((await commander.request('/api/programme/cycles')).status).toBe(200);
    await expectProblem(
      await send(commander, 'POST', `/api/programme/cycles/${inside.id}/transitions`, {
        status: 'in-progress',
      }),
      403,
    );
  });
});

describe('decision documents', () => {
  const pdf = (bytes: number) => {
    const content = Buffer.alloc(bytes, 0x20);
    content.write('%PDF-1.7\n', 0, 'latin1');
    return new Uint8Array(content);
  };
  const upload = (client: SignedInClient, id: number, body: Uint8Array<ArrayBuffer>, name?: string) =>
    client.request(`/api/programme/decisions/${id}/document`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/pdf',
        ...(name ? { 'X-File-Name': encodeURIComponent(name) } : {}),
      },
      body,
    });

  it('take a PDF up to 20 MB, keep its SHA-256, and give it back', async () => {
    const { database, planner } = await fixture();
    const id = await decide(planner, 'selection', '93/QĐ-BCĐ', '2024-04-12', 2024);
    await expectProblem(
      await planner.request(`/api/programme/decisions/${id}/document`),
      404,
      /chưa có tệp PDF/,
    );

    await expectProblem(
      await upload(planner, id, new TextEncoder().encode('<html>not a pdf</html>')),
      400,
      /%PDF-/,
    );
    await expectProblem(await upload(planner, id, new Uint8Array(0)), 400, /trống\) \| .*empty/);
    await expectProblem(await upload(planner, id, pdf(20 * 1024 * 1024 + 1)), 413, /20 MB/);

    // Larger than the 1 MB other requests may send.
    const content = pdf(2 * 1024 * 1024);
    const stored = await ok<{ document: Record<string, unknown> }>(
      upload(planner, id, content, 'Quyết định 93.pdf'),
    );
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(stored.document).toMatchObject({
      name: 'Quyết định 93.pdf',
      bytes: content.byteLength,
      sha256,
      uploadedBy: planner.username,
    });
    const download = await planner.request(`/api/programme/decisions/${id}/document`);
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toBe('application/pdf');
    expect(download.headers.get('Content-Disposition')).toContain(encodeURIComponent('Quyết định 93.pdf'));
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    const listed = await ok<{ decisions: { document: { sha256: string } | null }[] }>(
      planner.request('/api/programme/decisions?year=2024&kind=selection'),
    );
    expect(listed.decisions.map((decision) => decision.document?.sha256)).toEqual([sha256]);
    expect(auditActions(database, 'programme.decision.document').at(-1)).toMatchObject({
      target: `programme-decision:${id}`,
      actor: planner.username,
    });
    await expectProblem(await upload(planner, 999, pdf(100)), 404);
    await expectProblem(await planner.request('/api/programme/decisions?kind=approval'), 400, /kind/);
  });
});

describe('criteria sets', () => {
  it('start from the published examples and keep every version', async () => {
    const { app, database, planner } = await fixture();
    const admin = await signIn(app, database, 'admin');
    const initial = await ok<{
      stored: boolean;
      set: { version: number; groups: { code: string; criteria: { code: string; threshold?: number }[] }[] };
      versions: unknown[];
    }>(planner.request('/api/programme/criteria/2024'));
    expect(initial).toMatchObject({ stored: false, set: { year: 2024, version: 1 }, versions: [] });
    const groups = initial.set.groups;

    const first = await ok<{ stored: boolean; set: { version: number } }>(
      send(admin, 'PUT', '/api/programme/criteria/2024', { groups, source: 'Kế hoạch 121/KH-BCĐ' }),
    );
    expect(first).toMatchObject({ stored: true, set: { version: 1, source: 'Kế hoạch 121/KH-BCĐ' } });
    const raised = groups.map((group) => ({
      ...group,
      criteria: group.criteria.map((criterion) =>
        criterion.code === 'clearance-rate' ? { ...criterion, threshold: 85 } : criterion,
      ),
    }));
    const second = await ok<{ set: { version: number }; versions: { version: number; createdBy: string }[] }>(
      send(admin, 'PUT', '/api/programme/criteria/2024', { groups: raised, basedOnVersion: 1 }),
    );
    expect(second.set.version).toBe(2);
    expect(second.versions.map((version) => [version.version, version.createdBy])).toEqual([
      [1, admin.username],
      [2, admin.username],
    ]);
    const threshold = (answer: typeof initial) =>
      answer.set.groups
        .flatMap((group) => group.criteria)
        .find((criterion) => criterion.code === 'clearance-rate')?.threshold;
    expect(threshold(await ok(planner.request('/api/programme/criteria/2024')))).toBe(85);
    expect(threshold(await ok(planner.request('/api/programme/criteria/2024?version=1')))).toBe(80);
    await expectProblem(await planner.request('/api/programme/criteria/2024?version=7'), 404, /phiên bản 7/);

    // An edit from a stale version, an invalid set, a planner: refused; nothing stored.
    await expectProblem(
      await send(admin, 'PUT', '/api/programme/criteria/2024', { groups, basedOnVersion: 1 }),
      409,
      /phiên bản 2.*\| .*version 2/,
    );
    const duplicated = [...groups, { ...groups[0], nameVi: 'Bản sao', nameEn: 'Copy' }];
    await expectProblem(
      await send(admin, 'PUT', '/api/programme/criteria/2024', { groups: duplicated }),
      400,
      /bị trùng \| .*used twice/,
    );
    await expectProblem(
      await send(admin, 'PUT', '/api/programme/criteria/2024', { groups: [{ code: 'x' }] }),
      400,
      /groups/,
    );
    await expectProblem(await send(planner, 'PUT', '/api/programme/criteria/2024', { groups }), 403);
    await expectProblem(await planner.request('/api/programme/criteria/20x4'), 400, /20x4/);
    expect(auditActions(database, 'programme.criteria.save').map((record) => record.target)).toEqual([
      'programme-criteria:2024',
      'programme-criteria:2024',
    ]);
  });
});

describe('designations', () => {
  it('are several per commune and year, of the kinds stored as data', async () => {
    const { app, database, planner } = await fixture();
    const kinds = await ok<{ kinds: { code: string; levels: { code: string }[]; singleLevel: boolean }[] }>(
      planner.request('/api/programme/designation-kinds'),
    );
    expect(kinds.kinds.map((kind) => kind.code)).toEqual([
      'transformation-list',
      'ministry-key-complex',
      'drug-rating',
      'safe-security-order',
      'area-type',
    ]);
    const designate = (body: Record<string, unknown>) =>
      send(planner, 'POST', '/api/programme/designations', { unit: '90001', year: 2024, ...body });
    const rating = await ok<{ id: number; level: string; unit: { code: string } }>(
      designate({ kind: 'drug-rating', level: 'II', reference: 'QĐ 12/QĐ-CAT' }),
      201,
    );
    expect(rating).toMatchObject({ level: 'II', unit: { code: '90001' }, era: 'test-2021' });
    await ok(designate({ kind: 'area-type', level: '1' }), 201);
    await ok(designate({ kind: 'area-type', level: '4' }), 201);
    await ok(designate({ kind: 'ministry-key-complex' }), 201);
    await expectProblem(
      await designate({ kind: 'drug-rating', level: 'I' }),
      409,
      /đã có "Phân loại địa bàn về ma túy" năm 2024 \(II\)/,
    );
    await expectProblem(await designate({ kind: 'area-type', level: '4' }), 409);
    await expectProblem(await designate({ kind: 'drug-rating', level: 'V' }), 400, /I, II, III, drug-free/);
    await expectProblem(await designate({ kind: 'drug-rating' }), 400, /needs a level/);
    await expectProblem(await designate({ kind: 'safe-security-order', level: '1' }), 400, /takes no level/);
    await expectProblem(await designate({ kind: 'hero-commune' }), 400, /Không có loại "hero-commune"/);
    await ok(designate({ kind: 'area-type', level: '2', unit: '92001' }), 201);

    const listed = await ok<{
      designations: { kind: string; level: string | null; unit: { code: string } }[];
    }>(planner.request('/api/programme/designations?year=2024&era=test-2021&unit=90001'));
    expect(listed.designations.map((entry) => [entry.kind, entry.level])).toEqual([
      ['area-type', '1'],
      ['area-type', '4'],
      ['drug-rating', 'II'],
      ['ministry-key-complex', null],
    ]);
    const limited = await signIn(app, database, 'planner', { kind: 'provinces', provinces: [HOME] });
    const all = await ok<{ designations: { unit: { code: string } }[] }>(
      limited.request('/api/programme/designations?year=2024'),
    );
    expect(new Set(all.designations.map((entry) => entry.unit.code))).toEqual(new Set(['90001']));
    const outside = await ok<{ designations: { id: number; unit: { code: string } }[] }>(
      planner.request('/api/programme/designations?kind=area-type&unit=92001'),
    );
    expect(outside.designations).toHaveLength(1);
    await expectProblem(
      await limited.request(`/api/programme/designations/${outside.designations[0]?.id}`, {
        method: 'DELETE',
      }),
      403,
    );

    const removed = await planner.request(`/api/programme/designations/${rating.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    await ok(designate({ kind: 'drug-rating', level: 'I' }), 201);
    expect(auditActions(database, 'programme.designation.').map((record) => record.action)).toEqual([
      'programme.designation.create',
      'programme.designation.create',
      'programme.designation.create',
      'programme.designation.create',
      'programme.designation.create',
      'programme.designation.delete',
      'programme.designation.create',
    ]);
    await expectProblem(
      await planner.request(`/api/programme/designations/${rating.id}`, { method: 'DELETE' }),
      404,
    );
  });
});

describe('programme phases', () => {
  it("carry the targets and each year's window, edited by administrators", async () => {
    const { app, database, planner } = await fixture();
    const admin = await signIn(app, database, 'admin');
    const phases = await ok<{ phases: { code: string; targets: unknown; years: unknown[] }[] }>(
      planner.request('/api/programme/phases'),
    );
    expect(phases.phases).toEqual([
      {
        code: '2021-2025',
        nameVi: 'Giai đoạn 2021–2025',
        nameEn: 'Phase 2021–2025',
        firstYear: 2021,
        lastYear: 2025,
        targets: { transformedPct: 60, notRelapsedPct: 85 },
        years: [],
      },
    ]);
    expect(await ok(planner.request('/api/programme/years/2024'))).toMatchObject({
      year: 2024,
      window: { from: '2023-12-15', to: '2024-12-14' },
      windowIsDefault: true,
      targets: { transformedPct: 60, notRelapsedPct: 85 },
      phase: { code: '2021-2025' },
    });

    // Kiên Giang's plan counted 2021 from 15/4 (Kế hoạch 121/KH-BCĐ), and a year may raise its target.
    const body = {
      nameVi: 'Giai đoạn 2021–2025',
      nameEn: 'Phase 2021–2025',
      firstYear: 2021,
      lastYear: 2025,
      targets: { transformedPct: 60, notRelapsedPct: 85 },
      years: [
        { year: 2021, window: { from: '2021-04-15', to: '2021-12-14' }, source: 'Kế hoạch 121/KH-BCĐ' },
        { year: 2024, targets: { transformedPct: 70 } },
      ],
    };
    await ok(send(admin, 'PUT', '/api/programme/phases/2021-2025', body));
    expect(await ok(planner.request('/api/programme/years/2021'))).toMatchObject({
      window: { from: '2021-04-15', to: '2021-12-14' },
      windowIsDefault: false,
      source: 'Kế hoạch 121/KH-BCĐ',
    });
    expect(await ok(planner.request('/api/programme/years/2024'))).toMatchObject({
      targets: { transformedPct: 70, notRelapsedPct: 85 },
    });
    expect(await ok(planner.request('/api/programme/kpis?year=2024'))).toMatchObject({ targetPct: 70 });

    await expectProblem(
      await send(admin, 'PUT', '/api/programme/phases/2021-2025', {
        ...body,
        years: [
          { year: 2021, window: { from: '2021-01-01', to: '2021-12-20' } },
          { year: 2022, window: { from: '2021-12-10', to: '2022-12-09' } },
        ],
      }),
      400,
      /chồng lên kỳ năm 2021 .*\| .*overlaps the 2021 window/,
    );
    await expectProblem(
      await send(admin, 'PUT', '/api/programme/phases/2025-2030', {
        ...body,
        firstYear: 2025,
        lastYear: 2030,
        years: [],
      }),
      409,
      /chồng lên giai đoạn "2021-2025"/,
    );
    await expectProblem(
      await send(admin, 'PUT', '/api/programme/phases/Giai-Doan', { ...body, years: [] }),
      400,
      /Giai-Doan/,
    );
    await ok(
      send(admin, 'PUT', '/api/programme/phases/2026-2030', {
        ...body,
        nameVi: 'Giai đoạn 2026–2030',
        nameEn: 'Phase 2026–2030',
        firstYear: 2026,
        lastYear: 2030,
        years: [],
      }),
    );
    expect(await ok(planner.request('/api/programme/years/2027'))).toMatchObject({
      phase: { code: '2026-2030' },
    });
    await expectProblem(await planner.request('/api/programme/years/2031'), 404, /2031/);
    await expectProblem(await send(planner, 'PUT', '/api/programme/phases/2021-2025', body), 403);
    expect(auditActions(database, 'programme.phase.save').map((record) => record.target)).toEqual([
      'programme-phase:2021-2025',
      'programme-phase:2026-2030',
    ]);
  });
});
