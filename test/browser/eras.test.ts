import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { eras, indicatorValues, programmePhases, unitLineage, units } from '../../server/db/schema';
import {
  type Account,
  type BrowserHarness,
  collectPageErrors,
  demoAccount,
  fillLoginForm,
  openMap,
  saveScreenshot,
  startBrowserHarness,
  waitForMapReady,
} from './browser-harness';

/*
 * Two eras on the map: the demo province before 1 July 2025 (demo-2020, with districts) and after it
 * (demo-2025, none), the date that picks between them, and a commune's predecessors and successors. The
 * lineage is written straight into the database from the demo's own composition (each 2025 unit lists its
 * 2020 communes), with one old commune made split between two new ones so that shares show.
 */
let harness: BrowserHarness;
let demo: Account;
/** A 2025 unit, the old commune split between it and another one, and that other 2025 unit. */
let newUnit: { code: string; name: string };
let splitOld: { code: string; name: string };
let otherNewUnit: { code: string; name: string };

function writeDemoLineage(databasePath: string): void {
  const database = openDatabase(databasePath);
  try {
    const eraId = (label: string) =>
      (database.select({ id: eras.id }).from(eras).where(eq(eras.label, label)).get() as { id: number }).id;
    const oldEraId = eraId('demo-2020');
    const newEraId = eraId('demo-2025');
    const newUnits = database
      .select({ code: units.code, name: units.fullName, properties: units.properties })
      .from(units)
      .where(and(eq(units.eraId, newEraId), eq(units.level, 'commune')))
      .orderBy(units.code)
      .all();
    const oldNames = new Map(
      database
        .select({ code: units.code, name: units.fullName })
        .from(units)
        .where(and(eq(units.eraId, oldEraId), eq(units.level, 'commune')))
        .all()
        .map((row) => [row.code, row.name] as const),
    );
    const rows = newUnits.flatMap((unit) =>
      (JSON.parse(unit.properties) as { predecessors: string[] }).predecessors.map((oldCode) => ({
        source: 'official' as const,
        oldEraId,
        oldUnitCode: oldCode,
        newEraId,
        newUnitCode: unit.code,
        areaShare: 1,
        populationShare: 1,
        partial: false,
        sourceFile: 'eras.test',
        createdAt: '2026-01-01T00:00:00Z',
      })),
    );
    const [first, second] = newUnits as [(typeof newUnits)[0], (typeof newUnits)[0]];
    const split = rows.find((row) => row.newUnitCode === first.code) as (typeof rows)[0];
    split.areaShare = 0.75;
    split.populationShare = 0.75;
    split.partial = true;
    rows.push({ ...split, newUnitCode: second.code, areaShare: 0.25, populationShare: 0.25 });
    database.insert(unitLineage).values(rows).run();
    // A figure the split commune reported in the last month of its era (15/06 – 14/07/2025): 9 drug users
    // under management, of which three quarters go to the new unit (6.75, rounded with the total kept to 7).
    database
      .insert(indicatorValues)
      .values({
        eraId: oldEraId,
        unitCode: split.oldUnitCode,
        period: '2025-07',
        code: 'drug-users-managed',
        value: 9,
        updatedAt: '2025-07-10T00:00:00Z',
        updatedBy: 'eras.test',
      })
      .run();
    // A phase after 2025, whose years lie on the new units, so that a new commune has a timeline to show.
    database
      .insert(programmePhases)
      .values({
        code: '2026-2030',
        nameVi: 'Giai đoạn 2026–2030',
        nameEn: 'Phase 2026–2030',
        firstYear: 2026,
        lastYear: 2030,
        transformedPct: 60,
        notRelapsedPct: 85,
        updatedAt: '2026-01-01T00:00:00Z',
        updatedBy: 'eras.test',
      })
      .onConflictDoNothing()
      .run();
    newUnit = { code: first.code, name: first.name };
    otherNewUnit = { code: second.code, name: second.name };
    splitOld = { code: split.oldUnitCode, name: oldNames.get(split.oldUnitCode) ?? split.oldUnitCode };
  } finally {
    database.$client.close();
  }
}

/** Codes of the communes MapLibre has drawn. */
function renderedCodes(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...new Set(
      window.diabanMap
        .queryRenderedFeatures()
        .map((feature) => feature.properties?.code)
        .filter((code): code is string => typeof code === 'string'),
    ),
  ]);
}

/** Waits until the map draws communes of one era only: 2020 codes are 990xx, 2025 codes 995xx. */
async function waitForCodes(page: Page, prefix: string): Promise<void> {
  await page.waitForFunction(
    (start) => {
      const codes = window.diabanMap
        .queryRenderedFeatures()
        .map((feature) => feature.properties?.code)
        .filter((code) => typeof code === 'string');
      return codes.length > 0 && codes.every((code) => (code as string).startsWith(start));
    },
    prefix,
    { timeout: 20_000 },
  );
}

async function typeDate(page: Page, text: string): Promise<void> {
  const field = page.getByTestId('era-date');
  await field.fill(text);
  await field.press('Enter');
}

beforeAll(async () => {
  harness = await startBrowserHarness({ workDirectoryPrefix: 'diaban-eras-' });
  demo = demoAccount(harness);
  writeDemoLineage(harness.databasePath);
});

afterAll(() => harness?.close());

describe('two eras on the map', () => {
  it('switches the units shown by date, and drops the district level in the era without districts', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = collectPageErrors(page);
    await openMap(page, `${harness.baseUrl}/#/map?era=demo-2025`, demo);
    await waitForCodes(page, '995');
    await expect(page.getByTestId('district-select').count()).resolves.toBe(0);
    await expect(page.getByTestId('province-select').count()).resolves.toBe(1);

    // A day in 2024: the communes before the reorganisation, with their districts.
    await typeDate(page, '15/05/2024');
    await page.waitForFunction(() => window.location.hash.includes('date=2024-05-15'));
    await expect(page.getByTestId('era-select').inputValue()).resolves.toBe('demo-2020');
    await waitForCodes(page, '990');
    await page.getByTestId('district-select').waitFor();
    const districts = await page.getByTestId('district-select').locator('option').count();
    expect(districts).toBeGreaterThan(1);
    expect(page.url()).toContain('era=demo-2020');
    await saveScreenshot(page, 'eras-2024.png');

    // A day in 2026: the new units, and no district filter.
    await typeDate(page, '10/01/2026');
    await page.waitForFunction(() => window.location.hash.includes('date=2026-01-10'));
    await expect(page.getByTestId('era-select').inputValue()).resolves.toBe('demo-2025');
    await waitForCodes(page, '995');
    await page.waitForFunction(() => !document.querySelector('[data-testid="district-select"]'));
    const allNew = await renderedCodes(page);
    expect(allNew.every((code) => code.startsWith('995'))).toBe(true);
    await saveScreenshot(page, 'eras-2026.png');

    // The former districts stay as a grouping: choosing one keeps the communes that came from it.
    const former = page.getByTestId('former-district-select');
    await former.waitFor();
    expect(await former.locator('option').count()).toBeGreaterThan(2);
    await former.selectOption({ index: 1 });
    await page.waitForFunction(() => window.location.hash.includes('district='));
    await page.waitForFunction(
      (total) => {
        const codes = new Set(
          window.diabanMap
            .queryRenderedFeatures()
            .map((feature) => feature.properties?.code)
            .filter((code) => typeof code === 'string'),
        );
        return codes.size > 0 && codes.size < total;
      },
      allNew.length,
      { timeout: 20_000 },
    );
    await saveScreenshot(page, 'eras-2026-former-district.png');
    await former.selectOption('');
    await page.waitForFunction(() => !window.location.hash.includes('district='));

    // An era chosen sets a date inside it.
    await page.getByTestId('era-select').selectOption('demo-2020');
    await page.waitForFunction(() => window.location.hash.includes('date=2025-06-30'));
    await expect(page.getByTestId('era-date').inputValue()).resolves.toBe('30/06/2025');

    // A date typed wrong or before every era is refused, in words, and the map stays.
    await typeDate(page, '31/02/2024');
    await expect(page.getByTestId('era-date-problem').textContent()).resolves.toMatch(/dd\/mm\/yyyy/);
    await typeDate(page, '01/01/1990');
    await expect(page.getByTestId('era-date-problem').textContent()).resolves.toContain('01/01/1990');
    await expect(page.getByTestId('era-select').inputValue()).resolves.toBe('demo-2020');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows a new commune's predecessors with shares, and links to them in their era", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = collectPageErrors(page);
    await openMap(page, `${harness.baseUrl}/#/map?era=demo-2025&unit=${newUnit.code}`, demo);
    const panel = page.getByTestId('unit-panel');
    await panel.waitFor();
    const predecessors = page.getByTestId('unit-lineage-predecessors');
    await predecessors.waitFor();
    const split = predecessors.locator(`[data-code="${splitOld.code}"]`);
    await expect(split.textContent()).resolves.toContain('tách một phần');
    await expect(split.textContent()).resolves.toContain('75');
    expect(await predecessors.getByTestId('unit-lineage-link').count()).toBeGreaterThan(1);
    // Its share of the former communes' programme outcomes, estimated where one was split.
    const carried = page.getByTestId('unit-carried-outcomes');
    await carried.waitFor({ timeout: 20_000 });
    expect(await carried.getByTestId('unit-carried-outcome').count()).toBeGreaterThan(0);
    await expect(carried.textContent()).resolves.toContain('≈');
    const figure = page.locator('[data-testid="unit-carried-indicator"][data-code="drug-users-managed"]');
    await figure.waitFor({ timeout: 20_000 });
    await expect(figure.textContent()).resolves.toContain('≈ 7');
    await carried.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'eras-predecessors.png');

    // The link switches era and selects the old commune, which lists where it went.
    await split.getByTestId('unit-lineage-link').click();
    await page.waitForFunction(
      (code) =>
        window.location.hash.includes('era=demo-2020') && window.location.hash.includes(`unit=${code}`),
      splitOld.code,
    );
    await waitForMapReady(page);
    await expect(page.getByTestId('era-select').inputValue()).resolves.toBe('demo-2020');
    await expect(panel.textContent()).resolves.toContain(splitOld.code);
    const successors = page.getByTestId('unit-lineage-successors');
    await successors.waitFor();
    await expect(
      successors
        .getByTestId('unit-lineage-relative')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-code'))),
    ).resolves.toEqual([newUnit.code, otherNewUnit.code].sort());
    expect(problems).toEqual([]);
    await page.close();
  });

  it("includes the former communes' programme history in a new commune's timeline", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = collectPageErrors(page);
    await page.goto(`${harness.baseUrl}/#/programme?year=2026&unit=${newUnit.code}`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await fillLoginForm(page, demo);
    await page.getByTestId('programme-commune-panel').waitFor({ timeout: 30_000 });
    const former = page.getByTestId('programme-timeline-former-unit');
    await former.first().waitFor({ timeout: 20_000 });
    const labels = await former.allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((label) => label.includes('đơn vị cũ'))).toBe(true);
    expect(labels.some((label) => label.includes(splitOld.name))).toBe(true);
    await saveScreenshot(page, 'eras-inherited-timeline.png');
    expect(problems).toEqual([]);
    await page.close();
  });
});
