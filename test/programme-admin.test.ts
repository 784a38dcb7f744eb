import { describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { appFor, databaseWithTinyProvince, type SignedInClient, signIn } from './helpers';

/*
 * One year of the programme set by an administrator through PUT /api/programme/years/:year: its own
 * evaluation window (a plan's 15/4–14/12 instead of the reporting year) and targets, stored in its phase,
 * audited, read back by GET /years/:year and the phase list; impossible windows refused with a bilingual
 * 400, other roles with a 403.
 */

interface Problem {
  error: { code: string; message: { vi: string; en: string } };
}

interface YearAnswer {
  year: number;
  window: { from: string; to: string };
  windowIsDefault: boolean;
  targets: { transformedPct: number; notRelapsedPct: number };
  source: string | null;
  phase: { code: string };
}

async function fixture() {
  const database = await databaseWithTinyProvince();
  const app = appFor(database, '2025-06-01T03:00:00Z');
  const admin = await signIn(app, database, 'admin');
  const planner = await signIn(app, database, 'planner');
  return { database, admin, planner };
}

function put(client: SignedInClient, year: number | string, body: unknown) {
  return client.request(`/api/programme/years/${year}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function ok<T>(response: Response | Promise<Response>): Promise<T> {
  const answered = await response;
  const body = (await answered.json()) as T;
  expect([answered.status, body]).toEqual([200, body]);
  return body;
}

async function expectProblem(response: Response, status: number, pattern?: RegExp): Promise<void> {
  const body = (await response.json()) as Problem;
  expect([response.status, body]).toMatchObject([status, { error: { message: {} } }]);
  expect(body.error.message.vi.length).toBeGreaterThan(5);
  expect(body.error.message.en.length).toBeGreaterThan(5);
  if (pattern) expect(`${body.error.message.vi} | ${body.error.message.en}`).toMatch(pattern);
}

function yearAudits(database: Database) {
  return listAuditRecords(database, { action: 'programme.year.save', limit: 100 }).reverse();
}

describe('PUT /api/programme/years/:year', () => {
  it("saves a year's own window and targets, audited, and puts it back to the defaults", async () => {
    const { database, admin, planner } = await fixture();
    const saved = await ok<YearAnswer>(
      put(admin, 2021, {
        window: { from: '2021-04-15', to: '2021-12-14' },
        targets: { transformedPct: 70 },
        source: 'Kế hoạch 121/KH-BCĐ ngày 14/6/2021',
      }),
    );
    expect(saved).toMatchObject({
      year: 2021,
      window: { from: '2021-04-15', to: '2021-12-14' },
      windowIsDefault: false,
      targets: { transformedPct: 70, notRelapsedPct: 85 },
      source: 'Kế hoạch 121/KH-BCĐ ngày 14/6/2021',
      phase: { code: '2021-2025' },
    });
    expect(await ok<YearAnswer>(planner.request('/api/programme/years/2021'))).toEqual(saved);

    // A second year keeps the first one's settings: the phase is stored whole.
    await ok(put(admin, 2023, { targets: { notRelapsedPct: 90 } }));
    const { phases } = await ok<{ phases: { years: unknown[] }[] }>(planner.request('/api/programme/phases'));
    expect(phases[0]?.years).toEqual([
      {
        year: 2021,
        window: { from: '2021-04-15', to: '2021-12-14' },
        targets: { transformedPct: 70 },
        source: 'Kế hoạch 121/KH-BCĐ ngày 14/6/2021',
      },
      { year: 2023, targets: { notRelapsedPct: 90 } },
    ]);
    expect(await ok(planner.request('/api/programme/kpis?year=2021'))).toMatchObject({ targetPct: 70 });

    // Nothing set: the reporting year 15/12–14/12 and the phase's targets again.
    expect(
      await ok<YearAnswer>(put(admin, 2021, { window: null, targets: null, source: null })),
    ).toMatchObject({
      window: { from: '2020-12-15', to: '2021-12-14' },
      windowIsDefault: true,
      targets: { transformedPct: 60, notRelapsedPct: 85 },
      source: null,
    });

    const audits = yearAudits(database);
    expect(audits.map((record) => [record.actor, record.target])).toEqual([
      [admin.username, 'programme-year:2021'],
      [admin.username, 'programme-year:2023'],
      [admin.username, 'programme-year:2021'],
    ]);
    expect(JSON.parse(audits[2]?.before ?? 'null')).toMatchObject({
      year: 2021,
      window: { from: '2021-04-15', to: '2021-12-14' },
    });
    expect(JSON.parse(audits[2]?.after ?? 'null')).toEqual({ year: 2021 });
  });

  it('refuses a window ending before it starts or outside its year, in both languages', async () => {
    const { database, admin, planner } = await fixture();
    await expectProblem(
      await put(admin, 2024, { window: { from: '2024-12-14', to: '2024-04-15' } }),
      400,
      /bắt đầu sau khi kết thúc .*\| .*starts after it ends/,
    );
    await expectProblem(
      await put(admin, 2024, { window: { from: '2024-04-15', to: '2025-01-14' } }),
      400,
      /phải kết thúc trong năm 2024 .*\| .*must end in 2024/,
    );
    await expectProblem(
      await put(admin, 2024, { window: { from: '2022-12-15', to: '2024-12-14' } }),
      400,
      /dài hơn một năm báo cáo .*\| .*longer than a reporting year/,
    );
    await expectProblem(
      await put(admin, 2024, { window: { from: '2024-02-30', to: '2024-12-14' } }),
      400,
      /ngày có thật .*\| .*real dates/,
    );
    // Overlapping the year before: one incident would count in two years.
    await expectProblem(
      await put(admin, 2024, { window: { from: '2023-12-10', to: '2024-12-05' } }),
      400,
      /chồng lên kỳ năm 2023 .*\| .*overlaps the 2023 window/,
    );
    await expectProblem(
      await put(admin, 2024, { targets: { transformedPct: 0 } }),
      400,
      /lớn hơn 0 .*\| .*above 0/,
    );
    await expectProblem(await put(admin, 2024, { window: { from: '2024-04-15' } }), 400, /"window"/);
    await expectProblem(await put(admin, 2024, { colour: 'red' }), 400);
    await expectProblem(await put(admin, 'năm', {}), 400, /không hợp lệ.*\| Invalid year/);
    await expectProblem(await put(admin, 2031, {}), 404, /2031/);

    expect(yearAudits(database)).toEqual([]);
    expect(await ok<YearAnswer>(planner.request('/api/programme/years/2024'))).toMatchObject({
      window: { from: '2023-12-15', to: '2024-12-14' },
      windowIsDefault: true,
    });
  });

  it('is for administrators only', async () => {
    const { database, planner } = await fixture();
    await expectProblem(await put(planner, 2024, { window: { from: '2024-04-15', to: '2024-12-14' } }), 403);
    expect(yearAudits(database)).toEqual([]);
    expect(await ok<YearAnswer>(planner.request('/api/programme/years/2024'))).toMatchObject({
      windowIsDefault: true,
    });
  });
});
