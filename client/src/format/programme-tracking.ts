import { formatVietnameseDate, todayInVietnam } from '@domain/dates/calendar-date';
import { COMPARISON_SYMBOLS, type CriterionComparison } from '@domain/programme/criteria';
import type { CycleStatus } from '@domain/programme/cycle-status';
import { parseVietnameseDate } from './date-time';

/**
 * The tracking part of the programme dashboard: the communes at risk, the year by area type (the
 * designations of kind "area-type", several per commune), the criteria values and thresholds as text, and
 * the checks of a planner's step form.
 */

interface TrackedCommune {
  role: 'year' | 'monitoring';
  status: CycleStatus | null;
  unit: { code: string; name: string };
  areaTypes: readonly string[];
  risk: { atRisk: boolean; reasons: readonly unknown[] };
}

/** The communes with a risk flag, the most reasons first, then by name. */
export function atRiskCommunes<Commune extends TrackedCommune>(communes: readonly Commune[]): Commune[] {
  const collator = new Intl.Collator('vi');
  return communes
    .filter((commune) => commune.risk.atRisk)
    .sort(
      (first, second) =>
        second.risk.reasons.length - first.risk.reasons.length ||
        collator.compare(first.unit.name, second.unit.name),
    );
}

export interface AreaTypeRow {
  /** "1"–"4"; null: communes without an area type that year. */
  areaType: string | null;
  communes: number;
  selected: number;
  assessed: number;
  achieved: number;
  /** Null when nothing is assessed. */
  achievedPct: number | null;
  atRisk: number;
}

const ACHIEVED: readonly (CycleStatus | null)[] = [
  'assessed-achieved',
  'monitoring',
  'sustained',
  'relapsed',
];
const NOT_SELECTED: readonly (CycleStatus | null)[] = [null, 'proposed'];

/**
 * The year's cycles by area type: a commune of two types counts in both. "Đạt" is a status at or after
 * "assessed-achieved"; assessed adds "chưa đạt". Only the cycles of the year, not the communes watched.
 */
export function areaTypeBreakdown(communes: readonly TrackedCommune[]): AreaTypeRow[] {
  const rows = new Map<string | null, AreaTypeRow>();
  for (const commune of communes) {
    if (commune.role !== 'year') continue;
    const types = commune.areaTypes.length > 0 ? commune.areaTypes : [null];
    for (const areaType of types) {
      let row = rows.get(areaType);
      if (!row) {
        row = { areaType, communes: 0, selected: 0, assessed: 0, achieved: 0, achievedPct: null, atRisk: 0 };
        rows.set(areaType, row);
      }
      row.communes++;
      if (commune.risk.atRisk) row.atRisk++;
      if (NOT_SELECTED.includes(commune.status)) continue;
      row.selected++;
      if (ACHIEVED.includes(commune.status)) {
        row.achieved++;
        row.assessed++;
      } else if (commune.status === 'assessed-not-achieved') {
        row.assessed++;
      }
    }
  }
  for (const row of rows.values())
    row.achievedPct = row.assessed === 0 ? null : (row.achieved / row.assessed) * 100;
  return [...rows.values()].sort((first, second) =>
    first.areaType === null
      ? 1
      : second.areaType === null
        ? -1
        : first.areaType.localeCompare(second.areaType),
  );
}

interface CriterionText {
  comparison: string;
  threshold: number | null;
  unitVi: string | null;
  unitEn: string | null;
  value: number | boolean | null;
}

function number(value: number, localeTag: string): string {
  return new Intl.NumberFormat(localeTag, { maximumFractionDigits: 1 }).format(value);
}

function withUnit(text: string, unit: string | null): string {
  if (!unit) return text;
  return unit === '%' ? `${text} %` : `${text} ${unit}`;
}

/** A criterion's value as text: a number with its unit, có/không, or "—" when there is none. */
export function criterionValueText(
  criterion: CriterionText,
  language: 'vi' | 'en',
  localeTag: string,
): string {
  const { value } = criterion;
  if (value === null) return '—';
  if (typeof value === 'boolean') return language === 'vi' ? (value ? 'có' : 'không') : value ? 'yes' : 'no';
  return withUnit(number(value, localeTag), language === 'vi' ? criterion.unitVi : criterion.unitEn);
}

/** The threshold as text: "≥ 80 %", "= 0 điểm", or "có/không". */
export function thresholdText(criterion: CriterionText, language: 'vi' | 'en', localeTag: string): string {
  const symbol =
    COMPARISON_SYMBOLS[criterion.comparison as CriterionComparison]?.[language] ?? criterion.comparison;
  if (criterion.threshold === null) return symbol;
  const unit = language === 'vi' ? criterion.unitVi : criterion.unitEn;
  return `${symbol} ${withUnit(number(criterion.threshold, localeTag), unit)}`;
}

export interface StepForm {
  status: string;
  /** dd/mm/yyyy as typed. */
  date: string;
  decisionId: number | null;
  reason: string;
}

export type StepProblem = 'status' | 'date' | 'decision' | 'reason';

/**
 * What the form must fix before it is sent, or the step to send: a status among the next ones, a date
 * dd/mm/yyyy not after today, the decision when the step needs one, a reason for a relapse.
 */
export function checkStepForm(
  form: StepForm,
  next: readonly { code: CycleStatus; decision: string | null }[],
  today: string,
):
  | { problem: StepProblem }
  | { step: { status: CycleStatus; date: string; decisionId?: number; reason?: string } } {
  const chosen = next.find((entry) => entry.code === form.status);
  if (!chosen) return { problem: 'status' };
  const date = parseVietnameseDate(form.date);
  if (!date || date > today) return { problem: 'date' };
  if (chosen.decision && form.decisionId === null) return { problem: 'decision' };
  const reason = form.reason.trim();
  if (chosen.code === 'relapsed' && reason === '') return { problem: 'reason' };
  return {
    step: {
      status: chosen.code,
      date,
      ...(form.decisionId !== null && chosen.decision ? { decisionId: form.decisionId } : {}),
      ...(reason ? { reason } : {}),
    },
  };
}

export interface CriterionEntryForm {
  /** Yes-no criteria: the answer chosen, null before one is. */
  answer: boolean | null;
  /** Other criteria: the number as typed, a comma or a point before the decimals. */
  number: string;
  notApplicable: boolean;
  /** One evidence reference a line, as typed. */
  evidence: string;
  note: string;
}

export type CriterionEntryProblem = 'answer' | 'number' | 'evidence';

/** "12,5" or "12.5" → 12.5; null unless it is one finite number (no thousands separators). */
export function parseEnteredNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (!/^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/**
 * What the entry form must fix before it is sent, or the entry to send: an answer (yes-no criteria) or a
 * number (the others) unless the criterion does not apply, and at least one evidence reference (non-blank
 * lines, trimmed).
 */
export function checkCriterionEntryForm(
  form: CriterionEntryForm,
  comparison: string,
):
  | { problem: CriterionEntryProblem }
  | { entry: { value: number | boolean | null; notApplicable: boolean; evidence: string[]; note?: string } } {
  let value: number | boolean | null = null;
  if (!form.notApplicable) {
    if (comparison === 'yes-no') {
      if (form.answer === null) return { problem: 'answer' };
      value = form.answer;
    } else {
      value = parseEnteredNumber(form.number);
      if (value === null) return { problem: 'number' };
    }
  }
  const evidence = form.evidence
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (evidence.length === 0) return { problem: 'evidence' };
  const note = form.note.trim();
  return { entry: { value, notApplicable: form.notApplicable, evidence, ...(note ? { note } : {}) } };
}

/** The day of an instant in Vietnam, dd/mm/yyyy: when an entry was made. */
export function enteredOn(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : formatVietnameseDate(todayInVietnam(date));
}
