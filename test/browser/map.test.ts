import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../server/domain/text/fold-text';
import {
  type Account,
  type BrowserHarness,
  collectPageErrors,
  demoAccount,
  fetchJson,
  openMap,
  saveScreenshot,
  startBrowserHarness,
} from './browser-harness';

/*
 * The whole product as a user meets it: the real server (`diaban serve`) on an empty database, which loads
 * the demo province, and the built client in Debian's Chromium. `npm test` builds the client first.
 */
interface UnitFeature {
  properties: { code: string; name: string; fullName: string; labelLongitude: number; labelLatitude: number };
}

let harness: BrowserHarness;
let demo: Account;

/** Opens a view of the demo province, signing in as the demo account when asked. */
function openDemoMap(page: Page, path = '/'): Promise<void> {
  return openMap(page, `${harness.baseUrl}${path}`, demo);
}

/** Codes of the communes MapLibre has drawn in the viewport. */
async function renderedCommuneCodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const features = window.diabanMap.queryRenderedFeatures();
    const codes = features
      .map((feature) => feature.properties?.code)
      .filter((code) => typeof code === 'string');
    return [...new Set(codes as string[])];
  });
}

/** Distinct colours in the map canvas, sampled on a grid: a blank or failed render has one or two. */
async function distinctMapColours(page: Page): Promise<number> {
  return page.evaluate(() => {
    const source = window.diabanMap.getCanvas();
    const canvas = document.createElement('canvas');
    canvas.width = 200;
    canvas.height = 150;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    for (let k = 0; k < pixels.length; k += 4) {
      colours.add(
        ((pixels[k] as number) << 16) | ((pixels[k + 1] as number) << 8) | (pixels[k + 2] as number),
      );
    }
    return colours.size;
  });
}

beforeAll(async () => {
  harness = await startBrowserHarness({ workDirectoryPrefix: 'diaban-browser-' });
  demo = demoAccount(harness);
});

afterAll(() => harness?.close());

describe('the commune map in Chromium', () => {
  it('shows the demo province, searches, opens a commune, and keeps the view in the URL', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = collectPageErrors(page);
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
        problems.push(message.text());
    });
    await openDemoMap(page);

    // The empty database was given the demo province, and the interface says so.
    await expect(page.getByTestId('demo-banner').isVisible()).resolves.toBe(true);
    const rendered = await renderedCommuneCodes(page);
    expect(rendered.length).toBeGreaterThan(5);

    // Search without accents for a commune whose name has them.
    const units = await fetchJson<{ features: UnitFeature[] }>(page, '/api/units');
    const target = units.features.find(
      (feature) => foldText(feature.properties.name) !== feature.properties.name.toLowerCase(),
    );
    expect(target, 'a demo commune with diacritics').toBeDefined();
    const { code, fullName, name } = (target as UnitFeature).properties;
    await page.getByTestId('search-input').fill(foldText(name));
    await page.getByTestId('search-result').first().waitFor();
    await expect(page.getByTestId('search-result').first().textContent()).resolves.toContain(fullName);
    await page.getByTestId('search-result').first().click();
    await page.getByTestId('unit-panel').waitFor();
    await expect(page.getByTestId('unit-panel').textContent()).resolves.toContain(fullName);
    await expect(page.getByTestId('unit-panel').textContent()).resolves.toContain(code);
    await page.waitForFunction((unit) => window.location.hash.includes(`unit=${unit}`), code);

    // Clicking another commune on the map opens its panel instead.
    await page.getByTestId('unit-panel-close').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="unit-panel"]'));
    const other = units.features.find((feature) => feature.properties.code !== code) as UnitFeature;
    await page.evaluate(
      ([longitude, latitude]) =>
        window.diabanMap.jumpTo({ center: [longitude as number, latitude as number], zoom: 11 }),
      [other.properties.labelLongitude, other.properties.labelLatitude],
    );
    await page.waitForFunction(() => window.diabanMap.loaded() && !window.diabanMap.isMoving());
    const box = (await page.locator('.maplibregl-canvas').boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    const point = await page.evaluate(
      ([longitude, latitude]) => window.diabanMap.project([longitude as number, latitude as number]),
      [other.properties.labelLongitude, other.properties.labelLatitude],
    );
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.getByTestId('unit-panel').waitFor();
    await expect(page.getByTestId('unit-panel').textContent()).resolves.toContain(other.properties.fullName);

    // The screenshot is kept for people, and checked not to be blank.
    await saveScreenshot(page, 'map.png');
    expect(await distinctMapColours(page)).toBeGreaterThan(8);

    // The URL carries the whole view: a colleague who opens the link signs in and sees the same commune,
    // era and zoom.
    await page.waitForFunction(
      (unit) => window.location.hash.includes(`unit=${unit}`),
      other.properties.code,
    );
    const shared = await page.evaluate(() => window.location.hash);
    const zoom = await page.evaluate(() => window.diabanMap.getZoom());
    const second = await harness.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openDemoMap(second, `/${shared}`);
    await second.getByTestId('unit-panel').waitFor();
    await expect(second.getByTestId('unit-panel').textContent()).resolves.toContain(
      other.properties.fullName,
    );
    expect(await second.evaluate(() => window.diabanMap.getZoom())).toBeCloseTo(zoom, 1);
    await second.close();

    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches era and language', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openDemoMap(page);
    const eras = (await fetchJson(page, '/api/eras')) as {
      eras: { label: string }[];
      defaultEra: string;
    };
    const other = eras.eras.find((era) => era.label !== eras.defaultEra) as { label: string };
    const before = await renderedCommuneCodes(page);
    await page.getByTestId('era-select').selectOption(other.label);
    await page.waitForFunction((label) => window.location.hash.includes(`era=${label}`), other.label);
    await page.waitForFunction(
      (codes) => {
        const now = window.diabanMap.queryRenderedFeatures().map((feature) => feature.properties?.code);
        return now.length > 0 && now.every((code) => typeof code !== 'string' || !codes.includes(code));
      },
      before,
      { timeout: 15_000 },
    );

    const vietnamese = await page.getByTestId('demo-banner').textContent();
    await page.getByTestId('language-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const english = await page.getByTestId('demo-banner').textContent();
    expect(english).not.toBe(vietnamese);
    expect(english).toMatch(/demo/i);

    // Signing out ends the session: the map is behind the sign-in page again.
    await expect(page.getByTestId('user-menu').textContent()).resolves.toMatch(/Tài khoản mẫu|demo/);
    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-form').waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/eras')).status)).toBe(401);
    await page.close();
  });
});
