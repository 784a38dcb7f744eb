import { BilingualError, bilingual } from '../bilingual';
import type { DateWindow } from '../dates/reporting-period';
import { type CycleStatus, dateReached, type ProgrammeCycle } from './cycle-status';
import { type ProgrammePhase, programmeYear } from './programme-year';

/**
 * The programme's figures for one year, from the cycles of all years (what the dashboard and
 * `GET /api/programme/kpis?year=YYYY` show). Every figure counts communes (a commune has at most one cycle
 * per year), and reads the cycles' histories as stored: they are checked on the way in (cycle-status.ts).
 *
 * The transformed share (target 60 %, domain.md: "at least 60 % of the selected communes are transformed"):
 * - `selected`: cycles of the year that reached "selected", i.e. were on the committee's approved list,
 *   including those later removed.
 * - `removed`: of those, taken off the list by a removal decision before any recognition. The decision
 *   shrinks the list the target is measured on ("hoặc đưa ra khỏi danh sách" is the alternative to
 *   recognition), so a removed commune counts neither as transformed nor as not transformed.
 * - `assessed` = `achieved` + `notAchieved`: cycles of the year recognised "đạt" / "chưa đạt". A cycle
 *   counts as achieved even if it relapses later: that is the 85 % figure's business, in later years.
 * - `awaitingAssessment` = selected − removed − assessed: recognition comes in Q1–Q2 of the next year.
 * - `achievedPct` = achieved / assessed × 100, null while nothing is assessed. Denominator "assessed", not
 *   "selected": once every commune on the list is recognised the two agree (selected − removed = assessed),
 *   and before then a share of the decided ones is honest while a share of the whole list would show a
 *   false failure for communes not yet judged (`awaitingAssessment` says how complete the figure is).
 * - `carryOvers`: communes selected this year whose cycle of the year before was "chưa đạt" (domain.md,
 *   workflow step 7). A commune removed or relapsed the year before and selected again is not a carry-over.
 *
 * The not-relapsed share (target 85 %, domain.md: "at least 85 % of the communes already transformed do
 * not become complex again"), counted in the year's monitoring period P (programme-year.ts: consecutive
 * periods meet without gap, so each relapse counts in exactly one year):
 * - `monitored`: communes with a cycle of an earlier year (from `transformedSinceYear`, default the phase's
 *   first year, to Y−1) recognised "đạt" on or before P ends, and neither relapsed nor removed before P
 *   starts: transformed earlier and under watch during at least part of the year. A commune stays under
 *   watch after "sustained" (the target is about all communes already transformed) until it relapses or a
 *   removal decision takes it off the watch (e.g. a commune merged away); it counts once however many of
 *   its cycles qualify.
 * - `relapsed`: of the monitored, those with a relapse of a qualifying cycle dated within P.
 * - `sustainedPct` = (monitored − relapsed) / monitored × 100, null when nothing is monitored. Denominator
 *   "monitored": the communes the target speaks of that could relapse this year. A relapsed commune leaves
 *   the count from the next year on; it returns only through a new cycle recognised "đạt".
 * - A commune selected again after a relapse is an ordinary selected commune of its new year (not a
 *   carry-over), and is monitored again from the recognition of that new cycle. A commune selected again
 *   without a recorded relapse stays monitored: only a relapse entered with its date and reason counts.
 */
export interface ProgrammeKpis {
  year: number;
  phaseCode: string;
  /** The evaluation window of the year. */
  window: DateWindow;
  /** Where relapses are counted (see ProgrammeYear.monitoringPeriod). */
  monitoringPeriod: DateWindow;
  selected: number;
  removed: number;
  assessed: number;
  awaitingAssessment: number;
  achieved: number;
  notAchieved: number;
  /** Percent, unrounded (the display rounds); null when nothing is assessed. */
  achievedPct: number | null;
  targetPct: number;
  /** Whether achievedPct ≥ targetPct; null when achievedPct is. */
  achievedTargetMet: boolean | null;
  carryOvers: number;
  monitored: number;
  relapsed: number;
  /** Percent, unrounded; null when nothing is monitored. */
  sustainedPct: number | null;
  sustainedTargetPct: number;
  sustainedTargetMet: boolean | null;
}

export interface ProgrammeKpiOptions {
  /**
   * The earliest cycle year whose transformations count in the 85 % figures. Default: the phase's first
   * year, the phase's target being about the communes it transformed; an earlier year takes in communes
   * transformed under the previous phase.
   */
  transformedSinceYear?: number;
  /**
   * Communes of a later era (unit id) → the earlier era's communes whose history each carries (unit ids,
   * see inherited-history.ts): a commune whose predecessor was "chưa đạt" the year before is a carry-over.
   */
  predecessors?: ReadonlyMap<number, readonly number[]>;
}

function cycleKey(unitId: number, year: number): string {
  return `${unitId}:${year}`;
}

/** The cycles by commune and year; a second cycle for the same commune and year is an error. */
function indexCycles(cycles: readonly ProgrammeCycle[]): Map<string, ProgrammeCycle> {
  const index = new Map<string, ProgrammeCycle>();
  for (const cycle of cycles) {
    const key = cycleKey(cycle.unitId, cycle.year);
    if (index.has(key)) {
      throw new BilingualError(
        bilingual(
          `Đơn vị ${cycle.unitId} có hai chu kỳ chuyển hóa năm ${cycle.year}`,
          `Unit ${cycle.unitId} has two cycles for ${cycle.year}`,
        ),
      );
    }
    index.set(key, cycle);
  }
  return index;
}

function reached(cycle: ProgrammeCycle, status: CycleStatus): boolean {
  return dateReached(cycle, status) !== undefined;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

/** The year's figures; see ProgrammeKpis for each definition. Throws for a year outside the phase. */
export function computeProgrammeKpis(
  phase: ProgrammePhase,
  year: number,
  cycles: readonly ProgrammeCycle[],
  options: ProgrammeKpiOptions = {},
): ProgrammeKpis {
  const settings = programmeYear(phase, year);
  const index = indexCycles(cycles);
  const period = settings.monitoringPeriod;
  const since = options.transformedSinceYear ?? phase.firstYear;

  let selected = 0;
  let removed = 0;
  let achieved = 0;
  let notAchieved = 0;
  let carryOvers = 0;
  const monitored = new Set<number>();
  const relapsed = new Set<number>();

  for (const cycle of cycles) {
    if (cycle.year === year && reached(cycle, 'selected')) {
      selected++;
      if (reached(cycle, 'assessed-achieved')) achieved++;
      else if (reached(cycle, 'assessed-not-achieved')) notAchieved++;
      else if (reached(cycle, 'removed')) removed++;
      const earlierUnits = [cycle.unitId, ...(options.predecessors?.get(cycle.unitId) ?? [])];
      const carried = earlierUnits.some((unitId) => {
        const previous = index.get(cycleKey(unitId, year - 1));
        return previous !== undefined && reached(previous, 'assessed-not-achieved');
      });
      if (carried) carryOvers++;
    }
    if (cycle.year >= since && cycle.year < year) {
      const recognised = dateReached(cycle, 'assessed-achieved');
      if (recognised === undefined || recognised > period.to) continue;
      const relapse = dateReached(cycle, 'relapsed');
      const removal = dateReached(cycle, 'removed');
      if (
        (relapse !== undefined && relapse < period.from) ||
        (removal !== undefined && removal < period.from)
      ) {
        continue;
      }
      monitored.add(cycle.unitId);
      if (relapse !== undefined && relapse <= period.to) relapsed.add(cycle.unitId);
    }
  }

  const assessed = achieved + notAchieved;
  const achievedPct = percent(achieved, assessed);
  const sustainedPct = percent(monitored.size - relapsed.size, monitored.size);
  const { transformedPct, notRelapsedPct } = settings.targets;
  return {
    year,
    phaseCode: phase.code,
    window: settings.window,
    monitoringPeriod: period,
    selected,
    removed,
    assessed,
    awaitingAssessment: selected - removed - assessed,
    achieved,
    notAchieved,
    achievedPct,
    targetPct: transformedPct,
    achievedTargetMet: achievedPct === null ? null : achievedPct >= transformedPct,
    carryOvers,
    monitored: monitored.size,
    relapsed: relapsed.size,
    sustainedPct,
    sustainedTargetPct: notRelapsedPct,
    sustainedTargetMet: sustainedPct === null ? null : sustainedPct >= notRelapsedPct,
  };
}

/**
 * The communes to carry over into `year`: their cycle of the year before was recognised "chưa đạt"
 * (domain.md: "'chưa đạt' communes are usually selected again the next year"). The must-include list of
 * a suggestion (list-suggestion.ts).
 */
export function carryOverUnitIds(cycles: readonly ProgrammeCycle[], year: number): number[] {
  const units = new Set<number>();
  for (const cycle of cycles) {
    if (cycle.year === year - 1 && reached(cycle, 'assessed-not-achieved')) units.add(cycle.unitId);
  }
  return [...units].sort((first, second) => first - second);
}

/**
 * The communes selected in any of the `years` years before `year` (issue 6: "not selected in the last N
 * years"), carry-overs included: the planner decides whether to exclude them.
 */
export function recentlySelectedUnitIds(
  cycles: readonly ProgrammeCycle[],
  year: number,
  years: number,
): number[] {
  const units = new Set<number>();
  for (const cycle of cycles) {
    if (cycle.year >= year - years && cycle.year < year && reached(cycle, 'selected'))
      units.add(cycle.unitId);
  }
  return [...units].sort((first, second) => first - second);
}
