/**
 * The hot-spot view as it is written in the URL, beside the incident filter (the map's own, so the same
 * parameters): `#/hotspots?era=…&period=…&method=lisa&measure=per1000&weights=knn:6&correction=bonferroni
 * &permutations=499&seed=7&province=…&compare=on&compareFrom=2024-03-01&compareTo=2024-03-14&unit=31006`,
 * the mode (`mode=grid|emerging`), the grid's `shape=square&cellSize=500&distanceBand=2000&hotOnly=on`, the
 * emerging `months=24`, and the overlays `overlays=density,clusters&bandwidth=2000&clusterDistance=300
 * &clusterMinimum=4`. Defaults are left out; a value that makes no sense is dropped, as for the map's view.
 */
import { isIsoDate } from '@domain/dates/calendar-date';
import type { DateWindow } from '@domain/dates/reporting-period';
import {
  describeWeightsSpecification,
  parseWeightsSpecification,
  type WeightsSpecification,
} from '@domain/hot-spots/analysis-options';
import { CORRECTIONS, type Correction } from '@domain/spatial-statistics/multiple-testing';
import {
  GRID_SHAPES,
  type GridShape,
  HOT_SPOT_MEASURES,
  HOT_SPOT_METHODS,
  type HotSpotMeasure,
  type HotSpotMethod,
} from '../api/hot-spots';
import {
  DEFAULT_INCIDENT_VIEW,
  type IncidentFilter,
  parseIncidentViewState,
  serialiseIncidentViewState,
} from './incident-filter';
import type { QueryInput } from './view-state';

export type { WeightsSpecification };

/** Communes (G_i* or LISA), the optimized grid of incident points, or emerging hot spots over months. */
export const HOT_SPOT_MODES = ['units', 'grid', 'emerging'] as const;
export type HotSpotMode = (typeof HOT_SPOT_MODES)[number];

/** What can be drawn over the analysis in every mode. */
export const HOT_SPOT_OVERLAYS = ['density', 'clusters'] as const;
export type HotSpotOverlay = (typeof HOT_SPOT_OVERLAYS)[number];

export interface HotSpotViewState {
  mode: HotSpotMode;
  method: HotSpotMethod;
  measure: HotSpotMeasure;
  weights: WeightsSpecification;
  correction: Correction;
  permutations: number;
  seed: number;
  /** A province's name (as the map's area filter names it); null: the account's whole area. */
  province: string | null;
  /** A second window shown beside the first. */
  compare: boolean;
  /** The second window; null: the same window a year earlier (cùng kỳ). */
  compareWindow: DateWindow | null;
  /** The selected commune's code. */
  unit: string | null;
  /** Grid: hexagons or squares. */
  shape: GridShape;
  /** Grid: metres (a square's side or a hexagon's height); null: chosen from the data. */
  cellSize: number | null;
  /** Grid: the G_i* neighbourhood in metres; null: chosen from the data. */
  distanceBand: number | null;
  /** Grid: cold cells hidden. */
  hotOnly: boolean;
  /** Emerging: reporting months ending with the filter's `to`. */
  months: number;
  /** Overlays shown, in HOT_SPOT_OVERLAYS order. */
  overlays: HotSpotOverlay[];
  /** Density: the kernel's radius in metres. */
  bandwidth: number;
  /** Clusters: sites within this many metres are neighbours. */
  clusterDistance: number;
  /** Clusters: sites a cluster needs at least. */
  clusterMinimum: number;
}

/** As the API answers without them: G_i*, counts, queen, FDR, 999 permutations, seed 12345. */
export const DEFAULT_HOT_SPOT_VIEW: HotSpotViewState = {
  method: 'gistar',
  measure: 'count',
  weights: { rule: 'queen' },
  correction: 'fdr',
  permutations: 999,
  seed: 12345,
  province: null,
  compare: false,
  compareWindow: null,
  unit: null,
  mode: 'units',
  shape: 'hexagon',
  cellSize: null,
  distanceBand: null,
  hotOnly: false,
  months: 12,
  overlays: [],
  bandwidth: 1000,
  clusterDistance: 500,
  clusterMinimum: 3,
};

/** The API's limits: no more permutations than it runs, seeds of 32 bits. */
export const MAXIMUM_PERMUTATIONS = 9999;
export const MAXIMUM_SEED = 4_294_967_295;
// Far beyond any sensible neighbourhood of communes; the API refuses what it cannot use anyway.
export const MAXIMUM_NEIGHBOURS = 100;
export const MAXIMUM_DISTANCE_METRES = 500_000;

/** What the API takes, in whole metres and months. */
export const GRID_CELL_SIZE_LIMITS = { lowest: 10, highest: 100_000 } as const;
export const GRID_DISTANCE_BAND_LIMITS = { lowest: 10, highest: 1_000_000 } as const;
export const EMERGING_MONTH_LIMITS = { lowest: 6, highest: 60 } as const;
export const DENSITY_BANDWIDTH_LIMITS = { lowest: 50, highest: 50_000 } as const;
export const CLUSTER_DISTANCE_LIMITS = { lowest: 10, highest: 50_000 } as const;
export const CLUSTER_MINIMUM_LIMITS = { lowest: 2, highest: 1000 } as const;
const MAXIMUM_TEXT_LENGTH = 200;

function firstValue(value: QueryInput[string]): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : null;
}

function oneOf<T extends string>(value: QueryInput[string], choices: readonly T[]): T | null {
  const text = firstValue(value);
  return choices.find((choice) => choice === text) ?? null;
}

function wholeNumber(value: QueryInput[string], lowest: number, highest: number): number | null {
  const text = firstValue(value);
  if (!text || !/^\d+$/.test(text)) return null;
  const number = Number(text);
  return number >= lowest && number <= highest ? number : null;
}

function withinLimits(value: QueryInput[string], limits: { lowest: number; highest: number }): number | null {
  return wholeNumber(value, limits.lowest, limits.highest);
}

/** A comma-separated list of overlays, known ones only, in their own order. */
function parseOverlays(value: QueryInput[string]): HotSpotOverlay[] {
  const named = new Set((firstValue(value) ?? '').split(',').map((name) => name.trim()));
  return HOT_SPOT_OVERLAYS.filter((overlay) => named.has(overlay));
}

function text(value: QueryInput[string]): string | null {
  const found = firstValue(value);
  return found && found.length <= MAXIMUM_TEXT_LENGTH ? found : null;
}

/** queen, rook, knn:K or distance:D (metres) within limits a commune analysis can use; else null. */
export function parseWeights(value: string | null): WeightsSpecification | null {
  if (!value) return null;
  try {
    const weights = parseWeightsSpecification(value);
    if (weights.rule === 'knn' && weights.neighbours > MAXIMUM_NEIGHBOURS) return null;
    if (weights.rule === 'distance' && weights.threshold > MAXIMUM_DISTANCE_METRES) return null;
    return weights;
  } catch {
    return null;
  }
}

/** The weights as the API and the URL write them: "queen", "knn:6", "distance:5000". */
export function weightsText(weights: WeightsSpecification): string {
  return describeWeightsSpecification(weights);
}

function parseCompareWindow(query: QueryInput): DateWindow | null {
  const from = firstValue(query.compareFrom);
  const to = firstValue(query.compareTo);
  return from && to && isIsoDate(from) && isIsoDate(to) && from <= to ? { from, to } : null;
}

export function parseHotSpotViewState(query: QueryInput): HotSpotViewState {
  const defaults = DEFAULT_HOT_SPOT_VIEW;
  const compare = firstValue(query.compare) === 'on';
  return {
    method: oneOf(query.method, HOT_SPOT_METHODS) ?? defaults.method,
    measure: oneOf(query.measure, HOT_SPOT_MEASURES) ?? defaults.measure,
    weights: parseWeights(firstValue(query.weights)) ?? defaults.weights,
    correction: oneOf(query.correction, CORRECTIONS) ?? defaults.correction,
    permutations: wholeNumber(query.permutations, 0, MAXIMUM_PERMUTATIONS) ?? defaults.permutations,
    seed: wholeNumber(query.seed, 0, MAXIMUM_SEED) ?? defaults.seed,
    province: text(query.province),
    compare,
    // A window without comparison means nothing: dropped with it.
    compareWindow: compare ? parseCompareWindow(query) : null,
    unit: text(query.unit),
    mode: oneOf(query.mode, HOT_SPOT_MODES) ?? defaults.mode,
    shape: oneOf(query.shape, GRID_SHAPES) ?? defaults.shape,
    cellSize: withinLimits(query.cellSize, GRID_CELL_SIZE_LIMITS),
    distanceBand: withinLimits(query.distanceBand, GRID_DISTANCE_BAND_LIMITS),
    hotOnly: firstValue(query.hotOnly) === 'on',
    months: withinLimits(query.months, EMERGING_MONTH_LIMITS) ?? defaults.months,
    overlays: parseOverlays(query.overlays),
    bandwidth: withinLimits(query.bandwidth, DENSITY_BANDWIDTH_LIMITS) ?? defaults.bandwidth,
    clusterDistance: withinLimits(query.clusterDistance, CLUSTER_DISTANCE_LIMITS) ?? defaults.clusterDistance,
    clusterMinimum: withinLimits(query.clusterMinimum, CLUSTER_MINIMUM_LIMITS) ?? defaults.clusterMinimum,
  };
}

/** The query for the view's own settings; defaults are left out. */
export function serialiseHotSpotViewState(state: HotSpotViewState): Record<string, string> {
  const defaults = DEFAULT_HOT_SPOT_VIEW;
  const query: Record<string, string> = {};
  if (state.method !== defaults.method) query.method = state.method;
  if (state.measure !== defaults.measure) query.measure = state.measure;
  const weights = weightsText(state.weights);
  if (weights !== weightsText(defaults.weights)) query.weights = weights;
  if (state.correction !== defaults.correction) query.correction = state.correction;
  if (state.permutations !== defaults.permutations) query.permutations = String(state.permutations);
  if (state.seed !== defaults.seed) query.seed = String(state.seed);
  if (state.province) query.province = state.province;
  if (state.compare) {
    query.compare = 'on';
    if (state.compareWindow) {
      query.compareFrom = state.compareWindow.from;
      query.compareTo = state.compareWindow.to;
    }
  }
  if (state.unit) query.unit = state.unit;
  if (state.mode !== defaults.mode) query.mode = state.mode;
  if (state.shape !== defaults.shape) query.shape = state.shape;
  if (state.cellSize !== null) query.cellSize = String(state.cellSize);
  if (state.distanceBand !== null) query.distanceBand = String(state.distanceBand);
  if (state.hotOnly) query.hotOnly = 'on';
  if (state.months !== defaults.months) query.months = String(state.months);
  const overlays = HOT_SPOT_OVERLAYS.filter((overlay) => state.overlays.includes(overlay));
  if (overlays.length > 0) query.overlays = overlays.join(',');
  if (state.bandwidth !== defaults.bandwidth) query.bandwidth = String(state.bandwidth);
  if (state.clusterDistance !== defaults.clusterDistance)
    query.clusterDistance = String(state.clusterDistance);
  if (state.clusterMinimum !== defaults.clusterMinimum) query.clusterMinimum = String(state.clusterMinimum);
  return query;
}

/**
 * The whole query of `#/hotspots`: the era, the incident filter (without the map's choropleth settings,
 * whose `method` and `measure` mean something else there) and the view's settings.
 */
export function serialiseHotSpotsQuery(
  era: string | null,
  filter: IncidentFilter,
  state: HotSpotViewState,
): Record<string, string> {
  return {
    ...(era ? { era } : {}),
    ...serialiseIncidentViewState({ ...DEFAULT_INCIDENT_VIEW, filter }),
    ...serialiseHotSpotViewState(state),
  };
}

export function parseHotSpotsQuery(query: QueryInput): {
  era: string | null;
  filter: IncidentFilter;
  state: HotSpotViewState;
} {
  return {
    era: text(query.era),
    filter: parseIncidentViewState(query).filter,
    state: parseHotSpotViewState(query),
  };
}
