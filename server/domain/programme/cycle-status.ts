import { type BilingualText, bilingual } from '../bilingual';
import { formatVietnameseDate, isIsoDate } from '../dates/calendar-date';
import { checkStatusDate } from '../records/status-change';
import { isNonBlankText, isWholeNumberBetween, throwIfProblems } from './problems';
import { EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR } from './programme-year';

/**
 * The yearly cycle of one commune in the transformation programme (domain.md, "Workflow of one year"):
 * proposed ("đề xuất") → selected by the committee's decision ("quyết định phê duyệt danh sách") → in
 * progress → half-year review ("sơ kết 6 tháng") → assessed by the recognition decision ("quyết định công
 * nhận"): achieved ("đạt") or not achieved ("chưa đạt", usually selected again next year as a carry-over)
 * → monitoring ("theo dõi") → sustained, or relapsed ("tái phức tạp", with a date and a reason). A removal
 * decision may take a commune off the list ("hoặc đưa ra khỏi danh sách") instead of recognising it, or
 * off the watch afterwards.
 *
 * One cycle per commune per year; its history is the list of transitions, oldest first, each dated. A
 * cycle of year Y lives on after Y: its recognition comes in Q1–Q2 of Y+1 and its monitoring, and any
 * relapse, in later years.
 */

export const CYCLE_STATUSES = [
  'proposed',
  'selected',
  'in-progress',
  'half-year-review',
  'assessed-achieved',
  'assessed-not-achieved',
  'monitoring',
  'sustained',
  'relapsed',
  'removed',
] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const CYCLE_STATUS_NAMES: Readonly<Record<CycleStatus, BilingualText>> = {
  proposed: bilingual('Đề xuất', 'Proposed'),
  selected: bilingual('Được lựa chọn chuyển hóa', 'Selected'),
  'in-progress': bilingual('Đang thực hiện chuyển hóa', 'In progress'),
  'half-year-review': bilingual('Đã sơ kết 6 tháng', 'Half-year review done'),
  'assessed-achieved': bilingual('Chuyển hóa đạt', 'Assessed: achieved'),
  'assessed-not-achieved': bilingual('Chuyển hóa chưa đạt', 'Assessed: not achieved'),
  monitoring: bilingual('Đang theo dõi sau chuyển hóa', 'Monitoring'),
  sustained: bilingual('Giữ vững kết quả chuyển hóa', 'Sustained'),
  relapsed: bilingual('Tái phức tạp', 'Relapsed'),
  removed: bilingual('Đưa ra khỏi danh sách', 'Removed from the list'),
};

/**
 * The statuses each status may move to. No step is skipped: the list is decided before work starts, and
 * the recognition follows the reviews. "Sustained" marks the end of the plan's monitoring period (domain.md:
 * "e.g. for 6–12 months or more"); it may still turn into a relapse, because the 85 % target counts every
 * commune already transformed, not only those still formally watched. "Chưa đạt", relapsed and removed
 * end the cycle; a commune that needs the programme again gets a new cycle in a later year.
 */
export const CYCLE_TRANSITIONS: Readonly<Record<CycleStatus, readonly CycleStatus[]>> = {
  proposed: ['selected'],
  selected: ['in-progress', 'removed'],
  'in-progress': ['half-year-review', 'removed'],
  'half-year-review': ['assessed-achieved', 'assessed-not-achieved', 'removed'],
  'assessed-achieved': ['monitoring'],
  'assessed-not-achieved': [],
  monitoring: ['sustained', 'relapsed', 'removed'],
  sustained: ['relapsed', 'removed'],
  relapsed: [],
  removed: [],
};

/**
 * A cycle starts as a proposal, or as selected when only the approving decision is on record (lists of
 * earlier years are known from their decisions, e.g. QĐ 93/QĐ-BCĐ of 14/5/2021 with 16 communes).
 */
export const INITIAL_CYCLE_STATUSES: readonly CycleStatus[] = ['proposed', 'selected'];

/** The kinds of the committee's decisions (domain.md, workflow steps 3 and 6). */
export const DECISION_KINDS = ['selection', 'recognition', 'removal'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_KIND_NAMES: Readonly<Record<DecisionKind, BilingualText>> = {
  selection: bilingual('Quyết định phê duyệt danh sách', 'Selection decision'),
  recognition: bilingual('Quyết định công nhận', 'Recognition decision'),
  removal: bilingual('Quyết định đưa ra khỏi danh sách', 'Removal decision'),
};

/** The decision each status needs; the others may carry one as a reference but need none. */
export const REQUIRED_DECISION: Readonly<Partial<Record<CycleStatus, DecisionKind>>> = {
  selected: 'selection',
  'assessed-achieved': 'recognition',
  'assessed-not-achieved': 'recognition',
  removed: 'removal',
};

/** The decision a transition rests on, as much of it as the rules need. */
export interface DecisionReference {
  /** The stored decision, once there is one. */
  id?: number;
  kind: DecisionKind;
  /** As written on the decision, e.g. "93/QĐ-BCĐ". */
  number: string;
  /** YYYY-MM-DD: the day it was signed. */
  date: string;
}

export interface CycleTransition {
  status: CycleStatus;
  /** YYYY-MM-DD: the day the status took effect. */
  date: string;
  decision?: DecisionReference;
  /** Why: required for a relapse (what became complex again), optional elsewhere. */
  reason?: string;
}

/** One commune's cycle of one programme year. */
export interface ProgrammeCycle {
  id?: number;
  /** The commune (the stored unit's id). */
  unitId: number;
  year: number;
  /** Oldest first. */
  transitions: CycleTransition[];
}

/** Where a cycle stands, for judging its next step. */
export interface CurrentCycleStatus {
  status: CycleStatus;
  /** YYYY-MM-DD. */
  since: string;
}

/** Longest reason kept: a few sentences, not a report (reports are attached as files). */
export const MAXIMUM_REASON_LENGTH = 2000;

export function isCycleStatus(value: unknown): value is CycleStatus {
  return typeof value === 'string' && (CYCLE_STATUSES as readonly string[]).includes(value);
}

function describeStatuses(statuses: readonly CycleStatus[]): BilingualText {
  if (statuses.length === 0) return bilingual('không có trạng thái nào', 'no status');
  return bilingual(
    statuses.map((status) => `"${CYCLE_STATUS_NAMES[status].vi}" (${status})`).join(', '),
    statuses.map((status) => `"${CYCLE_STATUS_NAMES[status].en}" (${status})`).join(', '),
  );
}

/**
 * Why a cycle of `year` cannot take this step, or null when it can. `current` is null for the first step.
 * The step must be an allowed transition, dated on a real day not before the current status's and not
 * after `today` (Vietnam time, as the caller gives it), nor before 1 January of the year before the
 * cycle's (proposals for year Y are made in Y−1 at the earliest); it must carry the decision its status
 * needs, of the right kind and signed on or before the step; a relapse needs its reason.
 */
export function checkCycleTransition(
  year: number,
  current: CurrentCycleStatus | null,
  transition: CycleTransition,
  today: string,
): BilingualText | null {
  if (!isWholeNumberBetween(year, EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR)) {
    return bilingual(
      `Năm chuyển hóa ${year} không hợp lệ (từ ${EARLIEST_PROGRAMME_YEAR} đến ${LATEST_PROGRAMME_YEAR})`,
      `Invalid programme year ${year} (from ${EARLIEST_PROGRAMME_YEAR} to ${LATEST_PROGRAMME_YEAR})`,
    );
  }
  const { status } = transition;
  if (!isCycleStatus(status)) {
    const every = describeStatuses(CYCLE_STATUSES);
    return bilingual(
      `Không có trạng thái "${status}"; các trạng thái: ${every.vi}`,
      `There is no status "${status}"; the statuses are: ${every.en}`,
    );
  }
  const to = CYCLE_STATUS_NAMES[status];
  if (current === null) {
    if (!INITIAL_CYCLE_STATUSES.includes(status)) {
      const allowed = describeStatuses(INITIAL_CYCLE_STATUSES);
      return bilingual(
        `Chu kỳ chuyển hóa không thể bắt đầu với trạng thái "${to.vi}"; chỉ được: ${allowed.vi}`,
        `A cycle cannot start as "${to.en}"; allowed: ${allowed.en}`,
      );
    }
  } else {
    const allowed = CYCLE_TRANSITIONS[current.status];
    if (!allowed.includes(status)) {
      const from = CYCLE_STATUS_NAMES[current.status];
      const next = describeStatuses(allowed);
      return status === current.status
        ? bilingual(`Trạng thái đã là "${from.vi}"`, `The status is already "${from.en}"`)
        : bilingual(
            `Không thể chuyển từ "${from.vi}" sang "${to.vi}"; từ "${from.vi}" chỉ chuyển được sang: ${next.vi}`,
            `Cannot change from "${from.en}" to "${to.en}"; from "${from.en}" the status can only become: ${next.en}`,
          );
    }
  }
  const dateProblem = checkStatusDate(transition.date, today, current?.since);
  if (dateProblem) return dateProblem;
  const earliest = `${year - 1}-01-01`;
  if (transition.date < earliest) {
    return bilingual(
      `Ngày ${formatVietnameseDate(transition.date)} quá sớm cho chu kỳ năm ${year} (sớm nhất ${formatVietnameseDate(earliest)})`,
      `The date ${transition.date} is too early for the ${year} cycle (earliest ${earliest})`,
    );
  }
  const decisionProblem = checkDecision(transition, to);
  if (decisionProblem) return decisionProblem;
  if (transition.reason !== undefined && transition.reason.length > MAXIMUM_REASON_LENGTH) {
    return bilingual(
      `Lý do dài quá ${MAXIMUM_REASON_LENGTH} ký tự; hãy đính kèm văn bản thay vì chép vào`,
      `The reason is longer than ${MAXIMUM_REASON_LENGTH} characters; attach the document instead`,
    );
  }
  if (status === 'relapsed' && !isNonBlankText(transition.reason)) {
    return bilingual(
      'Cần ghi lý do tái phức tạp (tình hình nào phức tạp trở lại)',
      'A relapse needs its reason (what became complex again)',
    );
  }
  return null;
}

function checkDecision(transition: CycleTransition, to: BilingualText): BilingualText | null {
  const required = REQUIRED_DECISION[transition.status];
  const { decision } = transition;
  if (decision === undefined) {
    if (required === undefined) return null;
    const name = DECISION_KIND_NAMES[required];
    return bilingual(
      `Chuyển sang "${to.vi}" cần ${name.vi.toLowerCase()} (số, ngày)`,
      `Changing to "${to.en}" needs a ${name.en.toLowerCase()} (number and date)`,
    );
  }
  if (!(DECISION_KINDS as readonly string[]).includes(decision.kind)) {
    return bilingual(
      `Không có loại quyết định "${decision.kind}"`,
      `There is no decision kind "${decision.kind}"`,
    );
  }
  if (required !== undefined && decision.kind !== required) {
    const given = DECISION_KIND_NAMES[decision.kind];
    return bilingual(
      `Chuyển sang "${to.vi}" cần ${DECISION_KIND_NAMES[required].vi.toLowerCase()}, không phải ${given.vi.toLowerCase()}`,
      `Changing to "${to.en}" needs a ${DECISION_KIND_NAMES[required].en.toLowerCase()}, not a ${given.en.toLowerCase()}`,
    );
  }
  if (!isNonBlankText(decision.number)) {
    return bilingual(
      'Quyết định cần có số, ví dụ "93/QĐ-BCĐ"',
      'The decision needs its number, e.g. "93/QĐ-BCĐ"',
    );
  }
  if (!isIsoDate(decision.date)) {
    return bilingual(
      `Ngày ký quyết định "${decision.date}" không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD`,
      `Invalid decision date "${decision.date}": expected a real date as YYYY-MM-DD`,
    );
  }
  if (decision.date > transition.date) {
    return bilingual(
      `Quyết định ${decision.number} ký ngày ${formatVietnameseDate(decision.date)}, sau ngày chuyển trạng thái ${formatVietnameseDate(transition.date)}`,
      `Decision ${decision.number} was signed on ${decision.date}, after the status date ${transition.date}`,
    );
  }
  return null;
}

/** A history played from its first step: where it stands after the legal steps, and the first illegal one. */
export interface CycleReplay {
  /** The status after the last legal step; null when not even the first one is legal. */
  status: CycleStatus | null;
  since: string | null;
  /** How many steps, from the first, are legal. */
  legalSteps: number;
  /** The first illegal step (its index in the history) and why; later steps are not judged. */
  illegalStep: { index: number; problem: BilingualText } | null;
}

/** Plays a cycle's history step by step with checkCycleTransition and reports the first illegal step. */
export function replayCycleHistory(
  year: number,
  transitions: readonly CycleTransition[],
  today: string,
): CycleReplay {
  if (transitions.length === 0) {
    return {
      status: null,
      since: null,
      legalSteps: 0,
      illegalStep: {
        index: 0,
        problem: bilingual('Chu kỳ chưa có trạng thái nào', 'The cycle has no status yet'),
      },
    };
  }
  let current: CurrentCycleStatus | null = null;
  for (let index = 0; index < transitions.length; index++) {
    const transition = transitions[index] as CycleTransition;
    const problem = checkCycleTransition(year, current, transition, today);
    if (problem) {
      const step = index + 1;
      return {
        status: current?.status ?? null,
        since: current?.since ?? null,
        legalSteps: index,
        illegalStep: {
          index,
          problem: bilingual(`Bước ${step}: ${problem.vi}`, `Step ${step}: ${problem.en}`),
        },
      };
    }
    current = { status: transition.status, since: transition.date };
  }
  const last = current as CurrentCycleStatus;
  return { status: last.status, since: last.since, legalSteps: transitions.length, illegalStep: null };
}

/** Throws a BilingualError when the cycle's history has an illegal step. */
export function assertValidCycleHistory(cycle: ProgrammeCycle, today: string): void {
  const replay = replayCycleHistory(cycle.year, cycle.transitions, today);
  if (replay.illegalStep) throwIfProblems([replay.illegalStep.problem]);
}

/** The date a cycle first reached a status, or undefined when it never did. */
export function dateReached(cycle: ProgrammeCycle, status: CycleStatus): string | undefined {
  return cycle.transitions.find((transition) => transition.status === status)?.date;
}

/** The cycle's status now: its last transition's, or undefined for an empty history. */
export function currentCycleStatus(cycle: ProgrammeCycle): CurrentCycleStatus | undefined {
  const last = cycle.transitions[cycle.transitions.length - 1];
  return last ? { status: last.status, since: last.date } : undefined;
}
