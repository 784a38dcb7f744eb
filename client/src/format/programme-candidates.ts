/**
 * The candidate-selection view's pure parts: its state in the URL, the request bodies of
 * POST /api/programme/candidates and /suggestion, the contribution bars, the score colour classes, the
 * planner's edits of the suggested list (click, lasso) and the list as CSV for Vietnamese Excel.
 */
import type { BilingualText } from '@domain/bilingual';
import type { Position } from '@domain/geometry/types';
import {
  CANDIDATE_FACTOR_DEFINITIONS,
  NORMALISATIONS,
  type Normalisation,
} from '@domain/programme/candidate-score';

export type { Normalisation };
export { NORMALISATIONS };

/** The factors the server scores, with their names: one list, in the domain. */
export const CANDIDATE_FACTORS = CANDIDATE_FACTOR_DEFINITIONS;

const FACTOR_CODES = new Set(CANDIDATE_FACTORS.map((factor) => factor.code));
/** The largest weight the sliders offer; the number field may go beyond, up to the API's limit. */
export const MAXIMUM_WEIGHT = 1_000_000;

export interface CandidateConstraintState {
  nearOpenFlashpointsKm: number | null;
  nearHotSpotsKm: number | null;
  adjacentToSelected: boolean;
  adjacentToComplex: boolean;
  district: string | null;
  province: string | null;
  notSelectedInLastYears: number | null;
}

export interface CandidateViewState {
  /** Null: the default year (next programme year, else this one). */
  year: number | null;
  /** Null: the era of the programme's cycles around the year (stores/programme-candidates.ts). */
  era: string | null;
  /** Factor code → weight, factors of weight 0 left out; in the order of CANDIDATE_FACTORS. */
  weights: Record<string, number>;
  normalisation: Normalisation;
  constraints: CandidateConstraintState;
}

export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  'incident-rate-per-1000': 1,
  'very-serious-cases': 1,
  'open-flashpoints': 1,
};

export function emptyConstraints(): CandidateConstraintState {
  return {
    nearOpenFlashpointsKm: null,
    nearHotSpotsKm: null,
    adjacentToSelected: false,
    adjacentToComplex: false,
    district: null,
    province: null,
    notSelectedInLastYears: null,
  };
}

export function defaultCandidateState(): CandidateViewState {
  return {
    year: null,
    era: null,
    weights: { ...DEFAULT_WEIGHTS },
    normalisation: 'min-max',
    constraints: emptyConstraints(),
  };
}

/** The year a view opens on: next year when a phase covers it, else this year. */
export function defaultCandidateYear(
  phases: readonly { firstYear: number; lastYear: number }[],
  currentYear: number,
): number {
  const next = currentYear + 1;
  return phases.some((phase) => phase.firstYear <= next && next <= phase.lastYear) ? next : currentYear;
}

type QueryValue = string | null | (string | null)[] | undefined;
export type CandidateQuery = Record<string, QueryValue>;

function text(value: QueryValue): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}

function positiveNumber(value: QueryValue, maximum: number): number | null {
  const raw = text(value);
  const number = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(number) && number > 0 && number <= maximum ? number : null;
}

/** Weights in the order of the factor list, so two equal states write equal URLs. */
function orderedWeights(weights: Readonly<Record<string, number>>): [string, number][] {
  return CANDIDATE_FACTORS.flatMap((factor) => {
    const weight = weights[factor.code];
    return weight !== undefined && weight > 0 ? [[factor.code, weight] as [string, number]] : [];
  });
}

function sameWeights(
  first: Readonly<Record<string, number>>,
  second: Readonly<Record<string, number>>,
): boolean {
  return JSON.stringify(orderedWeights(first)) === JSON.stringify(orderedWeights(second));
}

/**
 * Reads the view from `#/programme/candidates?…`: year, era, f=code:weight,…, norm, flash and hot (km), adjSel,
 * adjCx (1), district, province, notSel (years). Anything unreadable falls back to its default.
 */
export function parseCandidateQuery(query: CandidateQuery): CandidateViewState {
  const state = defaultCandidateState();
  const year = text(query.year);
  if (year !== null && /^\d{4}$/.test(year)) state.year = Number(year);
  state.era = text(query.era);
  const factors = text(query.f);
  if (factors !== null) {
    const weights: Record<string, number> = {};
    for (const part of factors.split(',')) {
      const [code, weightText] = part.split(':');
      const weight = Number(weightText ?? '1');
      if (code && FACTOR_CODES.has(code) && Number.isFinite(weight) && weight > 0 && weight <= MAXIMUM_WEIGHT)
        weights[code] = weight;
    }
    if (Object.keys(weights).length > 0) state.weights = weights;
  }
  const normalisation = text(query.norm);
  if (normalisation && (NORMALISATIONS as readonly string[]).includes(normalisation))
    state.normalisation = normalisation as Normalisation;
  const constraints = state.constraints;
  constraints.nearOpenFlashpointsKm = positiveNumber(query.flash, 500);
  constraints.nearHotSpotsKm = positiveNumber(query.hot, 500);
  constraints.adjacentToSelected = text(query.adjSel) === '1';
  constraints.adjacentToComplex = text(query.adjCx) === '1';
  constraints.district = text(query.district);
  constraints.province = text(query.province);
  const years = positiveNumber(query.notSel, 50);
  constraints.notSelectedInLastYears = years !== null && Number.isInteger(years) ? years : null;
  return state;
}

/** The URL's query for a state, defaults left out. */
export function serialiseCandidateQuery(state: CandidateViewState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.year !== null) query.year = String(state.year);
  if (state.era !== null) query.era = state.era;
  if (!sameWeights(state.weights, DEFAULT_WEIGHTS))
    query.f = orderedWeights(state.weights)
      .map(([code, weight]) => `${code}:${weight}`)
      .join(',');
  if (state.normalisation !== 'min-max') query.norm = state.normalisation;
  const constraints = state.constraints;
  if (constraints.nearOpenFlashpointsKm !== null) query.flash = String(constraints.nearOpenFlashpointsKm);
  if (constraints.nearHotSpotsKm !== null) query.hot = String(constraints.nearHotSpotsKm);
  if (constraints.adjacentToSelected) query.adjSel = '1';
  if (constraints.adjacentToComplex) query.adjCx = '1';
  if (constraints.district) query.district = constraints.district;
  if (constraints.province) query.province = constraints.province;
  if (constraints.notSelectedInLastYears !== null) query.notSel = String(constraints.notSelectedInLastYears);
  return query;
}

/** A closed GeoJSON ring of [longitude, latitude] positions; null when fewer than three vertices. */
export function closedRing(vertices: readonly Position[]): Position[] | null {
  if (vertices.length < 3) return null;
  const first = vertices[0] as Position;
  return [...vertices.map((vertex) => [...vertex]), [...first]];
}

export interface CandidateBody {
  era?: string;
  year: number;
  factors: { code: string; weight: number }[];
  normalisation: Normalisation;
  constraints: {
    nearOpenFlashpointsKm?: number;
    nearHotSpotsKm?: number;
    withinPolygon?: { type: 'Polygon'; coordinates: Position[][] };
    adjacentToSelected?: boolean;
    adjacentToComplex?: boolean;
    province?: string;
    district?: string;
    notSelectedInLastYears?: number;
  };
}

/** The body of POST /api/programme/candidates for the state, with the drawn polygon when it is to count. */
export function candidateBody(
  state: CandidateViewState,
  year: number,
  polygon: readonly Position[] | null,
  era?: string,
): CandidateBody {
  const constraints: CandidateBody['constraints'] = {};
  const given = state.constraints;
  if (given.nearOpenFlashpointsKm !== null) constraints.nearOpenFlashpointsKm = given.nearOpenFlashpointsKm;
  if (given.nearHotSpotsKm !== null) constraints.nearHotSpotsKm = given.nearHotSpotsKm;
  const ring = polygon ? closedRing(polygon) : null;
  if (ring) constraints.withinPolygon = { type: 'Polygon', coordinates: [ring] };
  if (given.adjacentToSelected) constraints.adjacentToSelected = true;
  if (given.adjacentToComplex) constraints.adjacentToComplex = true;
  if (given.province) constraints.province = given.province;
  if (given.district) constraints.district = given.district;
  if (given.notSelectedInLastYears !== null)
    constraints.notSelectedInLastYears = given.notSelectedInLastYears;
  return {
    ...(era ? { era } : {}),
    year,
    factors: orderedWeights(state.weights).map(([code, weight]) => ({ code, weight })),
    normalisation: state.normalisation,
    constraints,
  };
}

/** Whether any constraint is set: only then are the communes that fail one greyed. */
export function hasConstraints(body: CandidateBody): boolean {
  return Object.keys(body.constraints).length > 0;
}

export interface FactorValue {
  code: string;
  raw: number | null;
  normalised: number;
  contribution: number;
  imputed: boolean;
}

export interface ContributionSegment extends FactorValue {
  /** Width as a percentage of the bar's full length. */
  width: number;
  negative: boolean;
  colour: string;
}

/** One colour per factor, in the list's order, readable side by side. */
export const FACTOR_COLOURS = [
  '#1f6f8b',
  '#e07a1f',
  '#6a4c93',
  '#c0392b',
  '#2e8b57',
  '#b8860b',
  '#8b3a62',
  '#3b5998',
  '#d35400',
  '#16a085',
  '#7f8c8d',
  '#5d4037',
];

export function factorColour(code: string): string {
  const index = CANDIDATE_FACTORS.findIndex((factor) => factor.code === code);
  return FACTOR_COLOURS[index < 0 ? FACTOR_COLOURS.length - 1 : index] as string;
}

/** The length a bar's segments are measured against: the largest sum of |contribution| of the list. */
export function contributionScale(candidates: readonly { factors: readonly FactorValue[] }[]): number {
  let largest = 0;
  for (const candidate of candidates) {
    const total = candidate.factors.reduce((sum, factor) => sum + Math.abs(factor.contribution), 0);
    if (total > largest) largest = total;
  }
  return largest;
}

/** A commune's stacked bar: each factor's share of the scale, negative ones (z-scores below the mean) flagged. */
export function contributionSegments(factors: readonly FactorValue[], scale: number): ContributionSegment[] {
  return factors
    .filter((factor) => factor.contribution !== 0)
    .map((factor) => ({
      ...factor,
      width: scale > 0 ? (Math.abs(factor.contribution) / scale) * 100 : 0,
      negative: factor.contribution < 0,
      colour: factorColour(factor.code),
    }));
}

/** Score classes 0 (lowest fifth) to 4 (highest) of the scores shown; equal scores all take class 4. */
export const SCORE_COLOURS = ['#fdecc8', '#f9c784', '#f29a52', '#dd5f32', '#a8281c'];
export const FAILED_COLOUR = '#c7cdd1';

export function scoreClass(score: number, minimum: number, maximum: number): number {
  if (!(maximum > minimum)) return SCORE_COLOURS.length - 1;
  const share = (score - minimum) / (maximum - minimum);
  return Math.min(SCORE_COLOURS.length - 1, Math.max(0, Math.floor(share * SCORE_COLOURS.length)));
}

export type ListReason = 'rank' | 'group-minimum' | 'carry-over' | 'planner';

/** One commune of the list the planner edits. */
export interface ListEntry {
  code: string;
  name: string;
  district: string | null;
  score: number;
  /** Rank among the communes passing the constraints; 0 when it passes none. */
  rank: number;
  reason: ListReason;
  explanation: BilingualText;
}

export function plannerExplanation(rank: number): BilingualText {
  return rank > 0
    ? { vi: `Do cán bộ tham mưu chọn (xếp hạng ${rank})`, en: `Chosen by the planner (ranked ${rank})` }
    : { vi: 'Do cán bộ tham mưu chọn', en: 'Chosen by the planner' };
}

/** The list with the commune added by the planner (once), best score first. */
export function addToList(
  list: readonly ListEntry[],
  entry: Omit<ListEntry, 'reason' | 'explanation'>,
): ListEntry[] {
  if (list.some((listed) => listed.code === entry.code)) return [...list];
  const added: ListEntry = { ...entry, reason: 'planner', explanation: plannerExplanation(entry.rank) };
  return [...list, added].sort((first, second) => second.score - first.score);
}

export function removeFromList(list: readonly ListEntry[], code: string): ListEntry[] {
  return list.filter((entry) => entry.code !== code);
}

/** A click on the map: the commune leaves the list when in it, else joins it. */
export function toggleInList(
  list: readonly ListEntry[],
  entry: Omit<ListEntry, 'reason' | 'explanation'>,
): ListEntry[] {
  return list.some((listed) => listed.code === entry.code)
    ? removeFromList(list, entry.code)
    : addToList(list, entry);
}

/** The lasso: every commune whose label point lies inside the ring joins the list. */
export function lassoIntoList(
  list: readonly ListEntry[],
  ring: readonly Position[],
  communes: readonly (Omit<ListEntry, 'reason' | 'explanation'> & { point: Position })[],
): ListEntry[] {
  let next = [...list];
  for (const commune of communes) {
    if (pointInRing(commune.point, ring)) {
      const { point: _point, ...entry } = commune;
      next = addToList(next, entry);
    }
  }
  return next;
}

/** Ray casting; a ring open or closed. */
export function pointInRing(point: Position, ring: readonly Position[]): boolean {
  const [x, y] = point as [number, number];
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [xi, yi] = ring[index] as [number, number];
    const [xj, yj] = ring[previous] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A CSV field quoted when it holds the separator, a quote or a line break. */
function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The list as CSV for Vietnamese Excel: UTF-8 with a byte-order mark (else Excel misreads the accents), ";"
 * between fields, decimal commas, CRLF line ends. Columns: STT, mã xã, tên xã, huyện cũ, điểm, lý do.
 */
export function listCsv(list: readonly ListEntry[], language: 'vi' | 'en' = 'vi'): string {
  const header = ['STT', 'Mã xã', 'Tên xã', 'Huyện cũ', 'Điểm', 'Lý do'];
  const lines = list.map((entry, index) =>
    [
      String(index + 1),
      entry.code,
      entry.name,
      entry.district ?? '',
      entry.score.toFixed(4).replace('.', ','),
      entry.explanation[language],
    ]
      .map(csvField)
      .join(';'),
  );
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
