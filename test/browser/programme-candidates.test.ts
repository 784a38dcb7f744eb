import { readFileSync } from 'node:fs';
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
 * Choosing communes as a planner does, over `diaban demo`: two factors and a constraint set in the view
 * give the ranking POST /api/programme/candidates answers for the same body, coloured on the map through
 * feature-state; a suggested list loses a commune clicked on the map, is saved as proposals (the cycles
 * then exist), and the English toggle switches the labels.
 */
const PLANNER: Account = { username: 'thammuu', password: 'Mat-khau-thu-nghiem-2025' };

interface Candidate {
  code: string;
  score: number;
}
interface CandidatesAnswer {
  computation: { era: string };
  candidates: Candidate[];
}
interface UnitCollection {
  features: { properties: { code: string; labelLongitude: number; labelLatitude: number } }[];
}

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-candidates-',
    prepareDatabase: (databasePath) => {
      runDiaban(['demo', '--db', databasePath]);
      addAccount(databasePath, PLANNER, 'planner');
    },
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** A POST from inside the signed-in page, with its session's anti-forgery token. */
async function postJson<T>(page: Page, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ([url, payload]) => {
      const session = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(url as string, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify(payload),
      });
      return response.json();
    },
    [path, body] as const,
  ) as Promise<T>;
}

/** Waits until the view has answered after `revision` and painted the map. */
async function waitForRanking(page: Page, after: number): Promise<number> {
  await page.waitForFunction(
    (previous) => {
      const view = document.querySelector('[data-testid="candidates-view"]') as HTMLElement | null;
      const map = document.querySelector('[data-testid="candidates-map"]') as HTMLElement | null;
      return (
        view !== null &&
        Number(view.dataset.revision) > previous &&
        view.dataset.loading === 'false' &&
        map?.dataset.candidatesRevision !== undefined
      );
    },
    after,
    { timeout: 30_000 },
  );
  return Number(await page.getByTestId('candidates-view').getAttribute('data-revision'));
}

async function listedCodes(page: Page): Promise<string[]> {
  return page
    .getByTestId('candidates-entry')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.code as string));
}

describe('choosing communes', () => {
  it('ranks as the API does, suggests a list edited on the map, saves it as proposals, speaks English', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1500, height: 950 } });
    const errors = collectPageErrors(page);
    await page.goto(`${harness.baseUrl}/#/programme`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await fillLoginForm(page, PLANNER);
    await page.getByTestId('programme-candidates-link').click();
    await page.getByTestId('candidates-view').waitFor({ timeout: 30_000 });
    let revision = await waitForRanking(page, 0);
    const year = Number(await page.getByTestId('candidates-view').getAttribute('data-year'));
    expect(year).toBeGreaterThanOrEqual(2025);
    expect(await page.getByTestId('candidates-title').textContent()).toContain('Chọn xã chuyển hóa');

    // Two factors and a constraint, through the controls.
    const weight = (code: string) =>
      page.locator(
        `[data-testid="candidates-factor"][data-code="${code}"] [data-testid="candidates-weight"]`,
      );
    // The demo has no incidents: its history (relapses, years since transformed) tells communes apart.
    await weight('earlier-relapse').fill('2');
    await weight('earlier-relapse').dispatchEvent('change');
    revision = await waitForRanking(page, revision);
    await weight('years-since-last-transformed').fill('1');
    await weight('years-since-last-transformed').dispatchEvent('change');
    revision = await waitForRanking(page, revision);
    await page.getByTestId('candidates-not-selected').fill('2');
    await page.getByTestId('candidates-not-selected').dispatchEvent('change');
    revision = await waitForRanking(page, revision);
    expect(page.url()).toContain('notSel=2');
    expect(decodeURIComponent(page.url())).toContain('earlier-relapse:2');
    // The era of the programme's cycles (the demo's history lies on its 2020 communes).
    const era = await page.getByTestId('candidates-view').getAttribute('data-era');
    expect(era).toBe('demo-2020');

    const body = {
      era,
      year,
      factors: [
        { code: 'incident-rate-per-1000', weight: 1 },
        { code: 'very-serious-cases', weight: 1 },
        { code: 'open-flashpoints', weight: 1 },
        { code: 'earlier-relapse', weight: 2 },
        { code: 'years-since-last-transformed', weight: 1 },
      ],
      normalisation: 'min-max',
      constraints: { notSelectedInLastYears: 2 },
    };
    const answer = await postJson<CandidatesAnswer>(page, '/api/programme/candidates', body);
    expect(answer.candidates.length).toBeGreaterThan(5);
    const rows = await page
      .getByTestId('candidates-row')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.code as string));
    expect(rows).toEqual(answer.candidates.slice(0, 300).map((candidate) => candidate.code));

    // The map: the best commune in the top score class; a commune ruled out is greyed.
    const { features } = await fetchJson<UnitCollection>(
      page,
      `/api/units?era=${encodeURIComponent(answer.computation.era)}&level=commune`,
    );
    const passing = new Set(answer.candidates.map((candidate) => candidate.code));
    const ruledOut = features.find((feature) => !passing.has(feature.properties.code))?.properties.code;
    const states = await page.evaluate(
      (codes) =>
        codes.map(
          (code) => window.diabanCandidatesMap?.getFeatureState({ source: 'communes', id: code }).candidate,
        ),
      [answer.candidates[0]?.code as string, ruledOut ?? ''],
    );
    expect(states[0]).toBe(4);
    expect(new Set(answer.candidates.map((candidate) => candidate.score)).size).toBeGreaterThan(1);
    if (ruledOut) expect(states[1]).toBe(-1);

    // A suggested list of 8.
    await page.getByTestId('candidates-size').fill('8');
    await page.getByTestId('candidates-suggest').click();
    await page.getByTestId('candidates-entry').first().waitFor({ timeout: 30_000 });
    const suggested = await listedCodes(page);
    const ranked = await page
      .locator('[data-testid="candidates-entry"][data-reason="rank"]')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.code as string));
    expect(suggested.length).toBeGreaterThanOrEqual(8);
    await page.waitForFunction(
      (count) =>
        (document.querySelector('[data-testid="candidates-map"]') as HTMLElement | null)?.dataset
          .candidatesListed === String(count),
      suggested.length,
      { timeout: 30_000 },
    );

    // Remove the listed commune nearest the map's centre by clicking it on the map.
    const box = await page.getByTestId('candidates-map').boundingBox();
    if (!box) throw new Error('no map');
    const points = await page.evaluate(
      (labels) =>
        labels.map(([code, longitude, latitude]) => {
          const point = window.diabanCandidatesMap?.project([longitude as number, latitude as number]);
          return { code: code as string, x: point?.x ?? -1, y: point?.y ?? -1 };
        }),
      features
        .filter((feature) => ranked.includes(feature.properties.code))
        .map((feature) => [
          feature.properties.code,
          feature.properties.labelLongitude,
          feature.properties.labelLatitude,
        ]),
    );
    const [target] = points.sort(
      (first, second) =>
        Math.hypot(first.x - box.width / 2, first.y - box.height / 2) -
        Math.hypot(second.x - box.width / 2, second.y - box.height / 2),
    );
    if (!target) throw new Error('no listed commune on the map');
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForFunction(
      (code) => document.querySelector(`[data-testid="candidates-entry"][data-code="${code}"]`) === null,
      target.code,
      { timeout: 30_000 },
    );
    const edited = await listedCodes(page);
    expect(edited).toEqual(suggested.filter((code) => code !== target.code));

    // A polygon drawn around it, and the lasso brings it back as the planner's choice.
    await page.getByTestId('candidates-draw').click();
    for (const [dx, dy] of [
      [-12, -12],
      [12, -12],
      [12, 12],
      [-12, 12],
    ] as const)
      await page.mouse.click(box.x + target.x + dx, box.y + target.y + dy);
    await page.getByTestId('candidates-finish').click();
    await page.getByTestId('candidates-lasso').click();
    await page
      .locator(`[data-testid="candidates-entry"][data-code="${target.code}"][data-reason="planner"]`)
      .waitFor({ timeout: 30_000 });
    expect((await listedCodes(page)).length).toBe(edited.length + 1);
    // The polygon as a constraint: only the communes inside it pass.
    await page.getByTestId('candidates-within-polygon').check();
    revision = await waitForRanking(page, revision);
    const inside = await page
      .getByTestId('candidates-row')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.code as string));
    expect(inside).toContain(target.code);
    expect(inside.length).toBeLessThan(answer.candidates.length);
    await saveScreenshot(page, 'programme-candidates.png');
    // Out of the list again, through its button this time.
    await page
      .locator(
        `[data-testid="candidates-entry"][data-code="${target.code}"] [data-testid="candidates-remove"]`,
      )
      .click();
    expect(await listedCodes(page)).toEqual(edited);

    // The list as CSV for Vietnamese Excel, built in the page, and as XLSX through the server.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('candidates-csv').click(),
    ]);
    const csvText = readFileSync((await csv.path()) as string, 'utf8');
    expect(csvText.startsWith('\uFEFFSTT;Mã xã;Tên xã;Huyện cũ;Điểm;Lý do\r\n')).toBe(true);
    expect(
      csvText
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(';')[1]),
    ).toEqual(edited);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('candidates-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await xlsx.path()) as string)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // Saved as proposals: every commune of the list now has a cycle of the year.
    await page.getByTestId('candidates-save').click();
    await page.getByTestId('candidates-save-report').waitFor({ timeout: 30_000 });
    const saved = Number(await page.getByTestId('candidates-saved').getAttribute('data-count'));
    expect(await page.getByTestId('candidates-refused').count()).toBe(0);
    const { cycles } = await fetchJson<{ cycles: { unit: { code: string }; status: string }[] }>(
      page,
      `/api/programme/cycles?year=${year}`,
    );
    const cycleCodes = new Set(cycles.map((cycle) => cycle.unit.code));
    expect(edited.every((code) => cycleCodes.has(code))).toBe(true);
    expect(cycleCodes.has(target.code)).toBe(false);
    expect(cycles.filter((cycle) => cycle.status === 'proposed').length).toBeGreaterThanOrEqual(saved);
    expect(saved).toBeGreaterThan(0);

    // English.
    await page.getByTestId('language-toggle').click();
    await page.getByText('Choose communes to transform').first().waitFor();
    expect(await page.getByTestId('candidates-save').textContent()).toContain('Save as proposals');
    expect(await page.getByTestId('candidates-legend').textContent()).toContain('Fails a constraint');
    await saveScreenshot(page, 'programme-candidates-english.png');

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
