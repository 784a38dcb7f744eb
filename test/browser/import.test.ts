import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../server/services/headless-chromium';

/*
 * Importing incidents as a commander does it: the real server over a database holding the tiny test
 * province (where the incident fixture lies) and an account that may write incidents, the built client in
 * Chromium. `npm test` builds the client first.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const outputDirectory = join(root, 'test/output');
const cli = join(root, 'server/cli/bin.mjs');
const incidentsCsv = join(root, 'test/fixtures/incidents/tiny-province-incidents.csv');
const PASSWORD = 'nhap-vu-viec-2024-an-toan';

let server: ChildProcess;
let baseUrl: string;
let browser: Browser;
let workDirectory: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start within 60 s');
}

function diaban(args: string[], input?: string): void {
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`diaban ${args.join(' ')}: ${result.stderr}${result.stdout}`);
}

/** The preview row of a file row, once the preview shows it in the state expected. */
async function previewRow(page: Page, row: number, state: 'accepted' | 'rejected') {
  const locator = page.locator(
    `[data-testid="import-preview-row"][data-row="${row}"][data-state="${state}"]`,
  );
  await locator.waitFor({ timeout: 15_000 });
  return locator;
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/client/index.html'))) {
    throw new Error('The client is not built: run "npm run build" first ("npm test" does it).');
  }
  workDirectory = mkdtempSync(join(tmpdir(), 'diaban-browser-import-'));
  mkdirSync(outputDirectory, { recursive: true });
  const database = join(workDirectory, 'diaban.db');
  diaban([
    'import',
    'boundaries',
    join(root, 'test/fixtures/boundaries/tiny-province.geojson'),
    '--era',
    'test-2021',
    '--valid-from',
    '2021-07-01',
    '--level',
    'commune',
    '--db',
    database,
  ]);
  diaban(
    ['user', 'add', '--username', 'chi-huy', '--role', 'commander', '--password-stdin', '--db', database],
    `${PASSWORD}\n`,
  );
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [cli, 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', database],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForHealth(baseUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
});

describe('importing incidents in Chromium', () => {
  it('uploads a file, changes a column, imports it, shows the counts and gives the rejected rows', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // Signing in on the way to the import page brings the user there.
    await page.goto(`${baseUrl}/#/import`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await page.getByTestId('login-username').fill('chi-huy');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
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
    await page.screenshot({ path: join(outputDirectory, 'import-preview.png'), fullPage: true });

    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
    const figure = (name: string) => page.getByTestId(`import-count-${name}`).getAttribute('data-value');
    await expect(figure('read')).resolves.toBe('11');
    await expect(figure('accepted')).resolves.toBe('8');
    await expect(figure('rejected')).resolves.toBe('3');
    await expect(figure('duplicates')).resolves.toBe('0');
    await expect(figure('outside')).resolves.toBe('1');
    await page.screenshot({ path: join(outputDirectory, 'import-result.png'), fullPage: true });

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
