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
 * Entering a criterion with evidence in the programme dashboard: the real server over `diaban demo`. A
 * planner opens a 2025 commune, enters "no organised crime" (yes-no) from its criteria table with an
 * evidence reference, and sees the criterion met with its evidence and who entered it, the commune's
 * overall result as the API now computes it, and the entry in the commune's timeline. A viewer sees the
 * criteria without the "Nhập" action.
 */
const PLANNER: Account = { username: 'thammuu', password: 'Mat-khau-thu-nghiem-2025' };
const VIEWER: Account = { username: 'xemthoi', password: 'Mat-khau-thu-nghiem-2025' };
const CRITERION = 'no-organised-crime';
const EVIDENCE = 'Biên bản số 12/BB-CAX ngày 03/11/2025';

interface TrackingAnswer {
  era: string;
  communes: {
    role: string;
    unit: { code: string };
    criteria: { overall: string; results: { code: string; outcome: string }[] };
  }[];
}

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-criterion-entries-',
    prepareDatabase: (databasePath) => {
      runDiaban(['demo', '--db', databasePath]);
      addAccount(databasePath, PLANNER, 'planner');
      addAccount(databasePath, VIEWER, 'viewer');
    },
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function signedInPage(account: Account, address: string): Promise<{ page: Page; errors: string[] }> {
  const page = await harness.browser.newPage({ viewport: { width: 1500, height: 1300 } });
  const errors = collectPageErrors(page);
  await page.goto(`${harness.baseUrl}${address}`);
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await fillLoginForm(page, account);
  await page.getByTestId('programme-view').waitFor({ timeout: 30_000 });
  return { page, errors };
}

/** A 2025 commune of the demo whose criterion is still missing. */
async function communeToEnter(page: Page): Promise<{ code: string; era: string }> {
  // The era of the year's cycles, as the dashboard chooses it.
  const { cycles } = await fetchJson<{ cycles: { era: string }[] }>(page, '/api/programme/cycles?year=2025');
  const era = cycles[0]?.era ?? '';
  const tracking = await fetchJson<TrackingAnswer>(page, `/api/programme/tracking?year=2025&era=${era}`);
  const commune = tracking.communes.find(
    (entry) =>
      entry.role === 'year' &&
      entry.criteria.results.find((result) => result.code === CRITERION)?.outcome === 'missing',
  );
  expect(commune).toBeDefined();
  return { code: commune?.unit.code as string, era };
}

describe('entering a criterion with evidence', () => {
  it('enters a yes-no criterion with evidence from the criteria table and sees it met', async () => {
    const { page, errors } = await signedInPage(PLANNER, '/#/programme?year=2025');
    const { code, era } = await communeToEnter(page);
    await page.goto(`${harness.baseUrl}/#/programme?year=2025&unit=${code}`);
    const table = page.getByTestId('programme-criteria');
    await table.waitFor({ timeout: 30_000 });
    const row = table.locator(`[data-testid="programme-criterion"][data-code="${CRITERION}"]`);
    // The criterion's row, with its evidence and who entered it beneath.
    const block = table.locator(`[data-testid="programme-criterion-block"][data-code="${CRITERION}"]`);
    expect(await row.getAttribute('data-outcome')).toBe('missing');
    // Computed criteria have no action.
    expect(
      await table
        .locator(
          '[data-testid="programme-criterion"][data-kind="computed"] [data-testid="programme-criterion-enter"]',
        )
        .count(),
    ).toBe(0);

    await row.getByTestId('programme-criterion-enter').click();
    const form = page.locator(`[data-testid="criterion-entry-form"][data-code="${CRITERION}"]`);
    await form.waitFor();
    // The answer without evidence is refused in the form, before anything is sent.
    await form.getByTestId('criterion-entry-yes').check();
    await form.getByTestId('criterion-entry-save').click();
    await form.getByTestId('criterion-entry-problem').waitFor();
    expect(await form.getByTestId('criterion-entry-problem').textContent()).toContain('tài liệu chứng minh');

    await form.getByTestId('criterion-entry-evidence').fill(`${EVIDENCE}\n`);
    await form.getByTestId('criterion-entry-note').fill('Đã rà soát cùng Công an xã');
    await form.getByTestId('criterion-entry-save').click();
    await page
      .locator(`[data-testid="programme-criterion"][data-code="${CRITERION}"][data-outcome="met"]`)
      .waitFor({ timeout: 30_000 });
    expect(await form.count()).toBe(0);
    await block.getByTestId('criterion-entry-saved').waitFor();
    expect(await block.getByTestId('programme-criterion-evidence').textContent()).toContain(EVIDENCE);
    expect(await block.getByTestId('programme-criterion-entered-by').textContent()).toMatch(
      /Nhập bởi thammuu ngày \d{2}\/\d{2}\/\d{4}/,
    );

    // The commune's overall result is the one the API computes with the entry.
    const tracking = await fetchJson<TrackingAnswer>(
      page,
      `/api/programme/tracking?year=2025&era=${era}&unit=${code}`,
    );
    const commune = tracking.communes.find((entry) => entry.unit.code === code);
    expect(commune?.criteria.results.find((result) => result.code === CRITERION)?.outcome).toBe('met');
    await page.waitForFunction(
      (overall) =>
        (document.querySelector('[data-testid="programme-criteria"]') as HTMLElement | null)?.dataset
          .overall === overall,
      commune?.criteria.overall,
      { timeout: 30_000 },
    );

    // The timeline of 2025 holds the entry.
    const entry = page.locator(
      `[data-testid="programme-timeline-year"][data-year="2025"] [data-testid="programme-timeline-criterion"][data-code="${CRITERION}"]`,
    );
    await entry.waitFor({ timeout: 30_000 });
    expect(await entry.textContent()).toContain(EVIDENCE);
    await table.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'programme-criterion-entries.png');

    // English.
    await page.getByTestId('language-toggle').click();
    await page.getByText('Transformation programme').first().waitFor();
    expect((await row.getByTestId('programme-criterion-enter').textContent())?.trim()).toBe('Enter');
    expect(await block.getByTestId('programme-criterion-entered-by').textContent()).toContain(
      'Entered by thammuu',
    );

    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a viewer the criteria without the entry action', async () => {
    const { page, errors } = await signedInPage(VIEWER, '/#/programme?year=2025');
    const { code } = await communeToEnter(page);
    await page.goto(`${harness.baseUrl}/#/programme?year=2025&unit=${code}`);
    const table = page.getByTestId('programme-criteria');
    await table.waitFor({ timeout: 30_000 });
    await table.locator(`[data-testid="programme-criterion"][data-code="${CRITERION}"]`).waitFor();
    expect(await table.getByTestId('programme-criterion-enter').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
