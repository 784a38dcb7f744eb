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
 * English toggle switches the labels.
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

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-programme-',
    prepareDatabase: (databasePath) => {
      runDiaban(['demo', '--db', databasePath]);
      addAccount(databasePath, PLANNER, 'planner');
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
});
