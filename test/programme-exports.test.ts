import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { chromiumAvailable } from '../server/services/headless-chromium';
import {
  annexFonts,
  contentDisposition,
  type ProgrammeList,
  programmeListFileNames,
} from '../server/services/programme-list-export';
import {
  escapeHtml,
  programmeListAnnexHtml,
  provinceForCommittee,
  totalText,
  vietnameseDate,
  vietnameseDecisionLine,
} from '../server/services/programme-list-export-annex';
import { appFor, databaseWithTinyProvince, fixturePath, type SignedInClient, signIn } from './helpers';

// Chromium reported missing on demand, for the 503; otherwise the real check.
vi.mock('../server/services/headless-chromium', async (importOriginal) => {
  const original = await importOriginal<typeof import('../server/services/headless-chromium')>();
  return { ...original, chromiumAvailable: vi.fn(original.chromiumAvailable) };
});

/*
 * The planner's list as a download: CSV bytes exactly, XLSX read back with read-excel-file, the decision
 * annex as a PDF printed by Chromium (its text read back with pdftotext), the account's area, bad input.
 */

const TITLE =
  'DANH SÁCH XÃ, PHƯỜNG, THỊ TRẤN TRỌNG ĐIỂM, PHỨC TẠP VỀ TRẬT TỰ, AN TOÀN XÃ HỘI THỰC HIỆN CHUYỂN HÓA NĂM 2024';
const TRICKY = 'Tăng 40%; nhiều vụ "rất nghiêm trọng"\ncó điểm nóng';
const LIST = {
  year: 2024,
  communes: [
    { code: '90002', justification: TRICKY },
    { code: '90003', justification: 'Tụ điểm ma túy <b>mới</b> & đánh bạc' },
    { code: '90001' },
  ],
  decision: { number: '93/QĐ-BCĐ', date: '2024-02-05', signer: 'Nguyễn Văn Ánh' },
};

let database: Database;
let planner: SignedInClient;
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
  const app = appFor(database);
  planner = await signIn(app, database, 'planner', { kind: 'provinces', provinces: ['Tỉnh Thử Nghiệm'] });
  viewer = await signIn(app, database, 'viewer');
});

function exportList(client: SignedInClient, format: string, body: unknown) {
  return client.request(`/api/programme/list-export?format=${format}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: { vi: string; en: string } } }).error;
}

describe('CSV', () => {
  it('is UTF-8 with a BOM, ";" separated, quoted as RFC 4180 says, with a safe file name', async () => {
    const response = await exportList(planner, 'csv', LIST);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="Danh-sach-chuyen-hoa-nam-2024-QD-93-QD-BCD.csv"; filename*=UTF-8''${encodeURIComponent('Danh sách chuyển hóa năm 2024 - QĐ 93-QĐ-BCĐ.csv')}`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    const expected =
      '\uFEFF' +
      'STT;Mã xã;"Tên xã, phường, thị trấn";Huyện (cũ);Tỉnh;Lý do lựa chọn\r\n' +
      '1;90002;Xã Vĩnh Thanh;Huyện Hòa An;Tỉnh Thử Nghiệm;"Tăng 40%; nhiều vụ ""rất nghiêm trọng""\ncó điểm nóng"\r\n' +
      '2;90003;Phường Đông Hòa;Thành phố Ngọc Giang;Tỉnh Thử Nghiệm;Tụ điểm ma túy <b>mới</b> & đánh bạc\r\n' +
      '3;90001;Thị trấn Vĩnh Thạnh;Huyện Hòa An;Tỉnh Thử Nghiệm;\r\n';
    expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The export is in the audit trail, with what was exported.
    const record = listAuditRecords(database, { limit: 100 }).find(
      (entry) => entry.action === 'programme.list.export',
    );
    expect(record?.target).toBe('programme-list:2024');
  });
});

describe('XLSX', () => {
  it('reads back with read-excel-file: the title, the bold header and the Vietnamese text intact', async () => {
    const response = await exportList(planner, 'xlsx', LIST);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('Content-Disposition')).toContain(
      'filename="Danh-sach-chuyen-hoa-nam-2024-QD-93-QD-BCD.xlsx"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    const rows = (await readSheet(bytes, 'Danh sách')) as unknown[][];
    const cells = rows.map((row) => row.map((cell) => (cell === null ? null : String(cell))));
    expect(cells[0]?.[0]).toBe(TITLE);
    expect(cells[1]?.[0]).toBe(
      '(Kèm theo Quyết định số 93/QĐ-BCĐ ngày 05 tháng 02 năm 2024 của Ban Chỉ đạo 138 tỉnh Thử Nghiệm)',
    );
    expect(cells[2]).toEqual([
      'STT',
      'Mã xã',
      'Tên xã, phường, thị trấn',
      'Huyện (cũ)',
      'Tỉnh',
      'Lý do lựa chọn',
    ]);
    expect(cells.slice(3)).toEqual([
      ['1', '90002', 'Xã Vĩnh Thanh', 'Huyện Hòa An', 'Tỉnh Thử Nghiệm', TRICKY],
      [
        '2',
        '90003',
        'Phường Đông Hòa',
        'Thành phố Ngọc Giang',
        'Tỉnh Thử Nghiệm',
        'Tụ điểm ma túy <b>mới</b> & đánh bạc',
      ],
      ['3', '90001', 'Thị trấn Vĩnh Thạnh', 'Huyện Hòa An', 'Tỉnh Thử Nghiệm', null],
    ]);
    // Without a decision, the header follows the title directly; the sheet is named as asked.
    const bare = await exportList(planner, 'xlsx', { year: 2024, communes: [{ code: '90004' }] });
    const bareRows = (await readSheet(Buffer.from(await bare.arrayBuffer()), 'Danh sách')) as unknown[][];
    expect(bareRows[1]?.[0]).toBe('STT');
    expect(bareRows[2]?.slice(0, 3)).toEqual([1, '90004', 'Phường Tân Lập']);
  });
});

describe('the decision annex', () => {
  const list: ProgrammeList = {
    year: 2024,
    province: 'Tỉnh Thử Nghiệm',
    decision: { number: '93/QĐ-BCĐ', date: '2024-02-05', signer: 'Nguyễn Văn Ánh', title: null },
    rows: [
      {
        code: '90002',
        name: 'Xã Vĩnh Thanh',
        kind: 'Xã',
        district: 'Huyện Hòa An',
        province: 'Tỉnh Thử Nghiệm',
        justification: '<script>alert("x")</script> & "điểm nóng"',
      },
      {
        code: '90003',
        name: 'Phường Đông Hòa',
        kind: 'Phường',
        district: null,
        province: 'Tỉnh Thử Nghiệm',
        justification: '',
      },
    ],
  };

  it('writes dates, the committee and the total as the decree does', () => {
    expect(vietnameseDate('2024-02-05')).toBe('ngày 05 tháng 02 năm 2024');
    expect(vietnameseDate('2024-11-15')).toBe('ngày 15 tháng 11 năm 2024');
    expect(vietnameseDate('2024-03-09')).toBe('ngày 09 tháng 3 năm 2024');
    expect(provinceForCommittee('Tỉnh Kiên Giang')).toBe('tỉnh Kiên Giang');
    expect(provinceForCommittee('Kiên Giang')).toBe('tỉnh Kiên Giang');
    expect(provinceForCommittee('Thành phố Cần Thơ')).toBe('thành phố Cần Thơ');
    expect(provinceForCommittee('TP. Hồ Chí Minh')).toBe('thành phố Hồ Chí Minh');
    expect(vietnameseDecisionLine(null, 'An Giang')).toBe(
      'Kèm theo Quyết định số ……/QĐ-BCĐ ngày …… tháng …… năm …… của Ban Chỉ đạo 138 tỉnh An Giang',
    );
    expect(totalText(list)).toBe('2 đơn vị (1 xã, 1 phường)');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('is HTML with every value escaped, the header blocks and a serif font with Vietnamese', () => {
    const html = programmeListAnnexHtml(list, { families: ['DejaVu Serif'], embedded: [] });
    expect(html).toContain('<div>BAN CHỈ ĐẠO 138</div><div>TỈNH THỬ NGHIỆM</div>');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(html).toContain(TITLE);
    expect(html).toContain(
      '(Kèm theo Quyết định số 93/QĐ-BCĐ ngày 05 tháng 02 năm 2024 của Ban Chỉ đạo 138 tỉnh Thử Nghiệm)',
    );
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;điểm nóng&quot;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Tổng số: 2 đơn vị (1 xã, 1 phường)');
    expect(html).toContain('Nguyễn Văn Ánh');
    expect(html).toContain('size: A4 portrait');
    expect(html).toContain('font-family: "DejaVu Serif", serif');
    // Without an installed face, Noto Sans is embedded for the Vietnamese letters.
    const embedded = programmeListAnnexHtml(list, {
      families: [],
      embedded: [{ weight: 400, subset: 'vietnamese', woff2: 'AAAA' }],
    });
    expect(embedded).toContain('src:url(data:font/woff2;base64,AAAA)');
    expect(embedded).toContain('font-family: "Diaban Noto Sans", serif');
  });

  it('chooses only fonts that hold every Vietnamese letter', () => {
    const fonts = annexFonts();
    expect(fonts.families.length + fonts.embedded.length).toBeGreaterThan(0);
    for (const family of fonts.families) {
      const found = spawnSync(
        'fc-list',
        [`:family=${family}:charset=1ea0-1ef9 1a0 1a1 1af 1b0 110 111`, 'family'],
        {
          encoding: 'utf8',
        },
      );
      expect(found.stdout.trim(), family).not.toBe('');
    }
  });

  it.skipIf(!chromiumAvailable())(
    'prints an A4 PDF whose text holds the title, the decision and every commune',
    { timeout: 60_000 },
    async () => {
      const response = await exportList(planner, 'pdf', LIST);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/pdf');
      expect(response.headers.get('Content-Disposition')).toContain(
        'filename="Danh-sach-chuyen-hoa-nam-2024-QD-93-QD-BCD.pdf"',
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(5_000);
      // `npm test` installs pdftotext (poppler-utils) with Chromium.
      expect(
        spawnSync('pdftotext', ['-v']).error,
        'pdftotext is needed: apt-get install poppler-utils',
      ).toBeUndefined();
      const directory = mkdtempSync(join(tmpdir(), 'diaban-annex-'));
      try {
        const path = join(directory, 'annex.pdf');
        writeFileSync(path, bytes);
        // The text as one line of words: the title wraps over lines on the page.
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
          .normalize('NFC')
          .replace(/\s+/g, ' ');
        expect(text).toContain(TITLE);
        expect(text).toContain('BAN CHỈ ĐẠO 138 TỈNH THỬ NGHIỆM');
        expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        expect(text).toContain('93/QĐ-BCĐ ngày 05 tháng 02 năm 2024');
        for (const name of ['Xã Vĩnh Thanh', 'Phường Đông Hòa', 'Thị trấn Vĩnh Thạnh'])
          expect(text).toContain(name);
        expect(text).toContain('Tụ điểm ma túy <b>mới</b> & đánh bạc');
        expect(text).toContain('Tổng số: 3 đơn vị (1 xã, 1 phường, 1 thị trấn)');
        expect(text).toContain('Nguyễn Văn Ánh');
        const pages = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
        expect(pages).toMatch(/Page size:.* pts \(A4\)/);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  );

  it('answers 503 with how to install Chromium when it is missing', async () => {
    vi.mocked(chromiumAvailable).mockReturnValueOnce(false);
    const response = await exportList(planner, 'pdf', LIST);
    expect(response.status).toBe(503);
    const error = await errorOf(response);
    expect(error.code).toBe('chromium_missing');
    expect(error.message.vi).toContain('apt-get install chromium');
    expect(error.message.en).toContain('apt-get install chromium');
  });
});

describe('what is refused', () => {
  it('refuses a commune outside the account’s area (403, audited)', async () => {
    const response = await exportList(planner, 'csv', {
      year: 2024,
      communes: [{ code: '90001' }, { code: '92001' }],
    });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('out_of_scope');
    const denied = listAuditRecords(database, { limit: 100 }).find(
      (entry) => entry.action === 'access.denied' && entry.target === 'programme-list-export test-2021/92001',
    );
    expect(denied).toBeDefined();
  });

  it('names unknown codes in both languages (400)', async () => {
    const response = await exportList(viewer, 'csv', {
      year: 2024,
      communes: [{ code: '90001' }, { code: '99998' }, { code: '99999' }],
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.message.vi).toBe('Thời kỳ "test-2021" không có xã mã "99998", "99999"');
    expect(error.message.en).toBe('Era "test-2021" has no commune with code "99998", "99999"');
  });

  it.each([
    ['a missing format', '', LIST, 'format'],
    ['an unknown format', 'docx', LIST, 'format'],
    ['an empty list', 'csv', { year: 2024, communes: [] }, 'communes'],
    ['a year out of range', 'csv', { ...LIST, year: 1999 }, 'year'],
    [
      'a decision date that is no date',
      'csv',
      { ...LIST, decision: { number: '1', date: '2024-02-30' } },
      'decision',
    ],
    ['an unknown field', 'csv', { ...LIST, extra: 1 }, ''],
  ])('refuses %s (400)', async (_name, format, body, field) => {
    const response = await exportList(viewer, format, body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.message.en).toContain(`"${field}"`);
    expect(error.message.vi).toContain(`"${field}"`);
  });

  it('refuses a commune listed twice, a PDF of several provinces without the province, another province', async () => {
    const twice = await exportList(viewer, 'csv', {
      year: 2024,
      communes: [{ code: '90001' }, { code: '90001' }],
    });
    expect(twice.status).toBe(400);
    expect((await errorOf(twice)).message.en).toContain('"90001" is in the list more than once');
    const mixed = await exportList(viewer, 'pdf', {
      year: 2024,
      communes: [{ code: '90001' }, { code: '92001' }],
    });
    expect(mixed.status).toBe(400);
    expect((await errorOf(mixed)).message.en).toContain('name the province');
    // A province named is one of the communes': accents, case and "Tỉnh" aside.
    const named = await exportList(viewer, 'csv', {
      year: 2024,
      communes: [{ code: '90001' }],
      province: 'thu nghiem',
    });
    expect(named.status).toBe(200);
    const other = await exportList(viewer, 'csv', {
      year: 2024,
      communes: [{ code: '90001' }],
      province: 'Tỉnh Bên Cạnh',
    });
    expect(other.status).toBe(400);
    expect((await errorOf(other)).message.vi).toContain('không phải tỉnh của các xã');
  });
});

describe('file names', () => {
  it('gives an ASCII name and the UTF-8 one, percent-encoded as RFC 5987 asks', () => {
    const names = programmeListFileNames(
      {
        year: 2025,
        province: null,
        decision: { number: '12/QĐ-BCĐ (bổ sung)', date: '2025-01-02', signer: null, title: null },
        rows: [],
      },
      'pdf',
    );
    expect(names.ascii).toBe('Danh-sach-chuyen-hoa-nam-2025-QD-12-QD-BCD-bo-sung-.pdf');
    expect(names.unicode).toBe('Danh sách chuyển hóa năm 2025 - QĐ 12-QĐ-BCĐ (bổ sung).pdf');
    expect(contentDisposition(names)).toMatch(
      /^attachment; filename="[ -~]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/,
    );
  });
});

afterAll(() => {
  database.$client.close();
});
