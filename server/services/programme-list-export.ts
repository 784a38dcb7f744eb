import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import { csvField } from '../domain/text/csv-field';
import { launchChromium } from './headless-chromium';
import {
  type AnnexFonts,
  listTitle,
  programmeListAnnexHtml,
  vietnameseDecisionLine,
} from './programme-list-export-annex';

/**
 * The planner's list of communes for a programme year, as a file: CSV and XLSX for work in spreadsheets,
 * and the annex of the selection decision ("Danh sách xã, phường, thị trấn trọng điểm, phức tạp…") as a PDF
 * in the administrative layout of Nghị định 30/2020/NĐ-CP, printed by headless Chromium.
 */

export type ProgrammeListFormat = 'csv' | 'xlsx' | 'pdf';
export const PROGRAMME_LIST_FORMATS = ['csv', 'xlsx', 'pdf'] as const;

export interface ProgrammeListRow {
  code: string;
  /** The full name, e.g. "Thị trấn Vĩnh Thạnh". */
  name: string;
  /** "Xã", "Phường", "Thị trấn"…, for the total by kind. */
  kind: string | null;
  district: string | null;
  province: string | null;
  justification: string;
}

export interface ProgrammeListDecision {
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  signer: string | null;
  title: string | null;
}

export interface ProgrammeList {
  year: number;
  /** The province whose steering committee issues the list ("Tỉnh Kiên Giang" or "Kiên Giang"). */
  province: string | null;
  decision: ProgrammeListDecision | null;
  rows: ProgrammeListRow[];
}

export const LIST_COLUMNS = [
  'STT',
  'Mã xã',
  'Tên xã, phường, thị trấn',
  'Huyện (cũ)',
  'Tỉnh',
  'Lý do lựa chọn',
] as const;

// CSV

/**
 * UTF-8 with a byte-order mark (so that Excel reads the accents), ";" between fields as Excel expects
 * where the decimal separator is a comma (Vietnamese settings), fields quoted as RFC 4180 says, CRLF.
 */
export function programmeListCsv(list: ProgrammeList): string {
  const lines = [
    LIST_COLUMNS.map(csvField).join(';'),
    ...list.rows.map((row, index) =>
      [index + 1, row.code, row.name, row.district, row.province, row.justification].map(csvField).join(';'),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// XLSX

const XLSX_COLUMN_WIDTHS = [6, 10, 30, 26, 22, 60];
const SHEET_NAME = 'Danh sách';

export async function programmeListXlsx(list: ProgrammeList): Promise<Buffer> {
  const span = LIST_COLUMNS.length;
  const title: Cell[] = [
    {
      value: listTitle(list.year),
      fontWeight: 'bold',
      align: 'center',
      wrap: true,
      columnSpan: span,
      height: 36,
    },
    ...Array<Cell>(span - 1).fill(null),
  ];
  const data: SheetData = [title];
  if (list.decision) {
    data.push([
      {
        value: `(${vietnameseDecisionLine(list.decision, list.province)})`,
        fontStyle: 'italic',
        align: 'center',
        wrap: true,
        columnSpan: span,
        height: 30,
      },
      ...Array<Cell>(span - 1).fill(null),
    ]);
  }
  data.push(
    LIST_COLUMNS.map(
      (name): Cell => ({
        value: name,
        fontWeight: 'bold',
        align: 'center',
        alignVertical: 'center',
        wrap: true,
        borderStyle: 'thin',
      }),
    ),
  );
  list.rows.forEach((row, index) => {
    const text = (value: string | null): Cell => ({
      value: value ?? '',
      type: String,
      wrap: true,
      alignVertical: 'top',
      borderStyle: 'thin',
    });
    data.push([
      { value: index + 1, type: Number, align: 'center', alignVertical: 'top', borderStyle: 'thin' },
      // Text, so that a code such as "00001" keeps its zeros.
      text(row.code),
      text(row.name),
      text(row.district),
      text(row.province),
      text(row.justification),
    ]);
  });
  return writeXlsxFile(data, {
    sheet: SHEET_NAME,
    columns: XLSX_COLUMN_WIDTHS.map((width) => ({ width })),
  }).toBuffer();
}

// PDF

/**
 * Font families, best first, that Chromium may be given for the annex: Times New Roman as the decree asks,
 * and serif faces close to it. A face is used only when it holds every Vietnamese letter: Chromium would
 * otherwise take the missing letters from another font, in the middle of words.
 */
const SERIF_FAMILIES = [
  'Times New Roman',
  'Tinos',
  'Liberation Serif',
  'Noto Serif',
  // Narrower than its regular width, and so closer to Times.
  'DejaVu Serif Condensed',
  'DejaVu Serif',
];
/** Every precomposed Vietnamese letter, and ă â đ ê ô ơ ư with their capitals, as fontconfig writes sets. */
const VIETNAMESE_CHARSET = '1ea0-1ef9 102 103 110 111 128 129 168 169 1a0 1a1 1af 1b0 c0-c3 e0-e3';

let fontsFound: AnnexFonts | undefined;

/** The serif families installed with Vietnamese, asked of fontconfig once; else Noto Sans, embedded. */
export function annexFonts(): AnnexFonts {
  if (fontsFound) return fontsFound;
  let installed = new Set<string>();
  try {
    const output = execFileSync('fc-list', [`:charset=${VIETNAMESE_CHARSET}`, 'family'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    installed = new Set(output.split('\n').flatMap((line) => line.split(',').map((name) => name.trim())));
  } catch {
    // Without fontconfig, the embedded font.
  }
  const families = SERIF_FAMILIES.filter((family) => installed.has(family));
  fontsFound = { families, embedded: families.length === 0 ? embeddedNotoSans() : [] };
  return fontsFound;
}

/** Noto Sans as the client bundles it (@fontsource/noto-sans), Latin and Vietnamese, regular and bold. */
function embeddedNotoSans(): AnnexFonts['embedded'] {
  const require = createRequire(import.meta.url);
  const faces: AnnexFonts['embedded'] = [];
  for (const weight of [400, 700] as const) {
    for (const subset of ['latin', 'vietnamese'] as const) {
      try {
        const path = require.resolve(
          `@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff2`,
        );
        faces.push({ weight, subset, woff2: readFileSync(path).toString('base64') });
      } catch {
        // A missing file leaves the face to the system's fonts.
      }
    }
  }
  return faces;
}

/** One PDF at a time: each launches a browser, a few hundred MB while it lasts. */
let printing: Promise<unknown> = Promise.resolve();

/** The annex as a PDF; the caller checks first that Chromium is installed (chromiumAvailable). */
export function programmeListPdf(list: ProgrammeList): Promise<Buffer> {
  const html = programmeListAnnexHtml(list, annexFonts());
  const result = printing.then(() => printHtml(html));
  printing = result.catch(() => undefined);
  return result;
}

async function printHtml(html: string): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // The annex needs nothing from a network; nothing it holds may reach one.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

// File names

const EXTENSIONS: Record<ProgrammeListFormat, string> = { csv: 'csv', xlsx: 'xlsx', pdf: 'pdf' };
export const CONTENT_TYPES: Record<ProgrammeListFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** "Danh sách chuyển hóa năm 2024 - QĐ 93-QĐ-BCĐ.pdf", and without accents for old clients. */
export function programmeListFileNames(list: ProgrammeList, format: ProgrammeListFormat) {
  const stem = list.decision
    ? `Danh sách chuyển hóa năm ${list.year} - QĐ ${list.decision.number}`
    : `Danh sách chuyển hóa năm ${list.year}`;
  const unicode = `${stem.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').slice(0, 150)}.${EXTENSIONS[format]}`;
  const ascii = unicode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (letter) => (letter === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-');
  return { unicode, ascii };
}

/** attachment; filename="…" (ASCII); filename*=UTF-8''… (RFC 6266 / 5987). */
export function contentDisposition(names: { unicode: string; ascii: string }): string {
  const encoded = encodeURIComponent(names.unicode).replace(
    /['()*!]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encoded}`;
}
