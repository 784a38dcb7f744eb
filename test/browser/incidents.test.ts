import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../../geodata/demo/generate-demo-province';
import { todayInVietnam } from '../../server/domain/dates/calendar-date';
import { DEFAULT_INCIDENT_CATEGORIES, SEVERITY_NAMES } from '../../server/domain/incidents/incident-taxonomy';
import { seededRandom } from '../../server/domain/random/seeded-random';
import {
  type Account,
  type BrowserHarness,
  collectPageErrors,
  demoAccount,
  fetchJson,
  openMap,
  recordTimings,
  runDiaban,
  saveScreenshot,
  startBrowserHarness,
  waitForMapReady,
} from './browser-harness';

/*
 * The incident map as a commander uses it: the real server on an empty database (the demo province), with
 * 200,000 incidents imported through `diaban import incidents`, in Debian's Chromium. The choropleth, its
 * legend, the measure and classification switches, the month slider, the commune panel and the list.
 * The time from a filter change to the map's next `idle` is recorded in test/output/browser-timings.json.
 */
const INCIDENT_COUNT = 200_000;
// Incidents outside the province, kept and counted apart.
const OUTSIDE_COUNT = 500;
const HISTORY_DAYS = 900;

let harness: BrowserHarness;
let demo: Account;

type Ring = number[][];

function insideRing(longitude: number, latitude: number, ring: Ring): boolean {
  let inside = false;
  for (let k = 0, previous = ring.length - 1; k < ring.length; previous = k++) {
    const [x1, y1] = ring[k] as [number, number];
    const [x2, y2] = ring[previous] as [number, number];
    if (y1 > latitude !== y2 > latitude && longitude < ((x2 - x1) * (latitude - y1)) / (y2 - y1) + x1) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * A CSV of incidents as a provincial export would have them (Vietnamese headers, dd/mm/yyyy, `;`): spread over
 * the last 900 days, placed inside the demo communes with a weight per commune, so the choropleth has
 * something to tell.
 */
async function writeIncidentCsv(path: string): Promise<void> {
  const random = seededRandom(2024);
  const [, current] = generateDemoProvince();
  const communes = current.features.map((feature) => {
    const ring = feature.geometry.coordinates[0]?.[0] as Ring;
    const longitudes = ring.map((point) => point[0] as number);
    const latitudes = ring.map((point) => point[1] as number);
    return {
      ring,
      west: Math.min(...longitudes),
      east: Math.max(...longitudes),
      south: Math.min(...latitudes),
      north: Math.max(...latitudes),
      weight: feature.properties.population * (0.2 + random() * 1.6),
    };
  });
  const totalWeight = communes.reduce((sum, commune) => sum + commune.weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const commune of communes) {
    running += commune.weight / totalWeight;
    cumulative.push(running);
  }
  const today = todayInVietnam(new Date());
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const severities = Object.values(SEVERITY_NAMES).map((name) => name.vi);

  const stream = createWriteStream(path);
  const write = (text: string) =>
    stream.write(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  let lines: string[] = [];
  await write('Ngày xảy ra;Giờ;Kinh độ;Vĩ độ;Loại vụ việc;Mức độ;Đã khám phá;Số hiệu\n');
  for (let index = 0; index < INCIDENT_COUNT + OUTSIDE_COUNT; index++) {
    let longitude: number;
    let latitude: number;
    if (index < INCIDENT_COUNT) {
      const pick = random();
      const commune = communes[cumulative.findIndex((share) => share >= pick)] ?? communes[0];
      if (!commune) throw new Error('the demo province has no communes');
      do {
        longitude = commune.west + random() * (commune.east - commune.west);
        latitude = commune.south + random() * (commune.north - commune.south);
      } while (!insideRing(longitude, latitude, commune.ring));
    } else {
      // Well east of the province.
      longitude = 107.5 + random();
      latitude = 10 + random();
    }
    const date = new Date(Date.UTC(year, month - 1, day - Math.floor(random() * HISTORY_DAYS)));
    const dayText = `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
    const time = `${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
    const category =
      DEFAULT_INCIDENT_CATEGORIES[Math.floor(random() ** 1.5 * DEFAULT_INCIDENT_CATEGORIES.length)];
    const severity = severities[Math.floor(random() ** 2 * severities.length)];
    const cleared = random() < 0.6 ? 'Có' : 'Không';
    lines.push(
      `${dayText};${time};${longitude.toFixed(6)};${latitude.toFixed(6)};${category?.nameVi};${severity};${cleared};BT-${index + 1}\n`,
    );
    if (lines.length === 10_000) {
      await write(lines.join(''));
      lines = [];
    }
  }
  await write(lines.join(''));
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function choroplethRevision(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.dataset.choroplethRevision ?? 0));
}

/** Waits for the choropleth to be painted again after `revision`, and the map to be idle after it. */
async function waitForRepaint(page: Page, revision: number): Promise<void> {
  await page.waitForFunction(
    (previous) => Number(document.documentElement.dataset.choroplethRevision ?? 0) > previous,
    revision,
    { timeout: 30_000 },
  );
}

/** Colours the communes carry in feature-state, by code. */
async function featureStateColours(page: Page, codes: string[]): Promise<(string | null)[]> {
  return page.evaluate(
    (list) =>
      list.map((code) => {
        const state = window.diabanMap.getFeatureState({ source: 'communes', id: code });
        return typeof state.choropleth === 'string' ? state.choropleth : null;
      }),
    codes,
  );
}

/** Changes a filter control and measures how long until the recoloured map is idle. */
async function timeFilterChange(page: Page, change: () => Promise<void>): Promise<number> {
  const revision = await choroplethRevision(page);
  const started = await page.evaluate(() => performance.now());
  await change();
  await waitForRepaint(page, revision);
  const idleAt = await page.evaluate(() => Number(document.documentElement.dataset.choroplethIdleAt));
  return Math.round(idleAt - started);
}

beforeAll(async () => {
  harness = await startBrowserHarness({ workDirectoryPrefix: 'diaban-browser-incidents-' });
  demo = demoAccount(harness);

  // The incidents arrive the way real ones do: a file, through the command line, into the running server's
  // database.
  const csv = join(harness.workDirectory, 'incidents.csv');
  await writeIncidentCsv(csv);
  const started = performance.now();
  const imported = runDiaban(['import', 'incidents', csv, '--db', harness.databasePath, '--json']);
  const report = JSON.parse(imported) as { accepted: number; rejected: number; outsideUnits: number };
  expect(report.accepted).toBe(INCIDENT_COUNT + OUTSIDE_COUNT);
  console.log(
    `Imported ${report.accepted} incidents in ${Math.round(performance.now() - started)} ms (${report.outsideUnits} outside every unit)`,
  );
}, 600_000);

afterAll(() => harness?.close());

interface UnitFeature {
  properties: { code: string; fullName: string; labelLongitude: number; labelLatitude: number };
}

describe('the incident map in Chromium', () => {
  it('colours communes by incidents, switches measure, classes and months, opens a commune and the list', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);
    await openMap(page, `${harness.baseUrl}/`, demo);

    // The choropleth is painted through feature-state, with a legend.
    await page.waitForFunction(
      () => Number(document.documentElement.dataset.choroplethRevision ?? 0) > 0,
      undefined,
      {
        timeout: 30_000,
      },
    );
    await page.getByTestId('map-legend').waitFor();
    await page.getByTestId('legend-class').first().waitFor();
    const units = await fetchJson<{ features: UnitFeature[] }>(page, '/api/units');
    const codes = units.features.map((feature) => feature.properties.code);
    const initial = await featureStateColours(page, codes);
    expect(initial.every((colour) => colour !== null && /^#[0-9a-f]{6}$/.test(colour))).toBe(true);
    expect(new Set(initial).size).toBeGreaterThan(2);
    expect(await page.getByTestId('legend-class').count()).toBe(5);
    await expect(page.getByTestId('legend-outside').textContent()).resolves.toMatch(/\d/);

    // A filter change recolours the map; the time to idle is recorded, not asserted.
    const periodChange = await timeFilterChange(page, () =>
      page
        .getByTestId('incident-period')
        .selectOption('last-90-days')
        .then(() => undefined),
    );
    await page.waitForFunction(() => window.location.hash.includes('period=last-90-days'));
    const categoryChange = await timeFilterChange(page, async () => {
      await page.getByTestId('incident-categories').locator('summary').click();
      await page.getByTestId('incident-category-trat-tu-xa-hoi').uncheck();
    });
    const afterFilter = await featureStateColours(page, codes);
    expect(afterFilter.every((colour) => colour !== null)).toBe(true);

    // Measures: per 1,000 residents, then the change against the same period a year earlier.
    const measureChange = await timeFilterChange(page, () =>
      page
        .getByTestId('choropleth-measure')
        .selectOption('per1000')
        .then(() => undefined),
    );
    await expect(page.getByTestId('legend-period').textContent()).resolves.toMatch(/1\.000 dân/);
    let revision = await choroplethRevision(page);
    await page.getByTestId('choropleth-measure').selectOption('change');
    await waitForRepaint(page, revision);
    await expect(page.getByTestId('legend-period').textContent()).resolves.toMatch(/So với/);

    // Classification: natural breaks in three classes.
    revision = await choroplethRevision(page);
    await page.getByTestId('choropleth-measure').selectOption('count');
    await waitForRepaint(page, revision);
    const methodChange = await timeFilterChange(page, () =>
      page
        .getByTestId('choropleth-method')
        .selectOption('natural-breaks')
        .then(() => undefined),
    );
    revision = await choroplethRevision(page);
    await page.getByTestId('choropleth-classes').selectOption('3');
    await waitForRepaint(page, revision);
    expect(await page.getByTestId('legend-class').count()).toBeLessThanOrEqual(3);
    await page.waitForFunction(() => window.location.hash.includes('method=natural-breaks'));
    await page.getByTestId('incident-categories').locator('summary').click();
    await saveScreenshot(page, 'incidents-choropleth.png');

    // Typed dates: an impossible one is refused in place, a good window becomes the custom period.
    await page.getByTestId('incident-from').fill('31/02/2024');
    await page.getByTestId('incident-from').press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: /dd\/mm\/yyyy|ngày/ })
      .first()
      .waitFor();
    expect(await page.getByTestId('incident-from').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('incident-from').fill('01/03/2024');
    await page.getByTestId('incident-to').fill('14/03/2024');
    await page.getByTestId('incident-to').press('Enter');
    await page.waitForFunction(() => window.location.hash.includes('from=2024-03-01'));
    expect(await page.getByTestId('incident-period').inputValue()).toBe('custom');
    expect(await page.getByTestId('incident-from').getAttribute('aria-invalid')).toBe('false');

    // The month slider: one request for every month, then frames from memory.
    await page.getByTestId('incident-period').selectOption('reporting-year');
    await page.getByTestId('time-slider-toggle').click();
    await page.getByTestId('time-slider').waitFor();
    await page.waitForFunction(
      () =>
        /\d{2}\/\d{4}/.test(document.querySelector('[data-testid="time-slider-month"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    const lastMonth = await page.getByTestId('time-slider-month').textContent();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/stats')) requests.push(request.url());
    });
    revision = await choroplethRevision(page);
    const monthStep = await timeFilterChange(page, () =>
      page.getByTestId('time-slider-range').press('ArrowLeft'),
    );
    const previousMonth = await page.getByTestId('time-slider-month').textContent();
    expect(previousMonth).not.toBe(lastMonth);
    await page.getByTestId('time-slider-mode').selectOption('cumulative');
    await page.getByTestId('time-slider-speed').selectOption('3');
    await page.getByTestId('time-slider-play').click();
    await page.waitForFunction(
      (month) => document.querySelector('[data-testid="time-slider-month"]')?.textContent !== month,
      previousMonth,
    );
    await page.getByTestId('time-slider-play').click();
    expect(requests).toEqual([]);
    await page.getByTestId('time-slider-close').click();

    // A commune's panel: counts by category, the 24-month chart, the link to its incidents.
    const target = units.features[0] as UnitFeature;
    await page.evaluate(
      ([longitude, latitude]) =>
        window.diabanMap.jumpTo({ center: [longitude as number, latitude as number], zoom: 11 }),
      [target.properties.labelLongitude, target.properties.labelLatitude],
    );
    await page.waitForFunction(() => window.diabanMap.loaded() && !window.diabanMap.isMoving());
    const box = (await page.locator('.maplibregl-canvas').boundingBox()) as { x: number; y: number };
    const point = await page.evaluate(
      ([longitude, latitude]) => window.diabanMap.project([longitude as number, latitude as number]),
      [target.properties.labelLongitude, target.properties.labelLatitude],
    );
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.getByTestId('unit-panel').waitFor();
    await page.getByTestId('unit-trend-chart').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('unit-trend-bar').count()).toBe(24);
    expect(await page.getByTestId('unit-category-count').count()).toBeGreaterThan(0);
    await page.getByTestId('unit-trend-bar').last().hover();
    await expect(page.getByTestId('unit-trend-value').textContent()).resolves.toMatch(/\d{2}\/\d{4}: \d/);
    await saveScreenshot(page, 'incidents-commune.png');

    // The list of the commune's incidents, and back to the map at one of them.
    await page.getByTestId('unit-incident-list-link').click();
    await page.getByTestId('incident-row').first().waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('incident-list-unit').textContent()).resolves.toContain(
      target.properties.fullName,
    );
    const firstTime = await page.getByTestId('incident-row').first().locator('td').first().textContent();
    expect(firstTime?.trim()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await page.getByTestId('incident-row').count()).toBeGreaterThan(0);
    await page.getByTestId('incident-show-on-map').first().click();
    await waitForMapReady(page);
    expect(await page.evaluate(() => window.diabanMap.getZoom())).toBeCloseTo(15, 0);

    const timings = {
      incidentsLoaded: INCIDENT_COUNT + OUTSIDE_COUNT,
      filterChangeToIdleMs: {
        period: periodChange,
        category: categoryChange,
        measure: measureChange,
        method: methodChange,
      },
      sliderStepToIdleMs: monthStep,
    };
    recordTimings({ incidentMap: timings });
    console.log(`Incident map, filter change to idle (target under 1 s): ${JSON.stringify(timings)}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
