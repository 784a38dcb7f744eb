import type { Context } from 'hono';
import { z } from 'zod';
import { type EraRecord, erasValidOn } from '../db/queries/eras';
import {
  type CycleRow,
  type DesignationRow,
  domainTransition,
  type StoredTransition,
} from '../db/queries/programme-cycles';
import { findUnit, type UnitRecord } from '../db/queries/units';
import { scopeCovers } from '../domain/access/scope';
import { type BilingualText, bilingual } from '../domain/bilingual';
import {
  CYCLE_STATUS_NAMES,
  CYCLE_TRANSITIONS,
  type CycleStatus,
  REQUIRED_DECISION,
  replayCycleHistory,
} from '../domain/programme/cycle-status';
import { EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR } from '../domain/programme/programme-year';
import { type AppEnv, accountOf, outOfScope } from './access';
import { ApiError, notFound } from './api-error';
import { type AppContext, requireEra } from './context';
import { EXPECTATIONS, wholeNumberParameter } from './query-validation';
import { invalidInput } from './record-helpers';

/** What the programme's routes share: years, eras and communes checked against the account's area. */

export const yearParameter = wholeNumberParameter(EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR);
/** In a JSON body, a year is a number. */
export const yearField = z.number().int().min(EARLIEST_PROGRAMME_YEAR).max(LATEST_PROGRAMME_YEAR);
export const eraField = z.string().trim().min(1).max(64);
export const unitField = z.string().trim().min(1).max(64);
export const dateField = z.string().trim().min(1).max(20);

const YEARS = `${EARLIEST_PROGRAMME_YEAR}–${LATEST_PROGRAMME_YEAR}`;

export const PROGRAMME_EXPECTATIONS = {
  ...EXPECTATIONS,
  '': bilingual('chỉ các trường đã mô tả trong API', 'only the fields the API describes'),
  year: bilingual(`một năm từ ${YEARS}`, `a year from ${YEARS}`),
  since: bilingual(`một năm từ ${YEARS}`, `a year from ${YEARS}`),
  unit: bilingual('mã xã', 'a commune code'),
  date: bilingual('một ngày dạng YYYY-MM-DD', 'a date as YYYY-MM-DD'),
  status: bilingual('một mã trạng thái của chu kỳ', 'a cycle status code'),
  decisionId: bilingual('số (id) của một quyết định đã lưu', 'the id of a stored decision'),
  reason: bilingual('lý do, tối đa 2000 ký tự', 'a reason of at most 2000 characters'),
  kind: bilingual('một loại đã định nghĩa', 'a defined kind'),
  level: bilingual('một mức của loại đó', 'a level of that kind'),
  reference: bilingual(
    'văn bản căn cứ, tối đa 200 ký tự',
    'the document it rests on, at most 200 characters',
  ),
  note: bilingual('ghi chú, tối đa 2000 ký tự', 'a note of at most 2000 characters'),
} satisfies Record<string, BilingualText>;

/** The year in a path, checked. */
export function pathYear(c: Context<AppEnv>): number {
  const text = c.req.param('year') ?? '';
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= EARLIEST_PROGRAMME_YEAR && year <= LATEST_PROGRAMME_YEAR)) {
    throw invalidInput(
      bilingual(
        `Năm "${text}" không hợp lệ: cần một năm từ ${YEARS}`,
        `Invalid year "${text}": expected a year from ${YEARS}`,
      ),
    );
  }
  return year;
}

/**
 * The era named, else the one in force on `date` (a cycle of 2021 lies on the communes of 2021), else the
 * one in force today.
 */
export function eraOn(context: AppContext, label: string | undefined, date: string): EraRecord {
  if (label) return requireEra(context, label);
  return erasValidOn(context.database, date)[0] ?? requireEra(context, undefined);
}

/** The era's commune of that code, in the account's area: 404 when there is none, 403 (audited) outside. */
export function requireCommune(
  c: Context<AppEnv>,
  context: AppContext,
  era: EraRecord,
  code: string,
  target: string,
): UnitRecord {
  const unit = findUnit(context.database, [era.id], 'commune', code);
  if (!unit) {
    throw notFound(
      bilingual(
        `Không có xã mã "${code}" trong thời kỳ "${era.label}"`,
        `There is no commune with code "${code}" in era "${era.label}"`,
      ),
    );
  }
  if (!scopeCovers(accountOf(c).scope, unit)) throw outOfScope(c, context, target);
  return unit;
}

/** A stored row (cycle, designation) whose commune lies outside the account's area: 403, audited. */
export function requireRowInScope(
  c: Context<AppEnv>,
  context: AppContext,
  row: CycleRow | DesignationRow,
  target: string,
): void {
  const unit = {
    level: 'commune',
    code: row.unitCode,
    provinceCode: row.provinceCode,
    provinceName: row.provinceName,
  };
  if (!scopeCovers(accountOf(c).scope, unit)) throw outOfScope(c, context, target);
}

export function conflict(text: BilingualText): ApiError {
  return new ApiError(409, 'conflict', text);
}

/** The commune a cycle or designation is about, as the answers give it. */
export function communeView(row: CycleRow | DesignationRow) {
  return {
    id: row.unitId,
    code: row.unitCode,
    name: row.unitName,
    fullName: row.unitFullName,
    district: row.districtName,
    province: row.provinceName,
  };
}

function statusView(status: CycleStatus) {
  return {
    code: status,
    name: CYCLE_STATUS_NAMES[status],
    decision: REQUIRED_DECISION[status] ?? null,
  };
}

/**
 * A cycle as the API answers it: its current status replayed from its history (never stored), the
 * statuses it may move to next and the decision each needs, and the history itself.
 */
export function cycleView(
  row: CycleRow,
  transitions: readonly StoredTransition[],
  today: string,
  carryOver: boolean,
) {
  const replay = replayCycleHistory(row.year, transitions.map(domainTransition), today);
  const status = replay.status;
  return {
    id: row.id,
    year: row.year,
    era: row.eraLabel,
    unit: communeView(row),
    status,
    statusName: status ? CYCLE_STATUS_NAMES[status] : null,
    since: replay.since,
    nextStatuses: status ? CYCLE_TRANSITIONS[status].map(statusView) : [],
    /** The commune's cycle of the year before was recognised "chưa đạt". */
    carryOver,
    history: transitions.map((transition) => ({
      status: transition.status,
      statusName: CYCLE_STATUS_NAMES[transition.status] ?? null,
      date: transition.date,
      decision: transition.decision,
      reason: transition.reason,
      actor: transition.actor,
      recordedAt: transition.recordedAt,
    })),
    /** A stored step the rules refuse (data written around the API); null normally. */
    problem: replay.illegalStep?.problem ?? null,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}
