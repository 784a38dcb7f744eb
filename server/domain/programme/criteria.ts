import { type BilingualText, bilingual } from '../bilingual';
import { isCode, isNonBlankText, isWholeNumberBetween, throwIfProblems } from './problems';
import { EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR } from './programme-year';

/**
 * The criteria a selected commune must meet to be recognised "chuyển hóa đạt": a set per year, in groups,
 * each criterion with a threshold; versioned, editable data (domain.md, "Criteria for 'chuyển hóa đạt'":
 * published examples, and "other criteria" set by the provincial police each year). A criterion is either
 * computed from the product's data in the year's evaluation window or entered by a planner with evidence.
 */

export const CRITERION_KINDS = ['computed', 'entered'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

/** ≥, ≤, <, = against the threshold; yes-no: met when the answer is yes (criteria are worded so). */
export const CRITERION_COMPARISONS = ['at-least', 'at-most', 'less-than', 'equal', 'yes-no'] as const;
export type CriterionComparison = (typeof CRITERION_COMPARISONS)[number];

export const COMPARISON_SYMBOLS: Readonly<Record<CriterionComparison, BilingualText>> = {
  'at-least': bilingual('≥', '≥'),
  'at-most': bilingual('≤', '≤'),
  'less-than': bilingual('<', '<'),
  equal: bilingual('=', '='),
  'yes-no': bilingual('có/không', 'yes/no'),
};

/** What the product can compute for a commune and a window; the computing itself lives with the data. */
export interface ComputedSourceDefinition {
  nameVi: string;
  nameEn: string;
  unitVi: string;
  unitEn: string;
  /** The values the source can take; a threshold outside them is always or never met. */
  minimum: number;
  maximum: number;
}

export const COMPUTED_CRITERION_SOURCES = [
  'clearance-rate',
  'very-serious-clearance-rate',
  'crime-reports-handled-rate',
  'self-management-models',
  'flashpoints-formed',
  'incidents-change-vs-same-window',
] as const;
export type ComputedCriterionSource = (typeof COMPUTED_CRITERION_SOURCES)[number];

export const COMPUTED_SOURCE_DEFINITIONS: Readonly<
  Record<ComputedCriterionSource, ComputedSourceDefinition>
> = {
  'clearance-rate': {
    nameVi: 'Tỷ lệ án được điều tra, khám phá trong kỳ',
    nameEn: 'Share of crimes cleared in the window',
    unitVi: '%',
    unitEn: '%',
    minimum: 0,
    maximum: 100,
  },
  'very-serious-clearance-rate': {
    nameVi: 'Tỷ lệ án rất nghiêm trọng, đặc biệt nghiêm trọng được điều tra, khám phá',
    nameEn: 'Share of very serious and especially serious crimes cleared',
    unitVi: '%',
    unitEn: '%',
    minimum: 0,
    maximum: 100,
  },
  'crime-reports-handled-rate': {
    nameVi: 'Tỷ lệ tố giác, tin báo về tội phạm đã giải quyết trên số tiếp nhận',
    nameEn: 'Crime reports handled, as a share of those received',
    unitVi: '%',
    unitEn: '%',
    minimum: 0,
    maximum: 100,
  },
  'self-management-models': {
    nameVi: 'Số mô hình tự quản, tự phòng, tự bảo vệ, tự hòa giải xây dựng, củng cố',
    nameEn: 'Self-management security models built or strengthened',
    unitVi: 'mô hình',
    unitEn: 'models',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  },
  'flashpoints-formed': {
    nameVi: 'Số điểm nóng phát sinh trong kỳ',
    nameEn: 'Flashpoints formed in the window',
    unitVi: 'điểm',
    unitEn: 'flashpoints',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  },
  'incidents-change-vs-same-window': {
    nameVi: 'Tội phạm, tệ nạn xã hội tăng (+) / giảm (−) so với cùng kỳ',
    nameEn: 'Crime and social evils, change vs the same window last year',
    unitVi: '%',
    unitEn: '%',
    minimum: -100,
    maximum: Number.MAX_SAFE_INTEGER,
  },
};

export interface Criterion {
  /** Kebab-case, unique in the set. */
  code: string;
  nameVi: string;
  nameEn: string;
  kind: CriterionKind;
  /** Computed criteria only: what the value is computed from. */
  source?: ComputedCriterionSource;
  comparison: CriterionComparison;
  /** Every comparison but yes-no. */
  threshold?: number;
  unitVi?: string;
  unitEn?: string;
}

export interface CriteriaGroup {
  code: string;
  nameVi: string;
  nameEn: string;
  /** May be empty: "other criteria" the provincial police add during the year. */
  criteria: Criterion[];
}

export interface CriteriaSet {
  year: number;
  /** 1 for the first set of a year; each edit stores a new version, so past evaluations stay explainable. */
  version: number;
  groups: CriteriaGroup[];
  /** Where the criteria come from, e.g. "Kế hoạch 121/KH-BCĐ, mục III". */
  source?: string;
}

function computed(
  code: ComputedCriterionSource,
  nameVi: string,
  nameEn: string,
  comparison: CriterionComparison,
  threshold: number,
): Criterion {
  const { unitVi, unitEn } = COMPUTED_SOURCE_DEFINITIONS[code];
  return { code, nameVi, nameEn, kind: 'computed', source: code, comparison, threshold, unitVi, unitEn };
}

function enteredYesNo(code: string, nameVi: string, nameEn: string): Criterion {
  return { code, nameVi, nameEn, kind: 'entered', comparison: 'yes-no' };
}

/**
 * The published examples of domain.md's table as a year's first set. Thresholds seen in the plans:
 * clearance ≥ 80 %, ≥ 95 % for very serious and especially serious cases; crime reports 100 % handled;
 * re-offending < 15 %; ≥ 1 self-management model; 100 % of households reached; no flashpoint formed and
 * crime and social evils reduced vs cùng kỳ (the reduction's size is plan-specific: the seed asks for
 * any reduction, below 0 %); political system and community rules judged with evidence.
 */
export function defaultCriteriaSet(year: number): CriteriaSet {
  return {
    year,
    version: 1,
    source: 'domain.md: tiêu chí đã công bố / published examples',
    groups: [
      {
        code: 'organised-crime',
        nameVi: 'Tội phạm có tổ chức',
        nameEn: 'Organised crime',
        criteria: [
          enteredYesNo(
            'no-organised-crime',
            'Không để hình thành tội phạm có tổ chức, hoạt động kiểu "xã hội đen"',
            'No organised crime of the "xã hội đen" kind',
          ),
        ],
      },
      {
        code: 'clearance',
        nameVi: 'Điều tra, khám phá án',
        nameEn: 'Clearance of crimes',
        criteria: [
          computed(
            'clearance-rate',
            'Tỷ lệ điều tra, khám phá án',
            'Share of crimes cleared',
            'at-least',
            80,
          ),
          computed(
            'very-serious-clearance-rate',
            'Tỷ lệ điều tra, khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng',
            'Share of very serious and especially serious crimes cleared',
            'at-least',
            95,
          ),
        ],
      },
      {
        code: 'crime-reports',
        nameVi: 'Tố giác, tin báo về tội phạm',
        nameEn: 'Crime reports',
        criteria: [
          computed(
            'crime-reports-handled-rate',
            'Tiếp nhận, giải quyết tố giác, tin báo về tội phạm',
            'Crime reports and denunciations received and handled',
            'at-least',
            100,
          ),
        ],
      },
      {
        code: 'recidivism',
        nameVi: 'Tái phạm',
        nameEn: 'Re-offending',
        criteria: [
          {
            code: 'recidivism-rate',
            nameVi: 'Tỷ lệ tái phạm trong số người chấp hành xong án phạt tù, được đặc xá về địa phương',
            nameEn: 'Re-offending among residents released from prison or amnestied',
            kind: 'entered',
            comparison: 'less-than',
            threshold: 15,
            unitVi: '%',
            unitEn: '%',
          },
        ],
      },
      {
        code: 'self-management-model',
        nameVi: 'Mô hình tự quản',
        nameEn: 'Self-management models',
        criteria: [
          computed(
            'self-management-models',
            'Mô hình tự quản, tự phòng, tự bảo vệ, tự hòa giải hoạt động hiệu quả',
            'Effective self-management security models',
            'at-least',
            1,
          ),
        ],
      },
      {
        code: 'propaganda',
        nameVi: 'Tuyên truyền',
        nameEn: 'Propaganda',
        criteria: [
          {
            code: 'households-reached-rate',
            nameVi: 'Tỷ lệ hộ gia đình được tuyên truyền',
            nameEn: 'Share of households reached by propaganda',
            kind: 'entered',
            comparison: 'at-least',
            threshold: 100,
            unitVi: '%',
            unitEn: '%',
          },
        ],
      },
      {
        code: 'hot-spots',
        nameVi: 'Điểm nóng, tội phạm và tệ nạn xã hội',
        nameEn: 'Flashpoints, crime and social evils',
        criteria: [
          computed(
            'flashpoints-formed',
            'Không để phát sinh điểm nóng',
            'No flashpoint allowed to form',
            'equal',
            0,
          ),
          computed(
            'incidents-change-vs-same-window',
            'Tội phạm, tệ nạn xã hội giảm so với cùng kỳ',
            'Crime and social evils reduced vs the same window last year',
            'less-than',
            0,
          ),
        ],
      },
      {
        code: 'political-system',
        nameVi: 'Hệ thống chính trị, quy ước cộng đồng',
        nameEn: 'Political system and community rules',
        criteria: [
          enteredYesNo(
            'political-system-consolidated',
            'Hệ thống chính trị cơ sở được củng cố, hoạt động hiệu quả',
            'The local political system is consolidated and effective',
          ),
          enteredYesNo(
            'community-rules-effective',
            'Hương ước, quy ước cộng đồng được thực hiện hiệu quả',
            'Community rules are applied effectively',
          ),
        ],
      },
      { code: 'other', nameVi: 'Tiêu chí khác', nameEn: 'Other criteria', criteria: [] },
    ],
  };
}

/** The value of one criterion for one commune and window. */
export interface CriterionValue {
  /** A number for ≥ ≤ < =, a boolean for yes-no; null when there is none yet. */
  value: number | boolean | null;
  /** References to the evidence (an attached file's id, a document's number, a note); entered criteria need one. */
  evidence?: readonly string[];
  /**
   * The criterion does not apply this time and does not hold the commune back, e.g. a clearance rate with
   * no very serious case in the window (0 of 0 is no rate). The computing layer says so, or a planner with
   * evidence.
   */
  notApplicable?: boolean;
}

export type CriterionOutcome = 'met' | 'not-met' | 'missing' | 'not-applicable';

export interface CriterionResult {
  code: string;
  groupCode: string;
  outcome: CriterionOutcome;
  value: number | boolean | null;
  /** Why the outcome is "missing". */
  missingReason?: BilingualText;
}

/**
 * "achieved": every criterion met or not applicable; "not-achieved": at least one not met (whatever is
 * still missing cannot change that); "incomplete": none failed, some missing.
 */
export type CriteriaOverall = 'achieved' | 'not-achieved' | 'incomplete';

export interface CriteriaEvaluation {
  results: CriterionResult[];
  met: number;
  notMet: number;
  missing: number;
  notApplicable: number;
  overall: CriteriaOverall;
  /** overall === 'achieved'. */
  allMet: boolean;
}

/**
 * Rates computed from counts are not exact in binary (0.07 × 100 = 7.000000000000001): a comparison
 * allows a relative error of a billionth, far below any meaningful difference of a threshold.
 */
function tolerance(threshold: number): number {
  return 1e-9 * Math.max(1, Math.abs(threshold));
}

/** Whether a number meets the criterion (never called for yes-no). */
export function meetsThreshold(value: number, comparison: CriterionComparison, threshold: number): boolean {
  const slack = tolerance(threshold);
  switch (comparison) {
    case 'at-least':
      return value >= threshold - slack;
    case 'at-most':
      return value <= threshold + slack;
    case 'less-than':
      return value < threshold - slack;
    case 'equal':
      return Math.abs(value - threshold) <= slack;
    case 'yes-no':
      return false;
  }
}

function hasEvidence(value: CriterionValue): boolean {
  return (value.evidence ?? []).some(isNonBlankText);
}

function evaluateOne(
  criterion: Criterion,
  given: CriterionValue | undefined,
): Omit<CriterionResult, 'groupCode'> {
  const value = given?.value ?? null;
  const missing = (reason: BilingualText) => ({
    code: criterion.code,
    outcome: 'missing' as const,
    value,
    missingReason: reason,
  });
  if (given === undefined || (value === null && !given.notApplicable)) {
    return missing(bilingual('Chưa có số liệu', 'No value yet'));
  }
  if (criterion.kind === 'entered' && !hasEvidence(given)) {
    return missing(bilingual('Chưa có tài liệu chứng minh', 'No evidence yet'));
  }
  if (given.notApplicable) return { code: criterion.code, outcome: 'not-applicable', value };
  if (criterion.comparison === 'yes-no') {
    if (typeof value !== 'boolean')
      return missing(bilingual('Cần trả lời có hoặc không', 'Needs a yes or no'));
    return { code: criterion.code, outcome: value ? 'met' : 'not-met', value };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return missing(bilingual('Cần một con số', 'Needs a number'));
  }
  const met = meetsThreshold(value, criterion.comparison, criterion.threshold ?? 0);
  return { code: criterion.code, outcome: met ? 'met' : 'not-met', value };
}

/**
 * Each criterion of the set judged on the commune's values (by criterion code): met, not met, missing (no
 * value, a value of the wrong type, or an entered value without evidence) or not applicable; and the
 * overall result. Values of codes not in the set are ignored.
 */
export function evaluateCriteria(
  set: CriteriaSet,
  values: Readonly<Record<string, CriterionValue | undefined>>,
): CriteriaEvaluation {
  const results: CriterionResult[] = [];
  const counts: Record<CriterionOutcome, number> = { met: 0, 'not-met': 0, missing: 0, 'not-applicable': 0 };
  for (const group of set.groups) {
    for (const criterion of group.criteria) {
      const given = Object.hasOwn(values, criterion.code) ? values[criterion.code] : undefined;
      const result = { ...evaluateOne(criterion, given), groupCode: group.code };
      counts[result.outcome]++;
      results.push(result);
    }
  }
  const overall: CriteriaOverall =
    counts['not-met'] > 0 ? 'not-achieved' : counts.missing > 0 ? 'incomplete' : 'achieved';
  return {
    results,
    met: counts.met,
    notMet: counts['not-met'],
    missing: counts.missing,
    notApplicable: counts['not-applicable'],
    overall,
    allMet: overall === 'achieved',
  };
}

/** Every reason the set cannot be stored, in both languages; empty when it can. */
export function criteriaSetProblems(set: CriteriaSet): BilingualText[] {
  const problems: BilingualText[] = [];
  if (!isWholeNumberBetween(set.year, EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR)) {
    problems.push(
      bilingual(
        `Năm của bộ tiêu chí phải từ ${EARLIEST_PROGRAMME_YEAR} đến ${LATEST_PROGRAMME_YEAR}: ${set.year}`,
        `The criteria set's year must be from ${EARLIEST_PROGRAMME_YEAR} to ${LATEST_PROGRAMME_YEAR}: ${set.year}`,
      ),
    );
  }
  if (!isWholeNumberBetween(set.version, 1, Number.MAX_SAFE_INTEGER)) {
    problems.push(
      bilingual(
        `Phiên bản bộ tiêu chí phải là số nguyên dương: ${set.version}`,
        `The criteria set's version must be a positive whole number: ${set.version}`,
      ),
    );
  }
  const groupCodes = new Set<string>();
  const criterionCodes = new Set<string>();
  for (const group of set.groups) {
    if (!isCode(group.code)) problems.push(invalidCode('nhóm', 'group', group.code));
    else if (groupCodes.has(group.code)) problems.push(duplicateCode('nhóm', 'group', group.code));
    groupCodes.add(group.code);
    if (!isNonBlankText(group.nameVi) || !isNonBlankText(group.nameEn)) {
      problems.push(
        bilingual(
          `Nhóm "${group.code}" cần tên tiếng Việt và tiếng Anh`,
          `The group "${group.code}" needs a Vietnamese and an English name`,
        ),
      );
    }
    for (const criterion of group.criteria) {
      if (!isCode(criterion.code)) problems.push(invalidCode('tiêu chí', 'criterion', criterion.code));
      else if (criterionCodes.has(criterion.code))
        problems.push(duplicateCode('tiêu chí', 'criterion', criterion.code));
      criterionCodes.add(criterion.code);
      problems.push(...criterionProblems(criterion));
    }
  }
  if (criterionCodes.size === 0) {
    problems.push(
      bilingual('Bộ tiêu chí cần ít nhất một tiêu chí', 'The criteria set needs at least one criterion'),
    );
  }
  return problems;
}

/** Throws the set's problems as one BilingualError. */
export function assertValidCriteriaSet(set: CriteriaSet): void {
  throwIfProblems(criteriaSetProblems(set));
}

function criterionProblems(criterion: Criterion): BilingualText[] {
  const problems: BilingualText[] = [];
  const label = `"${criterion.code}"`;
  if (!isNonBlankText(criterion.nameVi) || !isNonBlankText(criterion.nameEn)) {
    problems.push(
      bilingual(
        `Tiêu chí ${label} cần tên tiếng Việt và tiếng Anh`,
        `The criterion ${label} needs a Vietnamese and an English name`,
      ),
    );
  }
  if (!(CRITERION_KINDS as readonly string[]).includes(criterion.kind)) {
    problems.push(
      bilingual(
        `Tiêu chí ${label}: loại "${criterion.kind}" không có; chỉ có "computed" (tính từ dữ liệu) hoặc "entered" (nhập, kèm tài liệu)`,
        `The criterion ${label}: there is no kind "${criterion.kind}"; only "computed" or "entered"`,
      ),
    );
  }
  if (!(CRITERION_COMPARISONS as readonly string[]).includes(criterion.comparison)) {
    problems.push(
      bilingual(
        `Tiêu chí ${label}: phép so sánh "${criterion.comparison}" không có; các phép: ${CRITERION_COMPARISONS.join(', ')}`,
        `The criterion ${label}: there is no comparison "${criterion.comparison}"; the comparisons: ${CRITERION_COMPARISONS.join(', ')}`,
      ),
    );
    return problems;
  }
  const source = criterion.source;
  if (criterion.kind === 'computed') {
    if (source === undefined || !(COMPUTED_CRITERION_SOURCES as readonly string[]).includes(source)) {
      problems.push(
        bilingual(
          `Tiêu chí tính từ dữ liệu ${label} cần nguồn số liệu, một trong: ${COMPUTED_CRITERION_SOURCES.join(', ')}`,
          `The computed criterion ${label} needs a source, one of: ${COMPUTED_CRITERION_SOURCES.join(', ')}`,
        ),
      );
    } else if (criterion.comparison === 'yes-no') {
      problems.push(
        bilingual(
          `Tiêu chí ${label} tính từ số liệu nên cần so sánh với một ngưỡng, không phải có/không`,
          `The criterion ${label} is computed from a figure, so it needs a threshold, not yes/no`,
        ),
      );
    }
  } else if (criterion.kind === 'entered' && source !== undefined) {
    problems.push(
      bilingual(
        `Tiêu chí nhập tay ${label} không có nguồn số liệu tự tính`,
        `The entered criterion ${label} has no computed source`,
      ),
    );
  }
  if (criterion.comparison === 'yes-no') {
    if (criterion.threshold !== undefined) {
      problems.push(
        bilingual(
          `Tiêu chí có/không ${label} không có ngưỡng`,
          `The yes/no criterion ${label} takes no threshold`,
        ),
      );
    }
    return problems;
  }
  const { threshold } = criterion;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    problems.push(
      bilingual(
        `Tiêu chí ${label} cần ngưỡng là một số`,
        `The criterion ${label} needs a number as threshold`,
      ),
    );
    return problems;
  }
  const definition =
    criterion.kind === 'computed' && source ? COMPUTED_SOURCE_DEFINITIONS[source] : undefined;
  if (definition && (threshold < definition.minimum || threshold > definition.maximum)) {
    problems.push(
      bilingual(
        `Ngưỡng ${threshold} của tiêu chí ${label} nằm ngoài giá trị có thể của "${definition.nameVi}" (${definition.minimum} đến ${definition.maximum})`,
        `The threshold ${threshold} of ${label} is outside the values "${definition.nameEn}" can take (${definition.minimum} to ${definition.maximum})`,
      ),
    );
  }
  return problems;
}

function invalidCode(nameVi: string, nameEn: string, code: string): BilingualText {
  return bilingual(
    `Mã ${nameVi} "${code}" không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang`,
    `Invalid ${nameEn} code "${code}": lower-case letters, digits and hyphens only`,
  );
}

function duplicateCode(nameVi: string, nameEn: string, code: string): BilingualText {
  return bilingual(`Mã ${nameVi} "${code}" bị trùng`, `The ${nameEn} code "${code}" is used twice`);
}

/**
 * Why values sent for a set cannot be stored, or an empty list: each code is a criterion of the set, a
 * yes-no value is a boolean, any other a finite number, evidence a list of texts.
 */
export function criterionValuesProblems(
  set: CriteriaSet,
  values: Readonly<Record<string, CriterionValue>>,
): BilingualText[] {
  const criteria = new Map<string, Criterion>();
  for (const group of set.groups)
    for (const criterion of group.criteria) criteria.set(criterion.code, criterion);
  const problems: BilingualText[] = [];
  for (const [code, given] of Object.entries(values)) {
    const criterion = criteria.get(code);
    if (!criterion) {
      problems.push(
        bilingual(
          `Bộ tiêu chí năm ${set.year} không có tiêu chí "${code}"`,
          `The ${set.year} criteria set has no criterion "${code}"`,
        ),
      );
      continue;
    }
    const { value } = given;
    const yesNo = criterion.comparison === 'yes-no';
    const fits =
      value === null ||
      (yesNo ? typeof value === 'boolean' : typeof value === 'number' && Number.isFinite(value));
    if (!fits) {
      problems.push(
        yesNo
          ? bilingual(
              `Tiêu chí "${code}" cần trả lời có hoặc không`,
              `The criterion "${code}" needs a yes or no`,
            )
          : bilingual(`Tiêu chí "${code}" cần một con số`, `The criterion "${code}" needs a number`),
      );
    }
    if (
      given.evidence !== undefined &&
      (!Array.isArray(given.evidence) || !given.evidence.every((item) => typeof item === 'string'))
    ) {
      problems.push(
        bilingual(
          `Tài liệu chứng minh của tiêu chí "${code}" phải là danh sách văn bản`,
          `The evidence of the criterion "${code}" must be a list of texts`,
        ),
      );
    }
  }
  return problems;
}
