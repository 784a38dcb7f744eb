import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFeature, generateDemoProvince } from '../../geodata/demo/generate-demo-province';
import { labelPoint } from '../../server/domain/geometry/measure-polygon';
import { seededRandom } from '../../server/domain/random/seeded-random';
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
 * The hot-spot view as a commander uses it: the real server on a fresh database (the demo province, its 2020
 * era of 39 communes, so no shared data is needed), incidents planted as a cluster around one commune in
 * March 2025 and around another, far away, in March 2024, imported with `diaban import incidents`. The
 * legend counts what the API counts after the correction, the planted centre tops the list and is selected
 * by a click, the method repaints through feature-state, and comparing with a year earlier shows two maps
 * and what emerged and faded. The optimized grid draws hot cells over the planted cluster; over the 12
 * reporting months ending 14/03/2025 the cluster exists only in the last one, so its centre is a new hot
 * spot (the earlier cluster, in reporting month 03/2024, lies outside them); density contours and clusters
 * of flashpoints planted through the API lie over any mode.
 */
const COMMANDER: Account = { username: 'chihuy', password: 'Mat-khau-thu-nghiem-2025' };
const ERA = 'demo-2020';
const WINDOW = { from: '2025-03-01', to: '2025-03-14' };
const EARLIER = { from: '2024-03-01', to: '2024-03-14' };
const VIEW_QUERY = `era=${ERA}&period=custom&from=${WINDOW.from}&to=${WINDOW.to}`;

interface UnitAnswer {
  code: string;
  count: number;
  z: number;
  bin?: number;
  cluster?: string;
  previousCount: number;
  lastIncident: string | null;
}

interface HotSpotAnswer {
  units: UnitAnswer[];
  classes: Record<string, number>;
  global: { statistic: number | null };
}

let harness: BrowserHarness;
let centre: string;
let centreNeighbours: string[];
let earlierCentre: string;
/** [longitude, latitude] where the centre's incidents were planted. */
let centreLabel: [number, number];

/** Queen neighbours: the demo's communes draw a common boundary with the very same vertices. */
function queenNeighbours(features: DemoFeature[]): Set<number>[] {
  const byVertex = new Map<string, number[]>();
  features.forEach((feature, index) => {
    for (const polygon of feature.geometry.coordinates) {
      for (const ring of polygon) {
        for (const [longitude, latitude] of ring) {
          const key = `${longitude},${latitude}`;
          const list = byVertex.get(key) ?? [];
          if (!list.includes(index)) list.push(index);
          byVertex.set(key, list);
        }
      }
    }
  });
  const neighbours = features.map(() => new Set<number>());
  for (const list of byVertex.values()) {
    for (const first of list) for (const second of list) if (first !== second) neighbours[first]?.add(second);
  }
  return neighbours;
}

function dayText(isoDate: string, offset: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day + offset));
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

/**
 * March 2025: 40 incidents in the commune with the most neighbours, 25 in each neighbour, 0 or 1 elsewhere.
 * March 2024: the same around the commune farthest from it, so that cluster fades and the new one emerges.
 */
function writeIncidentCsv(path: string): void {
  const [era2020] = generateDemoProvince();
  const features = era2020.features;
  const neighbours = queenNeighbours(features);
  const labels = features.map((feature) => labelPoint(feature.geometry.coordinates) as [number, number]);
  let centreIndex = 0;
  neighbours.forEach((set, index) => {
    if (set.size > (neighbours[centreIndex]?.size ?? 0)) centreIndex = index;
  });
  const [centreLongitude, centreLatitude] = labels[centreIndex] as [number, number];
  let earlierIndex = 0;
  let farthest = 0;
  labels.forEach(([longitude, latitude], index) => {
    const distance = Math.hypot(longitude - centreLongitude, latitude - centreLatitude);
    if (distance > farthest && (neighbours[index]?.size ?? 0) >= 3) {
      farthest = distance;
      earlierIndex = index;
    }
  });
  centre = features[centreIndex]?.properties.code as string;
  centreLabel = [centreLongitude, centreLatitude];
  centreNeighbours = [...(neighbours[centreIndex] ?? [])].map(
    (index) => features[index]?.properties.code as string,
  );
  earlierCentre = features[earlierIndex]?.properties.code as string;

  const random = seededRandom(11);
  const lines = ['Ngày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc;Số hiệu'];
  let reference = 0;
  const plant = (index: number, count: number, window: { from: string }) => {
    const [longitude, latitude] = labels[index] as [number, number];
    for (let planted = 0; planted < count; planted++) {
      lines.push(`${dayText(window.from, planted % 14)};${longitude};${latitude};Đánh bạc;HS-${reference++}`);
    }
  };
  features.forEach((_, index) => {
    const now =
      index === centreIndex ? 40 : neighbours[centreIndex]?.has(index) ? 25 : Math.floor(random() * 2);
    const before =
      index === earlierIndex ? 40 : neighbours[earlierIndex]?.has(index) ? 25 : Math.floor(random() * 2);
    plant(index, now, WINDOW);
    plant(index, before, EARLIER);
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function signInTo(page: Page, hash: string): Promise<void> {
  await page.goto(`${harness.baseUrl}/${hash}`);
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await fillLoginForm(page, COMMANDER);
  await page.getByTestId('hot-spots-view').waitFor({ timeout: 30_000 });
}

function revision(page: Page, windowKey: 'current' | 'compare'): Promise<number> {
  return page.evaluate(
    (key) =>
      Number(
        (document.querySelector(`[data-testid="hot-spot-map"][data-window="${key}"]`) as HTMLElement | null)
          ?.dataset.hotSpotRevision ?? 0,
      ),
    windowKey,
  );
}

/** Waits until the map's classes were painted after `after`, with as many communes as the answer has. */
async function waitForPaint(page: Page, windowKey: 'current' | 'compare', after: number, communes: number) {
  await page.waitForFunction(
    ([key, previous, count]) => {
      const element = document.querySelector(`[data-testid="hot-spot-map"][data-window="${key}"]`) as
        | HTMLElement
        | undefined;
      return (
        Number(element?.dataset.hotSpotRevision ?? 0) > Number(previous) &&
        element?.dataset.hotSpotCommunes === String(count)
      );
    },
    [windowKey, after, communes] as const,
    { timeout: 30_000 },
  );
}

/** Each commune's class as the map's feature-state holds it. */
function mapClasses(
  page: Page,
  windowKey: 'current' | 'compare',
  codes: string[],
): Promise<(string | null)[]> {
  return page.evaluate(
    ([key, list]) => {
      const map = window.diabanHotSpotMaps?.[key as 'current' | 'compare'];
      return (list as string[]).map((code) => {
        const state = map?.getFeatureState({ source: 'communes', id: code }) ?? {};
        return typeof state.hotSpot === 'string' ? state.hotSpot : null;
      });
    },
    [windowKey, codes] as const,
  );
}

async function legendCounts(page: Page): Promise<Record<string, number>> {
  await page.getByTestId('hot-spot-legend-class').first().waitFor();
  const rows = await page
    .getByTestId('hot-spot-legend-class')
    .evaluateAll((items) =>
      items.map((item) => [(item as HTMLElement).dataset.class, Number((item as HTMLElement).dataset.count)]),
    );
  return Object.fromEntries(rows.filter(([, count]) => Number(count) > 0));
}

function nonZero(classes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(classes).filter(([, count]) => count > 0));
}

function classOf(unit: UnitAnswer): string {
  return unit.bin === undefined ? String(unit.cluster) : String(unit.bin);
}

/** Waits until the current map has drawn this many grid cells, contours or cluster points. */
async function waitForMapData(
  page: Page,
  name: 'gridCells' | 'densityContours' | 'clusterPoints',
  value: number,
): Promise<void> {
  await page.waitForFunction(
    ([key, expected]) => {
      const element = document.querySelector('[data-testid="hot-spot-map"][data-window="current"]') as
        | HTMLElement
        | undefined;
      return element?.dataset[key as string] === String(expected);
    },
    [name, value] as const,
    { timeout: 30_000 },
  );
}

/** Clicks the current map where a place is, once the camera has settled. */
async function clickMapAt(page: Page, place: [number, number]): Promise<void> {
  await page.waitForFunction(() => window.diabanHotSpotMaps?.current?.isMoving() === false);
  const point = await page.evaluate((lngLat) => {
    const map = window.diabanHotSpotMaps?.current;
    const projected = map?.project(lngLat as [number, number]);
    const box = map?.getCanvas().getBoundingClientRect();
    return projected && box ? { x: box.left + projected.x, y: box.top + projected.y } : null;
  }, place);
  if (!point) throw new Error('the hot-spot map is not there');
  await page.mouse.click(point.x, point.y);
}

/** Features of a layer of the current map drawn at a place. */
function featuresAt(page: Page, place: [number, number], layer: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    ([lngLat, layerId]) => {
      const map = window.diabanHotSpotMaps?.current;
      if (!map) return [];
      return map
        .queryRenderedFeatures(map.project(lngLat as [number, number]), { layers: [layerId as string] })
        .map((feature) => feature.properties);
    },
    [place, layer] as const,
  );
}

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-hot-spots-',
    prepareDatabase: (databasePath) => addAccount(databasePath, COMMANDER, 'commander'),
  });
  const csv = join(harness.workDirectory, 'incidents.csv');
  writeIncidentCsv(csv);
  const report = JSON.parse(
    runDiaban(['import', 'incidents', csv, '--db', harness.databasePath, '--json']),
  ) as {
    rejected: number;
  };
  expect(report.rejected).toBe(0);
}, 120_000);

afterAll(() => harness?.close());

describe('the hot-spot view in Chromium', () => {
  it('maps, counts, ranks, selects, repaints, compares and drills down', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);
    await signInTo(page, `#/hotspots?${VIEW_QUERY}`);

    // The legend counts what the API counts after the correction (FDR by default), and says which.
    const api = (query: string) =>
      fetchJson<HotSpotAnswer>(
        page,
        `/api/hotspots/units?era=${ERA}&from=${WINDOW.from}&to=${WINDOW.to}${query}`,
      );
    const answer = await api('');
    expect(answer.units).toHaveLength(39);
    await waitForPaint(page, 'current', 0, 39);
    expect(await legendCounts(page)).toEqual(nonZero(answer.classes));
    await expect(page.getByTestId('hot-spot-legend-correction').textContent()).resolves.toContain('FDR');
    const codes = answer.units.map((unit) => unit.code);
    expect(await mapClasses(page, 'current', codes)).toEqual(answer.units.map(classOf));

    // The planted centre tops the list, a hot spot at 99 %, with its count, trend and latest incident.
    const byCode = new Map(answer.units.map((unit) => [unit.code, unit]));
    expect(byCode.get(centre)).toMatchObject({ count: 40, bin: 3, previousCount: expect.any(Number) });
    const top = page.getByTestId('hot-spot-row').first();
    await expect(top.getAttribute('data-code')).resolves.toBe(centre);
    await expect(top.getAttribute('data-class')).resolves.toBe('3');
    await expect(top.getByTestId('hot-spot-row-count').textContent()).resolves.toBe('40');
    await expect(top.getByTestId('hot-spot-row-last').textContent()).resolves.toBe('14/03/2025');
    const hotCodes = await page
      .getByTestId('hot-spot-row')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.code));
    const hot = answer.units
      .filter((unit) => (unit.bin ?? 0) > 0)
      .sort((first, second) => second.z - first.z);
    expect(hotCodes.slice(0, hot.length)).toEqual(hot.map((unit) => unit.code));
    for (const code of centreNeighbours.slice(0, 3)) expect(byCode.get(code)?.bin).toBeGreaterThan(0);

    await saveScreenshot(page, 'hot-spots.png');

    // How it was computed, citable.
    const sentence = await page.getByTestId('hot-spot-computation-text').textContent();
    expect(sentence).toContain('Getis-Ord Gi*');
    expect(sentence).toContain('của 39 xã, phường, 01/03/2025 – 14/03/2025');
    expect(sentence).toContain('999 hoán vị, hạt giống 12345; hiệu chỉnh FDR (Benjamini–Hochberg)');
    expect(sentence).toMatch(/G tổng thể = [\d,]+ \(z = [\d,]+; p/);
    await page.getByTestId('hot-spot-computation-copy').click();
    await page.getByTestId('hot-spot-computation-copied').waitFor();

    // A click on the row selects the commune and zooms to it.
    const zoomBefore = await page.evaluate(() => window.diabanHotSpotMaps?.current?.getZoom() ?? 0);
    await top.click();
    await expect(top.getAttribute('aria-selected')).resolves.toBe('true');
    await page.waitForFunction((code) => {
      const map = window.diabanHotSpotMaps?.current;
      return map?.getFeatureState({ source: 'communes', id: code }).selected === true && !map.isMoving();
    }, centre);
    expect(await page.evaluate(() => window.diabanHotSpotMaps?.current?.getZoom() ?? 0)).toBeGreaterThan(
      zoomBefore,
    );
    await page.waitForFunction((code) => window.location.hash.includes(`unit=${code}`), centre);

    // Another method repaints the same geometry through feature-state: no new data for the source.
    await page.evaluate(() => {
      const source = window.diabanHotSpotMaps?.current?.getSource('communes') as unknown as {
        setData: (...data: unknown[]) => unknown;
      };
      const original = source.setData.bind(source);
      (window as unknown as { geometryUploads: number }).geometryUploads = 0;
      source.setData = (...data: unknown[]) => {
        (window as unknown as { geometryUploads: number }).geometryUploads++;
        return original(...data);
      };
    });
    const lisa = await api('&method=lisa');
    const beforeLisa = await revision(page, 'current');
    await page.getByTestId('hot-spot-method').selectOption('lisa');
    await waitForPaint(page, 'current', beforeLisa, 39);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="hot-spot-legend-class"][data-class="HH"]'),
    );
    expect(await mapClasses(page, 'current', codes)).toEqual(lisa.units.map(classOf));
    expect(lisa.units.find((unit) => unit.code === centre)?.cluster).toBe('HH');
    expect(await legendCounts(page)).toEqual(nonZero(lisa.classes));
    expect(
      await page.evaluate(() => (window as unknown as { geometryUploads: number }).geometryUploads),
    ).toBe(0);
    await page.waitForFunction(() => window.location.hash.includes('method=lisa'));
    await expect(page.getByTestId('hot-spot-computation-text').textContent()).resolves.toContain(
      'Moran cục bộ (LISA)',
    );
    await page.getByTestId('hot-spot-method').selectOption('gistar');
    await page.waitForFunction(() => !window.location.hash.includes('method='));

    // Compare with the same window a year earlier: two maps, and what emerged, intensified and faded.
    const earlier = await fetchJson<HotSpotAnswer>(
      page,
      `/api/hotspots/units?era=${ERA}&from=${EARLIER.from}&to=${EARLIER.to}`,
    );
    const level = (unit: UnitAnswer | undefined) => Math.max(0, unit?.bin ?? 0);
    const earlierByCode = new Map(earlier.units.map((unit) => [unit.code, unit]));
    const expected = { emerged: 0, intensified: 0, faded: 0 };
    for (const unit of answer.units) {
      const now = level(unit);
      const before = level(earlierByCode.get(unit.code));
      if (now > 0 && before === 0) expected.emerged++;
      else if (now === 0 && before > 0) expected.faded++;
      else if (now > before) expected.intensified++;
    }
    expect(expected.emerged).toBeGreaterThan(0);
    expect(expected.faded).toBeGreaterThan(0);
    expect(level(earlierByCode.get(earlierCentre))).toBe(3);

    await page.getByTestId('hot-spot-compare').check();
    await expect(page.getByTestId('hot-spot-map').count()).resolves.toBe(2);
    await waitForPaint(page, 'compare', 0, 39);
    expect(await mapClasses(page, 'compare', codes)).toEqual(earlier.units.map(classOf));
    await page.getByTestId('hot-spot-compare-count-emerged').waitFor();
    for (const change of ['emerged', 'intensified', 'faded'] as const) {
      await expect(
        page.getByTestId(`hot-spot-compare-count-${change}`).getAttribute('data-value'),
      ).resolves.toBe(String(expected[change]));
    }
    const earlierCounts = await page
      .getByTestId('hot-spot-legend-class')
      .evaluateAll((rows) =>
        rows.map((row) => [
          (row as HTMLElement).dataset.class,
          Number((row as HTMLElement).dataset.compareCount),
        ]),
      );
    expect(Object.fromEntries(earlierCounts.filter(([, count]) => Number(count) > 0))).toEqual(
      nonZero(earlier.classes),
    );
    await page.waitForFunction(() => window.location.hash.includes('compare=on'));
    await expect(page.getByTestId('hot-spot-map-caption').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['01/03/2025 – 14/03/2025', '01/03/2024 – 14/03/2024']),
    );

    // The list keeps to what faded; the faded centre of a year earlier is among them.
    await page.getByTestId('hot-spot-compare-count-faded').click();
    const faded = await page
      .getByTestId('hot-spot-row')
      .evaluateAll((rows) =>
        rows.map((row) => [(row as HTMLElement).dataset.code, (row as HTMLElement).dataset.change]),
      );
    expect(faded).toHaveLength(expected.faded);
    expect(faded.every(([, change]) => change === 'faded')).toBe(true);
    expect(faded.map(([code]) => code)).toContain(earlierCentre);
    await page.getByTestId('hot-spot-compare-count-faded').click();

    await saveScreenshot(page, 'hot-spots-compare.png');

    // The cameras move together, whichever map is moved.
    await page.evaluate(() =>
      window.diabanHotSpotMaps?.compare?.jumpTo({ center: [105.5, 10.2], zoom: 9.25 }),
    );
    const followed = await page.evaluate(() => {
      const map = window.diabanHotSpotMaps?.current;
      return map ? [map.getCenter().lng, map.getCenter().lat, map.getZoom()] : null;
    });
    expect(followed?.map((value) => Number(value.toFixed(5)))).toEqual([105.5, 10.2, 9.25]);

    // English, and back.
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('hot-spot-computation-text').textContent()).resolves.toContain(
      'in 39 communes, 01/03/2025 – 14/03/2025',
    );
    await expect(page.getByTestId('hot-spot-legend-correction').textContent()).resolves.toBe(
      'After FDR correction (Benjamini–Hochberg)',
    );
    await page.getByTestId('language-toggle').click();

    // Drill down: the centre's incidents under the same filter.
    await page.getByTestId('hot-spot-compare').uncheck();
    await expect(page.getByTestId('hot-spot-map').count()).resolves.toBe(1);
    const link = page.getByTestId('hot-spot-row').first().getByTestId('hot-spot-row-incidents');
    const href = (await link.getAttribute('href')) as string;
    expect(href).toContain(`unit=${centre}`);
    expect(href).toContain(`from=${WINDOW.from}`);
    await link.click();
    await page.getByTestId('incident-list-unit').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="incident-row"]').length > 0);
    await expect(page.getByTestId('incident-row').count()).resolves.toBe(40);

    // The header leads back to the hot spots of the same filter.
    await page.getByTestId('hot-spots-link').click();
    await page.getByTestId('hot-spot-row').first().waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/hotspots?${VIEW_QUERY}`);
    await expect(page.getByTestId('hot-spot-row').first().getAttribute('data-code')).resolves.toBe(centre);
    expect(problems).toEqual([]);
  });

  it('maps the optimized grid and emerging hot spots, with density and clusters over them, all in the URL', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);
    await signInTo(page, `#/hotspots?${VIEW_QUERY}`);
    await waitForPaint(page, 'current', 0, 39);

    // The optimized grid: hexagons sized from the data, the legend counting the API's cells per class.
    const grid = await fetchJson<{
      features: { properties: { count: number; z: number; bin: number } }[];
      classes: Record<string, number>;
      computation: { incidents: number; cells: number; shape: string };
    }>(page, `/api/hotspots/grid?era=${ERA}&from=${WINDOW.from}&to=${WINDOW.to}`);
    expect(grid.classes['3']).toBeGreaterThan(0);
    await page.getByTestId('hot-spot-mode-grid').click();
    await waitForMapData(page, 'gridCells', grid.features.length);
    await page.waitForFunction(() => window.location.hash.includes('mode=grid'));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="hot-spot-legend-class"][data-class="3"]:not([data-count="0"])'),
    );
    expect(await legendCounts(page)).toEqual(nonZero(grid.classes));
    await expect(page.getByTestId('hot-spot-legend-correction').textContent()).resolves.toContain('FDR');
    await page.getByTestId('hot-spot-grid-background-note').waitFor();
    // The cell over the planted centre is hot at 99 %, and so is the top of the list.
    const [cellAtCentre] = await featuresAt(page, centreLabel, 'hot-spot-grid-fill');
    expect(cellAtCentre).toMatchObject({ bin: 3 });
    expect(Number(cellAtCentre?.count)).toBeGreaterThanOrEqual(40);
    const hottest = [...grid.features].sort((first, second) => second.properties.z - first.properties.z)[0];
    const topCell = page.getByTestId('hot-spot-cell-row').first();
    await expect(topCell.getAttribute('data-bin')).resolves.toBe('3');
    await expect(topCell.getByTestId('hot-spot-cell-row-count').textContent()).resolves.toBe(
      String(hottest?.properties.count),
    );
    const sentence = await page.getByTestId('hot-spot-computation-text').textContent();
    expect(sentence).toContain(`Điểm nóng tối ưu (Getis-Ord Gi*) của ${grid.computation.incidents} vụ việc`);
    expect(sentence).toContain('lưới ô lục giác cao');
    expect(sentence).toContain(`${grid.computation.cells} ô`);
    expect(sentence).toContain('hiệu chỉnh FDR');
    await saveScreenshot(page, 'hot-spots-grid.png');

    // A click on a cell says what it holds.
    await clickMapAt(page, centreLabel);
    await page.getByTestId('hot-spot-cell-popup').waitFor();
    await expect(page.getByTestId('hot-spot-cell-popup-count').textContent()).resolves.toBe(
      String(cellAtCentre?.count),
    );
    await expect(page.getByTestId('hot-spot-cell-popup-bin').textContent()).resolves.toBe('+3');

    // A row zooms to its cell; "hot spots only" hides cold cells by a filter.
    const zoomBefore = await page.evaluate(() => window.diabanHotSpotMaps?.current?.getZoom() ?? 0);
    await topCell.click();
    await expect(topCell.getAttribute('aria-selected')).resolves.toBe('true');
    await page.waitForFunction((before) => {
      const map = window.diabanHotSpotMaps?.current;
      return map !== undefined && !map.isMoving() && map.getZoom() > before;
    }, zoomBefore);
    await page.getByTestId('hot-spot-grid-hot-only').check();
    await page.waitForFunction(() => window.location.hash.includes('hotOnly=on'));
    expect(
      await page.evaluate(() => window.diabanHotSpotMaps?.current?.getFilter('hot-spot-grid-fill')),
    ).toEqual(['>=', ['get', 'bin'], 0]);
    await page.getByTestId('hot-spot-grid-hot-only').uncheck();

    // A cell size of one's own is cited as given; emptied, the data chooses again.
    await page.getByTestId('hot-spot-grid-cell-size').fill('3000');
    await page.getByTestId('hot-spot-grid-cell-size').press('Enter');
    await page.waitForFunction(() => window.location.hash.includes('cellSize=3000'));
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="hot-spot-computation-text"]')
        ?.textContent?.includes('lưới ô lục giác cao 3.000 m (do người dùng chọn)'),
    );
    await page.getByTestId('hot-spot-grid-cell-size').fill('');
    await page.getByTestId('hot-spot-grid-cell-size').press('Enter');
    await page.waitForFunction(() => !window.location.hash.includes('cellSize='));
    await waitForMapData(page, 'gridCells', grid.features.length);

    // Emerging hot spots over the 12 reporting months ending with the filter's last day.
    const emerging = await fetchJson<{
      months: string[];
      units: { code: string; category: string; counts: number[] }[];
      classes: Record<string, number>;
    }>(page, `/api/hotspots/emerging?era=${ERA}&to=${WINDOW.to}`);
    expect(emerging.months).toHaveLength(12);
    const emergingCentre = emerging.units.find((unit) => unit.code === centre);
    expect(emergingCentre?.category).toBe('new-hot-spot');
    expect(emergingCentre?.counts.at(-1)).toBe(40);
    const beforeEmerging = await revision(page, 'current');
    await page.getByTestId('hot-spot-mode-emerging').click();
    await waitForPaint(page, 'current', beforeEmerging, 39);
    await page.waitForFunction(() => window.location.hash.includes('mode=emerging'));
    const codes = emerging.units.map((unit) => unit.code);
    expect(await mapClasses(page, 'current', codes)).toEqual(emerging.units.map((unit) => unit.category));
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="hot-spot-legend-class"][data-class="new-hot-spot"]'),
    );
    expect(await legendCounts(page)).toEqual(nonZero(emerging.classes));
    const centreRow = page.locator(`[data-testid="hot-spot-emerging-row"][data-code="${centre}"]`);
    await expect(centreRow.getAttribute('data-category')).resolves.toBe('new-hot-spot');
    await expect(centreRow.getByTestId('hot-spot-emerging-row-pattern').textContent()).resolves.toBe(
      'Điểm nóng mới',
    );
    await expect(centreRow.locator('[data-testid="hot-spot-sparkline"] polyline').count()).resolves.toBe(1);
    await expect(centreRow.getByTestId('hot-spot-emerging-row-trend').getAttribute('title')).resolves.toMatch(
      /^Mann–Kendall: τ = /,
    );
    await expect(page.getByTestId('hot-spot-computation-text').textContent()).resolves.toContain(
      'qua 12 tháng báo cáo 04/2024 – 03/2025 (15/03/2024 – 14/03/2025',
    );
    await expect(page.getByTestId('hot-spot-emerging-window').textContent()).resolves.toContain(
      '04/2024 – 03/2025',
    );
    await saveScreenshot(page, 'hot-spots-emerging.png');
    await centreRow.click();
    await page.waitForFunction((code) => window.location.hash.includes(`unit=${code}`), centre);

    // The patterns are named in the interface language, in Vietnamese with ArcGIS's English name beside.
    const newHotSpotLabel = page.locator(
      '[data-testid="hot-spot-legend-class"][data-class="new-hot-spot"] .label',
    );
    const labelText = async () => ((await newHotSpotLabel.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    await expect(labelText()).resolves.toBe('Điểm nóng mới New hot spot');
    await page.getByTestId('language-toggle').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="hot-spot-legend-class"][data-class="new-hot-spot"] .label')
        ?.textContent?.includes('New hot spot'),
    );
    await expect(labelText()).resolves.toBe('New hot spot');
    await page.getByTestId('language-toggle').click();

    // Density contours of the filter's incidents, levels in incidents per km².
    const density = await fetchJson<{ features: unknown[]; computation: { levels: number[] } }>(
      page,
      `/api/hotspots/density?era=${ERA}&from=${WINDOW.from}&to=${WINDOW.to}&bandwidth=1000`,
    );
    expect(density.features.length).toBeGreaterThan(0);
    await page.getByTestId('hot-spot-overlay-density').check();
    await waitForMapData(page, 'densityContours', density.features.length);
    await expect(page.getByTestId('hot-spot-density-level').count()).resolves.toBe(
      density.computation.levels.length,
    );
    expect(await featuresAt(page, centreLabel, 'hot-spot-density-fill')).not.toHaveLength(0);
    await page.waitForFunction(() => window.location.hash.includes('overlays=density'));

    // Three flashpoints about 100 m apart near the centre make one cluster of the default 500 m, 3 sites.
    const created = await page.evaluate(async (place) => {
      const session = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const statuses: number[] = [];
      const offsets: [number, number][] = [
        [0, 0],
        [0.001, 0],
        [0, 0.001],
      ];
      for (const [index, [east, north]] of offsets.entries()) {
        const response = await fetch('/api/flashpoints', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
          body: JSON.stringify({
            geometry: { type: 'Point', coordinates: [place[0] + east, place[1] + north] },
            kind: index === 0 ? 'mass-complaint' : 'land-dispute',
            title: `Điểm thử ${index + 1}`,
            severity: 'medium',
          }),
        });
        statuses.push(response.status);
      }
      return statuses;
    }, centreLabel);
    expect(created).toEqual([201, 201, 201]);
    await page.getByTestId('hot-spot-overlay-clusters').check();
    await waitForMapData(page, 'clusterPoints', 1);
    await expect(
      page
        .locator('[data-testid="hot-spot-cluster-count"][data-type="flashpoint"]')
        .getAttribute('data-value'),
    ).resolves.toBe('1');
    await page.waitForFunction(() => window.location.hash.includes('overlays=density,clusters'));
    await page.evaluate(
      (place) => window.diabanHotSpotMaps?.current?.jumpTo({ center: place as [number, number], zoom: 10.6 }),
      centreLabel,
    );
    await clickMapAt(page, [centreLabel[0] + 0.00033, centreLabel[1] + 0.00033]);
    await page.getByTestId('hot-spot-cluster-popup').waitFor();
    await expect(page.getByTestId('hot-spot-cluster-popup-kind').allTextContents()).resolves.toEqual([
      '2',
      '1',
    ]);
    await expect(page.getByTestId('hot-spot-cluster-popup').textContent()).resolves.toContain(
      'Tranh chấp đất đai',
    );
    await saveScreenshot(page, 'hot-spots-overlays.png');

    // The URL holds the mode, the months and the overlays: a reload shows the same.
    await page.getByTestId('hot-spot-months').fill('24');
    await page.getByTestId('hot-spot-months').press('Enter');
    await page.waitForFunction(() => window.location.hash.includes('months=24'));
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="hot-spot-computation-text"]')
        ?.textContent?.includes('qua 24 tháng báo cáo 04/2023 – 03/2025'),
    );
    const address = await page.evaluate(() => window.location.href);
    await page.reload();
    await page.getByTestId('hot-spots-view').waitFor();
    await expect(page.getByTestId('hot-spot-mode-emerging').locator('input').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('hot-spot-overlay-density').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('hot-spot-overlay-clusters').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('hot-spot-months').inputValue()).resolves.toBe('24');
    await waitForMapData(page, 'clusterPoints', 1);
    expect(await page.evaluate(() => window.location.href)).toBe(address);
    expect(problems).toEqual([]);
  });

  it('leaves the map’s choropleth alone: no commune figures fetched, its measure not taken', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);
    const figures: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/stats/units')) figures.push(request.url());
    });
    await signInTo(page, `#/hotspots?${VIEW_QUERY}&measure=per1000`);
    await page.getByTestId('hot-spot-row').first().waitFor();
    await expect(page.getByTestId('hot-spot-measure').inputValue()).resolves.toBe('per1000');
    // The drill-down carries the filter, not the analysis's measure as the choropleth's.
    const href = (await page
      .getByTestId('hot-spot-row')
      .first()
      .getByTestId('hot-spot-row-incidents')
      .getAttribute('href')) as string;
    expect(href).not.toContain('measure=');
    expect(figures).toEqual([]);

    // The map asks for its figures once it shows, counting incidents as before.
    await page.getByTestId('map-link').click();
    await page.getByTestId('choropleth-measure').waitFor();
    await expect(page.getByTestId('choropleth-measure').inputValue()).resolves.toBe('count');
    await page.waitForFunction(() => document.documentElement.dataset.mapReady === 'true', undefined, {
      timeout: 30_000,
    });
    expect(figures.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('says plainly when the window has no incidents, and shows the API’s refusal', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);
    await signInTo(page, `#/hotspots?era=${ERA}&period=custom&from=2019-01-01&to=2019-01-14`);
    await page.getByTestId('hot-spots-empty').waitFor();
    await expect(page.getByTestId('hot-spots-empty').textContent()).resolves.toContain(
      'Không có vụ việc nào từ 01/01/2019 đến 14/01/2019',
    );
    expect(await legendCounts(page)).toEqual({ '0': 39 });
    await expect(page.getByTestId('hot-spot-computation-text').textContent()).resolves.toContain(
      'G tổng thể không xác định: không có vụ việc nào trong thời gian này.',
    );

    // A province the era lacks: the server's message, in the interface language.
    await page.goto(`${harness.baseUrl}/#/hotspots?${VIEW_QUERY}&province=Nowhere`);
    await page.getByTestId('hot-spots-error').waitFor();
    await expect(page.getByTestId('hot-spots-error').textContent()).resolves.toContain(
      `Thời kỳ "${ERA}" không có tỉnh "Nowhere"`,
    );
    expect(problems).toEqual([]);
  });
});
