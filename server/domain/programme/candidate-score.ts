import { type BilingualText, bilingual } from '../bilingual';
import { isCode, throwIfProblems } from './problems';
import { sortIndicesByValue } from './sort-indices';

/**
 * The explainable score that ranks candidate communes for the year's list (issue 6, "Choosing communes"):
 * a weighted sum of the indicators the planner picks, each normalised so that different units can be
 * added, and for every commune how much each factor contributed.
 *
 *   score(commune) = Σ over factors of weight × normalised value  (= Σ contributions)
 *
 * A higher score means a stronger candidate: more in need of transformation. A factor whose higher raw
 * value means a worse situation ("higher-is-worse": incidents, open flashpoints) counts as it is; one
 * whose higher value means a better situation ("higher-is-better") is reversed before normalising.
 *
 * Normalisation, per factor, over the communes that have a value:
 * - min-max: (x − min) / (max − min), from 0 (least need) to 1 (most); all values equal → 0 for all;
 * - z-score: (x − mean) / standard deviation (population, divided by n); all values equal → 0 for all;
 * - rank: (r − 1) / (n − 1), r the rank from 1 (least need) to n, ties sharing the mean of their ranks;
 *   one value, or all equal → 0 for all. Only the order of the raw values matters, so outliers do not
 *   crush the others.
 * A factor whose values are all equal tells communes apart in no way, so it contributes 0 by all three.
 * Min-max and rank give the same result when every raw value of a factor is multiplied by a positive
 * constant (a rate per 1,000 or per 100,000 residents ranks the same communes).
 *
 * Missing values (null, undefined or NaN: no population for a rate, no figures reported) are never
 * silently zero: the commune gets, for that factor, either the mean of the normalised values of the
 * communes that have one ("mean", the default: neither pushed up nor down) or their lowest ("minimum":
 * a gap in the data never raises a commune), and the cell is flagged in `imputed` so the explanation can
 * say so. A factor no commune has a value for contributes 0 everywhere, flagged.
 */

export const NORMALISATIONS = ['min-max', 'z-score', 'rank'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

export const FACTOR_DIRECTIONS = ['higher-is-worse', 'higher-is-better'] as const;
export type FactorDirection = (typeof FACTOR_DIRECTIONS)[number];

export const MISSING_VALUE_POLICIES = ['mean', 'minimum'] as const;
export type MissingValuePolicy = (typeof MISSING_VALUE_POLICIES)[number];

export const NORMALISATION_NAMES: Readonly<Record<Normalisation, BilingualText>> = {
  'min-max': bilingual('Chuẩn hóa min–max (0–1)', 'Min-max (0–1)'),
  'z-score': bilingual('Điểm chuẩn z', 'Z-score'),
  rank: bilingual('Thứ hạng (0–1)', 'Rank (0–1)'),
};

/** A factor the planner may pick: its name and the usual direction. The values come from the data layer. */
export interface CandidateFactorDefinition {
  code: string;
  nameVi: string;
  nameEn: string;
  direction: FactorDirection;
}

/**
 * The factors the server computes for every commune (server/services/programme-candidates.ts) and the
 * planner weighs, in the order the interface lists them. One list for both, so names never drift.
 */
export const CANDIDATE_FACTOR_DEFINITIONS: readonly CandidateFactorDefinition[] = [
  {
    code: 'incident-rate-per-1000',
    nameVi: 'Số vụ việc trên 1.000 dân',
    nameEn: 'Incidents per 1,000 residents',
    direction: 'higher-is-worse',
  },
  { code: 'incident-count', nameVi: 'Số vụ việc', nameEn: 'Incidents', direction: 'higher-is-worse' },
  {
    code: 'incident-change-vs-same-window',
    nameVi: 'Tăng, giảm số vụ việc so với cùng kỳ (số vụ)',
    nameEn: 'Change in incidents vs the same window a year earlier (count)',
    direction: 'higher-is-worse',
  },
  {
    code: 'very-serious-cases',
    nameVi: 'Số vụ rất nghiêm trọng, đặc biệt nghiêm trọng',
    nameEn: 'Very serious and especially serious cases',
    direction: 'higher-is-worse',
  },
  {
    code: 'drug-offences',
    nameVi: 'Số vụ về ma túy',
    nameEn: 'Drug incidents',
    direction: 'higher-is-worse',
  },
  {
    code: 'open-flashpoints',
    nameVi: 'Điểm nóng chưa giải quyết xong',
    nameEn: 'Open flashpoints',
    direction: 'higher-is-worse',
  },
  {
    code: 'active-vice-spots',
    nameVi: 'Tụ điểm đang hoạt động',
    nameEn: 'Active vice spots',
    direction: 'higher-is-worse',
  },
  {
    code: 'gistar-z',
    nameVi: 'Điểm z G_i* của số vụ trong kỳ',
    nameEn: 'G_i* z of the window’s incidents',
    direction: 'higher-is-worse',
  },
  {
    code: 'hot-spot-membership',
    nameVi: 'Thuộc vùng điểm nóng thống kê (1 có, 0 không)',
    nameEn: 'In a statistical hot spot (1 yes, 0 no)',
    direction: 'higher-is-worse',
  },
  {
    code: 'earlier-relapse',
    nameVi: 'Đã từng tái phức tạp (1 có, 0 không)',
    nameEn: 'Relapsed before (1 yes, 0 no)',
    direction: 'higher-is-worse',
  },
  {
    code: 'years-since-last-transformed',
    nameVi: 'Số năm kể từ lần chuyển hóa đạt gần nhất (tối đa 10)',
    nameEn: 'Years since last transformed (at most 10)',
    direction: 'higher-is-worse',
  },
  {
    code: 'drug-rating-level',
    nameVi: 'Phân loại ma túy (loại I = 3, II = 2, III = 1, không ma túy = 0)',
    nameEn: 'Drug rating (type I = 3, II = 2, III = 1, drug-free = 0)',
    direction: 'higher-is-worse',
  },
];

export interface ScoreFactor {
  code: string;
  /** Zero or more; only the ratios between weights matter for the ranking. */
  weight: number;
  direction: FactorDirection;
}

export interface ScoreFactorInput extends ScoreFactor {
  /** One per commune, in the order of unitIds; null, undefined or NaN when missing. */
  values: ArrayLike<number | null | undefined>;
}

export interface CandidateScoreInput {
  unitIds: ArrayLike<number>;
  factors: readonly ScoreFactorInput[];
  normalisation: Normalisation;
  /** Default "mean". */
  missingValues?: MissingValuePolicy;
}

/** What a factor's normalisation was computed from, for the explanation. */
export interface FactorStatistics {
  code: string;
  /** Communes with a value. */
  present: number;
  /** Over present raw values; NaN when none. */
  minimum: number;
  maximum: number;
  mean: number;
  standardDeviation: number;
  /** The normalised value given to communes without one. */
  imputedValue: number;
}

/**
 * The scores in typed arrays (fast to build and sort for every commune). Matrices are row-major: the
 * cell of commune i and factor j is at i × factorCount + j. explainCandidate turns one row into JSON.
 */
export interface CandidateScores {
  unitIds: Int32Array;
  factors: ScoreFactor[];
  normalisation: Normalisation;
  missingValues: MissingValuePolicy;
  statistics: FactorStatistics[];
  raw: Float64Array;
  normalised: Float64Array;
  contributions: Float64Array;
  /** 1 where the value was missing and imputed. */
  imputed: Uint8Array;
  scores: Float64Array;
  /** Commune indices from the highest score down; equal scores by unit id, smallest first. */
  order: Uint32Array;
  /** Each commune's rank, 1 for the highest score. */
  ranks: Uint32Array;
}

/** The most factors a planner can combine; beyond it no one can read the explanation. */
export const MAXIMUM_FACTORS = 30;

function isMissing(value: number | null | undefined): boolean {
  return value === null || value === undefined || Number.isNaN(value);
}

/**
 * The position of the first unit id that is not a whole number from 0 to 2³¹ − 1 or repeats an earlier
 * one, or −1. Ids usually come in ascending order, which one pass confirms without a set.
 */
function firstInvalidOrRepeatedUnit(unitIds: ArrayLike<number>): number {
  let ascending = true;
  for (let index = 0; index < unitIds.length; index++) {
    const unitId = unitIds[index] as number;
    if (!Number.isInteger(unitId) || unitId < 0 || unitId > MAXIMUM_UNIT_ID) return index;
    if (index > 0 && unitId <= (unitIds[index - 1] as number)) ascending = false;
  }
  if (ascending) return -1;
  const seen = new Set<number>();
  for (let index = 0; index < unitIds.length; index++) {
    const unitId = unitIds[index] as number;
    if (seen.has(unitId)) return index;
    seen.add(unitId);
  }
  return -1;
}

/** Unit ids are kept in an Int32Array. */
const MAXIMUM_UNIT_ID = 2 ** 31 - 1;

/** Every reason the input cannot be scored, in both languages; empty when it can. */
export function candidateScoreInputProblems(input: CandidateScoreInput): BilingualText[] {
  const problems: BilingualText[] = [];
  if (!(NORMALISATIONS as readonly string[]).includes(input.normalisation)) {
    problems.push(
      bilingual(
        `Không có cách chuẩn hóa "${input.normalisation}"; chỉ có: ${NORMALISATIONS.join(', ')}`,
        `There is no normalisation "${input.normalisation}"; only: ${NORMALISATIONS.join(', ')}`,
      ),
    );
  }
  const policy = input.missingValues ?? 'mean';
  if (!(MISSING_VALUE_POLICIES as readonly string[]).includes(policy)) {
    problems.push(
      bilingual(
        `Không có cách xử lý giá trị thiếu "${policy}"; chỉ có: ${MISSING_VALUE_POLICIES.join(', ')}`,
        `There is no way "${policy}" to handle missing values; only: ${MISSING_VALUE_POLICIES.join(', ')}`,
      ),
    );
  }
  const count = input.unitIds.length;
  const repeated = firstInvalidOrRepeatedUnit(input.unitIds);
  if (repeated >= 0) {
    const unitId = input.unitIds[repeated];
    problems.push(
      bilingual(
        `Mã đơn vị thứ ${repeated + 1} (${unitId}) không hợp lệ hoặc bị trùng`,
        `Unit id ${repeated + 1} (${unitId}) is invalid or repeated`,
      ),
    );
  }
  if (input.factors.length === 0 || input.factors.length > MAXIMUM_FACTORS) {
    problems.push(
      bilingual(
        `Cần chọn từ 1 đến ${MAXIMUM_FACTORS} yếu tố (đang có ${input.factors.length})`,
        `Pick from 1 to ${MAXIMUM_FACTORS} factors (got ${input.factors.length})`,
      ),
    );
  }
  const codes = new Set<string>();
  let anyWeight = false;
  for (const factor of input.factors) {
    const label = `"${factor.code}"`;
    if (!isCode(factor.code)) {
      problems.push(bilingual(`Mã yếu tố ${label} không hợp lệ`, `Invalid factor code ${label}`));
    } else if (codes.has(factor.code)) {
      problems.push(bilingual(`Yếu tố ${label} được chọn hai lần`, `The factor ${label} is picked twice`));
    }
    codes.add(factor.code);
    if (!(typeof factor.weight === 'number' && Number.isFinite(factor.weight) && factor.weight >= 0)) {
      problems.push(
        bilingual(
          `Trọng số của yếu tố ${label} phải là số không âm: ${factor.weight}`,
          `The weight of ${label} must be a number of zero or more: ${factor.weight}`,
        ),
      );
    } else if (factor.weight > 0) anyWeight = true;
    if (!(FACTOR_DIRECTIONS as readonly string[]).includes(factor.direction)) {
      problems.push(
        bilingual(
          `Chiều của yếu tố ${label} phải là "higher-is-worse" (càng cao càng xấu) hoặc "higher-is-better"`,
          `The direction of ${label} must be "higher-is-worse" or "higher-is-better"`,
        ),
      );
    }
    if (factor.values.length !== count) {
      problems.push(
        bilingual(
          `Yếu tố ${label} có ${factor.values.length} giá trị cho ${count} đơn vị`,
          `The factor ${label} has ${factor.values.length} values for ${count} units`,
        ),
      );
      continue;
    }
    for (let index = 0; index < count; index++) {
      const value = factor.values[index];
      if (!isMissing(value) && !(typeof value === 'number' && Number.isFinite(value))) {
        problems.push(
          bilingual(
            `Giá trị thứ ${index + 1} của yếu tố ${label} không phải là số hữu hạn: ${String(value)}`,
            `Value ${index + 1} of ${label} is not a finite number: ${String(value)}`,
          ),
        );
        break;
      }
    }
  }
  if (input.factors.length > 0 && !anyWeight) {
    problems.push(bilingual('Cần ít nhất một trọng số lớn hơn 0', 'At least one weight must be above 0'));
  }
  return problems;
}

/** Scores every commune; throws a BilingualError for input the problems above describe. */
export function scoreCandidates(input: CandidateScoreInput): CandidateScores {
  throwIfProblems(candidateScoreInputProblems(input));
  const count = input.unitIds.length;
  const factorCount = input.factors.length;
  const missingValues = input.missingValues ?? 'mean';
  const unitIds = Int32Array.from(input.unitIds);
  const raw = new Float64Array(count * factorCount);
  const normalised = new Float64Array(count * factorCount);
  const contributions = new Float64Array(count * factorCount);
  const imputed = new Uint8Array(count * factorCount);
  const scores = new Float64Array(count);
  const statistics: FactorStatistics[] = [];
  // Scratch columns reused for every factor.
  const oriented = new Float64Array(count);
  const presentIndices = new Uint32Array(count);
  const column = new Float64Array(count);

  for (let factorIndex = 0; factorIndex < factorCount; factorIndex++) {
    const factor = input.factors[factorIndex] as ScoreFactorInput;
    const sign = factor.direction === 'higher-is-better' ? -1 : 1;
    let present = 0;
    for (let index = 0; index < count; index++) {
      const value = factor.values[index];
      if (isMissing(value)) {
        raw[index * factorCount + factorIndex] = Number.NaN;
        continue;
      }
      raw[index * factorCount + factorIndex] = value as number;
      // + 0 turns −0 into 0, so a reversed 0 ties with a 0.
      oriented[present] = sign * (value as number) + 0;
      presentIndices[present] = index;
      present++;
    }
    const values = oriented.subarray(0, present);
    const summary = summarise(values);
    const normalisedValues = column.subarray(0, present);
    normalise(values, input.normalisation, summary, normalisedValues);

    let imputedValue = 0;
    if (present > 0) {
      let total = 0;
      let lowest = Number.POSITIVE_INFINITY;
      for (let position = 0; position < present; position++) {
        const value = normalisedValues[position] as number;
        total += value;
        if (value < lowest) lowest = value;
      }
      imputedValue = missingValues === 'mean' ? total / present : lowest;
    }
    for (let index = 0; index < count; index++) {
      normalised[index * factorCount + factorIndex] = imputedValue;
      imputed[index * factorCount + factorIndex] = 1;
    }
    for (let position = 0; position < present; position++) {
      const cell = (presentIndices[position] as number) * factorCount + factorIndex;
      normalised[cell] = normalisedValues[position] as number;
      imputed[cell] = 0;
    }
    // Statistics of the raw values, in their own direction.
    statistics.push({
      code: factor.code,
      present,
      minimum: sign === 1 ? summary.minimum : -summary.maximum,
      maximum: sign === 1 ? summary.maximum : -summary.minimum,
      mean: sign * summary.mean + 0,
      standardDeviation: summary.standardDeviation,
      imputedValue,
    });
  }

  for (let index = 0; index < count; index++) {
    let score = 0;
    for (let factorIndex = 0; factorIndex < factorCount; factorIndex++) {
      const cell = index * factorCount + factorIndex;
      const contribution = (input.factors[factorIndex] as ScoreFactor).weight * (normalised[cell] as number);
      contributions[cell] = contribution;
      score += contribution;
    }
    scores[index] = score;
  }

  // By unit id first (usually given so already), then stably by score: equal scores stay in unit id order.
  const byUnit = isAscending(unitIds) ? undefined : sortIndicesByValue(unitIds);
  const order = sortIndicesByValue(
    scores,
    byUnit ? { descending: true, order: byUnit } : { descending: true },
  );
  const ranks = new Uint32Array(count);
  for (let position = 0; position < count; position++) ranks[order[position] as number] = position + 1;

  return {
    unitIds,
    factors: input.factors.map(({ code, weight, direction }) => ({ code, weight, direction })),
    normalisation: input.normalisation,
    missingValues,
    statistics,
    raw,
    normalised,
    contributions,
    imputed,
    scores,
    order,
    ranks,
  };
}

function isAscending(values: Int32Array): boolean {
  for (let index = 1; index < values.length; index++) {
    if ((values[index] as number) < (values[index - 1] as number)) return false;
  }
  return true;
}

interface Summary {
  minimum: number;
  maximum: number;
  mean: number;
  standardDeviation: number;
}

function summarise(values: Float64Array): Summary {
  const count = values.length;
  if (count === 0)
    return { minimum: Number.NaN, maximum: Number.NaN, mean: Number.NaN, standardDeviation: Number.NaN };
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let index = 0; index < count; index++) {
    const value = values[index] as number;
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
    sum += value;
  }
  const mean = sum / count;
  // Two passes: the sum of squared deviations from the mean, not E[x²] − mean², which cancels badly.
  let squares = 0;
  for (let index = 0; index < count; index++) {
    const deviation = (values[index] as number) - mean;
    squares += deviation * deviation;
  }
  return { minimum, maximum, mean, standardDeviation: Math.sqrt(squares / count) };
}

/** Writes the normalised values (same order as `values`) into `target`. */
function normalise(
  values: Float64Array,
  method: Normalisation,
  summary: Summary,
  target: Float64Array,
): void {
  const count = values.length;
  if (method === 'min-max') {
    const range = summary.maximum - summary.minimum;
    for (let index = 0; index < count; index++) {
      target[index] = range > 0 ? ((values[index] as number) - summary.minimum) / range : 0;
    }
    return;
  }
  if (method === 'z-score') {
    const { mean, standardDeviation } = summary;
    for (let index = 0; index < count; index++) {
      target[index] = standardDeviation > 0 ? ((values[index] as number) - mean) / standardDeviation : 0;
    }
    return;
  }
  // Ranks: the run of equal values from sorted positions `first` to `last` (from 0) shares the mean rank,
  // (first + last) / 2 from 0, so (r − 1) / (n − 1) is that over n − 1.
  if (count < 2 || summary.minimum === summary.maximum) {
    target.fill(0);
    return;
  }
  const sorted = sortIndicesByValue(values);
  let first = 0;
  while (first < count) {
    const value = values[sorted[first] as number] as number;
    let last = first;
    while (last + 1 < count && values[sorted[last + 1] as number] === value) last++;
    const rank = (first + last) / 2 / (count - 1);
    for (let position = first; position <= last; position++) target[sorted[position] as number] = rank;
    first = last + 1;
  }
}

/** One factor's share in one commune's score. */
export interface FactorContribution {
  code: string;
  weight: number;
  direction: FactorDirection;
  /** The value given; null when missing. */
  raw: number | null;
  normalised: number;
  /** weight × normalised. */
  contribution: number;
  /** The value was missing and `normalised` is the imputed one. */
  imputed: boolean;
}

/** One commune's score as plain JSON: what the planner reads beside the map. */
export interface CandidateExplanation {
  unitId: number;
  score: number;
  rank: number;
  factors: FactorContribution[];
}

/** The explanation of the commune at `index` (its position in the input). */
export function explainCandidate(scores: CandidateScores, index: number): CandidateExplanation {
  const factorCount = scores.factors.length;
  return {
    unitId: scores.unitIds[index] as number,
    score: scores.scores[index] as number,
    rank: scores.ranks[index] as number,
    factors: scores.factors.map((factor, factorIndex) => {
      const cell = index * factorCount + factorIndex;
      const raw = scores.raw[cell] as number;
      return {
        code: factor.code,
        weight: factor.weight,
        direction: factor.direction,
        raw: Number.isNaN(raw) ? null : raw,
        normalised: scores.normalised[cell] as number,
        contribution: scores.contributions[cell] as number,
        imputed: scores.imputed[cell] === 1,
      };
    }),
  };
}

/** The `count` best candidates, explained, highest score first. */
export function topCandidates(scores: CandidateScores, count: number): CandidateExplanation[] {
  const limit = Math.max(0, Math.min(Math.floor(count), scores.order.length));
  const top: CandidateExplanation[] = [];
  for (let position = 0; position < limit; position++) {
    top.push(explainCandidate(scores, scores.order[position] as number));
  }
  return top;
}
