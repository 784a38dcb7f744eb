import type { Permission } from '@domain/access/roles';
import { BilingualError, bilingual } from '@domain/bilingual';
import { formatVietnameseDate, todayInVietnam } from '@domain/dates/calendar-date';
import { type DateWindow, sameWindowLastYear } from '@domain/dates/reporting-period';
import type { BoundingBox } from '@domain/geometry/types';
import { programmeYear } from '@domain/programme/programme-year';
import { FLASHPOINT_STATUSES, statusName, VICE_SPOT_STATUSES } from '@domain/records/record-vocabulary';
import { fetchCommunes, fetchEras, fetchOutlines } from '../../api/boundaries';
import {
  fetchEmergingHotSpots,
  fetchGridHotSpots,
  fetchIncidentDensity,
  fetchSiteClusters,
  fetchUnitHotSpots,
  type GridHotSpots,
  type IncidentDensity,
  type SiteClusters,
  type UnitHotSpots,
} from '../../api/hot-spots';
import { fetchCategoryTaxonomy, fetchUnitStatistics } from '../../api/incident-statistics';
import { fetchProgrammeCycles, fetchProgrammePhases } from '../../api/programme';
import { fetchFlashpoints, fetchIncidentPoints, fetchViceSpots } from '../../api/records';
import type {
  CommuneCollection,
  EraList,
  FlashpointCollection,
  IncidentFilterQuery,
  OutlineCollection,
  ViceSpotCollection,
} from '../../api/types';
import { EMERGING_CATEGORIES, emergingCategoryName, monthsWindow } from '../../format/emerging-hot-spots';
import {
  describeEmergingComputation,
  describeGridComputation,
  describeHotSpotComputation,
} from '../../format/hot-spot-computation';
import { hotSpotClass } from '../../format/hot-spot-ranking';
import { type HotSpotViewState, parseHotSpotsQuery, weightsText } from '../../format/hot-spot-view-state';
import {
  type IncidentFilter,
  type Measure,
  parseIncidentViewState,
  resolvePeriod,
} from '../../format/incident-filter';
import { formatMeasureValue } from '../../format/measure-value';
import { formatCount } from '../../format/number';
import { parseBoundingBox, splitLocation } from '../../format/print-layout';
import { defaultProgrammeYear, parseProgrammeYear } from '../../format/programme-figures';
import {
  countStatuses,
  PROGRAMME_MAP_STATUSES,
  PROGRAMME_STATUS_COLOURS,
  type ProgrammeMapStatus,
  statusesByCommune,
} from '../../format/programme-status';
import { type LayerName, type MapCamera, parseViewState } from '../../format/view-state';
import { type Language, NUMBER_LOCALES } from '../../i18n';
import { buildChoropleth } from '../../map/choropleth-classes';
import { NO_DATA_COLOUR } from '../../map/choropleth-palette';
import { CLUSTER_COLOURS, densityKey } from '../../map/hot-spot-overlays';
import { GISTAR_CLASSES, hotSpotClasses, hotSpotClassKey, hotSpotColour } from '../../map/hot-spot-palette';
import {
  CLUSTER_MAX_ZOOM,
  DEFAULT_HEATMAP_METRES,
  HEATMAP_RADIUS_CHOICES,
  type IncidentPoints,
  incidentPointsFromRows,
} from '../../map/points-incidents';
import { FLASHPOINT_COLOURS, VICE_SPOT_COLOURS } from '../../map/points-sites';
import { DEFAULT_LAYERS } from '../../stores/view';

/**
 * What the print page draws for a view's address: the era's units, the colours of the view's own painter
 * (the incident choropleth, hot-spot classes or programme statuses), how to frame them, and the texts around
 * the map (title, subtitle, legend, source and method). Fetched with the same API calls the views make, and
 * with the signed-in account's scope, so a print shows what that account sees on screen.
 */

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

export async function loadPrintContent(location: string, context: PrintContext): Promise<PrintContent> {
  const { path, query } = splitLocation(location);
  const box = parseBoundingBox(query.bbox);
  if (path === '/map') return { ...(await mapContent(query, context)), box };
  if (path === '/hotspots') return { ...(await hotSpotContent(query, context)), box };
  if (path === '/programme') return { ...(await programmeContent(query, context)), box };
  throw new PrintContentError(
    bilingual(
      `Chưa in được trang "${path}": chỉ bản đồ vụ việc, điểm nóng và chương trình chuyển hóa`,
      `The view "${path}" cannot be printed: only the incident map, hot spots and the programme`,
    ),
  );
}

function requirePermission(context: PrintContext, permission: Permission): void {
  if (context.can(permission)) return;
  throw new PrintContentError(
    bilingual('Vai trò của tài khoản không được xem trang này', 'The account’s role may not see this view'),
  );
}

async function loadUnits(era: string, withProvinces: boolean): Promise<PrintUnits> {
  const [communes, districts, provinces] = await Promise.all([
    fetchCommunes(era),
    fetchOutlines(era, 'district').catch(() => null),
    withProvinces ? fetchOutlines(era, 'province').catch(() => null) : Promise.resolve(null),
  ]);
  return { era, communes, districts, provinces };
}

function eraToShow(eras: EraList, asked: string | null): string {
  const era =
    eras.eras.find((entry) => entry.label === asked)?.label ?? eras.defaultEra ?? eras.eras[0]?.label;
  if (!era) {
    throw new PrintContentError(
      bilingual('Chưa có ranh giới nào được nhập', 'No boundaries have been imported yet'),
    );
  }
  return era;
}

function filterQueryOf(era: string, filter: IncidentFilter, today: string): IncidentFilterQuery {
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
async function filterWords(filter: IncidentFilter, context: PrintContext): Promise<string[]> {
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

function windowText(window: { from: string; to: string }): string {
  return `${formatVietnameseDate(window.from)} – ${formatVietnameseDate(window.to)}`;
}

function boundaryRows(
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

function frameFor(
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

async function mapContent(
  query: Record<string, string>,
  context: PrintContext,
): Promise<Omit<PrintContent, 'box'>> {
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const view = parseViewState(query);
  const incidentView = parseIncidentViewState(query);
  const layers = view.layers ?? [...DEFAULT_LAYERS];
  // An era the URL names is asked for at once (a wrong one is refused by the API, in both languages).
  const era = view.era ?? eraToShow(await fetchEras(), null);
  const readable = context.can('incidents:read');
  const choroplethShown = layers.includes('fill') && readable;
  const shown = {
    heatmap: readable && layers.includes('heatmap'),
    incidents: readable && layers.includes('incidents'),
    flashpoints: readable && layers.includes('flashpoints'),
    viceSpots: readable && layers.includes('viceSpots'),
  };
  // The incident filter applies to the choropleth, the heatmap and the points alike.
  const filtered = choroplethShown || shown.heatmap || shown.incidents;
  const today = todayInVietnam(new Date());
  const filterQuery = filterQueryOf(era, incidentView.filter, today);
  const { measure, method, classCount } = incidentView;
  const [units, statistics, filterText, points, flashpoints, viceSpots] = await Promise.all([
    loadUnits(era, true),
    choroplethShown ? fetchUnitStatistics(filterQuery, measure === 'change') : null,
    filtered ? filterWords(incidentView.filter, context) : [],
    shown.heatmap || shown.incidents
      ? fetchIncidentPoints(filterQuery).then((answer) => incidentPointsFromRows(answer))
      : null,
    shown.flashpoints ? fetchFlashpoints(era) : null,
    shown.viceSpots ? fetchViceSpots(era) : null,
  ]);
  const records: PrintRecords | null =
    shown.heatmap || shown.incidents || shown.flashpoints || shown.viceSpots
      ? {
          ...shown,
          points,
          heatmapMetres: heatmapMetresOf(query.heatmapRadius),
          flashpointData: flashpoints,
          viceSpotData: viceSpots,
        }
      : null;
  const visible = units.communes.features.filter(
    ({ properties }) =>
      (!view.province || properties.province === view.province) &&
      (!view.district || properties.district === view.district),
  );
  const visibleCodes = visible.map((feature) => feature.properties.code);
  const selected = view.unit && visibleCodes.includes(view.unit) ? view.unit : null;
  const dates = resolvePeriod(incidentView.filter, today);
  const area = [view.district, view.province].filter(Boolean).join(', ');

  let paint: PrintPaint = { kind: 'none' };
  let legend: PrintLegend = { heading: t('print.boundaries'), rows: [], note: null };
  let sourceLine = t('print.boundarySource', { era });
  if (statistics) {
    const visibleSet = new Set(visibleCodes);
    const values = new Map<string, number | null>();
    let total = 0;
    for (const unit of statistics.units) {
      if (!visibleSet.has(unit.code)) continue;
      values.set(unit.code, measure === 'change' ? unit.change : unit[measure]);
      total += unit.count;
    }
    const choropleth = buildChoropleth(values, { method, classCount, diverging: measure === 'change' });
    paint = { kind: 'choropleth', colours: choropleth.colours };
    const extra = method === 'equal-interval' ? 1 : 0;
    const rows: PrintLegendRow[] = choropleth.classes.map((valueClass) => {
      const lower = formatMeasureValue(valueClass.lower, measure, locale, extra);
      const upper = formatMeasureValue(valueClass.upper, measure, locale, extra);
      return {
        symbol: 'fill',
        colour: valueClass.colour,
        label: lower === upper ? lower : t('choropleth.range', { lower, upper }),
        count: t('choropleth.communes', { count: formatCount(valueClass.count, locale) }),
      };
    });
    if (choropleth.noData > 0) {
      rows.push({
        symbol: 'fill',
        colour: NO_DATA_COLOUR,
        label: t(`choropleth.noData.${measure}`),
        count: t('choropleth.communes', { count: formatCount(choropleth.noData, locale) }),
      });
    }
    const compared = statistics.previous
      ? t('choropleth.compared', {
          from: formatVietnameseDate(statistics.previous.from),
          to: formatVietnameseDate(statistics.previous.to),
        })
      : null;
    legend = {
      heading: `${t(`choropleth.measures.${measure}`)}, ${windowText(dates)}`,
      rows,
      note:
        [
          selectedFigure(selected, values, units, measure, locale),
          compared,
          statistics.outsideUnits
            ? t('choropleth.outside', { count: formatCount(statistics.outsideUnits, locale) })
            : null,
        ]
          .filter(Boolean)
          .join('\n') || null,
    };
    sourceLine = t('print.incidentSource', {
      count: formatCount(total, locale),
      communes: formatCount(values.size, locale),
      measure: t(`choropleth.measures.${measure}`),
      method: t(`choropleth.methods.${method}`),
      classes: classCount,
      era,
    });
  }
  if (records) {
    legend.rows.push(...recordRows(records, context));
    if (!statistics && points) {
      sourceLine = t('print.pointsSource', {
        count: formatCount(points.collection.features.length, locale),
        era,
      });
    }
  }
  legend.rows.push(...boundaryRows(layers, units, selected, context));

  return {
    units,
    paint,
    layers,
    province: view.province,
    district: view.district,
    selectedUnit: selected,
    camera: view.camera,
    frame: frameFor(selected, visibleCodes, Boolean(view.province || view.district), view.camera),
    title: selected
      ? (units.communes.features.find((feature) => feature.properties.code === selected)?.properties
          .fullName ?? t('print.titles.map'))
      : choroplethShown || records
        ? t('print.titles.map')
        : t('print.titles.boundaries'),
    subtitle: [filtered ? windowText(dates) : null, ...filterText, area || null, t('print.era', { era })]
      .filter(Boolean)
      .join(' · '),
    legend,
    method: sourceLine,
    details: null,
    records,
    overlays: null,
    caption: null,
    comparison: null,
  };
}

/** The heatmap radius the export dialog wrote (`heatmapRadius=1000`), one of the screen's choices. */
function heatmapMetresOf(value: string | undefined): number {
  const metres = Number(value);
  return (HEATMAP_RADIUS_CHOICES as readonly number[]).includes(metres) ? metres : DEFAULT_HEATMAP_METRES;
}

function distanceText(metres: number, context: PrintContext): string {
  const locale = NUMBER_LOCALES[context.language];
  return metres >= 1000
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metres / 1000)} km`
    : `${formatCount(metres, locale)} m`;
}

/**
 * The record layers' keys, as the screen's (components/records/RecordsLegend.vue) with counts: the heatmap's
 * ramp and radius, clusters and single incidents, and each status of flashpoints and vice spots.
 */
function recordRows(records: PrintRecords, context: PrintContext): PrintLegendRow[] {
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const rows: PrintLegendRow[] = [];
  const incidentCount = records.points
    ? t('print.incidentCount', { count: formatCount(records.points.collection.features.length, locale) })
    : null;
  if (records.heatmap) {
    rows.push({ symbol: 'heading', colour: '', label: t('layers.heatmap'), count: null });
    rows.push({
      symbol: 'ramp',
      colour: '',
      label: t('print.heatmapRadius', { radius: distanceText(records.heatmapMetres, context) }),
      count: incidentCount,
    });
  }
  if (records.incidents) {
    rows.push({ symbol: 'heading', colour: '', label: t('layers.incidents'), count: null });
    rows.push({
      symbol: 'cluster',
      colour: '#3f87bd',
      label: t('print.incidentClusters'),
      count: null,
      maximumZoom: CLUSTER_MAX_ZOOM,
    });
    rows.push({ symbol: 'dot', colour: '#de2d26', label: t('print.incidentPoint'), count: incidentCount });
    rows.push({
      symbol: 'dot',
      colour: '#fb6a4a',
      stroke: '#2f7d4f',
      label: t('print.incidentCleared'),
      count: null,
    });
  }
  const siteCount = (count: number) => t('print.siteCount', { count: formatCount(count, locale) });
  if (records.flashpoints) {
    rows.push({ symbol: 'heading', colour: '', label: t('layers.flashpoints'), count: null });
    const features = records.flashpointData?.features ?? [];
    for (const status of FLASHPOINT_STATUSES) {
      rows.push({
        symbol: status === 'flared-again' ? 'ring' : 'dot',
        colour: FLASHPOINT_COLOURS[status],
        label: statusName('flashpoint', status)[language],
        count: siteCount(features.filter((feature) => feature.properties.status === status).length),
      });
    }
  }
  if (records.viceSpots) {
    rows.push({ symbol: 'heading', colour: '', label: t('layers.viceSpots'), count: null });
    const features = records.viceSpotData?.features ?? [];
    for (const status of VICE_SPOT_STATUSES) {
      rows.push({
        symbol: 'dot',
        colour: VICE_SPOT_COLOURS[status],
        stroke: '#26123a',
        label: statusName('vice-spot', status)[language],
        count: siteCount(features.filter((feature) => feature.properties.status === status).length),
      });
    }
  }
  return rows;
}

/** "Xã Đông Thái: 5,2": the selected commune's own figure, which its colour only hints at. */
function selectedFigure(
  selected: string | null,
  values: ReadonlyMap<string, number | null>,
  units: PrintUnits,
  measure: Measure,
  locale: string,
): string | null {
  if (!selected) return null;
  const name = units.communes.features.find((feature) => feature.properties.code === selected)?.properties
    .fullName;
  const value = values.get(selected);
  return `${name ?? selected}: ${value === null || value === undefined ? '—' : formatMeasureValue(value, measure, locale, 0)}`;
}

// ─── Hot spots ────────────────────────────────────────────────────────────────────────────────────────────

/** "Gi*, kề chung đỉnh (queen), 999 hoán vị, FDR 5 %": the line a briefing cites. */
function hotSpotMethodLine(answer: UnitHotSpots, context: PrintContext): string {
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const computation = answer.computation;
  const [rule, parameter] = computation.weights.split(':');
  const weights =
    rule === 'knn'
      ? t('print.weights.knn', { count: parameter })
      : rule === 'distance'
        ? t('print.weights.distance', { metres: formatCount(Number(parameter), locale) })
        : t(`print.weights.${rule === 'rook' ? 'rook' : 'queen'}`);
  return t('print.hotSpotMethod', {
    method: computation.method === 'gistar' ? 'G_i*' : t('hotSpots.methods.lisa'),
    measure: t(`hotSpots.measures.${computation.measure}`),
    weights,
    permutations: formatCount(computation.permutations, locale),
    seed: computation.seed,
    correction: t(`print.corrections.${computation.correction}`),
  });
}

async function hotSpotContent(
  query: Record<string, string>,
  context: PrintContext,
): Promise<Omit<PrintContent, 'box'>> {
  requirePermission(context, 'analysis:run');
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const { era: askedEra, filter, state } = parseHotSpotsQuery(query);
  const era = askedEra ?? eraToShow(await fetchEras(), null);
  const today = todayInVietnam(new Date());
  const filterQuery = filterQueryOf(era, filter, today);
  const overlaysLoaded = loadOverlays(era, filterQuery, state);
  if (state.mode === 'emerging') {
    return withOverlays(
      await emergingContent(era, filterQuery, filter, state, context),
      await overlaysLoaded,
      context,
    );
  }
  if (state.mode === 'grid') {
    return withOverlays(
      await gridContent(era, filterQuery, filter, state, context),
      await overlaysLoaded,
      context,
    );
  }
  const unitOptions = {
    method: state.method,
    measure: state.measure,
    weights: weightsText(state.weights),
    correction: state.correction,
    permutations: state.permutations,
    seed: state.seed,
    province: state.province,
  };
  // Compared: the window chosen, else the same window a year earlier, analysed alike (as the view does).
  const comparedWindow: DateWindow | null = state.compare
    ? (state.compareWindow ?? sameWindowLastYear(resolvePeriod(filter, today)))
    : null;
  const [units, answer, filterText, earlier] = await Promise.all([
    loadUnits(era, true),
    fetchUnitHotSpots(filterQuery, unitOptions),
    filterWords(filter, context),
    comparedWindow ? fetchUnitHotSpots({ ...filterQuery, ...comparedWindow }, unitOptions) : null,
  ]);
  const classes = new Map(answer.units.map((unit) => [unit.code, hotSpotClass(unit)]));
  const analysed = answer.units.map((unit) => unit.code);
  const selected = state.unit && classes.has(state.unit) ? state.unit : null;
  // The earlier window's counts beside each class, when it was computed the same way.
  const comparable = earlier && earlier.computation.method === answer.computation.method ? earlier : null;
  const rows: PrintLegendRow[] = hotSpotClasses(answer.computation.method).map((className) => {
    const count = formatCount(answer.classes[className] ?? 0, locale);
    return {
      symbol: 'fill',
      colour: hotSpotColour(className),
      label: t(`hotSpots.classes.${hotSpotClassKey(className)}`),
      count: comparable
        ? t('print.compare.counts', {
            current: count,
            earlier: formatCount(comparable.classes[className] ?? 0, locale),
          })
        : t('choropleth.communes', { count }),
    };
  });
  const layers: LayerName[] = ['fill', 'districts', 'provinces', 'labels'];
  rows.push(...boundaryRows(layers, units, selected, context));
  const currentWindow = windowText(answer);
  const earlierWindow = earlier ? windowText(earlier) : null;
  const categoryNames = filter.categories.length > 0 ? (filterText[0]?.split(', ') ?? []) : [];
  const content: Omit<PrintContent, 'box'> = {
    units,
    paint: { kind: 'hotspots', classes },
    layers,
    province: null,
    district: null,
    selectedUnit: selected,
    camera: null,
    frame: selected ? { codes: [selected], surroundings: true } : { codes: analysed, surroundings: false },
    title: t('print.titles.hotspots', { method: t(`hotSpots.methods.${answer.computation.method}`) }),
    subtitle: [
      earlierWindow
        ? t('print.compare.subtitle', { current: currentWindow, earlier: earlierWindow })
        : currentWindow,
      t(`hotSpots.measures.${answer.computation.measure}`),
      ...filterText,
      state.province,
      t('print.era', { era: answer.era }),
    ]
      .filter(Boolean)
      .join(' · '),
    legend: {
      heading: t(`hotSpots.methods.${answer.computation.method}`),
      rows,
      note: earlierWindow
        ? [
            t('print.compare.which', { current: currentWindow, earlier: earlierWindow }),
            comparable ? t('print.compare.countsNote') : null,
          ]
            .filter(Boolean)
            .join('\n')
        : t('hotSpots.legendUnit'),
    },
    method: hotSpotMethodLine(answer, context),
    details: describeHotSpotComputation(answer, language, locale, categoryNames),
    records: null,
    overlays: null,
    caption: earlierWindow ? t('print.compare.current', { window: currentWindow }) : null,
    comparison:
      earlier && earlierWindow
        ? {
            paint: {
              kind: 'hotspots',
              classes: new Map(earlier.units.map((unit) => [unit.code, hotSpotClass(unit)])),
            },
            caption: t('print.compare.earlier', { window: earlierWindow }),
          }
        : null,
  };
  return withOverlays(content, await overlaysLoaded, context);
}

type LoadedOverlays = Omit<PrintOverlays, 'grid' | 'hotOnly'> & {
  bandwidth: number;
  clusterDistance: number;
  clusterMinimum: number;
};

/** The density contours and clusters of open sites the view's URL switches on, in every mode. */
async function loadOverlays(
  era: string,
  filterQuery: IncidentFilterQuery,
  state: HotSpotViewState,
): Promise<LoadedOverlays> {
  const [density, clusters] = await Promise.all([
    state.overlays.includes('density') ? fetchIncidentDensity(filterQuery, state.bandwidth) : null,
    state.overlays.includes('clusters')
      ? fetchSiteClusters(era, { distance: state.clusterDistance, minimumPoints: state.clusterMinimum })
      : null,
  ]);
  return {
    density,
    clusters,
    bandwidth: state.bandwidth,
    clusterDistance: state.clusterDistance,
    clusterMinimum: state.clusterMinimum,
  };
}

/** The overlays added to a hot-spot print: on its map, and their keys in its legend before the boundaries. */
function withOverlays(
  content: Omit<PrintContent, 'box'>,
  loaded: LoadedOverlays,
  context: PrintContext,
): Omit<PrintContent, 'box'> {
  if (!loaded.density && !loaded.clusters) return content;
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const rows: PrintLegendRow[] = [];
  const notes: string[] = [];
  if (loaded.density) {
    rows.push({ symbol: 'heading', colour: '', label: t('hotSpots.densityLegend'), count: null });
    for (const level of densityKey(loaded.density.computation.levels, locale)) {
      rows.push({ symbol: 'fill', colour: level.colour, label: level.text, count: null });
    }
    notes.push(
      t('hotSpots.densityKernel', {
        bandwidth: formatCount(loaded.density.computation.bandwidthMetres, locale),
      }),
    );
  }
  if (loaded.clusters) {
    rows.push({ symbol: 'heading', colour: '', label: t('hotSpots.overlayNames.clusters'), count: null });
    for (const type of ['flashpoint', 'viceSpot'] as const) {
      const answer = type === 'flashpoint' ? loaded.clusters.flashpoints : loaded.clusters.viceSpots;
      rows.push({
        symbol: 'cluster',
        colour: CLUSTER_COLOURS[type],
        label: t(`hotSpots.clusterTypes.${type}`),
        count: t('print.clusterCount', { count: formatCount(answer.clusters.length, locale) }),
      });
    }
    notes.push(
      t('hotSpots.clustersLegend', {
        distance: formatCount(loaded.clusterDistance, locale),
        minimum: loaded.clusterMinimum,
      }),
    );
  }
  // The overlays' keys go after the analysis's classes, before the boundary lines.
  const boundaryStart = content.legend.rows.findIndex((row) => row.symbol !== 'fill');
  const at = boundaryStart < 0 ? content.legend.rows.length : boundaryStart;
  const legendRows = [...content.legend.rows.slice(0, at), ...rows, ...content.legend.rows.slice(at)];
  return {
    ...content,
    overlays: {
      grid: content.overlays?.grid ?? null,
      hotOnly: content.overlays?.hotOnly ?? false,
      density: loaded.density,
      clusters: loaded.clusters,
    },
    legend: {
      ...content.legend,
      rows: legendRows,
      note: [content.legend.note, ...notes].filter(Boolean).join('\n') || null,
    },
  };
}

/** The optimized grid ("Lưới tối ưu"): G_i* on hexagons or squares over the filter's incidents. */
async function gridContent(
  era: string,
  filterQuery: IncidentFilterQuery,
  filter: IncidentFilter,
  state: HotSpotViewState,
  context: PrintContext,
): Promise<Omit<PrintContent, 'box'>> {
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const [units, answer, filterText] = await Promise.all([
    loadUnits(era, true),
    fetchGridHotSpots(filterQuery, {
      shape: state.shape,
      cellSize: state.cellSize,
      distanceBand: state.distanceBand,
      correction: state.correction,
    }),
    filterWords(filter, context),
  ]);
  const layers: LayerName[] = ['fill', 'districts', 'provinces', 'labels'];
  // Cold classes are left out of the key when the map hides cold cells.
  const rows: PrintLegendRow[] = GISTAR_CLASSES.filter(
    (className) => !state.hotOnly || Number(className) >= 0,
  ).map((className) => ({
    symbol: 'fill',
    colour: hotSpotColour(className),
    label: t(`hotSpots.classes.${hotSpotClassKey(className)}`),
    count: t('print.cellCount', { count: formatCount(answer.classes[className] ?? 0, locale) }),
  }));
  rows.push(...boundaryRows(layers, units, null, context));
  const categoryNames = filter.categories.length > 0 ? (filterText[0]?.split(', ') ?? []) : [];
  const { computation } = answer;
  return {
    units,
    // Communes keep their plain fill under the cells, as on screen.
    paint: { kind: 'hotspots', classes: new Map() },
    layers,
    province: null,
    district: null,
    selectedUnit: null,
    camera: null,
    frame: { codes: units.communes.features.map((feature) => feature.properties.code), surroundings: false },
    title: t('print.titles.grid'),
    subtitle: [windowText(answer), ...filterText, t('print.era', { era: answer.era })]
      .filter(Boolean)
      .join(' · '),
    legend: {
      heading: t('hotSpots.gridLegend'),
      rows,
      note: [t('hotSpots.legendCells'), state.hotOnly ? t('print.hotOnly') : null].filter(Boolean).join('\n'),
    },
    method: t('print.gridMethod', {
      cells: t(`print.shapes.${computation.shape}`, { size: distanceText(computation.cellSize, context) }),
      band: distanceText(computation.distanceBand, context),
      count: formatCount(computation.incidents, locale),
      correction: t(`print.corrections.${computation.correction}`),
    }),
    details: describeGridComputation(answer, language, locale, categoryNames),
    records: null,
    overlays: { grid: answer, hotOnly: state.hotOnly, density: null, clusters: null },
    caption: null,
    comparison: null,
  };
}

/** Emerging hot spots: each commune's pattern over the reporting months ending with the filter's end. */
async function emergingContent(
  era: string,
  filterQuery: IncidentFilterQuery,
  filter: IncidentFilter,
  state: HotSpotViewState,
  context: PrintContext,
): Promise<Omit<PrintContent, 'box'>> {
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const [units, answer, filterText] = await Promise.all([
    loadUnits(era, true),
    fetchEmergingHotSpots(filterQuery, {
      months: state.months,
      weights: weightsText(state.weights),
      correction: state.correction,
      province: state.province,
    }),
    filterWords(filter, context),
  ]);
  const classes = new Map<string, string>(answer.units.map((unit) => [unit.code, unit.category]));
  const selected = state.unit && classes.has(state.unit) ? state.unit : null;
  const layers: LayerName[] = ['fill', 'districts', 'provinces', 'labels'];
  // Patterns found, with their counts; those no commune shows are left out, as on screen.
  const rows: PrintLegendRow[] = EMERGING_CATEGORIES.filter(
    (category) => (answer.classes[category] ?? 0) > 0,
  ).map((category) => ({
    symbol: 'fill',
    colour: hotSpotColour(category),
    label: emergingCategoryName(category, language),
    count: t('choropleth.communes', { count: formatCount(answer.classes[category] ?? 0, locale) }),
  }));
  rows.push(...boundaryRows(layers, units, selected, context));
  const window = monthsWindow(answer.months) ?? { from: filterQuery.from ?? '', to: filterQuery.to ?? '' };
  const categoryNames = filter.categories.length > 0 ? (filterText[0]?.split(', ') ?? []) : [];
  return {
    units,
    paint: { kind: 'hotspots', classes },
    layers,
    province: null,
    district: null,
    selectedUnit: selected,
    camera: null,
    frame: selected
      ? { codes: [selected], surroundings: true }
      : { codes: answer.units.map((unit) => unit.code), surroundings: false },
    title: t('print.titles.hotspots', { method: t('hotSpots.emergingLegend') }),
    subtitle: [windowText(window), ...filterText, state.province, t('print.era', { era: answer.era })]
      .filter(Boolean)
      .join(' · '),
    legend: { heading: t('hotSpots.emergingLegend'), rows, note: t('hotSpots.legendUnit') },
    method: t('print.emergingMethod', {
      months: answer.months.length,
      correction: t(`print.corrections.${answer.computation.correction}`),
    }),
    details: describeEmergingComputation(answer, window, language, locale, categoryNames),
    records: null,
    overlays: null,
    caption: null,
    comparison: null,
  };
}

// ─── The programme ────────────────────────────────────────────────────────────────────────────────────────

async function programmeContent(
  query: Record<string, string>,
  context: PrintContext,
): Promise<Omit<PrintContent, 'box'>> {
  requirePermission(context, 'programme:read');
  const { t, language } = context;
  const locale = NUMBER_LOCALES[language];
  const [phases, eras] = await Promise.all([fetchProgrammePhases(), fetchEras()]);
  const year = parseProgrammeYear(query.year) ?? defaultProgrammeYear(phases, new Date().getFullYear());
  if (year === null) {
    throw new PrintContentError(
      bilingual('Chưa có giai đoạn nào của chương trình', 'The programme has no phase yet'),
    );
  }
  const phase = phases.find((entry) => entry.firstYear <= year && year <= entry.lastYear);
  const settings = phase ? programmeYear(phase, year) : null;
  const cycles = await fetchProgrammeCycles({ year });
  // The era most of the year's cycles lie on, else the one in force at the end of its window.
  const counts = new Map<string, number>();
  for (const cycle of cycles) counts.set(cycle.era, (counts.get(cycle.era) ?? 0) + 1);
  const [mostUsed] = [...counts].sort((first, second) => second[1] - first[1]);
  const end = settings?.window.to;
  const inForce = eras.eras.find(
    (era) => end !== undefined && era.validFrom <= end && (era.validTo === null || end <= era.validTo),
  );
  const era = eraToShow(eras, mostUsed?.[0] ?? inForce?.label ?? null);
  const units = await loadUnits(era, true);
  const statuses = statusesByCommune(cycles.filter((cycle) => cycle.era === era));
  const legendCounts = countStatuses(
    statuses,
    units.communes.features.map((feature) => feature.properties.code),
  );
  const unit = typeof query.unit === 'string' && query.unit !== '' ? query.unit : null;
  const selected =
    unit && units.communes.features.some((feature) => feature.properties.code === unit) ? unit : null;
  const layers: LayerName[] = ['fill', 'districts', 'provinces', 'labels'];
  const rows: PrintLegendRow[] = PROGRAMME_MAP_STATUSES.filter(
    (status) => legendCounts[status] > 0 || status === 'none',
  ).map((status) => ({
    symbol: 'fill',
    colour: PROGRAMME_STATUS_COLOURS[status],
    label: t(`programme.statuses.${status}`),
    count: t('choropleth.communes', { count: formatCount(legendCounts[status], locale) }),
  }));
  rows.push(...boundaryRows(layers, units, selected, context));
  const inProgramme = [...statuses.keys()];
  return {
    units,
    paint: { kind: 'programme', statuses },
    layers,
    province: null,
    district: null,
    selectedUnit: selected,
    camera: null,
    frame: selected
      ? { codes: [selected], surroundings: true }
      : { codes: units.communes.features.map((feature) => feature.properties.code), surroundings: false },
    title: t('print.titles.programme', { year }),
    subtitle: [
      phase ? (language === 'vi' ? phase.nameVi : phase.nameEn) : null,
      settings ? `${t('programme.window')}: ${windowText(settings.window)}` : null,
      t('print.era', { era }),
    ]
      .filter(Boolean)
      .join(' · '),
    legend: { heading: t('programme.legend', { year }), rows, note: null },
    method: t('print.programmeSource', { count: formatCount(inProgramme.length, locale), year }),
    details: null,
    records: null,
    overlays: null,
    caption: null,
    comparison: null,
  };
}
