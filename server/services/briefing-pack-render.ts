import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import type { Database } from '../db/database';
import {
  type BriefingRenderRecord,
  findBriefingRender,
  updateBriefingRender,
} from '../db/queries/briefing-packs';
import { erasValidOn } from '../db/queries/eras';
import { findSavedView } from '../db/queries/saved-views';
import { findUnit } from '../db/queries/units';
import { describeScope, type Scope } from '../domain/access/scope';
import { BilingualError, type BilingualText, bilingual } from '../domain/bilingual';
import { formatVietnameseDate, todayInVietnam } from '../domain/dates/calendar-date';
import type { AppContext } from '../routes/context';
import { attachedFolder, BRIEFING_FILES_FOLDER } from './attached-folders';
import { launchChromium } from './headless-chromium';
import {
  DEFAULT_CLIENT_DIRECTORY,
  type Orientation,
  type Paper,
  type PrintOptions,
  renderPrint,
} from './print-render';

/**
 * A briefing pack as one PDF for a committee meeting (giao ban, sơ kết, tổng kết): a cover page (title,
 * committee, date, marking), a table of contents with page numbers, then each item in the planner's order
 * — a saved view through the print page, a table, or an atlas of communes (one page each: its map, its
 * indicators against the year's criteria, its timeline) — every part printed by headless Chromium from the
 * app's own print pages (#/print/pack/…), merged with pdf-lib, a page number stamped on every page.
 */

export const PACK_TABLES = [
  'programme-kpis',
  'top-hot-spots',
  'selection-list',
  'commune-indicators',
] as const;
export type PackTable = (typeof PACK_TABLES)[number];

export type PackItem =
  | { kind: 'view'; viewId: number }
  | { kind: 'table'; table: PackTable; year?: number | undefined; unit?: string | undefined }
  | { kind: 'atlas'; year: number; units: string[] };

export interface PackDefinition {
  title: string;
  /** The committee named on the cover; by default from the account's area. */
  committee?: string | undefined;
  marking?: string | undefined;
  paper: Paper;
  orientation: Orientation;
  items: PackItem[];
}

/** A stored pack's definition (written by the routes, checked before it was stored). */
export function parseDefinition(text: string): PackDefinition {
  return JSON.parse(text) as PackDefinition;
}

/** Table-of-contents lines a page holds; the contents page lays them out the same way. */
export const CONTENTS_LINES_PER_PAGE = 22;
/** Dots per inch of the saved views' maps: sharp on paper, and a 10-page pack in well under 30 s. */
const VIEW_DPI = 150;

/** One part to print: what the table of contents calls it, and what prints it. */
export interface PackPart {
  title: BilingualText;
  /** One of the pack's own print parts (#/print/pack), or a saved view through the snapshot print page. */
  print: { part: Record<string, string> } | { location: string; title: string };
  /** Where the part's first page goes in the contents: its own line, or under the atlas heading. */
  contents: 'line' | 'atlas-first' | 'atlas-next';
}

const TABLE_TITLES: Record<PackTable, BilingualText> = {
  'programme-kpis': bilingual('Kết quả chuyển hóa địa bàn', 'Programme figures'),
  'top-hot-spots': bilingual('Các điểm nóng nổi bật', 'Top hot spots'),
  'selection-list': bilingual('Danh sách địa bàn lựa chọn chuyển hóa', 'The selection list'),
  'commune-indicators': bilingual('Chỉ tiêu của xã', "A commune's indicators"),
};

/** The values given, as text; those missing are left out. */
function given(values: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([name, value]) => [name, String(value)]),
  );
}

/** The pack's print page (client/src/views/PrintPackPageView.vue) for some of its own parts. */
export function packPrintPage(
  definition: Pick<PackDefinition, 'paper' | 'orientation'>,
  parts: readonly Record<string, string>[],
): string {
  const parameters = new URLSearchParams({
    paper: definition.paper,
    orientation: definition.orientation,
    parts: JSON.stringify(parts),
  });
  return `/print/pack?${parameters.toString().replace(/\+/g, '%20')}`;
}

/** The committee on the cover, when the pack names none: from the area of the account that renders it. */
export function defaultCommittee(scope: Scope): string {
  if (scope.kind === 'provinces' && scope.provinces.length > 0) {
    return `Ban Chỉ đạo 138 ${scope.provinces.join(', ')}`;
  }
  if (scope.kind === 'communes') return `Ban Chỉ đạo 138 (${describeScope(scope).vi})`;
  return 'Ban Chỉ đạo 138';
}

/**
 * The parts of a pack in order, after the cover and the contents. Saved views are looked up now; a view
 * deleted since the pack was made is refused with its number.
 */
export function packParts(database: Database, definition: PackDefinition): PackPart[] {
  const marking = definition.marking;
  const parts: PackPart[] = [];
  for (const item of definition.items) {
    if (item.kind === 'view') {
      const view = findSavedView(database, item.viewId);
      if (!view) {
        throw new BilingualError(
          bilingual(
            `Chế độ xem đã lưu số ${item.viewId} không còn; hãy bỏ nó khỏi bộ tài liệu`,
            `Saved view number ${item.viewId} no longer exists; remove it from the pack`,
          ),
        );
      }
      parts.push({
        title: bilingual(view.name, view.name),
        print: { location: view.location, title: view.name },
        contents: 'line',
      });
    } else if (item.kind === 'table') {
      const title = TABLE_TITLES[item.table];
      const suffix = [item.year, item.unit].filter((value) => value !== undefined).join(', ');
      parts.push({
        title: suffix ? bilingual(`${title.vi} (${suffix})`, `${title.en} (${suffix})`) : title,
        print: {
          part: given({ page: 'table', table: item.table, year: item.year, unit: item.unit, marking }),
        },
        contents: 'line',
      });
    } else {
      item.units.forEach((unit, index) => {
        const era = atlasEra(database, item.year, unit);
        parts.push({
          title: bilingual(
            `Tập bản đồ địa bàn chuyển hóa năm ${item.year}`,
            `Atlas of the ${item.year} programme communes`,
          ),
          print: {
            part: given({
              page: 'atlas',
              year: item.year,
              era,
              unit,
              index: index + 1,
              of: item.units.length,
              marking,
            }),
          },
          contents: index === 0 ? 'atlas-first' : 'atlas-next',
        });
      });
    }
  }
  return parts;
}

/**
 * The era of a commune in a programme year: of those in force at the year's end, then at its start (a
 * year may straddle a reorganisation), the first that has the code.
 */
export function atlasEra(database: Database, year: number, code: string): string | undefined {
  for (const date of [`${year}-12-31`, `${year}-01-01`]) {
    for (const era of erasValidOn(database, date)) {
      if (findUnit(database, [era.id], 'commune', code)) return era.label;
    }
  }
  return undefined;
}

/** What the contents page lists: a line per part (an atlas as one line at its first commune's page). */
export interface ContentsLine {
  title: string;
  page: number;
}

export function contentsPageCount(lineCount: number): number {
  return Math.max(1, Math.ceil(lineCount / CONTENTS_LINES_PER_PAGE));
}

/** The contents' lines, the parts' pages following the cover and the contents. */
export function contentsLines(parts: readonly PackPart[], pageCounts: readonly number[]): ContentsLine[] {
  const listed = parts.filter((part) => part.contents !== 'atlas-next');
  let page = 2 + contentsPageCount(listed.length);
  const lines: ContentsLine[] = [];
  parts.forEach((part, index) => {
    if (part.contents !== 'atlas-next') lines.push({ title: part.title.vi, page });
    page += pageCounts[index] ?? 0;
  });
  return lines;
}

/** Runs of parts printed by one page load: a saved view alone, or consecutive parts of the pack's own. */
export function printBatches(parts: readonly PackPart[]): number[][] {
  const batches: number[][] = [];
  parts.forEach((part, index) => {
    const last = batches.at(-1);
    const previous = last === undefined ? undefined : parts[last.at(-1) ?? -1];
    if ('part' in part.print && last && previous && 'part' in previous.print) last.push(index);
    else batches.push([index]);
  });
  return batches;
}

/**
 * How many pages each part of a batch took: the print page writes the list in its title, which Chromium
 * keeps as the PDF's title. When it does not add up, the batch counts as one block at its first part.
 */
export function batchPageCounts(document: PDFDocument, partCount: number): number[] {
  const total = document.getPageCount();
  try {
    const counts = JSON.parse(document.getTitle() ?? '') as unknown;
    if (
      Array.isArray(counts) &&
      counts.length === partCount &&
      counts.every((count) => Number.isInteger(count) && count >= 0) &&
      counts.reduce((sum: number, count: number) => sum + count, 0) === total
    ) {
      return counts as number[];
    }
  } catch {
    // Falls through.
  }
  return Array.from({ length: partCount }, (_, index) => (index === 0 ? total : 0));
}

export interface PackRenderSettings {
  clientDirectory?: string;
  /** Called as parts are printed (and at the end), for the progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Renders a pack to PDF bytes as `account`. The contents needs every part's page count, so the parts are
 * printed first, then the cover and the contents, and all are merged in reading order. Consecutive parts
 * of the pack's own share one page load; each saved view has its own, as a snapshot would.
 */
export async function renderBriefingPack(
  context: AppContext,
  account: { username: string; scope: Scope },
  definition: PackDefinition,
  settings: PackRenderSettings = {},
): Promise<Uint8Array> {
  const parts = packParts(context.database, definition);
  const total = parts.length + 2;
  settings.onProgress?.(0, total);
  const clientDirectory = settings.clientDirectory ?? DEFAULT_CLIENT_DIRECTORY;
  const common = {
    format: 'pdf' as const,
    paper: definition.paper,
    orientation: definition.orientation,
    marking: definition.marking,
  };
  const ownParts = async (specifications: Record<string, string>[]): Promise<PDFDocument> =>
    PDFDocument.load(
      await renderPrint(
        context,
        account,
        { ...common, location: '/map', dpi: 96, page: packPrintPage(definition, specifications) },
        { browser, clientDirectory },
      ),
      { updateMetadata: false },
    );
  const browser: Browser = await launchChromium();
  try {
    const printed: PDFDocument[] = [];
    const pageCounts: number[] = [];
    let done = 0;
    for (const batch of printBatches(parts)) {
      const first = parts[batch[0] ?? 0] as PackPart;
      let document: PDFDocument;
      if ('location' in first.print) {
        const options: PrintOptions = {
          ...common,
          location: first.print.location,
          dpi: VIEW_DPI,
          title: first.print.title,
        };
        document = await PDFDocument.load(
          await renderPrint(context, account, options, { browser, clientDirectory }),
        );
        pageCounts.push(document.getPageCount());
      } else {
        const specifications = batch.map((index) => {
          const part = parts[index]?.print;
          return part && 'part' in part ? part.part : {};
        });
        document = await ownParts(specifications);
        pageCounts.push(...batchPageCounts(document, batch.length));
      }
      printed.push(document);
      done += batch.length;
      settings.onProgress?.(done, total);
    }

    const date = todayInVietnam(context.now());
    const lines = contentsLines(parts, pageCounts);
    const front = await ownParts([
      given({
        page: 'cover',
        title: definition.title,
        committee: definition.committee || defaultCommittee(account.scope),
        date,
        marking: definition.marking,
      }),
      given({
        page: 'contents',
        lines: JSON.stringify(lines.map((line) => [line.title, line.page])),
        marking: definition.marking,
      }),
    ]);
    settings.onProgress?.(total - 1, total);
    const merged = await mergeWithPageNumbers([front, ...printed], { title: definition.title, date });
    settings.onProgress?.(total, total);
    return merged;
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/**
 * One document of the parts in order, "Trang n/N" at the foot of every page. The standard font holds
 * the ASCII this needs; every Vietnamese text is in the pages Chromium printed, with an embedded font.
 */
export async function mergeWithPageNumbers(
  documents: readonly PDFDocument[],
  metadata: { title: string; date: string },
): Promise<Uint8Array> {
  const merged = await PDFDocument.create();
  for (const document of documents) {
    const pages = await merged.copyPages(document, document.getPageIndices());
    for (const page of pages) merged.addPage(page);
  }
  const font = await merged.embedFont(StandardFonts.Helvetica);
  const count = merged.getPageCount();
  merged.getPages().forEach((page, index) => {
    const text = `Trang ${index + 1}/${count}`;
    const size = 9;
    const width = font.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: page.getWidth() - width - 28,
      y: 14,
      size,
      font,
      color: rgb(0.25, 0.3, 0.35),
    });
  });
  merged.setTitle(metadata.title);
  merged.setCreator('Diaban');
  merged.setSubject(`Tài liệu giao ban, ${formatVietnameseDate(metadata.date)}`);
  return merged.save();
}

// Files and jobs

/** Where a database's rendered briefings are kept ("briefings" beside it, carried by backups). */
export function briefingFilesDirectory(database: Database): string {
  return attachedFolder(database, BRIEFING_FILES_FOLDER);
}

export function briefingFilePath(database: Database, render: Pick<BriefingRenderRecord, 'id' | 'format'>) {
  return join(briefingFilesDirectory(database), `${render.id}.${render.format}`);
}

/**
 * Runs a queued render to its end: status "rendering" with the pages done, then "done" with the file
 * written, or "failed" with the reason in both languages. Never throws.
 */
export async function runPackRender(
  context: AppContext,
  renderId: number,
  account: { username: string; scope: Scope },
  definition: PackDefinition,
  settings: Omit<PackRenderSettings, 'onProgress'> = {},
): Promise<BriefingRenderRecord | undefined> {
  const { database } = context;
  try {
    updateBriefingRender(database, renderId, { status: 'rendering' });
    const bytes = await renderBriefingPack(context, account, definition, {
      ...settings,
      onProgress: (done, total) =>
        updateBriefingRender(database, renderId, { pagesDone: done, pagesTotal: total }),
    });
    const path = briefingFilePath(database, { id: renderId, format: 'pdf' });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    updateBriefingRender(database, renderId, {
      status: 'done',
      fileBytes: bytes.length,
      finishedAt: context.now().toISOString(),
    });
  } catch (error) {
    const text =
      error instanceof BilingualError
        ? error.text
        : bilingual(
            `Không in được bộ tài liệu: ${error instanceof Error ? error.message : String(error)}`,
            `The pack could not be printed: ${error instanceof Error ? error.message : String(error)}`,
          );
    updateBriefingRender(database, renderId, {
      status: 'failed',
      error: JSON.stringify(text),
      finishedAt: context.now().toISOString(),
    });
  }
  return findBriefingRender(database, renderId);
}
