import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import type { Database } from '../server/db/database';
import { openDatabase } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { insertBriefingPack } from '../server/db/queries/briefing-packs';
import { scopeIncludes } from '../server/db/queries/saved-views';
import type { Scope } from '../server/domain/access/scope';
import { checkViewLocation } from '../server/routes/saved-views';
import { createAccount } from '../server/services/accounts';
import {
  batchPageCounts,
  CONTENTS_LINES_PER_PAGE,
  contentsLines,
  contentsPageCount,
  defaultCommittee,
  mergeWithPageNumbers,
  packParts,
  packPrintPage,
  printBatches,
} from '../server/services/briefing-pack-render';
import {
  appFor,
  databaseWithTinyProvince,
  diaban,
  fixturePath,
  type SignedInClient,
  signIn,
  TEST_PASSWORD,
} from './helpers';

/*
 * Saved views and briefing packs over the API: create, list, rename, delete, who sees what (the scope of the
 * account that saved it), who may change it (its owner, an administrator), and the checks of a pack's
 * definition, each refusal a 400 in both languages. Printing itself is in test/browser/briefings.test.ts.
 */

const HOME: Scope = { kind: 'provinces', provinces: ['Tỉnh Thử Nghiệm'] };
const NEIGHBOUR: Scope = { kind: 'provinces', provinces: ['Tỉnh Bên Cạnh'] };
const MAP_VIEW =
  '/map?era=test-2021&lng=105.55&lat=10.05&z=11&layers=fill,districts&from=2024-01-01&to=2024-03-31';

let database: Database;
let app: ReturnType<typeof appFor>;
let planner: SignedInClient;
let otherPlanner: SignedInClient;
let neighbourPlanner: SignedInClient;
let communeCommander: SignedInClient;
let admin: SignedInClient;
let viewer: SignedInClient;

beforeAll(async () => {
  database = await databaseWithTinyProvince();
  await importBoundaryFile(database, fixturePath('neighbouring-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    append: true,
  });
  app = appFor(database);
  planner = await signIn(app, database, 'planner', HOME);
  otherPlanner = await signIn(app, database, 'planner', HOME);
  neighbourPlanner = await signIn(app, database, 'planner', NEIGHBOUR);
  communeCommander = await signIn(app, database, 'commander', { kind: 'communes', communes: ['90001'] });
  admin = await signIn(app, database, 'admin');
  viewer = await signIn(app, database, 'viewer', HOME);
});

const post = (client: SignedInClient, path: string, body: unknown, method = 'POST') =>
  client.request(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function listNames(client: SignedInClient): Promise<string[]> {
  const answer = (await (await client.request('/api/saved-views')).json()) as { views: { name: string }[] };
  return answer.views.map((view) => view.name);
}

async function expectBilingual400(
  response: Response,
  fragment?: string,
): Promise<{ vi: string; en: string }> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; message: { vi: string; en: string } } };
  expect(body.error.message.vi.length).toBeGreaterThan(0);
  expect(body.error.message.en.length).toBeGreaterThan(0);
  expect(body.error.message.vi).not.toBe(body.error.message.en);
  if (fragment) expect(body.error.message.en).toContain(fragment);
  return body.error.message;
}

describe('saved views', () => {
  it('are created, listed, renamed and deleted by their owner, every change audited', async () => {
    const created = await post(planner, '/api/saved-views', {
      name: 'Giao ban tháng 3',
      location: `#${MAP_VIEW}`,
    });
    expect(created.status).toBe(201);
    const view = (await created.json()) as {
      id: number;
      location: string;
      owner: string;
      canChange: boolean;
    };
    expect(view).toMatchObject({ location: MAP_VIEW, owner: planner.username, canChange: true });

    expect(await listNames(planner)).toContain('Giao ban tháng 3');
    const renamed = await post(planner, `/api/saved-views/${view.id}`, { name: 'Giao ban quý I' }, 'PATCH');
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { name: string }).name).toBe('Giao ban quý I');
    expect(await listNames(planner)).toContain('Giao ban quý I');

    expect((await planner.request(`/api/saved-views/${view.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await listNames(planner)).not.toContain('Giao ban quý I');
    expect((await planner.request(`/api/saved-views/${view.id}`)).status).toBe(404);

    const actions = listAuditRecords(database, { limit: 50 })
      .filter((record) => record.target === `saved-view:${view.id}` && record.action !== 'access.denied')
      .map((record) => record.action)
      .sort();
    expect(actions).toEqual(['saved-view.create', 'saved-view.delete', 'saved-view.rename']);
  });

  it('are shown to accounts whose area covers the area they were saved in, and to no other', async () => {
    const provinceView = (await (
      await post(planner, '/api/saved-views', { name: 'Toàn tỉnh', location: MAP_VIEW })
    ).json()) as { id: number };
    const communeView = (await (
      await post(communeCommander, '/api/saved-views', {
        name: 'Thị trấn Vĩnh Thạnh',
        location: '/map?unit=90001',
      })
    ).json()) as { id: number };

    expect(await listNames(otherPlanner)).toEqual(
      expect.arrayContaining(['Toàn tỉnh', 'Thị trấn Vĩnh Thạnh']),
    );
    expect(await listNames(admin)).toEqual(expect.arrayContaining(['Toàn tỉnh', 'Thị trấn Vĩnh Thạnh']));
    expect(await listNames(viewer)).toEqual(expect.arrayContaining(['Toàn tỉnh', 'Thị trấn Vĩnh Thạnh']));
    // The commune's account sees what was saved for its commune, not what was saved for the province.
    expect(await listNames(communeCommander)).toContain('Thị trấn Vĩnh Thạnh');
    expect(await listNames(communeCommander)).not.toContain('Toàn tỉnh');
    expect(await listNames(neighbourPlanner)).not.toContain('Toàn tỉnh');
    expect(await listNames(neighbourPlanner)).not.toContain('Thị trấn Vĩnh Thạnh');

    expect((await neighbourPlanner.request(`/api/saved-views/${provinceView.id}`)).status).toBe(403);
    expect((await communeCommander.request(`/api/saved-views/${provinceView.id}`)).status).toBe(403);
    expect((await otherPlanner.request(`/api/saved-views/${communeView.id}`)).status).toBe(200);
    const denied = listAuditRecords(database, { action: 'access.denied', limit: 5 });
    expect(denied.map((record) => record.target)).toContain(`saved-view:${provinceView.id}`);
  });

  it('are renamed and deleted only by their owner or an administrator', async () => {
    const view = (await (
      await post(planner, '/api/saved-views', { name: 'Của tôi', location: MAP_VIEW })
    ).json()) as {
      id: number;
    };
    const listed = (await (await otherPlanner.request(`/api/saved-views/${view.id}`)).json()) as {
      canChange: boolean;
    };
    expect(listed.canChange).toBe(false);
    expect(
      (await post(otherPlanner, `/api/saved-views/${view.id}`, { name: 'Của người khác' }, 'PATCH')).status,
    ).toBe(403);
    expect((await otherPlanner.request(`/api/saved-views/${view.id}`, { method: 'DELETE' })).status).toBe(
      403,
    );
    // An administrator may, though the role cannot create views.
    expect(
      (await post(admin, `/api/saved-views/${view.id}`, { name: 'Đổi bởi quản trị' }, 'PATCH')).status,
    ).toBe(200);
    expect((await admin.request(`/api/saved-views/${view.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await post(admin, '/api/saved-views', { name: 'Quản trị', location: MAP_VIEW })).status).toBe(
      403,
    );
    expect((await post(viewer, '/api/saved-views', { name: 'Người xem', location: MAP_VIEW })).status).toBe(
      403,
    );
    expect((await viewer.request('/api/saved-views')).status).toBe(200);
  });

  it('refuses a location that is not one of the views that can be saved, in both languages', async () => {
    for (const location of [
      '/admin/users',
      'http://example.org/#/map',
      '//example.org/map',
      '/map#x',
      'map?era=1',
      '/print?view=%2Fmap',
    ]) {
      await expectBilingual400(await post(planner, '/api/saved-views', { name: 'Sai', location }), 'view');
    }
    await expectBilingual400(
      await post(planner, '/api/saved-views', { name: '', location: MAP_VIEW }),
      'name',
    );
    await expectBilingual400(await post(planner, '/api/saved-views', { location: MAP_VIEW }), 'name');
    await expectBilingual400(
      await post(planner, '/api/saved-views', { name: 'x', location: MAP_VIEW, extra: 1 }),
    );
    await expectBilingual400(
      await post(planner, '/api/saved-views/1', { name: 'x'.repeat(201) }, 'PATCH'),
      'name',
    );
    expect(checkViewLocation('#/hotspots/?era=a&method=lisa')).toBe('/hotspots?era=a&method=lisa');
    expect(checkViewLocation('/programme')).toBe('/programme');
  });
});

describe('scope containment', () => {
  it('follows where the communes lie', () => {
    const communes: Scope = { kind: 'communes', communes: ['90001', '90002'] };
    expect(scopeIncludes(database, { kind: 'all' }, communes)).toBe(true);
    expect(scopeIncludes(database, HOME, communes)).toBe(true);
    expect(scopeIncludes(database, NEIGHBOUR, communes)).toBe(false);
    expect(scopeIncludes(database, HOME, { kind: 'all' })).toBe(false);
    expect(scopeIncludes(database, HOME, { kind: 'communes', communes: ['90001', '92001'] })).toBe(false);
    expect(scopeIncludes(database, { kind: 'communes', communes: ['90001'] }, communes)).toBe(false);
    expect(scopeIncludes(database, communes, { kind: 'communes', communes: ['90002'] })).toBe(true);
    expect(scopeIncludes(database, communes, HOME)).toBe(false);
  });
});

describe('briefing packs', () => {
  let viewId: number;
  beforeAll(async () => {
    viewId = (
      (await (
        await post(planner, '/api/saved-views', { name: 'Bản đồ vụ việc', location: MAP_VIEW })
      ).json()) as {
        id: number;
      }
    ).id;
  });

  const pack = (items: unknown[], extra: Record<string, unknown> = {}) => ({
    name: 'Giao ban tháng 5',
    title: 'Tình hình ANTT tháng 5/2024',
    marking: 'Lưu hành nội bộ',
    paper: 'A4',
    orientation: 'landscape',
    items,
    ...extra,
  });

  it('are created with views, tables and an atlas, listed, updated and deleted', async () => {
    const items = [
      { kind: 'view', viewId },
      { kind: 'table', table: 'programme-kpis', year: 2024 },
      { kind: 'atlas', year: 2024, units: ['90003', '90001'] },
    ];
    const created = await post(planner, '/api/briefing-packs', pack(items));
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      id: number;
      items: unknown[];
      renders: unknown[];
      canChange: boolean;
    };
    expect(body).toMatchObject({ items, renders: [], canChange: true, title: 'Tình hình ANTT tháng 5/2024' });

    const listed = (await (await otherPlanner.request('/api/briefing-packs')).json()) as {
      packs: { id: number; canChange: boolean }[];
    };
    expect(listed.packs.find((entry) => entry.id === body.id)?.canChange).toBe(false);
    const hidden = (await (await neighbourPlanner.request('/api/briefing-packs')).json()) as {
      packs: { id: number }[];
    };
    expect(hidden.packs.map((entry) => entry.id)).not.toContain(body.id);
    expect((await neighbourPlanner.request(`/api/briefing-packs/${body.id}`)).status).toBe(403);

    const reordered = [items[2], items[0]];
    const updated = await post(
      planner,
      `/api/briefing-packs/${body.id}`,
      pack(reordered, { name: 'Đã sửa' }),
      'PUT',
    );
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as { items: unknown[] }).items).toEqual(reordered);
    expect((await post(otherPlanner, `/api/briefing-packs/${body.id}`, pack(reordered), 'PUT')).status).toBe(
      403,
    );
    expect((await otherPlanner.request(`/api/briefing-packs/${body.id}`, { method: 'DELETE' })).status).toBe(
      403,
    );
    expect((await planner.request(`/api/briefing-packs/${body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await planner.request(`/api/briefing-packs/${body.id}`)).status).toBe(404);
    const actions = listAuditRecords(database, { limit: 100 })
      .filter((record) => record.target === `briefing-pack:${body.id}` && record.action !== 'access.denied')
      .map((record) => record.action)
      .sort();
    expect(actions).toEqual(['briefing-pack.create', 'briefing-pack.delete', 'briefing-pack.update']);
  });

  it('refuses a bad definition with a 400 in both languages that says where', async () => {
    const cases: [unknown, string][] = [
      [pack([]), 'items'],
      [pack([{ kind: 'chart' }]), 'items[0].kind'],
      [pack([{ kind: 'table', table: 'everything' }]), 'items[0].table'],
      [pack([{ kind: 'view', viewId: 'one' }]), 'items[0].viewId'],
      [
        pack([
          { kind: 'view', viewId },
          { kind: 'atlas', year: 2024, units: [] },
        ]),
        'items[1].units',
      ],
      [pack([{ kind: 'atlas', year: 1800, units: ['90001'] }]), 'items[0].year'],
      [pack([{ kind: 'view', viewId }], { paper: 'Letter' }), 'paper'],
      [pack([{ kind: 'view', viewId }], { orientation: 'sideways' }), 'orientation'],
      [pack([{ kind: 'view', viewId }], { title: '' }), 'title'],
      [pack([{ kind: 'view', viewId: 99_999 }]), 'no saved view number 99999'],
      [pack([{ kind: 'table', table: 'commune-indicators', year: 2024 }]), "commune's code"],
      [pack([{ kind: 'atlas', year: 2024, units: ['90001', '90001'] }]), 'twice'],
      [pack([{ kind: 'atlas', year: 2024, units: ['99999'] }]), 'no commune with code "99999"'],
    ];
    for (const [body, fragment] of cases) {
      await expectBilingual400(await post(planner, '/api/briefing-packs', body), fragment);
    }
  });

  it('refuses an atlas or a table of a commune outside the area, and views the account does not see', async () => {
    const outside = await post(
      planner,
      '/api/briefing-packs',
      pack([{ kind: 'atlas', year: 2024, units: ['92001'] }]),
    );
    expect(outside.status).toBe(403);
    const table = pack([{ kind: 'table', table: 'commune-indicators', year: 2024, unit: '92001' }]);
    expect((await post(planner, '/api/briefing-packs', table)).status).toBe(403);
    await expectBilingual400(
      await post(neighbourPlanner, '/api/briefing-packs', pack([{ kind: 'view', viewId }])),
      `no saved view number ${viewId}`,
    );
  });

  it('reports renders that do not exist and packs that cannot be printed', async () => {
    expect((await planner.request('/api/briefing-renders/9999')).status).toBe(404);
    expect((await planner.request('/api/briefing-renders/9999/file')).status).toBe(404);
    expect((await planner.request('/api/briefing-packs/9999/render', { method: 'POST' })).status).toBe(404);
    const doomed = (await (
      await post(planner, '/api/saved-views', { name: 'Sẽ xóa', location: MAP_VIEW })
    ).json()) as { id: number };
    const created = (await (
      await post(planner, '/api/briefing-packs', pack([{ kind: 'view', viewId: doomed.id }]))
    ).json()) as {
      id: number;
    };
    await planner.request(`/api/saved-views/${doomed.id}`, { method: 'DELETE' });
    await expectBilingual400(
      await planner.request(`/api/briefing-packs/${created.id}/render`, { method: 'POST' }),
      `no saved view number ${doomed.id}`,
    );
  });
});

describe('pack layout', () => {
  it('lays out the parts in the planner’s order, one atlas page per commune', () => {
    const view = (
      database.$client.prepare("SELECT id FROM saved_views WHERE name = 'Bản đồ vụ việc'").get() as {
        id: number;
      }
    ).id;
    const parts = packParts(database, {
      title: 'T',
      paper: 'A3',
      orientation: 'portrait',
      items: [
        { kind: 'atlas', year: 2024, units: ['90004', '90002'] },
        { kind: 'view', viewId: view },
        { kind: 'table', table: 'selection-list', year: 2024 },
      ],
    });
    expect(parts.map((part) => part.contents)).toEqual(['atlas-first', 'atlas-next', 'line', 'line']);
    expect(parts[0]?.print).toEqual({
      part: { page: 'atlas', year: '2024', era: 'test-2021', unit: '90004', index: '1', of: '2' },
    });
    expect(parts[1]?.print).toMatchObject({ part: { unit: '90002', index: '2', of: '2' } });
    expect(parts[2]?.print).toEqual({ location: MAP_VIEW, title: 'Bản đồ vụ việc' });
    expect(parts[3]?.print).toEqual({ part: { page: 'table', table: 'selection-list', year: '2024' } });
    // The two atlas pages and the table print in one page load each side of the view.
    expect(printBatches(parts)).toEqual([[0, 1], [2], [3]]);
    // Cover 1, contents 2, then the parts: the atlas one line at its first commune.
    expect(contentsLines(parts, [1, 1, 1, 3])).toEqual([
      { title: 'Tập bản đồ địa bàn chuyển hóa năm 2024', page: 3 },
      { title: 'Bản đồ vụ việc', page: 5 },
      { title: 'Danh sách địa bàn lựa chọn chuyển hóa (2024)', page: 6 },
    ]);
    expect(
      packPrintPage({ paper: 'A3', orientation: 'portrait' }, [{ page: 'cover', title: 'Giao ban' }]),
    ).toBe(
      '/print/pack?paper=A3&orientation=portrait&parts=%5B%7B%22page%22%3A%22cover%22%2C%22title%22%3A%22Giao%20ban%22%7D%5D',
    );
    expect(contentsPageCount(0)).toBe(1);
    expect(contentsPageCount(CONTENTS_LINES_PER_PAGE)).toBe(1);
    expect(contentsPageCount(CONTENTS_LINES_PER_PAGE + 1)).toBe(2);
    expect(defaultCommittee(HOME)).toBe('Ban Chỉ đạo 138 Tỉnh Thử Nghiệm');
  });

  describe('merging', () => {
    let directory: string;
    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'diaban-briefings-test-'));
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('numbers every page of the merged document', async () => {
      const documents: PDFDocument[] = [];
      for (const pages of [1, 2, 3]) {
        const document = await PDFDocument.create();
        const font = await document.embedFont(StandardFonts.Helvetica);
        for (let page = 0; page < pages; page += 1) {
          document
            .addPage([842, 595])
            .drawText(`part ${pages} page ${page + 1}`, { x: 50, y: 500, font, size: 14 });
        }
        documents.push(document);
      }
      const merged = await mergeWithPageNumbers(documents, { title: 'Thử', date: '2024-05-15' });
      const path = join(directory, 'merged.pdf');
      writeFileSync(path, merged);
      expect((await PDFDocument.load(merged)).getPageCount()).toBe(6);
      const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
      for (let page = 1; page <= 6; page += 1) expect(text).toContain(`Trang ${page}/6`);
      expect(text.indexOf('part 1 page 1')).toBeLessThan(text.indexOf('part 3 page 3'));
    });

    it('reads how many pages each part took from the title the print page gave the PDF', async () => {
      const document = await PDFDocument.create();
      for (let page = 0; page < 4; page += 1) document.addPage();
      document.setTitle('[1,3]');
      expect(batchPageCounts(document, 2)).toEqual([1, 3]);
      document.setTitle('[1,2]');
      expect(batchPageCounts(document, 2)).toEqual([4, 0]);
      document.setTitle('Giao ban');
      expect(batchPageCounts(document, 3)).toEqual([4, 0, 0]);
    });
  });
});

describe('diaban brief --pack', () => {
  let directory: string;
  let path: string;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'diaban-brief-pack-'));
    path = join(directory, 'diaban.db');
    const fileDatabase = openDatabase(path);
    await createAccount(
      fileDatabase,
      { username: 'tinh-b', role: 'planner', password: TEST_PASSWORD, scope: NEIGHBOUR },
      { name: 'test', address: null },
      new Date(),
    );
    insertBriefingPack(
      fileDatabase,
      {
        name: 'Giao ban',
        definition: { title: 'Giao ban', paper: 'A4', orientation: 'landscape', items: [] },
        scope: HOME,
        owner: 'test',
      },
      new Date().toISOString(),
    );
    fileDatabase.$client.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('refuses, in both languages, a pack the account may not see and an image file', () => {
    const hidden = diaban([
      'brief',
      '--pack',
      'Giao ban',
      '--out',
      join(directory, 'a.pdf'),
      '--user',
      'tinh-b',
      '--db',
      path,
    ]);
    expect(hidden.status).not.toBe(0);
    expect(hidden.stderr).toContain('Không có bộ tài liệu "Giao ban"');
    expect(hidden.stderr).toContain('There is no briefing pack "Giao ban"');
    const image = diaban([
      'brief',
      '--pack',
      'Giao ban',
      '--out',
      join(directory, 'a.png'),
      '--user',
      'tinh-b',
      '--db',
      path,
    ]);
    expect(image.status).not.toBe(0);
    expect(image.stderr).toContain('A briefing pack is written as a .pdf only');
  });
});
