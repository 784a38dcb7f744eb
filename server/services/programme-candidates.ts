import KDBush from 'kdbush';
import proj4 from 'proj4';
import type { Database } from '../db/database';
import type { EraRecord } from '../db/queries/eras';
import { listPhases } from '../db/queries/programme';
import { type CycleRow, listCycles, listDesignations, transitionsOf } from '../db/queries/programme-cycles';
import { flashpointQueries, viceSpotQueries } from '../db/queries/records';
import { erasLinkedInto, lineageBetween } from '../db/queries/unit-lineage';
import type { Scope } from '../domain/access/scope';
import { type BilingualText, bilingual } from '../domain/bilingual';
import { type DateWindow, reportingYear, sameWindowLastYear } from '../domain/dates/reporting-period';
import {
  CANDIDATE_FACTOR_DEFINITIONS,
  type CandidateExplanation,
  type CandidateScores,
  explainCandidate,
  type Normalisation,
  scoreCandidates,
} from '../domain/programme/candidate-score';
import type { ProgrammeCycle } from '../domain/programme/cycle-status';
import { heirsOfOldUnits } from '../domain/programme/inherited-history';
import { carryOverUnitIds, recentlySelectedUnitIds } from '../domain/programme/programme-kpis';
import { evaluationWindow, phaseOfYear } from '../domain/programme/programme-year';
import { OPEN_STATUSES } from '../domain/records/record-vocabulary';
import { localGetisOrd } from '../domain/spatial-statistics/local-getis-ord';
import { subsetWeights } from '../domain/spatial-weights/weights-operations';
import type { EraCommuneGeometry } from './commune-geometry';
import type { EraIncidents, IncidentFilter } from './incident-cube';
import type { UnitLocator } from './unit-locator';

/**
 * Candidate communes for a programme year (issue 6, "Choosing communes"): the indicators of every commune
 * of the account's area computed from the data, the planner's spatial and history constraints, and the
 * explainable score of candidate-score.ts.
 *
 * Indicators (factor codes), per commune, over the incident window (default: the year's evaluation window):
 * - incident-count: incidents in the window; incident-rate-per-1000: the same per 1,000 residents (missing
 *   without a population); incident-change-vs-same-window: the count minus the count in the same window a
 *   year earlier (cùng kỳ), a difference of counts, not a percentage (which no commune with 0 a year
 *   earlier would have);
 * - very-serious-cases: incidents "rất nghiêm trọng" or "đặc biệt nghiêm trọng"; drug-offences: incidents
 *   of the category "ma-tuy";
 * - open-flashpoints, active-vice-spots: sites whose current status is open (today, not in the window),
 *   counted in the commune that holds their anchor point;
 * - gistar-z: the G_i* z of the window's counts with queen neighbours among the communes analysed;
 *   hot-spot-membership: 1 when its G_i* bin (FDR) is 2 or 3, else 0;
 * - earlier-relapse: 1 when a cycle of an earlier year relapsed, else 0;
 * - years-since-last-transformed: the year minus the year of the last cycle assessed "đạt", at most 10; a
 *   commune never transformed counts as 10;
 * - drug-rating-level: the latest drug rating up to the year, as a number: loại I 3, II 2, III 1,
 *   drug-free 0; missing without a rating.
 * Programme data (cycles, designations) is matched to the era's communes by code within the era asked for.
 *
 * Constraints, all of them that are given must hold:
 * - nearOpenFlashpointsKm X: an open flashpoint of the area lies in the commune (its anchor point), or
 *   within X km of the commune's area-weighted centroid (UTM metres of the era, kdbush over the centroids);
 * - nearHotSpotsKm X: the commune is a hot spot (G_i* bin ≥ 2) or its centroid lies within X km of one's;
 * - withinPolygon: the commune's centroid lies inside the drawn polygon (holes excluded);
 * - adjacentToSelected / adjacentToComplex: a queen neighbour of a commune selected that year (its cycle
 *   reached "selected") / on the Ministry's key-complex list that year;
 * - province, district: the commune lies in it (code or name);
 * - notSelectedInLastYears N: no cycle of the N years before reached "selected".
 * Scores are normalised over every commune analysed (the area, cut to the province or district when one is
 * named), so that a commune's score does not move when the planner toggles a spatial constraint; the rank
 * is among the communes that pass.
 */

export const FACTOR_CODES = CANDIDATE_FACTOR_DEFINITIONS.map((factor) => factor.code);
const FACTOR_BY_CODE = new Map(CANDIDATE_FACTOR_DEFINITIONS.map((factor) => [factor.code, factor]));

/** Years since last transformed stop counting here, and a commune never transformed has it. */
export const YEARS_SINCE_TRANSFORMED_CAP = 10;
const DRUG_RATING_LEVELS: Readonly<Record<string, number>> = { I: 3, II: 2, III: 1, 'drug-free': 0 };
const VERY_SERIOUS = ['rat-nghiem-trong', 'dac-biet-nghiem-trong'];
const DRUG_CATEGORIES = ['ma-tuy'];

export type ConstraintCode =
  | 'nearOpenFlashpointsKm'
  | 'nearHotSpotsKm'
  | 'withinPolygon'
  | 'adjacentToSelected'
  | 'adjacentToComplex'
  | 'province'
  | 'district'
  | 'notSelectedInLastYears';

export interface CandidateConstraints {
  nearOpenFlashpointsKm?: number | undefined;
  nearHotSpotsKm?: number | undefined;
  /** GeoJSON Polygon coordinates, [longitude, latitude]; the first ring is the outline. */
  withinPolygon?: number[][][] | undefined;
  adjacentToSelected?: boolean | undefined;
  adjacentToComplex?: boolean | undefined;
  notSelectedInLastYears?: number | undefined;
}

/** The programme's records as the candidates need them, by index into the era's units. */
export interface ProgrammeRecords {
  /** Open flashpoint anchors of the area, [longitude, latitude], and the commune index holding each (−1). */
  flashpoints: { longitude: number; latitude: number; unit: number }[];
  /** The commune index of each active vice spot of the area (−1 outside every commune). */
  viceSpots: number[];
  /** Cycles with unitId set to the commune's index. */
  cycles: ProgrammeCycle[];
  designations: { unit: number; year: number; kind: string; level: string }[];
}

export interface CandidateRequest {
  year: number;
  window: DateWindow;
  factors: readonly { code: string; weight: number }[];
  normalisation: Normalisation;
  constraints: CandidateConstraints;
  /** Indexes into the era's units: the area cut to the province or district; null for every commune. */
  analysed: readonly number[] | null;
}

/** Which constraint a commune passed, and how close it came for the distance ones (metres). */
export interface ConstraintOutcome {
  passed: ConstraintCode[];
  nearestFlashpointMetres?: number;
  nearestHotSpotMetres?: number;
}

export interface CandidateRanking {
  /** Indexes into the era's units of the communes analysed, aligned with the scores. */
  analysed: Int32Array;
  scores: CandidateScores;
  /** Positions (into `analysed`) of the communes that pass every constraint, best score first. */
  passing: Uint32Array;
  /** Raw values of every computed indicator, by code, aligned with `analysed`. */
  indicators: Map<string, Float64Array>;
  outcome: (position: number) => ConstraintOutcome;
  failed: (position: number) => ConstraintCode[];
  carryOvers: number[];
  timings: { indicatorsMs: number; constraintsMs: number; scoringMs: number };
}

/** The unknown factor codes of a request, for a 400. */
export function unknownFactors(codes: readonly string[]): string[] {
  return codes.filter((code) => !FACTOR_BY_CODE.has(code));
}

export function unknownFactorText(unknown: readonly string[]): BilingualText {
  return bilingual(
    `Không có yếu tố ${unknown.join(', ')}; chỉ có: ${FACTOR_CODES.join(', ')}`,
    `There is no factor ${unknown.join(', ')}; only: ${FACTOR_CODES.join(', ')}`,
  );
}

/** The year's evaluation window of its phase, else the reporting year. */
export function defaultWindow(database: Database, year: number): DateWindow {
  const phase = phaseOfYear(listPhases(database), year);
  return phase ? evaluationWindow(phase, year) : reportingYear(year);
}

/**
 * Reads the open sites, cycles and designations of the area in the era, placed on the era's communes; the
 * cycles include those of earlier eras' communes, placed on their heirs (domain/programme/inherited-history).
 */
export function loadProgrammeRecords(
  database: Database,
  locator: UnitLocator,
  era: EraRecord,
  incidents: EraIncidents,
  scope: Scope,
): ProgrammeRecords {
  const indexById = new Map(incidents.units.map((unit, index) => [unit.id, index]));
  const inArea = new Uint8Array(incidents.units.length);
  const covered = incidents.unitsInScope(scope);
  if (covered === null) inArea.fill(1);
  else for (const index of covered) inArea[index] = 1;
  const place = (longitude: number, latitude: number) => {
    const id = locator.locate(era, 'commune', longitude, latitude);
    return id === null ? -1 : (indexById.get(id) ?? -1);
  };
  // Only sites inside the area count: a site outside it is not the account's to see.
  const keep = (unit: number) => (unit < 0 ? scope.kind === 'all' : inArea[unit] === 1);
  const flashpoints = flashpointQueries
    .list(database, OPEN_STATUSES.flashpoint)
    .map((site) => ({
      longitude: site.anchorLongitude,
      latitude: site.anchorLatitude,
      unit: place(site.anchorLongitude, site.anchorLatitude),
    }))
    .filter((site) => keep(site.unit));
  const viceSpots = viceSpotQueries
    .list(database, OPEN_STATUSES['vice-spot'])
    .map((site) => place(site.longitude, site.latitude))
    .filter(keep);
  const indexByCode = new Map(incidents.units.map((unit, index) => [unit.code, index]));
  // The era's own cycles, then those its communes inherit from the communes of earlier eras they came from.
  const placed: { row: CycleRow; unit: number }[] = [];
  for (const row of listCycles(database, { eraId: era.id, scope })) {
    const unit = indexById.get(row.unitId);
    if (unit !== undefined) placed.push({ row, unit });
  }
  for (const earlier of erasLinkedInto(database, era)) {
    const heirs = heirsOfOldUnits(lineageBetween(database, earlier.id, era.id));
    if (heirs.size === 0) continue;
    for (const row of listCycles(database, { eraId: earlier.id, scope })) {
      for (const heir of heirs.get(row.unitCode) ?? []) {
        const unit = indexByCode.get(heir);
        if (unit !== undefined) placed.push({ row, unit });
      }
    }
  }
  const transitions = transitionsOf(
    database,
    placed.map(({ row }) => row.id),
  );
  const cycles: ProgrammeCycle[] = placed.map(({ row, unit }) => ({
    id: row.id,
    unitId: unit,
    year: row.year,
    transitions: (transitions.get(row.id) ?? []).map((step) => ({ status: step.status, date: step.date })),
  }));
  const designations = listDesignations(database, { eraId: era.id, scope }).flatMap((row) => {
    const unit = indexById.get(row.unitId);
    return unit === undefined ? [] : [{ unit, year: row.year, kind: row.kind, level: row.level }];
  });
  return { flashpoints, viceSpots, cycles, designations };
}

function reached(cycle: ProgrammeCycle, status: string): boolean {
  return cycle.transitions.some((step) => step.status === status);
}

/** A converter from [longitude, latitude] into the UTM zone the era's centroids are in. */
function toEraMetres(
  geometry: EraCommuneGeometry,
): (longitude: number, latitude: number) => [number, number] {
  const match = /EPSG:32(6|7)(\d\d)/.exec(geometry.distances);
  const zone = match ? Number(match[2]) : 48;
  const south = match?.[1] === '7';
  const converter = proj4(
    '+proj=longlat +datum=WGS84 +no_defs',
    `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
  );
  return (longitude, latitude) => converter.forward([longitude, latitude]) as [number, number];
}

function ringContains(ring: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let current = 0, previous = ring.length - 1; current < ring.length; previous = current++) {
    const [x1, y1] = ring[current] as readonly [number, number];
    const [x2, y2] = ring[previous] as readonly [number, number];
    if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}

/**
 * The nearest distance (metres) from each analysed centroid to any of `sources` within `radius`, +∞ when
 * none; `zeroAt` marks positions at 0 (the source lies in the commune).
 */
function nearestWithin(
  index: KDBush,
  x: Float64Array,
  y: Float64Array,
  sources: readonly (readonly [number, number])[],
  radius: number,
  zeroAt: readonly number[],
): Float64Array {
  const nearest = new Float64Array(x.length).fill(Number.POSITIVE_INFINITY);
  for (const [sourceX, sourceY] of sources) {
    for (const position of index.within(sourceX, sourceY, radius)) {
      const distance = Math.hypot((x[position] as number) - sourceX, (y[position] as number) - sourceY);
      if (distance < (nearest[position] as number)) nearest[position] = distance;
    }
  }
  for (const position of zeroAt) if (position >= 0) nearest[position] = 0;
  return nearest;
}

/** Indicators, constraints and scores of the communes analysed. */
export function rankCandidates(
  incidents: EraIncidents,
  geometry: EraCommuneGeometry,
  records: ProgrammeRecords,
  request: CandidateRequest,
): CandidateRanking {
  const started = performance.now();
  const unitCount = incidents.units.length;
  const analysed = request.analysed
    ? Int32Array.from(request.analysed)
    : Int32Array.from(incidents.units.keys());
  const count = analysed.length;
  const positionOf = new Int32Array(unitCount).fill(-1);
  analysed.forEach((unit, position) => {
    positionOf[unit] = position;
  });
  const { constraints, year } = request;
  const wanted = new Set(request.factors.map((factor) => factor.code));
  const needHotSpots =
    wanted.has('gistar-z') || wanted.has('hot-spot-membership') || !!constraints.nearHotSpotsKm;
  const filter: IncidentFilter = {
    ...request.window,
    categories: [],
    severities: [],
    cleared: null,
    units: request.analysed,
  };
  const column = (values: ArrayLike<number>) => Float64Array.from(analysed, (unit) => values[unit] as number);
  const indicators = new Map<string, Float64Array>();
  const counts = incidents.countByUnit(filter).counts;
  if (wanted.has('incident-count')) indicators.set('incident-count', column(counts));
  if (wanted.has('incident-rate-per-1000')) {
    indicators.set(
      'incident-rate-per-1000',
      Float64Array.from(analysed, (unit) => {
        const population = incidents.units[unit]?.population;
        return population ? ((counts[unit] as number) / population) * 1000 : Number.NaN;
      }),
    );
  }
  if (wanted.has('incident-change-vs-same-window')) {
    const previous = incidents.countByUnit({ ...filter, ...sameWindowLastYear(request.window) }).counts;
    indicators.set(
      'incident-change-vs-same-window',
      Float64Array.from(analysed, (unit) => (counts[unit] as number) - (previous[unit] as number)),
    );
  }
  if (wanted.has('very-serious-cases')) {
    indicators.set(
      'very-serious-cases',
      column(incidents.countByUnit({ ...filter, severities: VERY_SERIOUS }).counts),
    );
  }
  if (wanted.has('drug-offences')) {
    indicators.set(
      'drug-offences',
      column(incidents.countByUnit({ ...filter, categories: DRUG_CATEGORIES }).counts),
    );
  }
  if (wanted.has('open-flashpoints')) {
    const perUnit = new Float64Array(count);
    for (const site of records.flashpoints) {
      const position = site.unit >= 0 ? (positionOf[site.unit] as number) : -1;
      if (position >= 0) perUnit[position] = (perUnit[position] as number) + 1;
    }
    indicators.set('open-flashpoints', perUnit);
  }
  if (wanted.has('active-vice-spots')) {
    const perUnit = new Float64Array(count);
    for (const unit of records.viceSpots) {
      const position = unit >= 0 ? (positionOf[unit] as number) : -1;
      if (position >= 0) perUnit[position] = (perUnit[position] as number) + 1;
    }
    indicators.set('active-vice-spots', perUnit);
  }
  let hotBins: Int8Array | null = null;
  if (needHotSpots) {
    const z = new Float64Array(count).fill(Number.NaN);
    hotBins = new Int8Array(count);
    // G_i* needs at least three communes; fewer leave the factor missing and no hot spot.
    if (count >= 3) {
      const result = localGetisOrd(column(counts), subsetWeights(geometry.queen, Array.from(analysed)), {
        star: true,
        permutations: 0,
        correction: 'fdr',
      });
      z.set(result.z);
      hotBins = result.bin;
    }
    indicators.set('gistar-z', z);
    indicators.set(
      'hot-spot-membership',
      Float64Array.from(hotBins, (bin) => (bin >= 2 ? 1 : 0)),
    );
  }
  const history = historyIndicators(records, year, positionOf, count, wanted);
  for (const [code, values] of history) indicators.set(code, values);
  const indicatorsMs = performance.now() - started;

  // Constraints
  const constraintsStarted = performance.now();
  const x = Float64Array.from(analysed, (unit) => geometry.x[unit] as number);
  const y = Float64Array.from(analysed, (unit) => geometry.y[unit] as number);
  const project = toEraMetres(geometry);
  const checks: { code: ConstraintCode; passes: (position: number) => boolean }[] = [];
  let nearestFlashpoint: Float64Array | null = null;
  let nearestHotSpot: Float64Array | null = null;
  let centroidIndex: KDBush | null = null;
  const centroids = () => {
    if (centroidIndex) return centroidIndex;
    centroidIndex = new KDBush(count, 64, Float64Array);
    for (let position = 0; position < count; position++)
      centroidIndex.add(x[position] as number, y[position] as number);
    centroidIndex.finish();
    return centroidIndex;
  };
  if (constraints.nearOpenFlashpointsKm !== undefined) {
    const sources = records.flashpoints.map((site) => project(site.longitude, site.latitude));
    const found = nearestWithin(
      centroids(),
      x,
      y,
      sources,
      constraints.nearOpenFlashpointsKm * 1000,
      records.flashpoints.map((site) => (site.unit >= 0 ? (positionOf[site.unit] as number) : -1)),
    );
    nearestFlashpoint = found;
    checks.push({
      code: 'nearOpenFlashpointsKm',
      passes: (position) => Number.isFinite(found[position] as number),
    });
  }
  if (constraints.nearHotSpotsKm !== undefined) {
    const hot: number[] = [];
    hotBins?.forEach((bin, position) => {
      if (bin >= 2) hot.push(position);
    });
    const found = nearestWithin(
      centroids(),
      x,
      y,
      hot.map((position) => [x[position] as number, y[position] as number] as const),
      constraints.nearHotSpotsKm * 1000,
      hot,
    );
    nearestHotSpot = found;
    checks.push({ code: 'nearHotSpotsKm', passes: (position) => Number.isFinite(found[position] as number) });
  }
  if (constraints.withinPolygon) {
    const rings = constraints.withinPolygon.map((ring) =>
      ring.map(([longitude, latitude]) => project(longitude as number, latitude as number)),
    );
    const [outline, ...holes] = rings as [[number, number][], ...[number, number][][]];
    let minimumX = Number.POSITIVE_INFINITY;
    let minimumY = Number.POSITIVE_INFINITY;
    let maximumX = Number.NEGATIVE_INFINITY;
    let maximumY = Number.NEGATIVE_INFINITY;
    for (const [pointX, pointY] of outline) {
      minimumX = Math.min(minimumX, pointX);
      maximumX = Math.max(maximumX, pointX);
      minimumY = Math.min(minimumY, pointY);
      maximumY = Math.max(maximumY, pointY);
    }
    const inside = new Uint8Array(count);
    for (const position of centroids().range(minimumX, minimumY, maximumX, maximumY)) {
      const pointX = x[position] as number;
      const pointY = y[position] as number;
      if (
        ringContains(outline, pointX, pointY) &&
        !holes.some((hole) => ringContains(hole, pointX, pointY))
      ) {
        inside[position] = 1;
      }
    }
    checks.push({ code: 'withinPolygon', passes: (position) => inside[position] === 1 });
  }
  const neighbourOf = (members: Iterable<number>): Uint8Array => {
    const marked = new Uint8Array(count);
    const { offsets, neighbours } = geometry.queen;
    for (const unit of members) {
      for (let link = offsets[unit] as number; link < (offsets[unit + 1] as number); link++) {
        const position = positionOf[neighbours[link] as number] as number;
        if (position >= 0) marked[position] = 1;
      }
    }
    return marked;
  };
  if (constraints.adjacentToSelected) {
    const selected = new Set(
      records.cycles
        .filter((cycle) => cycle.year === year && reached(cycle, 'selected'))
        .map((cycle) => cycle.unitId),
    );
    const marked = neighbourOf(selected);
    checks.push({ code: 'adjacentToSelected', passes: (position) => marked[position] === 1 });
  }
  if (constraints.adjacentToComplex) {
    const complex = new Set(
      records.designations
        .filter((designation) => designation.year === year && designation.kind === 'ministry-key-complex')
        .map((designation) => designation.unit),
    );
    const marked = neighbourOf(complex);
    checks.push({ code: 'adjacentToComplex', passes: (position) => marked[position] === 1 });
  }
  if (constraints.notSelectedInLastYears !== undefined) {
    const recent = new Uint8Array(count);
    for (const unit of recentlySelectedUnitIds(records.cycles, year, constraints.notSelectedInLastYears)) {
      const position = positionOf[unit] as number;
      if (position >= 0) recent[position] = 1;
    }
    checks.push({ code: 'notSelectedInLastYears', passes: (position) => recent[position] === 0 });
  }
  const passes = new Uint8Array(count);
  for (let position = 0; position < count; position++) {
    passes[position] = checks.every((check) => check.passes(position)) ? 1 : 0;
  }
  const constraintsMs = performance.now() - constraintsStarted;

  const scoringStarted = performance.now();
  const scores = scoreCandidates({
    unitIds: analysed,
    normalisation: request.normalisation,
    factors: request.factors.map((factor) => ({
      code: factor.code,
      weight: factor.weight,
      direction: FACTOR_BY_CODE.get(factor.code)?.direction ?? 'higher-is-worse',
      values: indicators.get(factor.code) ?? new Float64Array(count).fill(Number.NaN),
    })),
  });
  const passing = scores.order.filter((position) => passes[position] === 1);
  const scoringMs = performance.now() - scoringStarted;

  return {
    analysed,
    scores,
    passing,
    indicators,
    outcome: (position) => {
      const outcome: ConstraintOutcome = {
        passed: checks.filter((check) => check.passes(position)).map((check) => check.code),
      };
      const flashpoint = nearestFlashpoint?.[position];
      if (flashpoint !== undefined && Number.isFinite(flashpoint))
        outcome.nearestFlashpointMetres = Math.round(flashpoint);
      const hotSpot = nearestHotSpot?.[position];
      if (hotSpot !== undefined && Number.isFinite(hotSpot))
        outcome.nearestHotSpotMetres = Math.round(hotSpot);
      return outcome;
    },
    failed: (position) => checks.filter((check) => !check.passes(position)).map((check) => check.code),
    carryOvers: carryOverUnitIds(records.cycles, year),
    timings: { indicatorsMs, constraintsMs, scoringMs },
  };
}

/** Earlier relapse, years since last transformed and the drug rating, from the stored programme. */
function historyIndicators(
  records: ProgrammeRecords,
  year: number,
  positionOf: Int32Array,
  count: number,
  wanted: ReadonlySet<string>,
): Map<string, Float64Array> {
  const result = new Map<string, Float64Array>();
  const at = (unit: number) => (unit >= 0 && unit < positionOf.length ? (positionOf[unit] as number) : -1);
  if (wanted.has('earlier-relapse')) {
    const relapsed = new Float64Array(count);
    for (const cycle of records.cycles) {
      const position = at(cycle.unitId);
      if (position >= 0 && cycle.year < year && reached(cycle, 'relapsed')) relapsed[position] = 1;
    }
    result.set('earlier-relapse', relapsed);
  }
  if (wanted.has('years-since-last-transformed')) {
    const years = new Float64Array(count).fill(YEARS_SINCE_TRANSFORMED_CAP);
    for (const cycle of records.cycles) {
      const position = at(cycle.unitId);
      if (position < 0 || cycle.year >= year || !reached(cycle, 'assessed-achieved')) continue;
      years[position] = Math.min(years[position] as number, year - cycle.year, YEARS_SINCE_TRANSFORMED_CAP);
    }
    result.set('years-since-last-transformed', years);
  }
  if (wanted.has('drug-rating-level')) {
    const level = new Float64Array(count).fill(Number.NaN);
    const ratedIn = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
    for (const designation of records.designations) {
      const position = at(designation.unit);
      const value = DRUG_RATING_LEVELS[designation.level];
      if (
        position < 0 ||
        designation.kind !== 'drug-rating' ||
        designation.year > year ||
        value === undefined
      )
        continue;
      if (designation.year >= (ratedIn[position] as number)) {
        ratedIn[position] = designation.year;
        level[position] = value;
      }
    }
    result.set('drug-rating-level', level);
  }
  return result;
}

/** One passing commune as JSON, without the names (the route adds them). */
export function candidateView(ranking: CandidateRanking, position: number, rank: number) {
  const explanation: CandidateExplanation = explainCandidate(ranking.scores, position);
  const indicators: Record<string, number | null> = {};
  for (const [code, values] of ranking.indicators) {
    const value = values[position] as number;
    indicators[code] = Number.isNaN(value) ? null : value;
  }
  return {
    unitIndex: ranking.analysed[position] as number,
    score: explanation.score,
    rank,
    areaRank: explanation.rank,
    factors: explanation.factors,
    indicators,
    constraints: ranking.outcome(position),
  };
}
