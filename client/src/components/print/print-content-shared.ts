import type { Permission } from '@domain/access/roles';
import { BilingualError, bilingual } from '@domain/bilingual';
import { formatVietnameseDate } from '@domain/dates/calendar-date';
import type { BoundingBox } from '@domain/geometry/types';
import { fetchCommunes, fetchOutlines } from '../../api/boundaries';
import type { GridHotSpots, IncidentDensity, SiteClusters } from '../../api/hot-spots';
import { fetchCategoryTaxonomy } from '../../api/incident-statistics';
import type {
  CommuneCollection,
  EraList,
  FlashpointCollection,
  IncidentFilterQuery,
  OutlineCollection,
  ViceSpotCollection,
} from '../../api/types';
import { type IncidentFilter, resolvePeriod } from '../../format/incident-filter';
import { formatCount } from '../../format/number';
import type { ProgrammeMapStatus } from '../../format/programme-status';
import type { LayerName, MapCamera } from '../../format/view-state';
import { type Language, NUMBER_LOCALES } from '../../i18n';
import type { IncidentPoints } from '../../map/points-incidents';

/** The pieces every kind of print content shares: its types, the units, filter words and legend rows. */

export interface PrintUnits {
  era: string;
  communes: CommuneCollection;
  districts: OutlineCollection | null;
  provinces: OutlineCollection | null;
}

export type PrintPaint =
  | { kind: 'choropleth'; colours: Map<string, string> }
  | { kind: 'hotspots'; classes: Map<string, string> }
  | { kind: 'programme'; statuses: Map<string, ProgrammeMapStatus> }
  | { kind: 'none' };

export interface PrintLegendRow {
  /**
   * A filled swatch, a line for boundaries and the selection, a dot for a point (a ring around it for a
   * flashpoint that flared again), a cluster circle, the heatmap's colour ramp; or a heading over the rows
   * of one layer.
   */
  symbol: 'fill' | 'line' | 'dashed' | 'outline' | 'dot' | 'ring' | 'cluster' | 'ramp' | 'heading';
  colour: string;
  /** A dot's edge, when not white. */
  stroke?: string;
  label: string;
  /** "12 đơn vị", or null for boundaries. */
  count: string | null;
  /** Shown only while the print's zoom is at most this: incident clusters split into single incidents above it. */
  maximumZoom?: number;
}

/** The incident map's record layers, as its URL switches them on, with their data. */
export interface PrintRecords {
  heatmap: boolean;
  incidents: boolean;
  flashpoints: boolean;
  viceSpots: boolean;
  /** The filter's incidents, for the heatmap and the points; null when neither shows. */
  points: IncidentPoints | null;
  /** The heatmap kernel's radius on the ground. */
  heatmapMetres: number;
  flashpointData: FlashpointCollection | null;
  viceSpotData: ViceSpotCollection | null;
}

/** What the hot-spot map draws over the communes: the optimized grid, density contours, clusters of sites. */
export interface PrintOverlays {
  grid: GridHotSpots | null;
  /** Grid: cold cells hidden. */
  hotOnly: boolean;
  density: IncidentDensity | null;
  clusters: { flashpoints: SiteClusters; viceSpots: SiteClusters } | null;
}

/** A second map beside the first: the hot spots of the window compared with. */
export interface PrintComparison {
  paint: PrintPaint;
  /** "Kỳ so sánh: 01/03/2024 – 14/03/2024". */
  caption: string;
}

export interface PrintLegend {
  heading: string;
  rows: PrintLegendRow[];
  note: string | null;
}

export interface PrintContent {
  units: PrintUnits;
  paint: PrintPaint;
  /** Boundary layers shown (fill, districts, provinces, labels). */
  layers: LayerName[];
  province: string | null;
  district: string | null;
  selectedUnit: string | null;
  /** The camera the view's URL holds, used when nothing narrower is to be framed. */
  camera: MapCamera | null;
  /** The area the screen showed when the export was asked for: framed first. */
  box: BoundingBox | null;
  /** Communes to frame (with some surroundings for a single commune); null: the camera, else every unit. */
  frame: { codes: string[]; surroundings: boolean } | null;
  title: string;
  subtitle: string;
  legend: PrintLegend;
  /** "Nguồn: …; phương pháp: …", one line. */
  method: string;
  /** The long computation sentence, when the view has one (hot spots). */
  details: string | null;
  /** The incident map's points, heatmap and sites; null elsewhere. */
  records: PrintRecords | null;
  /** The hot-spot map's grid and overlays; null elsewhere. */
  overlays: PrintOverlays | null;
  /** The map's own caption when two maps are printed side by side. */
  caption: string | null;
  /** The map printed to the left of the first one (hot spots compared over two windows). */
  comparison: PrintComparison | null;
}

export interface PrintContext {
  t: (key: string, values?: Record<string, unknown>) => string;
  language: Language;
  can: (permission: Permission) => boolean;
}

/** A view the print page cannot draw (yet), or data the account may not read, said in both languages. */
export class PrintContentError extends BilingualError {}

export function requirePermission(context: PrintContext, permission: Permission): void {
  if (context.can(permission)) return;
  throw new PrintContentError(
    bilingual('Vai trò của tài khoản không được xem trang này', 'The account’s role may not see this view'),
  );
}

export async function loadUnits(era: string, withProvinces: boolean): Promise<PrintUnits> {
  const [communes, districts, provinces] = await Promise.all([
    fetchCommunes(era),
    fetchOutlines(era, 'district').catch(() => null),
    withProvinces ? fetchOutlines(era, 'province').catch(() => null) : Promise.resolve(null),
  ]);
  return { era, communes, districts, provinces };
}

export function eraToShow(eras: EraList, asked: string | null): string {
  const era =
    eras.eras.find((entry) => entry.label === asked)?.label ?? eras.defaultEra ?? eras.eras[0]?.label;
  if (!era) {
    throw new PrintContentError(
      bilingual('Chưa có ranh giới nào được nhập', 'No boundaries have been imported yet'),
    );
  }
  return era;
}

export function filterQueryOf(era: string, filter: IncidentFilter, today: string): IncidentFilterQuery {
  const dates = resolvePeriod(filter, today);
  return {
    era,
    from: dates.from,
    to: dates.to,
    categories: filter.categories.length > 0 ? filter.categories.join(',') : null,
    severities: filter.severities.length > 0 ? filter.severities.join(',') : null,
    cleared: filter.cleared === 'all' ? null : filter.cleared,
  };
}

/** The filter in words: categories named, severities and clearance when narrowed. */
export async function filterWords(filter: IncidentFilter, context: PrintContext): Promise<string[]> {
  const { t, language } = context;
  const words: string[] = [];
  if (filter.categories.length > 0 || filter.severities.length > 0) {
    const taxonomy = await fetchCategoryTaxonomy().catch(() => null);
    if (filter.categories.length > 0) {
      const names = filter.categories.map((code) => {
        const category = taxonomy?.categories.find((candidate) => candidate.code === code);
        return category ? (language === 'vi' ? category.nameVi : category.nameEn) : code;
      });
      words.push(names.join(', '));
    }
    if (filter.severities.length > 0) {
      const names = filter.severities.map((code) => {
        const severity = taxonomy?.severities.find((candidate) => candidate.code === code);
        return severity ? (language === 'vi' ? severity.nameVi : severity.nameEn) : code;
      });
      words.push(`${t('incidentFilter.severities')}: ${names.join(', ')}`);
    }
  } else {
    words.push(t('incidentFilter.allCategories'));
  }
  if (filter.cleared !== 'all') words.push(t(`incidentFilter.clearedChoices.${filter.cleared}`));
  return words;
}

export function windowText(window: { from: string; to: string }): string {
  return `${formatVietnameseDate(window.from)} – ${formatVietnameseDate(window.to)}`;
}

export function boundaryRows(
  layers: readonly LayerName[],
  units: PrintUnits,
  selected: string | null,
  context: PrintContext,
) {
  const rows: PrintLegendRow[] = [];
  if (layers.includes('fill'))
    rows.push({ symbol: 'line', colour: '#97a39c', label: context.t('print.communeLine'), count: null });
  if (layers.includes('districts') && units.districts?.features.length) {
    rows.push({ symbol: 'dashed', colour: '#4a5a66', label: context.t('print.districtLine'), count: null });
  }
  if (layers.includes('provinces') && units.provinces?.features.length) {
    rows.push({ symbol: 'line', colour: '#26343d', label: context.t('print.provinceLine'), count: null });
  }
  if (selected) {
    const name = units.communes.features.find((feature) => feature.properties.code === selected)?.properties
      .fullName;
    rows.push({ symbol: 'outline', colour: '#a34e00', label: name ?? selected, count: null });
  }
  return rows;
}

export function frameFor(
  selected: string | null,
  visibleCodes: string[],
  narrowed: boolean,
  camera: MapCamera | null,
): PrintContent['frame'] {
  if (selected) return { codes: [selected], surroundings: true };
  if (narrowed || !camera) return { codes: visibleCodes, surroundings: false };
  return null;
}

// ─── The incident map ─────────────────────────────────────────────────────────────────────────────────────

export function distanceText(metres: number, context: PrintContext): string {
  const locale = NUMBER_LOCALES[context.language];
  return metres >= 1000
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metres / 1000)} km`
    : `${formatCount(metres, locale)} m`;
}

/**
 * The record layers' keys, as the screen's (components/records/RecordsLegend.vue) with counts: the heatmap's
 * ramp and radius, clusters and single incidents, and each status of flashpoints and vice spots.
 */
