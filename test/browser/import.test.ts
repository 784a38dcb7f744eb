import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  addAccount,
  type BrowserHarness,
  collectPageErrors,
  fillLoginForm,
  projectRoot,
  runDiaban,
  saveScreenshot,
  startBrowserHarness,
} from './browser-harness';

/*
 * Importing incidents as a commander does it: the real server over a database holding the tiny test
 * province (where the incident fixture lies) and an account that may write incidents, the built client in
 * Chromium. `npm test` builds the client first.
 */
const incidentsCsv = join(projectRoot, 'test/fixtures/incidents/tiny-province-incidents.csv');
const COMMANDER: Account = { username: 'chi-huy', password: 'nhap-vu-viec-2024-an-toan' };

let harness: BrowserHarness;

/** The preview row of a file row, once the preview shows it in the state expected. */
async function previewRow(page: Page, row: number, state: 'accepted' | 'rejected') {
  const locator = page.locator(
    `[data-testid="import-preview-row"][data-row="${row}"][data-state="${state}"]`,
  );
  await locator.waitFor({ timeout: 15_000 });
  return locator;
}

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-browser-import-',
    prepareDatabase: (databasePath) => {
      runDiaban([
        'import',
        'boundaries',
        join(projectRoot, 'test/fixtures/boundaries/tiny-province.geojson'),
        '--era',
        'test-2021',
        '--valid-from',
        '2021-07-01',
        '--level',
        'commune',
        '--db',
        databasePath,
      ]);
      addAccount(databasePath, COMMANDER, 'commander');
    },
  });
});

afterAll(() => harness?.close());

describe('importing incidents in Chromium', () => {
  it('uploads a file, changes a column, imports it, shows the counts and gives the rejected rows', async () => {
    const page = await harness.browser.newPage({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const problems = collectPageErrors(page);

    // Signing in on the way to the import page brings the user there.
    await page.goto(`${harness.baseUrl}/#/import`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await fillLoginForm(page, COMMANDER);
    await page.getByTestId('import-view').waitFor({ timeout: 30_000 });

    // The header links accounts that may write incidents to this page; on it, the link gives way.
    await page.getByTestId('map-link').click();
    await page.getByTestId('import-link').click();
    await page.getByTestId('import-view').waitFor();

    await page.getByTestId('import-file-input').setInputFiles(incidentsCsv);
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('import-file').textContent()).resolves.toContain(
      'tiny-province-incidents.csv',
    );
    await expect(page.getByTestId('import-role-longitude').getAttribute('data-detected')).resolves.toBe(
      'Kinh độ',
    );
    await expect(page.getByTestId('import-preview-row').count()).resolves.toBe(11);
    await previewRow(page, 2, 'accepted');
    const impossible = await previewRow(page, 10, 'rejected');
    await expect(impossible.getByTestId('import-preview-reading').textContent()).resolves.toContain(
      '31/02/2024',
    );

    // The time read from a column that holds no times: every row is refused, and the reason says why.
    await page.getByTestId('import-role-occurredTime').selectOption('Số hiệu');
    const refused = await previewRow(page, 2, 'rejected');
    await expect(refused.getByTestId('import-preview-reading').textContent()).resolves.toContain('Số hiệu');
    await page.getByTestId('import-role-occurredTime').selectOption('');
    await previewRow(page, 2, 'accepted');
    await saveScreenshot(page, 'import-preview.png', { fullPage: true });

    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    const figure = (name: string) => page.getByTestId(`import-count-${name}`).getAttribute('data-value');
    await expect(figure('read')).resolves.toBe('11');
    await expect(figure('accepted')).resolves.toBe('8');
    await expect(figure('rejected')).resolves.toBe('3');
    await expect(figure('duplicates')).resolves.toBe('0');
    await expect(figure('outside')).resolves.toBe('1');
    await saveScreenshot(page, 'import-result.png', { fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-rejected-download').click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'row,reason_vi,reason_en,Ngày xảy ra,Giờ,Kinh độ,Vĩ độ,Loại vụ việc,Mức độ,Đã khám phá,Số hiệu',
    );
    expect(lines.map((line) => line.split(',')[0])).toEqual(['row', '10', '11', '12']);

    // The same page in English.
    const vietnamese = await page.getByTestId('import-count-read').textContent();
    await page.getByTestId('language-toggle').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect(page.getByTestId('import-count-read').textContent()).resolves.toContain('Rows read');
    expect(vietnamese).toContain('Dòng đọc');

    // Importing the same file again adds nothing.
    await page.getByTestId('import-again').click();
    await page.getByTestId('import-file-input').setInputFiles(incidentsCsv);
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    await expect(figure('duplicates')).resolves.toBe('8');

    expect(problems).toEqual([]);
    await page.close();
  });
});
