import { createHash } from 'node:crypto';
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
 * The programme's admin page (#/programme/admin) over the demo database and the real server. A planner
 * records a selection decision through the form, attaches its signed PDF (read back byte for byte), gives
 * a commune found by name a drug rating and removes it again; an administrator changes a year's
 * evaluation window to the plan's own 15/4–14/12, first seeing the server's bilingual refusal of a window
 * that ends before it starts, then stores the year's next criteria version with a raised threshold and a
 * computed criterion added.
 */
const PLANNER: Account = { username: 'thammuu', password: 'Mat-khau-thu-nghiem-2025' };
const ADMIN: Account = { username: 'quantri', password: 'Mat-khau-quan-tri-2025' };

interface DecisionAnswer {
  id: number;
  kind: string;
  number: string;
  date: string;
  year: number;
  signer: string;
  title: string | null;
  document: { name: string; bytes: number; sha256: string } | null;
}

interface DesignationAnswer {
  id: number;
  era: string;
  unit: { code: string; fullName: string };
  kind: string;
  level: string | null;
  reference: string | null;
  note: string | null;
}

/** A small PDF, enough for the server's check of its first bytes. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-programme-admin-',
    prepareDatabase: (databasePath) => {
      runDiaban(['demo', '--db', databasePath]);
      addAccount(databasePath, PLANNER, 'planner');
      addAccount(databasePath, ADMIN, 'admin');
    },
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function openAdmin(page: Page, account: Account, query: string): Promise<void> {
  await page.goto(`${harness.baseUrl}/#/programme/admin?${query}`);
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await fillLoginForm(page, account);
  await page.getByTestId('programme-admin-view').waitFor({ timeout: 30_000 });
}

describe('the programme admin page', () => {
  it('lets a planner record a decision with its PDF, and add and remove a designation', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 950 } });
    const errors = collectPageErrors(page);
    await page.goto(`${harness.baseUrl}/#/programme?year=2025`);
    await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
    await fillLoginForm(page, PLANNER);
    // The dashboard links the page for accounts that write the programme.
    await page.getByTestId('programme-admin-link').click();
    await page.waitForFunction(
      () => {
        const view = document.querySelector('[data-testid="programme-admin-view"]') as HTMLElement | null;
        return view?.dataset.year === '2025' && view.dataset.tab === 'decisions';
      },
      undefined,
      { timeout: 30_000 },
    );
    const before = await fetchJson<{ decisions: DecisionAnswer[] }>(
      page,
      '/api/programme/decisions?year=2025',
    );
    await page.getByTestId('decision-count').getByText(String(before.decisions.length)).waitFor();

    // A decision typed as the committee signed it, the date as dd/mm/yyyy.
    await page.getByTestId('decision-kind').selectOption('selection');
    await page.getByTestId('decision-number').fill('27/QĐ-BCĐ');
    await page.getByTestId('decision-date').fill('20/03/2025');
    await page.getByTestId('decision-signer').fill('Phó Trưởng Ban Chỉ đạo');
    await page.getByTestId('decision-title').fill('Bổ sung danh sách xã chuyển hóa năm 2025');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-form-done').waitFor();
    const row = page.locator('[data-testid="decision-row"][data-number="27/QĐ-BCĐ"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('20/03/2025');

    // Its signed PDF, uploaded from the row and downloadable from the link that replaces "no PDF".
    await row.getByTestId('decision-pdf-input').setInputFiles({
      name: 'qd-27-2025.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await row.getByTestId('decision-pdf').waitFor();
    const after = await fetchJson<{ decisions: DecisionAnswer[] }>(
      page,
      '/api/programme/decisions?year=2025',
    );
    const stored = after.decisions.find((decision) => decision.number === '27/QĐ-BCĐ');
    expect(stored).toMatchObject({
      kind: 'selection',
      date: '2025-03-20',
      year: 2025,
      signer: 'Phó Trưởng Ban Chỉ đạo',
      title: 'Bổ sung danh sách xã chuyển hóa năm 2025',
      document: { bytes: PDF.byteLength, sha256: createHash('sha256').update(PDF).digest('hex') },
    });
    const downloaded = await page.evaluate(
      async (url) => {
        const response = await fetch(url);
        return { type: response.headers.get('Content-Type'), text: await response.text() };
      },
      (await row.getByTestId('decision-pdf').getAttribute('href')) ?? '',
    );
    expect(downloaded).toEqual({ type: 'application/pdf', text: PDF.toString('latin1') });

    // A text file is refused with the server's reason, under the row.
    await row.getByTestId('decision-pdf-input').setInputFiles({
      name: 'ghi-chu.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('không phải PDF'),
    });
    expect(await row.getByTestId('decision-pdf-error').textContent()).toContain('không phải PDF');

    // A designation: the commune found by name, a drug rating of level II with its reference and note.
    await page.getByTestId('programme-admin-tab-designations').click();
    await page.getByTestId('designation-form').waitFor();
    const designations = await fetchJson<{ designations: DesignationAnswer[] }>(
      page,
      '/api/programme/designations?year=2025',
    );
    const rated = new Set(
      designations.designations
        .filter((entry) => entry.kind === 'drug-rating')
        .map((entry) => entry.unit.code),
    );
    // The form offers the era the year's designations lie on: 2025's are on the communes before July.
    const era = await page.getByTestId('designation-era').inputValue();
    expect(era).toBe(designations.designations[0]?.era);
    const units = await fetchJson<{
      features: { properties: { code: string; name: string; fullName: string } }[];
    }>(page, `/api/units?level=commune&era=${era}`);
    const communes = units.features.map((feature) => feature.properties);
    // One whose name no other commune has, so that searching its name finds it among the first results.
    const commune = communes.find(
      (unit) => !rated.has(unit.code) && communes.filter((other) => other.name === unit.name).length === 1,
    );
    if (!commune) throw new Error('every demo commune already has a drug rating in 2025');
    await page.getByTestId('designation-commune-search').fill(commune.name);
    await page.locator(`[data-testid="designation-commune-option"][data-code="${commune.code}"]`).click();
    await page.getByTestId('designation-commune-chosen').getByText(commune.fullName).waitFor();
    await page.getByTestId('designation-kind').selectOption('drug-rating');
    await page.getByTestId('designation-level').selectOption('II');
    await page.getByTestId('designation-reference').fill('Quyết định 27/QĐ-BCĐ ngày 20/03/2025');
    await page.getByTestId('designation-note').fill('Phân loại theo QĐ 28/2025/QĐ-TTg');
    await page.getByTestId('designation-submit').click();
    await page.getByTestId('designation-form-done').waitFor();
    const entry = page.locator(
      `[data-testid="designation-commune"][data-era="${era}"][data-code="${commune.code}"] [data-testid="designation-entry"][data-kind="drug-rating"]`,
    );
    await entry.waitFor();
    expect(await entry.getAttribute('data-level')).toBe('II');
    const added = (
      await fetchJson<{ designations: DesignationAnswer[] }>(
        page,
        `/api/programme/designations?year=2025&kind=drug-rating`,
      )
    ).designations.find((designation) => designation.unit.code === commune.code);
    expect(added).toMatchObject({
      era,
      level: 'II',
      reference: 'Quyết định 27/QĐ-BCĐ ngày 20/03/2025',
      note: 'Phân loại theo QĐ 28/2025/QĐ-TTg',
    });

    // The same rating twice is refused with the server's reason in the form.
    await page.getByTestId('designation-commune-change').click();
    await page.getByTestId('designation-commune-search').fill(commune.name);
    await page.locator(`[data-testid="designation-commune-option"][data-code="${commune.code}"]`).click();
    await page.getByTestId('designation-kind').selectOption('drug-rating');
    await page.getByTestId('designation-submit').click();
    expect(await page.getByTestId('designation-form-error').textContent()).toContain('đã có');

    await saveScreenshot(page, 'programme-admin-designations.png', { fullPage: true });

    // Removed again from its row, after the confirmation.
    page.once('dialog', (dialog) => void dialog.accept());
    await entry.getByTestId('designation-remove').click();
    await entry.waitFor({ state: 'detached' });
    const left = await fetchJson<{ designations: DesignationAnswer[] }>(
      page,
      `/api/programme/designations?year=2025&era=${era}&unit=${commune.code}`,
    );
    expect(left.designations.some((designation) => designation.kind === 'drug-rating')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("lets an administrator change a year's evaluation window, showing the server's refusal first", async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 950 } });
    const errors = collectPageErrors(page);
    await openAdmin(page, ADMIN, 'year=2024&tab=settings');
    const form = page.getByTestId('year-form');
    await form.waitFor();
    expect(await form.getAttribute('data-year')).toBe('2024');
    expect(await page.getByTestId('year-default-window').textContent()).toContain('15/12/2023 – 14/12/2024');

    await page.getByTestId('year-own-window').check();
    await page.getByTestId('year-window-from').fill('14/12/2024');
    await page.getByTestId('year-window-to').fill('15/04/2024');
    await page.getByTestId('year-submit').click();
    const problem = page.getByTestId('year-form-error');
    expect(await problem.textContent()).toContain('bắt đầu sau khi kết thúc');
    await page.getByTestId('language-toggle').click();
    await page.getByText('starts after it ends').waitFor();
    await page.getByTestId('language-toggle').click();

    await page.getByTestId('year-window-from').fill('15/04/2024');
    await page.getByTestId('year-window-to').fill('14/12/2024');
    await page.getByTestId('year-source').fill('Kế hoạch 75/KH-BCĐ');
    await page.getByTestId('year-submit').click();
    await page.getByTestId('year-form-done').waitFor();
    await page
      .locator('[data-testid="phase-year"][data-year="2024"] [data-testid="phase-year-window"]')
      .getByText('15/04/2024 – 14/12/2024')
      .waitFor();
    expect(await fetchJson(page, '/api/programme/years/2024')).toMatchObject({
      window: { from: '2024-04-15', to: '2024-12-14' },
      windowIsDefault: false,
      source: 'Kế hoạch 75/KH-BCĐ',
    });

    await saveScreenshot(page, 'programme-admin-settings.png', { fullPage: true });

    // The year's criteria: a threshold raised and a computed criterion added, saved as the next version.
    const earlier = await fetchJson<{ versions: { version: number }[] }>(
      page,
      '/api/programme/criteria/2024',
    );
    const latest = earlier.versions.at(-1)?.version ?? 0;
    await page.getByTestId('programme-admin-tab-criteria').click();
    await page.getByTestId('criteria-state').waitFor();
    const clearance = page.locator('[data-testid="criterion-row"][data-code="clearance-rate"]');
    await clearance.getByTestId('criterion-threshold').fill('85');
    await clearance.getByTestId('criterion-threshold').dispatchEvent('change');
    const other = page.locator('[data-testid="criteria-group"][data-code="other"]');
    await other.getByTestId('criteria-add-computed').click();
    const added = other.getByTestId('criterion-row');
    await added.getByTestId('criterion-source').selectOption('flashpoints-formed');
    await added.getByTestId('criterion-code').fill('no-new-flashpoints');
    await added.getByTestId('criterion-code').dispatchEvent('change');
    await added.getByTestId('criterion-comparison').selectOption('equal');
    await page.getByTestId('criteria-save').click();
    await page.getByTestId('criteria-saved').waitFor();
    const criteria = await fetchJson<{
      stored: boolean;
      set: { version: number; groups: { code: string; criteria: Record<string, unknown>[] }[] };
    }>(page, '/api/programme/criteria/2024');
    expect(criteria.stored).toBe(true);
    expect(criteria.set.version).toBe(latest + 1);
    expect(await page.getByTestId('criteria-saved').textContent()).toContain(String(latest + 1));
    const groups = new Map(criteria.set.groups.map((group) => [group.code, group.criteria]));
    expect(groups.get('clearance')?.[0]).toMatchObject({ code: 'clearance-rate', threshold: 85 });
    expect(groups.get('other')).toContainEqual(
      expect.objectContaining({
        code: 'no-new-flashpoints',
        nameVi: 'Số điểm nóng phát sinh trong kỳ',
        kind: 'computed',
        source: 'flashpoints-formed',
        comparison: 'equal',
        threshold: 0,
      }),
    );
    await saveScreenshot(page, 'programme-admin-criteria.png', { fullPage: true });

    // Admins see no decision form: recording decisions is the planners' work.
    await page.getByTestId('programme-admin-tab-decisions').click();
    await page.getByTestId('decisions-panel').waitFor();
    expect(await page.getByTestId('decision-form').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
