/**
 * The hot-spot view as it is written in the URL, beside the incident filter (the map's own, so the same
 * parameters): `#/hotspots?era=…&period=…&method=lisa&measure=per1000&weights=knn:6&correction=bonferroni
 * &permutations=499&seed=7&province=…&compare=on&compareFrom=2024-03-01&compareTo=2024-03-14&unit=31006`.
 * Defaults are left out; a value that makes no sense is dropped, as for the map's view.
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

export interface HotSpotViewState {
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
};

/** The API's limits: no more permutations than it runs, seeds of 32 bits. */
export const MAXIMUM_PERMUTATIONS = 9999;
export const MAXIMUM_SEED = 4_294_967_295;
// Far beyond any sensible neighbourhood of communes; the API refuses what it cannot use anyway.
export const MAXIMUM_NEIGHBOURS = 100;
export const MAXIMUM_DISTANCE_METRES = 500_000;
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
