import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Route } from 'playwright-core';
import { z } from 'zod';
import { deleteSession, findUserByUsername, insertSession } from '../db/queries/users';
import { BilingualError, bilingual } from '../domain/bilingual';
import { hashToken, newToken, SESSION_COOKIE } from '../routes/access';
import type { AppContext } from '../routes/context';
import { chromiumAvailable, launchChromium } from './headless-chromium';

/**
 * Snapshots of a view for briefings: the print page (#/print?view=…) laid out at the paper's size, opened
 * in headless Chromium as the requesting account, then printed to PDF or captured as PNG. Chromium's
 * device scale factor is dpi / 96, so MapLibre draws the map at print resolution rather than a screen
 * capture being enlarged. The page is served to Chromium from this process (requests are answered by the
 * app itself, no port is opened), so the server, the command line and the tests render the same way.
 */

export const PAPERS = ['A4', 'A3'] as const;
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export const DPIS = [96, 150, 300] as const;
export const SNAPSHOT_FORMATS = ['pdf', 'png'] as const;
export const PRINT_LANGUAGES = ['vi', 'en'] as const;

export type Paper = (typeof PAPERS)[number];
export type Orientation = (typeof ORIENTATIONS)[number];
export type Dpi = (typeof DPIS)[number];
export type SnapshotFormat = (typeof SNAPSHOT_FORMATS)[number];
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number];

export interface PrintOptions {
  /** The view's route and query after '#', e.g. '/map?era=2021&lng=…'. */
  location: string;
  format: SnapshotFormat;
  paper: Paper;
  orientation: Orientation;
  /** 96 = screen. */
  dpi: Dpi;
  title?: string;
  subtitle?: string;
  marking?: string;
  /** The language of the page's texts (titles, legend, source line); Vietnamese when not given. */
  language?: PrintLanguage;
  /**
   * A print page of its own to open instead of #/print?view=… (a briefing pack's cover, table or atlas
   * page, '/print/pack/…'); it sets the same printReady / printError flags.
   */
  page?: string;
}

/** Paper sizes in millimetres, portrait (ISO 216). */
export const PAPER_MILLIMETRES: Record<Paper, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};

/** Views the print page knows how to draw; anything else is refused before Chromium starts. */
export const PRINTABLE_VIEWS = ['/map', '/hotspots', '/programme'] as const;

const MAXIMUM_TEXT = 200;

/** Whether an address after '#' is one of the printable views ("/map" or "/map?…"). */
export function isPrintableView(location: string): boolean {
  const path = location.split('?')[0];
  return PRINTABLE_VIEWS.some((view) => path === view);
}

/** The body of POST /api/snapshots and the options of `diaban brief`, checked the same way. */
export const printOptionsSchema = z.object({
  location: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .transform((location) => location.replace(/^#/, ''))
    .refine((location) => isPrintableView(location), { message: 'location' }),
  format: z.enum(SNAPSHOT_FORMATS),
  paper: z.enum(PAPERS).default('A4'),
  orientation: z.enum(ORIENTATIONS).default('landscape'),
  dpi: z.union([z.literal(96), z.literal(150), z.literal(300)]).default(150),
  title: z.string().trim().max(MAXIMUM_TEXT).optional(),
  subtitle: z.string().trim().max(MAXIMUM_TEXT).optional(),
  marking: z.string().trim().max(60).optional(),
  language: z.enum(PRINT_LANGUAGES).default('vi'),
});

/** What each field must be, for the bilingual 400 (see validBody). */
export const PRINT_OPTION_EXPECTATIONS = {
  location: bilingual(
    'đường dẫn của một trang bản đồ (/map, /hotspots, /programme)',
    'the address of a map view (/map, /hotspots, /programme)',
  ),
  format: bilingual('"pdf" hoặc "png"', '"pdf" or "png"'),
  paper: bilingual('"A4" hoặc "A3"', '"A4" or "A3"'),
  orientation: bilingual('"portrait" (dọc) hoặc "landscape" (ngang)', '"portrait" or "landscape"'),
  dpi: bilingual('96, 150 hoặc 300', '96, 150 or 300'),
  title: bilingual(`tiêu đề tối đa ${MAXIMUM_TEXT} ký tự`, `a title of at most ${MAXIMUM_TEXT} characters`),
  subtitle: bilingual(
    `phụ đề tối đa ${MAXIMUM_TEXT} ký tự`,
    `a subtitle of at most ${MAXIMUM_TEXT} characters`,
  ),
  marking: bilingual('độ mật tối đa 60 ký tự', 'a marking of at most 60 characters'),
  language: bilingual('"vi" (tiếng Việt) hoặc "en" (tiếng Anh)', '"vi" (Vietnamese) or "en" (English)'),
};

/** Chromium or the built client is missing: the server answers 503, the command line says how to fix it. */
export class PrintUnavailableError extends BilingualError {}

/** The page did not become ready, or said why it could not draw the view. */
export class PrintFailedError extends BilingualError {}

/** The page's size in CSS pixels (96 per inch), as Chromium's viewport. */
export function pagePixels(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const millimetres = PAPER_MILLIMETRES[paper];
  const toPixels = (value: number) => Math.round((value / 25.4) * 96);
  const [width, height] =
    orientation === 'portrait'
      ? [millimetres.width, millimetres.height]
      : [millimetres.height, millimetres.width];
  return { width: toPixels(width), height: toPixels(height) };
}

/** The print page's address after '#': the view, the paper and the texts, each in the query. */
export function printLocation(options: PrintOptions): string {
  const query = new URLSearchParams({
    view: options.location,
    paper: options.paper,
    orientation: options.orientation,
    dpi: String(options.dpi),
  });
  if (options.title) query.set('title', options.title);
  if (options.subtitle) query.set('subtitle', options.subtitle);
  if (options.marking) query.set('marking', options.marking);
  if (options.language && options.language !== 'vi') query.set('language', options.language);
  return `/print?${query.toString().replace(/\+/g, '%20')}`;
}

/** The view's address out of a whole URL ("http://host:8080/#/map?…"), or the address itself. */
export function locationFromUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(hash + 1) : url;
}

export interface PrintSettings {
  /** The built client; dist/client by default. */
  clientDirectory?: string;
  /** A browser to reuse (a pack renders many pages); one is launched and closed otherwise. */
  browser?: Browser;
  /** How long the page may take to become ready; 120 s by default. */
  timeoutMs?: number;
  /** Keep the browser open for the next render (the server: a briefing's exports come in runs). */
  keepBrowser?: boolean;
}

/** A kept browser closes after this long without a render. */
const KEPT_BROWSER_IDLE_MS = 60_000;
interface KeptBrowser {
  browser: Promise<Browser>;
  closer: ReturnType<typeof setTimeout> | null;
}
let kept: KeptBrowser | null = null;

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function keptBrowser(): Promise<Browser> {
  if (kept?.closer) clearTimeout(kept.closer);
  if (!kept) {
    const launched = launchChromium();
    const entry: KeptBrowser = { browser: launched, closer: null };
    kept = entry;
    launched.then(
      (browser) =>
        browser.on('disconnected', () => {
          if (kept === entry) forget(entry);
        }),
      () => {
        if (kept === entry) forget(entry);
      },
    );
    // An open browser keeps the process alive: a server being stopped closes it at once. Only where
    // something already handles the signal (the server does), so that the signal's default still applies
    // everywhere else.
    for (const signal of STOP_SIGNALS) {
      if (process.listenerCount(signal) > 0) process.once(signal, closeKeptBrowser);
    }
  }
  return kept.browser;
}

function forget(entry: KeptBrowser): void {
  if (entry.closer) clearTimeout(entry.closer);
  for (const signal of STOP_SIGNALS) process.removeListener(signal, closeKeptBrowser);
  if (kept === entry) kept = null;
}

function releaseKeptBrowser(): void {
  const entry = kept;
  if (!entry) return;
  entry.closer = setTimeout(closeKeptBrowser, KEPT_BROWSER_IDLE_MS);
}

/** Closes the browser kept for the next render, if any (the server stopping, a benchmark ending). */
export async function closeKeptBrowser(): Promise<void> {
  const entry = kept;
  if (!entry) return;
  forget(entry);
  await entry.browser.then((browser) => browser.close()).catch(() => undefined);
}

export const DEFAULT_CLIENT_DIRECTORY = fileURLToPath(new URL('../../dist/client', import.meta.url));
/** The print page's origin inside Chromium; never resolved, every request to it is answered here. */
const PRINT_ORIGIN = 'http://diaban.print';
/** A render's session lasts at most this long, and is removed as soon as the render ends. */
const SESSION_MINUTES = 10;

/** One render at a time: each holds a browser page of a few hundred MB at 300 dpi. */
let rendering: Promise<unknown> = Promise.resolve();

/** Renders one view through the print page (#/print?view=…) in headless Chromium, signed in as `account`. */
export async function renderPrint(
  context: AppContext,
  account: { username: string },
  options: PrintOptions,
  settings: PrintSettings = {},
): Promise<Uint8Array> {
  const clientDirectory = settings.clientDirectory ?? DEFAULT_CLIENT_DIRECTORY;
  assertPrintAvailable(clientDirectory);
  const result = rendering.then(() => renderNow(context, account, options, { ...settings, clientDirectory }));
  rendering = result.catch(() => undefined);
  return result;
}

/** Refuses early, with how to fix it, when Chromium or the built client is missing. */
export function assertPrintAvailable(clientDirectory: string = DEFAULT_CLIENT_DIRECTORY): void {
  if (!chromiumAvailable()) {
    throw new PrintUnavailableError(
      bilingual(
        'Máy chủ chưa cài Chromium nên không xuất được bản đồ: cài bằng "apt-get install chromium"',
        'Chromium is not installed on the server, so maps cannot be exported: install it with "apt-get install chromium"',
      ),
    );
  }
  if (!existsSync(join(clientDirectory, 'index.html'))) {
    throw new PrintUnavailableError(
      bilingual(
        'Giao diện chưa được build nên không xuất được bản đồ: chạy "npm run build"',
        'The client is not built, so maps cannot be exported: run "npm run build"',
      ),
    );
  }
}

async function renderNow(
  context: AppContext,
  account: { username: string },
  options: PrintOptions,
  settings: PrintSettings & { clientDirectory: string },
): Promise<Uint8Array> {
  const user = findUserByUsername(context.database, account.username);
  if (!user || user.disabled) {
    throw new PrintFailedError(
      bilingual(
        `Tài khoản "${account.username}" không có hoặc đã bị khóa`,
        `The account "${account.username}" does not exist or is disabled`,
      ),
    );
  }
  // Loaded here: the app's routes include the snapshot route, which imports this module.
  const { createApp } = await import('../app');
  const app = createApp(context, { clientDirectory: settings.clientDirectory });

  const token = newToken();
  const tokenHash = hashToken(token);
  const now = context.now();
  insertSession(context.database, {
    tokenHash,
    userId: user.id,
    csrfToken: newToken(),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_MINUTES * 60_000).toISOString(),
    address: 'print',
  });

  const browser = settings.browser ?? (settings.keepBrowser ? await keptBrowser() : await launchChromium());
  let browserContext: BrowserContext | undefined;
  try {
    const viewport = pagePixels(options.paper, options.orientation);
    browserContext = await browser.newContext({
      viewport,
      deviceScaleFactor: options.dpi / 96,
      // Dates and numbers the page leaves to the browser follow the print's language.
      locale: options.language === 'en' ? 'en-GB' : 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    await browserContext.route('**/*', (route) => answer(route, app.fetch, token));
    const page = await browserContext.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${PRINT_ORIGIN}/#${options.page ?? printLocation(options)}`);
    try {
      await page.waitForFunction(
        () => document.body.dataset.printReady === 'true' || Boolean(document.body.dataset.printError),
        undefined,
        { timeout: settings.timeoutMs ?? 120_000, polling: 100 },
      );
    } catch {
      throw new PrintFailedError(
        bilingual(
          `Trang in không sẵn sàng kịp${problems.length ? `: ${problems[0]}` : ''}`,
          `The print page did not become ready in time${problems.length ? `: ${problems[0]}` : ''}`,
        ),
      );
    }
    const printError = await page.evaluate(() => document.body.dataset.printError ?? '');
    if (printError) {
      // "Vietnamese / English", as formatBilingual writes it; the English half has no " / " of its own.
      const split = printError.lastIndexOf(' / ');
      throw new PrintFailedError(
        split < 0
          ? bilingual(printError, printError)
          : bilingual(printError.slice(0, split), printError.slice(split + 3)),
      );
    }
    await page.evaluate('document.fonts.ready.then(() => true)');
    if (options.format === 'png') {
      // Chromium's faster PNG encoding: a 300 dpi page is 8.7 million pixels, and the file a little larger.
      const session = await browserContext.newCDPSession(page);
      const { data } = await session.send('Page.captureScreenshot', {
        format: 'png',
        optimizeForSpeed: true,
        clip: { x: 0, y: 0, width: viewport.width, height: viewport.height, scale: options.dpi / 96 },
      });
      return new Uint8Array(Buffer.from(data, 'base64'));
    }
    return new Uint8Array(
      await page.pdf({
        format: options.paper,
        landscape: options.orientation === 'landscape',
        printBackground: true,
        preferCSSPageSize: true,
      }),
    );
  } finally {
    await browserContext?.close().catch(() => undefined);
    if (settings.keepBrowser && !settings.browser) releaseKeptBrowser();
    else if (!settings.browser) await browser.close().catch(() => undefined);
    deleteSession(context.database, tokenHash);
  }
}

/**
 * Answers one of Chromium's requests: to the print origin, by the app itself with the render's session
 * cookie; to a basemap elsewhere, from the network as a browser would.
 */
async function answer(
  route: Route,
  fetchFromApp: (request: Request) => Response | Promise<Response>,
  token: string,
): Promise<void> {
  const request = route.request();
  if (!request.url().startsWith(`${PRINT_ORIGIN}/`)) {
    await route.continue();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(await request.allHeaders())) {
    // Plain bodies: Chromium is handed the bytes as they are.
    if (name === 'accept-encoding' || name === 'cookie' || name.startsWith(':')) continue;
    headers.set(name, value);
  }
  headers.set('cookie', `${SESSION_COOKIE}=${token}`);
  const body = request.postDataBuffer();
  try {
    const response = await fetchFromApp(
      new Request(request.url(), {
        method: request.method(),
        headers,
        ...(body && !['GET', 'HEAD'].includes(request.method()) ? { body: new Uint8Array(body) } : {}),
      }),
    );
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'content-encoding' && name !== 'content-length') responseHeaders[name] = value;
    });
    await route.fulfill({
      status: response.status,
      headers: responseHeaders,
      body: Buffer.from(await response.arrayBuffer()),
    });
  } catch {
    await route.abort().catch(() => undefined);
  }
}

export const SNAPSHOT_CONTENT_TYPES: Record<SnapshotFormat, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
};

const VIEW_NAMES: Record<string, string> = {
  '/map': 'Bản đồ vụ việc',
  '/hotspots': 'Điểm nóng',
  '/programme': 'Chương trình chuyển hóa',
};

/** "Điểm nóng - 22-11-2026 1405.pdf" (the title when given), and without accents for old clients. */
export function snapshotFileNames(options: PrintOptions, now: Date): { unicode: string; ascii: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  const stamp = `${part('day')}-${part('month')}-${part('year')} ${part('hour')}${part('minute')}`;
  const name = options.title?.trim() || VIEW_NAMES[options.location.split('?')[0] ?? ''] || 'Bản đồ';
  const unicode = `${`${name} - ${stamp}`.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').slice(0, 150)}.${options.format}`;
  const ascii = unicode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (letter) => (letter === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-');
  return { unicode, ascii };
}
