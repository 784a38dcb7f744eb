/**
 * The print page's options and measures (views/PrintView.vue): paper sizes in millimetres, the scale bar
 * from the map's metres per pixel at the centre latitude, the representative fraction, and the generated
 * time as dd/mm/yyyy HH:mm. Pure, so that what a printed map claims can be tested without a browser.
 */
import type { QueryInput } from './view-state';

export const PRINT_PAPERS = ['A4', 'A3'] as const;
export type PrintPaper = (typeof PRINT_PAPERS)[number];
export const PRINT_ORIENTATIONS = ['portrait', 'landscape'] as const;
export type PrintOrientation = (typeof PRINT_ORIENTATIONS)[number];
export const PRINT_DPIS = [96, 150, 300] as const;
export type PrintDpi = (typeof PRINT_DPIS)[number];
export const PRINT_LANGUAGES = ['vi', 'en'] as const;
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number];

export interface PrintPageOptions {
  /** The view's address after '#', e.g. "/map?era=2021&…". */
  view: string;
  paper: PrintPaper;
  orientation: PrintOrientation;
  dpi: PrintDpi;
  title: string | null;
  subtitle: string | null;
  marking: string | null;
  /** The language of every text on the page; Vietnamese unless `language=en`. */
  language: PrintLanguage;
}

/** ISO 216, portrait, in millimetres. */
const PAPER_MILLIMETRES: Record<PrintPaper, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};

const MAXIMUM_TEXT = 200;

function first(value: QueryInput[string]): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : null;
}

function text(value: QueryInput[string], maximum = MAXIMUM_TEXT): string | null {
  const trimmed = first(value)?.trim();
  return trimmed ? trimmed.slice(0, maximum) : null;
}

function oneOf<T extends string | number>(choices: readonly T[], value: string | null, fallback: T): T {
  return choices.find((choice) => String(choice) === value) ?? fallback;
}

/** The print page's query; a value that makes no sense falls back to A4 landscape at 150 dpi. */
export function parsePrintQuery(query: QueryInput): PrintPageOptions {
  const view = first(query.view)?.trim() ?? '';
  return {
    view: view.startsWith('/') ? view : `/${view}`,
    paper: oneOf(PRINT_PAPERS, first(query.paper), 'A4'),
    orientation: oneOf(PRINT_ORIENTATIONS, first(query.orientation), 'landscape'),
    dpi: oneOf(PRINT_DPIS, first(query.dpi), 150),
    title: text(query.title),
    subtitle: text(query.subtitle),
    marking: text(query.marking, 60),
    language: oneOf(PRINT_LANGUAGES, first(query.language), 'vi'),
  };
}

/** The page's width and height in millimetres. */
export function paperSize(
  paper: PrintPaper,
  orientation: PrintOrientation,
): { width: number; height: number } {
  const size = PAPER_MILLIMETRES[paper];
  return orientation === 'portrait' ? { ...size } : { width: size.height, height: size.width };
}

/** The view's route and its query, split ("/map?era=x" → "/map" and {era: "x"}). */
export function splitLocation(location: string): { path: string; query: Record<string, string> } {
  const [path = '', search = ''] = location.split(/\?(.*)/s);
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}

// MapLibre's Web Mercator: 512-pixel tiles at zoom 0 span the equator's 40,075,016.686 m.
const EQUATOR_METRES = 40_075_016.686;
const TILE_PIXELS = 512;
/** One CSS pixel is 1/96 inch, 0.26458 mm on paper. */
export const MILLIMETRES_PER_CSS_PIXEL = 25.4 / 96;

/** Ground metres per CSS pixel at a latitude and zoom. */
export function metresPerPixel(latitude: number, zoom: number): number {
  return (EQUATOR_METRES * Math.cos((latitude * Math.PI) / 180)) / (TILE_PIXELS * 2 ** zoom);
}

export interface ScaleBar {
  /** The bar's length in CSS pixels. */
  pixels: number;
  /** The ground distance it stands for, in metres. */
  metres: number;
  /** "500 m", "2 km", "1,5 km"… */
  label: string;
}

/**
 * The longest round distance (1, 2 or 5 × 10ⁿ metres) whose bar fits in `maximumPixels`, labelled in m below
 * a kilometre and in km from it.
 */
export function scaleBar(metresPerCssPixel: number, maximumPixels: number, localeTag: string): ScaleBar {
  const longest = metresPerCssPixel * maximumPixels;
  const power = 10 ** Math.floor(Math.log10(longest));
  const step = [5, 2, 1].find((multiple) => multiple * power <= longest) ?? 1;
  const metres = step * power;
  const label =
    metres >= 1000
      ? `${new Intl.NumberFormat(localeTag, { maximumFractionDigits: 1 }).format(metres / 1000)} km`
      : `${new Intl.NumberFormat(localeTag, { maximumFractionDigits: 2 }).format(metres)} m`;
  return { pixels: metres / metresPerCssPixel, metres, label };
}

/** The representative fraction on paper ("1 : 250.000"), rounded to two significant figures. */
export function scaleFraction(metresPerCssPixel: number, localeTag: string): string {
  const denominator = (metresPerCssPixel * 1000) / MILLIMETRES_PER_CSS_PIXEL;
  const power = 10 ** Math.max(0, Math.floor(Math.log10(denominator)) - 1);
  const rounded = Math.round(denominator / power) * power;
  return `1 : ${new Intl.NumberFormat(localeTag, { maximumFractionDigits: 0 }).format(rounded)}`;
}

/** dd/mm/yyyy HH:mm in Vietnam's time, whatever the machine's zone. */
export function formatGeneratedAt(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/**
 * The area the map on screen showed (`bbox=west,south,east,north`, added by the export dialog), so that the
 * print frames what the user saw; null when absent or not a box on the globe.
 */
export function parseBoundingBox(value: QueryInput[string]): [number, number, number, number] | null {
  const parts = first(value)
    ?.split(',')
    .map((part) => part.trim());
  if (parts?.length !== 4 || !parts.every((part) => /^-?\d+(\.\d+)?$/.test(part))) return null;
  const [west, south, east, north] = parts.map(Number) as [number, number, number, number];
  const valid = west >= -180 && east <= 180 && south >= -85 && north <= 85 && west < east && south < north;
  return valid ? [west, south, east, north] : null;
}
