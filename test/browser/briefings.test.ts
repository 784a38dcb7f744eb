import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { insertCycle, insertDecision, insertTransition } from '../../server/db/queries/programme-cycles';
import { allEras } from '../../server/db/queries/records';
import { fixturePath } from '../helpers';
import {
  type Account,
  addAccount,
  type BrowserHarness,
  collectPageErrors,
  openMap,
  outputDirectory,
  runDiaban,
  saveScreenshot,
  startBrowserHarness,
} from './browser-harness';

/*
 * A planner's briefing pack, end to end: the tiny province with two communes selected in 2024; the map is
 * saved as a view from its toolbar; on #/briefings a pack is built of that view, the year's figures and an
 * atlas of the two communes (reordered), printed by the server's headless Chromium while the page shows
 * progress, then downloaded. The PDF's text (pdftotext) has the cover's title and marking, the table of
 * contents with its page numbers, "Trang n/N" on every page, the table and the communes' names, in the
 * order the planner chose.
 */
const PLANNER: Account = { username: 'kehoach', password: 'Mat-khau-thu-nghiem-2025' };
const TITLE = 'Sơ kết 6 tháng chuyển hóa địa bàn năm 2024';
const MARKING = 'Lưu hành nội bộ';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-briefings-browser-',
    prepareDatabase: (path) => {
      runDiaban([
        'import',
        'boundaries',
        fixturePath('tiny-province.geojson'),
        '--era',
        'test-2021',
        '--valid-from',
        '2021-07-01',
        '--valid-to',
        '2025-06-30',
        '--db',
        path,
      ]);
      const database = openDatabase(path);
      const eraId = (allEras(database)[0] as { id: number }).id;
      const stamp = { createdAt: '2024-04-12T00:00:00.000Z', createdBy: 'test' };
      const decision = insertDecision(database, {
        eraId,
        provinceCode: null,
        provinceName: 'Tỉnh Thử Nghiệm',
        kind: 'selection',
        number: '93/QĐ-BCĐ',
        date: '2024-04-12',
        year: 2024,
        signer: 'Trưởng Ban Chỉ đạo',
        ...stamp,
      });
      for (const unitCode of ['90001', '90003']) {
        const cycleId = insertCycle(database, { eraId, unitCode, year: 2024, ...stamp });
        insertTransition(database, {
          cycleId,
          status: 'selected',
          date: '2024-04-12',
          decisionId: decision.id,
          reason: null,
          actor: 'test',
          recordedAt: stamp.createdAt,
        });
      }
      database.$client.close();
    },
  });
  addAccount(harness.databasePath, PLANNER, 'planner');
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function downloadPdf(page: Page, href: string): Promise<Buffer> {
  const bytes = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return Array.from(new Uint8Array(await response.arrayBuffer()));
  }, href);
  return Buffer.from(bytes);
}

describe('briefing packs in the browser', () => {
  it('saves a view, builds a pack with a table and an atlas, prints it and downloads the PDF', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);

    await openMap(page, `${harness.baseUrl}/#/map?era=test-2021&layers=fill,districts,labels`, PLANNER);
    await page.getByTestId('save-view').click();
    await page.getByTestId('save-view-name').fill('Bản đồ toàn tỉnh');
    await page.getByTestId('save-view-confirm').click();
    await page.getByTestId('save-view-saved').waitFor();

    // The programme's map opens where the URL's camera says, and a view saved there keeps it.
    await page.goto(`${harness.baseUrl}/#/programme?year=2024&lng=105.57&lat=10.06&z=12.5`);
    await page.waitForFunction(() => {
      const map = (window as unknown as { diabanProgrammeMap?: { loaded(): boolean } }).diabanProgrammeMap;
      return Boolean(map?.loaded());
    });
    expect(
      await page.evaluate(() =>
        (window as unknown as { diabanProgrammeMap: { getZoom(): number } }).diabanProgrammeMap.getZoom(),
      ),
    ).toBeCloseTo(12.5, 1);
    await page.getByTestId('save-view').click();
    await page.getByTestId('save-view-name').fill('Chuyển hóa 2024');
    await page.getByTestId('save-view-confirm').click();
    await page.getByTestId('save-view-saved').waitFor();

    await page.goto(`${harness.baseUrl}/#/briefings`);
    const savedView = page.getByTestId('saved-view');
    await savedView.first().waitFor();
    expect((await page.getByTestId('saved-view-name').allTextContents()).sort()).toEqual([
      'Bản đồ toàn tỉnh',
      'Chuyển hóa 2024',
    ]);
    const views = await page.evaluate(
      async () => (await (await fetch('/api/saved-views')).json()) as unknown,
    );
    expect(views).toMatchObject({
      views: expect.arrayContaining([
        expect.objectContaining({
          name: 'Chuyển hóa 2024',
          location: '/programme?year=2024&lng=105.57&lat=10.06&z=12.5',
        }),
        expect.objectContaining({
          name: 'Bản đồ toàn tỉnh',
          location: expect.stringMatching(/^\/map\?era=test-2021&lng=/),
        }),
      ]),
    });

    await page.getByTestId('pack-new').click();
    await page.getByTestId('pack-name').fill('Sơ kết 6 tháng');
    await page.getByTestId('pack-title').fill(TITLE);
    await page.getByTestId('pack-marking').fill(MARKING);
    await page.getByTestId('pack-add-view-choice').selectOption({ label: 'Bản đồ toàn tỉnh' });
    await page.getByTestId('pack-add-view').click();
    await page.getByTestId('pack-add-table-choice').selectOption('programme-kpis');
    await page.getByTestId('pack-add-table-year').fill('2024');
    await page.getByTestId('pack-add-table').click();
    await page.getByTestId('pack-atlas-year').fill('2024');
    await page.getByTestId('pack-atlas-load').click();
    const atlasUnits = page.getByTestId('pack-atlas-unit');
    await atlasUnits.nth(1).waitFor();
    expect(await atlasUnits.count()).toBe(2);
    // Đông Hòa (90003) first, then Vĩnh Thạnh (90001): the planner's order, not the list's.
    const firstListed = await atlasUnits.first().textContent();
    if (firstListed?.includes('90001')) await atlasUnits.nth(1).getByRole('button', { name: 'Lên' }).click();
    expect(await atlasUnits.first().textContent()).toContain('90003');
    await page.getByTestId('pack-atlas-add').click();
    expect(await page.getByTestId('pack-item').count()).toBe(3);
    await page.getByTestId('pack-save').click();
    await page.getByTestId('pack').first().waitFor();
    await saveScreenshot(page, 'briefings-pack.png');

    await page.getByTestId('pack-render').click();
    const download = page.getByTestId('pack-render-download');
    await download.waitFor({ timeout: 180_000 });
    const href = (await download.getAttribute('href')) as string;
    const pdf = await downloadPdf(page, href);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const path = join(outputDirectory, 'briefing-pack.pdf');
    writeFileSync(path, pdf);

    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((content) => content.trim() !== '');
    // Cover, contents, the view, the table, two atlas pages.
    expect(pages).toHaveLength(6);
    expect(pages[0]).toContain(TITLE);
    expect(pages[0]?.toUpperCase()).toContain(MARKING.toUpperCase());
    expect(pages[1]).toContain('Mục lục');
    expect(pages[1]).toMatch(/Bản đồ toàn tỉnh\s+3/);
    expect(pages[1]).toMatch(/Kết quả chuyển hóa địa bàn \(2024\)\s+4/);
    expect(pages[1]).toMatch(/Tập bản đồ địa bàn chuyển hóa năm 2024\s+5/);
    pages.forEach((content, index) => {
      expect(content).toContain(`Trang ${index + 1}/6`);
    });
    expect(pages[3]).toContain('Tỷ lệ chuyển hóa đạt');
    expect(pages[4]).toContain('Đông Hòa');
    expect(pages[5]).toContain('Vĩnh Thạnh');
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
