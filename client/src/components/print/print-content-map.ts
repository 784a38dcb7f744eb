import { formatVietnameseDate, todayInVietnam } from '@domain/dates/calendar-date';
import { FLASHPOINT_STATUSES, statusName, VICE_SPOT_STATUSES } from '@domain/records/record-vocabulary';
import { fetchEras } from '../../api/boundaries';
import { fetchUnitStatistics } from '../../api/incident-statistics';
import { fetchFlashpoints, fetchIncidentPoints, fetchViceSpots } from '../../api/records';
import { type Measure, parseIncidentViewState, resolvePeriod } from '../../format/incident-filter';
import { formatMeasureValue } from '../../format/measure-value';
import { formatCount } from '../../format/number';
import { parseViewState } from '../../format/view-state';
import { NUMBER_LOCALES } from '../../i18n';
import { buildChoropleth } from '../../map/choropleth-classes';
import { NO_DATA_COLOUR } from '../../map/choropleth-palette';
import {
  CLUSTER_MAX_ZOOM,
  DEFAULT_HEATMAP_METRES,
  HEATMAP_RADIUS_CHOICES,
  incidentPointsFromRows,
} from '../../map/points-incidents';
import { FLASHPOINT_COLOURS, VICE_SPOT_COLOURS } from '../../map/points-sites';
import { DEFAULT_LAYERS } from '../../stores/view';
import {
  boundaryRows,
  distanceText,
  eraToShow,
  filterQueryOf,
  filterWords,
  frameFor,
  loadUnits,
  type PrintContent,
  type PrintContext,
  type PrintLegend,
  type PrintLegendRow,
  type PrintPaint,
  type PrintRecords,
  type PrintUnits,
  windowText,
} from './print-content-shared';

/** The incident map's print: the choropleth, the heatmap, points and sites the view has on. */

export async function mapContent(
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
