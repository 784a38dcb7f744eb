import { todayInVietnam } from '@domain/dates/calendar-date';
import { type DateWindow, sameWindowLastYear } from '@domain/dates/reporting-period';
import { fetchEras } from '../../api/boundaries';
import {
  fetchEmergingHotSpots,
  fetchGridHotSpots,
  fetchIncidentDensity,
  fetchSiteClusters,
  fetchUnitHotSpots,
  type UnitHotSpots,
} from '../../api/hot-spots';
import type { IncidentFilterQuery } from '../../api/types';
import { EMERGING_CATEGORIES, emergingCategoryName, monthsWindow } from '../../format/emerging-hot-spots';
import {
  describeEmergingComputation,
  describeGridComputation,
  describeHotSpotComputation,
} from '../../format/hot-spot-computation';
import { hotSpotClass } from '../../format/hot-spot-ranking';
import { type HotSpotViewState, parseHotSpotsQuery, weightsText } from '../../format/hot-spot-view-state';
import { type IncidentFilter, resolvePeriod } from '../../format/incident-filter';
import { formatCount } from '../../format/number';
import type { LayerName } from '../../format/view-state';
import { NUMBER_LOCALES } from '../../i18n';
import { CLUSTER_COLOURS, densityKey } from '../../map/hot-spot-overlays';
import { GISTAR_CLASSES, hotSpotClasses, hotSpotClassKey, hotSpotColour } from '../../map/hot-spot-palette';
import {
  boundaryRows,
  distanceText,
  eraToShow,
  filterQueryOf,
  filterWords,
  loadUnits,
  type PrintContent,
  type PrintContext,
  type PrintLegendRow,
  type PrintOverlays,
  requirePermission,
  windowText,
} from './print-content-shared';

/** The hot-spot view's prints: communes (G_i*, LISA, a comparison of two periods), the optimized grid and emerging hot spots, with their overlays. */

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

export async function hotSpotContent(
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
