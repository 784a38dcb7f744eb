import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  addAccount,
  type BrowserHarness,
  collectPageErrors,
  fetchJson,
  fillLoginForm,
  saveScreenshot,
  startBrowserHarness,
  waitForMapReady,
} from './browser-harness';

/*
 * Records from the map, as a commander meets them: the real server on a fresh database (the demo province),
 * an account created with `diaban user add`, and the built client in Chromium. Flashpoints and vice spots
 * are placed by clicking the map, saved through the side panel's form, seen on the map, moved through
 * their statuses with their history, and a bad input answers in both languages.
 */
const COMMANDER: Account = { username: 'chihuy', password: 'Mat-khau-thu-nghiem-2025' };

interface UnitFeature {
  properties: { code: string; fullName: string; labelLongitude: number; labelLatitude: number };
}

let harness: BrowserHarness;

async function signIn(page: Page): Promise<void> {
  await page.goto(`${harness.baseUrl}/`);
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await fillLoginForm(page, COMMANDER);
  await waitForMapReady(page);
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.diabanMap.loaded() && !window.diabanMap.isMoving());
}

/** Clicks the map `dx`, `dy` pixels from its centre; answers where that is. */
async function clickMap(page: Page, dx: number, dy: number): Promise<[number, number]> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox()) as {
    x: number;
    y: number;
    width: number;
    height: number;
  };
  const x = box.width / 2 + dx;
  const y = box.height / 2 + dy;
  await page.mouse.click(box.x + x, box.y + y);
  return page.evaluate(
    ([px, py]) => {
      const position = window.diabanMap.unproject([px as number, py as number]);
      return [position.lng, position.lat] as [number, number];
    },
    [x, y],
  );
}

/** Titles of the features a record source holds now. */
async function sourceTitles(page: Page, source: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      window.diabanMap
        .querySourceFeatures(name)
        .map((feature) => String(feature.properties?.title ?? ''))
        .filter(Boolean),
    source,
  );
}

async function statusEntries(page: Page): Promise<string[]> {
  return page
    .getByTestId('record-status-entry')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.status ?? ''));
}

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-records-',
    prepareDatabase: (databasePath) => addAccount(databasePath, COMMANDER, 'commander'),
  });
});

afterAll(() => harness?.close());

describe('records on the map in Chromium', () => {
  it('places, saves, shows and moves a flashpoint and a vice spot through their statuses', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);
    await signIn(page);

    // Go to a commune of the demo province, close enough to place things precisely.
    const units = await fetchJson<{ features: UnitFeature[] }>(page, '/api/units');
    const commune = (units.features[0] as UnitFeature).properties;
    await page.evaluate(
      ([longitude, latitude]) =>
        window.diabanMap.jumpTo({ center: [longitude as number, latitude as number], zoom: 13 }),
      [commune.labelLongitude, commune.labelLatitude],
    );
    await settle(page);

    // A flashpoint: the tool, a click on the map, the form.
    await page.getByTestId('record-add-flashpoint').click();
    await page.getByTestId('record-placing-hint').waitFor();
    await clickMap(page, 0, 0);
    await page.getByTestId('record-form').waitFor();
    await page.getByTestId('record-form-kind').selectOption('land-dispute');
    await page.getByTestId('record-form-title').fill('Tranh chấp đất ấp Mỹ Lợi');
    await page.getByTestId('record-form-severity').selectOption('high');
    await page.getByTestId('record-form-people').fill('35');
    await page.getByTestId('record-form-save').click();
    await page.getByTestId('record-details').waitFor();
    await expect(page.getByTestId('record-details-status').textContent()).resolves.toBe('Mới phát sinh');
    await page.waitForFunction(() =>
      window.diabanMap
        .queryRenderedFeatures({ layers: ['flashpoints-points'] })
        .some((feature) => feature.properties?.title === 'Tranh chấp đất ấp Mỹ Lợi'),
    );
    expect(await statusEntries(page)).toEqual(['arising']);

    // A date in the future is refused by the server, in the interface's language, both ways.
    await page.getByTestId('record-status-select').selectOption('being-resolved');
    await page.getByTestId('record-status-date').fill('01/01/2099');
    await page.getByTestId('record-status-submit').click();
    await page.getByTestId('record-status-error').waitFor();
    await expect(page.getByTestId('record-status-error').textContent()).resolves.toContain('ở tương lai');
    await page.getByTestId('language-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect(page.getByTestId('record-status-error').textContent()).resolves.toContain('in the future');
    await page.getByTestId('language-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'vi');

    // A date the user types wrongly is caught before it is sent.
    await page.getByTestId('record-status-date').fill('31/02/2025');
    await page.getByTestId('record-status-submit').click();
    await expect(page.getByTestId('record-status-error').textContent()).resolves.toContain('dd/mm/yyyy');

    // Being resolved from today, with a note: the history grows, and so does the change list.
    const today = await page.evaluate(() => {
      const now = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-');
      return `${now[2]}/${now[1]}/${now[0]}`;
    });
    await page.getByTestId('record-status-date').fill(today);
    await page.getByTestId('record-status-note').fill('Đã mời hai bên hòa giải');
    await page.getByTestId('record-status-submit').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="record-details-status"]')?.textContent === 'Đang giải quyết',
    );
    expect(await statusEntries(page)).toEqual(['being-resolved', 'arising']);
    await expect(page.getByTestId('record-status-history').textContent()).resolves.toContain(
      'Đã mời hai bên hòa giải',
    );
    const actions = await page
      .getByTestId('record-change-entry')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.action));
    expect(actions).toEqual(['flashpoint.status', 'flashpoint.create']);

    // Editing the record changes it on the map.
    await page.getByTestId('record-edit').click();
    await page.getByTestId('record-form-title').fill('Tranh chấp đất ấp Mỹ Lợi (đợt 2)');
    await page.getByTestId('record-form-save').click();
    await page.getByTestId('record-details').waitFor();
    await page.waitForFunction(() =>
      window.diabanMap
        .querySourceFeatures('flashpoints')
        .some((feature) => feature.properties?.title === 'Tranh chấp đất ấp Mỹ Lợi (đợt 2)'),
    );
    await page.getByTestId('record-panel-close').click();

    // Clicking it on the map opens its popup, whose button opens the record again.
    await clickMap(page, 0, 0);
    await page.getByTestId('flashpoint-popup').waitFor();
    await expect(page.getByTestId('record-popup-status').textContent()).resolves.toBe('Đang giải quyết');
    await page.getByTestId('record-popup-details').click();
    await page.getByTestId('record-details').waitFor();
    await page.getByTestId('record-panel-close').click();

    // A flashpoint area, drawn corner by corner and finished with Enter.
    await page.getByTestId('record-add-flashpoint-area').click();
    await clickMap(page, -150, -120);
    await clickMap(page, -40, -130);
    await clickMap(page, -60, -40);
    await page.keyboard.press('Enter');
    await page.getByTestId('record-form').waitFor();
    await expect(page.getByTestId('record-form').textContent()).resolves.toContain('3 đỉnh');
    await page.getByTestId('record-form-kind').selectOption('compensation-clearance');
    await page.getByTestId('record-form-title').fill('Giải phóng mặt bằng khu dân cư');
    await page.getByTestId('record-form-save').click();
    await page.getByTestId('record-details').waitFor();
    await page.waitForFunction(() =>
      window.diabanMap
        .querySourceFeatures('flashpoints')
        .some((feature) => feature.geometry.type === 'Polygon' && Number(feature.properties?.areaHa) > 0),
    );
    await page.getByTestId('record-panel-close').click();

    // A vice spot, placed beside it, then eliminated ("triệt xóa") in one step.
    await page.getByTestId('record-add-vice-spot').click();
    await clickMap(page, 90, 40);
    await page.getByTestId('record-form').waitFor();
    await page.getByTestId('record-form-kind').selectOption('gambling');
    await page.getByTestId('record-form-title').fill('Tụ điểm đánh bạc bến đò');
    await page.getByTestId('record-form-save').click();
    await page.getByTestId('record-details').waitFor();
    await expect(page.getByTestId('record-details-status').textContent()).resolves.toBe('Đang hoạt động');
    await page.waitForFunction(() =>
      window.diabanMap
        .queryRenderedFeatures({ layers: ['vice-spots-points'] })
        .some((feature) => feature.properties?.status === 'active'),
    );
    await page.getByTestId('record-status-close').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="record-details-status"]')?.textContent === 'Đã triệt xóa',
    );
    expect(await statusEntries(page)).toEqual(['eliminated', 'active']);
    await page.waitForFunction(() =>
      window.diabanMap
        .queryRenderedFeatures({ layers: ['vice-spots-points'] })
        .some((feature) => feature.properties?.status === 'eliminated'),
    );
    expect(await sourceTitles(page, 'vice-spots')).toContain('Tụ điểm đánh bạc bến đò');

    // A form without a title is refused before it is sent; one the server refuses says why.
    await page.getByTestId('record-panel-close').click();
    await page.getByTestId('record-add-vice-spot').click();
    await clickMap(page, 120, -60);
    await page.getByTestId('record-form-kind').selectOption('drug-use');
    await page.getByTestId('record-form-save').click();
    await expect(page.getByTestId('record-form-error').textContent()).resolves.toContain('Tên, mô tả ngắn');
    await page.getByTestId('record-form-title').fill('Tụ điểm tương lai');
    await page.getByTestId('record-form-status-date').fill('02/02/2099');
    await page.getByTestId('record-form-save').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="record-form-error"]')?.textContent?.includes('ở tương lai'),
    );
    await page.getByTestId('record-form-cancel').click();

    await saveScreenshot(page, 'records.png');

    // The commune's panel lists its open flashpoints (the resolved vice spot is no longer active).
    const placed = await fetchJson<{
      features: { properties: { unitCode: string | null; title: string } }[];
    }>(page, '/api/flashpoints');
    const unitCode = placed.features.find((feature) => feature.properties.title.includes('Mỹ Lợi'))
      ?.properties.unitCode;
    expect(unitCode).toBeTruthy();
    await page.evaluate((code) => {
      const url = new URL(window.location.hash.slice(1), window.location.origin);
      url.searchParams.set('unit', code);
      window.location.hash = `${url.pathname}${url.search}`;
    }, unitCode as string);
    await page.getByTestId('unit-records-summary').waitFor();
    await expect(page.getByTestId('unit-open-flashpoint').first().textContent()).resolves.toContain('Mỹ Lợi');
    await expect(page.getByTestId('unit-active-vice-spot').count()).resolves.toBe(0);

    // Its figures for the reporting month: entered, saved, shown.
    await page.getByTestId('indicator-edit').click();
    await page.getByTestId('indicator-value-wanted-persons').fill('3');
    await page.getByTestId('indicator-save').click();
    await page.getByTestId('indicator-notice').waitFor();
    await expect(page.getByTestId('unit-indicators').textContent()).resolves.toContain('3 người');

    expect(problems).toEqual([]);
    await page.close();
  });

  it('adds an incident by hand and shows incidents as clusters and a heatmap sized in metres', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page);
    const units = await fetchJson<{ features: UnitFeature[] }>(page, '/api/units');
    const commune = (units.features[1] as UnitFeature).properties;
    await page.evaluate(
      ([longitude, latitude]) =>
        window.diabanMap.jumpTo({ center: [longitude as number, latitude as number], zoom: 14.5 }),
      [commune.labelLongitude, commune.labelLatitude],
    );
    await settle(page);

    await page.getByTestId('layer-toggle-incidents').check();
    await page.getByTestId('layer-toggle-heatmap').check();
    await page.waitForFunction(() => window.location.hash.includes('heatmap'));

    await page.getByTestId('record-add-incident').click();
    await clickMap(page, 0, 0);
    await page.getByTestId('record-form').waitFor();
    await page.getByTestId('record-form-time').fill('08:30');
    await page.getByTestId('record-form-category').selectOption({ index: 1 });
    await page.getByTestId('record-form-severity').selectOption('nghiem-trong');
    await page.getByTestId('record-form-reference').fill('BC-2025/117');
    await page.getByTestId('record-form-save').click();
    await page.getByTestId('record-details').waitFor();
    await expect(page.getByTestId('record-details').textContent()).resolves.toContain('BC-2025/117');
    await page.getByTestId('record-panel-close').click();

    // The new incident is among the points, drawn singly at this zoom, with a popup.
    await page.waitForFunction(
      () => window.diabanMap.queryRenderedFeatures({ layers: ['incidents-points'] }).length > 0,
      undefined,
      { timeout: 15_000 },
    );
    await settle(page);
    await clickMap(page, 0, 0);
    await page.getByTestId('incident-popup').waitFor();
    await expect(page.getByTestId('incident-popup-time').textContent()).resolves.toMatch(
      /^\d{2}\/\d{2}\/\d{4} 08:30$/,
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="incident-popup-reference"]')?.textContent === 'BC-2025/117',
    );

    // The heatmap radius in pixels is 500 m on the ground at every zoom, as the map itself measures it.
    for (const zoom of [9, 12.5, 15]) {
      await page.evaluate((z) => window.diabanMap.jumpTo({ zoom: z }), zoom);
      const ratio = await page.evaluate(() => {
        const map = window.diabanMap;
        const canvas = map.getCanvas();
        const x = canvas.clientWidth / 2;
        const y = canvas.clientHeight / 2;
        const a = map.unproject([x, y]);
        const b = map.unproject([x + 100, y]);
        const metresPer100Pixels = a.distanceTo(b);
        const expression = map.getPaintProperty('incidents-heatmap', 'heatmap-radius') as [
          string,
          unknown,
          unknown,
          number,
          number,
          number,
          number,
        ];
        const [, , , lowZoom, low, highZoom, high] = expression;
        const progress = (2 ** (map.getZoom() - lowZoom) - 1) / (2 ** (highZoom - lowZoom) - 1);
        const pixels = low + (high - low) * progress;
        return (pixels * metresPer100Pixels) / 100 / 500;
      });
      expect(ratio).toBeGreaterThan(0.98);
      expect(ratio).toBeLessThan(1.02);
    }
    await page.close();
  });
});
