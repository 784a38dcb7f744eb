import Sqlite from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  addAccount,
  type BrowserHarness,
  collectPageErrors,
  fetchJson,
  fillLoginForm,
  runDiaban,
  saveScreenshot,
  startBrowserHarness,
} from './browser-harness';

/*
 * The programme dashboard as a planner uses it: the real server over a database loaded with `diaban demo`
 * (the demo province and its 2021–2025 programme history). The KPI cards show what
 * GET /api/programme/kpis answers for two years, the legend counts the year's cycles by status, the map
 * holds each commune's status as feature-state, a commune chosen in the table shows its timeline, and the
 * English toggle switches the labels. Tracking: a commune planted in progress in 2025 with a flashpoint
 * formed in the window shows in the at-risk list and opens its criteria table, and the planner moves its
 * cycle two steps through the form (half-year review, then "đạt" with the recognition decision), the map
 * and the KPI cards following.
 */
const PLANNER: Account = { username: 'thammuu', password: 'Mat-khau-thu-nghiem-2025' };

interface Kpis {
  selected: number;
  assessed: number;
  achieved: number;
  notAchieved: number;
  achievedPct: number | null;
  carryOvers: number;
  monitored: number;
  relapsed: number;
  sustainedPct: number | null;
}

interface CycleAnswer {
  unit: { code: string; fullName: string };
  status: string | null;
  history: { status: string; date: string }[];
}

/** The map's grouping of cycle statuses, written out again so the test does not lean on the client's. */
const MAP_STATUS: Record<string, string> = {
  proposed: 'proposed',
  selected: 'selected',
  'in-progress': 'in-progress',
  'half-year-review': 'in-progress',
  'assessed-achieved': 'achieved',
  'assessed-not-achieved': 'not-achieved',
  monitoring: 'monitoring',
  sustained: 'sustained',
  relapsed: 'relapsed',
  removed: 'removed',
};

let harness: BrowserHarness;

/** A 2025 commune of the demo without a cycle that year; planted in progress, with a flashpoint formed. */
const RISKY = '99002';

function plantRiskyCommune(databasePath: string): void {
  const database = new Sqlite(databasePath);
  try {
    const stamp = '2025-05-01T00:00:00.000Z';
    const era = database.prepare("SELECT id FROM eras WHERE label = 'demo-2020'").get() as { id: number };
    const unit = database
      .prepare(
        "SELECT label_longitude AS longitude, label_latitude AS latitude FROM units WHERE era_id = ? AND level = 'commune' AND code = ?",
      )
      .get(era.id, RISKY) as { longitude: number; latitude: number };
    const selection = database
      .prepare("SELECT id FROM programme_decisions WHERE year = 2025 AND kind = 'selection'")
      .get() as { id: number };
    const cycle = database
      .prepare(
        'INSERT INTO programme_cycles (era_id, unit_code, year, created_at, created_by) VALUES (?, ?, 2025, ?, ?)',
      )
      .run(era.id, RISKY, stamp, 'test').lastInsertRowid;
    const step = database.prepare(
      'INSERT INTO programme_cycle_transitions (cycle_id, status, date, decision_id, reason, actor, recorded_at) VALUES (?, ?, ?, ?, NULL, ?, ?)',
    );
    step.run(cycle, 'selected', '2025-03-28', selection.id, 'test', stamp);
    step.run(cycle, 'in-progress', '2025-04-11', null, 'test', stamp);
    const site = database
      .prepare(
        `INSERT INTO flashpoints (kind, title, geometry, anchor_longitude, anchor_latitude, severity, status,
           status_since, created_at, created_by, updated_at, updated_by)
         VALUES ('other', 'Tranh chấp đất đai', ?, ?, ?, 'low', 'arising', '2025-05-01', ?, 'test', ?, 'test')`,
      )
      .run(
        JSON.stringify({ type: 'Point', coordinates: [unit.longitude, unit.latitude] }),
        unit.longitude,
        unit.latitude,
        stamp,
        stamp,
      ).lastInsertRowid;
    database
      .prepare(
        "INSERT INTO flashpoint_status_changes (flashpoint_id, status, date, note, actor, at) VALUES (?, 'arising', '2025-05-01', NULL, 'test', ?)",
      )
      .run(site, stamp);
  } finally {
    database.close();
  }
}

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-programme-',
    prepareDatabase: (databasePath) => {
      runDiaban(['demo', '--db', databasePath]);
      addAccount(databasePath, PLANNER, 'planner');
      plantRiskyCommune(databasePath);
    },
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function kpiValues(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries(
    await page
      .getByTestId('programme-kpi')
      .evaluateAll((cards) =>
        cards.map((card) => [(card as HTMLElement).dataset.kpi, (card as HTMLElement).dataset.value]),
      ),
  );
}

async function waitForYear(page: Page, year: number, cycles: number): Promise<void> {
  await page.waitForFunction(
    ([expectedYear, count]) => {
      const view = document.querySelector('[data-testid="programme-view"]') as HTMLElement | null;
      const map = document.querySelector('[data-testid="programme-map"]') as HTMLElement | null;
      return (
        view?.dataset.year === String(expectedYear) &&
        document.querySelector('[data-testid="programme-loading"]') === null &&
        document.querySelector('[data-testid="programme-kpi"]') !== null &&
        map?.dataset.programmeCommunes === String(count)
      );
    },
    [year, cycles] as const,
    { timeout: 30_000 },
  );
}

function expectedCards(kpis: Kpis): Record<string, string> {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    selected: text(kpis.selected),
    assessed: text(kpis.assessed),
    achieved: text(kpis.achieved),
    notAchieved: text(kpis.notAchieved),
    achievedPct: text(kpis.achievedPct),
    carryOvers: text(kpis.carryOvers),
    monitored: text(kpis.monitored),
    relapsed: text(kpis.relapsed),
    sustainedPct: text(kpis.sustainedPct),
  };
}

describe('the programme dashboard', () => {
  it('shows the API figures, counts the statuses, opens a commune timeline and speaks English', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1500, height: 950 } });
    const errors = collectPageErrors(page);
    await page.goto(`${harness.baseUrl}/#/programme?year=2023`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await fillLoginForm(page, PLANNER);
    await page.getByTestId('programme-view').waitFor({ timeout: 30_000 });

    for (const year of [2023, 2022]) {
      if (year !== 2023) await page.getByTestId('programme-year').selectOption(String(year));
      const kpis = await fetchJson<Kpis>(page, `/api/programme/kpis?year=${year}`);
      const { cycles } = await fetchJson<{ cycles: CycleAnswer[] }>(
        page,
        `/api/programme/cycles?year=${year}`,
      );
      expect(cycles.length).toBeGreaterThan(0);
      await waitForYear(page, year, cycles.length);
      expect(await kpiValues(page)).toEqual(expectedCards(kpis));
      expect(page.url()).toContain(`year=${year}`);

      // The legend counts the year's cycles by status.
      const counted: Record<string, number> = {};
      for (const cycle of cycles) {
        const status = MAP_STATUS[cycle.status ?? ''] ?? 'none';
        counted[status] = (counted[status] ?? 0) + 1;
      }
      const legend = Object.fromEntries(
        (
          await page
            .getByTestId('programme-legend-status')
            .evaluateAll((rows) =>
              rows.map((row) => [
                (row as HTMLElement).dataset.status,
                Number((row as HTMLElement).dataset.count),
              ]),
            )
        ).filter(([status]) => status !== 'none'),
      );
      expect(legend).toEqual(counted);

      // The map holds the same status per commune as feature-state.
      const states = await page.evaluate(
        (codes) =>
          codes.map(
            (code) =>
              window.diabanProgrammeMap?.getFeatureState({ source: 'communes', id: code }).programme ?? null,
          ),
        cycles.map((cycle) => cycle.unit.code),
      );
      expect(states).toEqual(cycles.map((cycle) => MAP_STATUS[cycle.status ?? '']));
    }

    // The 2022 relapse: its commune's timeline shows the relapse first, the selection decision last.
    const { cycles } = await fetchJson<{ cycles: CycleAnswer[] }>(page, '/api/programme/cycles?year=2022');
    const relapsed = cycles.find((cycle) => cycle.status === 'relapsed') as CycleAnswer;
    expect(relapsed).toBeDefined();
    await page.locator(`[data-testid="programme-commune"][data-code="${relapsed.unit.code}"]`).click();
    await page.getByTestId('programme-timeline').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('programme-commune-name').textContent()).toBe(relapsed.unit.fullName);
    expect(page.url()).toContain(`unit=${relapsed.unit.code}`);
    const year2022 = page.locator('[data-testid="programme-timeline-year"][data-year="2022"]');
    const steps = await year2022
      .getByTestId('programme-timeline-step')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status));
    expect(steps).toEqual(relapsed.history.map((step) => step.status).reverse());
    expect(await year2022.getByTestId('programme-timeline-decision').first().textContent()).toContain(
      '15/QĐ-BCĐ',
    );
    expect(await year2022.getByTestId('programme-timeline-step').first().textContent()).toContain(
      'Tái phức tạp',
    );
    await saveScreenshot(page, 'programme.png');

    // English.
    await page.getByTestId('language-toggle').click();
    await page.getByText('Transformation programme').first().waitFor();
    expect(await year2022.getByTestId('programme-timeline-step').first().textContent()).toContain('Relapsed');
    expect(await page.getByTestId('programme-legend').textContent()).toContain('Status in 2022');

    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('warns of the planted risky commune, shows its criteria and takes cycle steps through the form', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1500, height: 1300 } });
    const errors = collectPageErrors(page);
    await page.goto(`${harness.baseUrl}/#/programme?year=2025`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await fillLoginForm(page, PLANNER);
    await page.getByTestId('programme-view').waitFor({ timeout: 30_000 });
    const { cycles } = await fetchJson<{ cycles: CycleAnswer[] }>(page, '/api/programme/cycles?year=2025');
    await waitForYear(page, 2025, cycles.length);

    // The at-risk list holds the planted commune, for the flashpoint formed in the window.
    const risky = page.locator(`[data-testid="programme-at-risk-commune"][data-code="${RISKY}"]`);
    await risky.waitFor({ timeout: 30_000 });
    expect(
      await risky
        .locator('[data-reason]')
        .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.reason)),
    ).toContain('flashpoints-formed');
    expect(await page.getByTestId('programme-area-types').count()).toBe(1);

    // Its panel: the criteria table of the window, the flashpoint criterion not met.
    await risky.getByRole('button').click();
    await page.getByTestId('programme-criteria').waitFor({ timeout: 30_000 });
    expect(page.url()).toContain(`unit=${RISKY}`);
    const outcomes = Object.fromEntries(
      await page
        .getByTestId('programme-criterion')
        .evaluateAll((rows) =>
          rows.map((row) => [(row as HTMLElement).dataset.code, (row as HTMLElement).dataset.outcome]),
        ),
    );
    expect(outcomes['flashpoints-formed']).toBe('not-met');
    expect(outcomes['no-organised-crime']).toBe('missing');

    const mapState = () =>
      page.evaluate(
        (code) =>
          window.diabanProgrammeMap?.getFeatureState({ source: 'communes', id: code }).programme ?? null,
        RISKY,
      );
    expect(await mapState()).toBe('in-progress');
    const before = await fetchJson<Kpis>(page, '/api/programme/kpis?year=2025');

    // In progress → half-year review, dated dd/mm/yyyy.
    const form = page.getByTestId('programme-step-form');
    await form.getByTestId('programme-step-status').selectOption('half-year-review');
    await form.getByTestId('programme-step-date').fill('18/07/2025');
    await form.getByTestId('programme-step-submit').click();
    await page
      .locator('[data-testid="programme-timeline-step"][data-status="half-year-review"]')
      .waitFor({ timeout: 30_000 });

    // A refusal shows the API's message: a date before the previous step.
    await form.getByTestId('programme-step-status').selectOption('assessed-achieved');
    await form.getByTestId('programme-step-date').fill('01/07/2025');
    await form.getByTestId('programme-step-decision').selectOption({ index: 1 });
    await form.getByTestId('programme-step-submit').click();
    await page.getByTestId('programme-step-refusal').waitFor({ timeout: 30_000 });

    // Half-year review → đạt with the recognition decision: the map and the cards follow.
    await form.getByTestId('programme-step-date').fill('05/03/2026');
    await form.getByTestId('programme-step-submit').click();
    await page.waitForFunction(
      (code) =>
        window.diabanProgrammeMap?.getFeatureState({ source: 'communes', id: code }).programme === 'achieved',
      RISKY,
      { timeout: 30_000 },
    );
    const after = await fetchJson<Kpis>(page, '/api/programme/kpis?year=2025');
    expect([after.assessed, after.achieved]).toEqual([before.assessed + 1, before.achieved + 1]);
    await page.waitForFunction(
      (achieved) =>
        (document.querySelector('[data-testid="programme-kpi"][data-kpi="achieved"]') as HTMLElement | null)
          ?.dataset.value === String(achieved),
      after.achieved,
      { timeout: 30_000 },
    );
    expect(await kpiValues(page)).toEqual(expectedCards(after));
    await page.getByTestId('programme-criteria').waitFor();
    await page.getByTestId('programme-criteria').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'programme-tracking.png');

    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
