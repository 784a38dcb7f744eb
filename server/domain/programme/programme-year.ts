import { BilingualError, type BilingualText, bilingual } from '../bilingual';
import { formatVietnameseDate, isIsoDate } from '../dates/calendar-date';
import { dateOfDayNumber, dayNumber } from '../dates/day-number';
import { type DateWindow, reportingYear } from '../dates/reporting-period';
import { isCode, isNonBlankText, isNumberBetween, isWholeNumberBetween, throwIfProblems } from './problems';

/**
 * A phase of the transformation programme ("giai đoạn", e.g. 2021–2025) and what each of its years is
 * judged against. All of it is data an admin edits; the numbers here are only the defaults every
 * province's 2021–2025 plan uses (domain.md, "Programme targets").
 */

/** The two yearly targets, in percent (0–100]. */
export interface ProgrammeTargets {
  /** Share of the year's selected communes to be transformed ("đạt ít nhất 60% tổng số địa bàn được lựa chọn"). */
  transformedPct: number;
  /** Share of the communes already transformed that must not become complex again ("không tái phức tạp"). */
  notRelapsedPct: number;
}

export const DEFAULT_PROGRAMME_TARGETS: Readonly<ProgrammeTargets> = Object.freeze({
  transformedPct: 60,
  notRelapsedPct: 85,
});

/** What a plan sets for one year of its phase; anything left out takes the phase's default. */
export interface ProgrammeYearSettings {
  year: number;
  /**
   * The year's evaluation window, both dates inclusive. Default: the reporting year 15/12/(Y−1)–14/12/Y.
   * Kiên Giang's plan 121/KH-BCĐ counted 2021 from 15/4/2021 to 14/12/2021 (domain.md, "Reporting periods").
   */
  window?: DateWindow;
  targets?: Partial<ProgrammeTargets>;
  /** The plan that sets these figures, e.g. "Kế hoạch 121/KH-BCĐ ngày 14/6/2021". */
  source?: string;
}

export interface ProgrammePhase {
  /** Kebab-case, e.g. "2021-2025". */
  code: string;
  nameVi: string;
  nameEn: string;
  firstYear: number;
  lastYear: number;
  targets: ProgrammeTargets;
  /** At most one entry per year; years without one use the defaults. */
  years: ProgrammeYearSettings[];
}

/** One year of a phase with every default resolved: what the KPIs and criteria of that year use. */
export interface ProgrammeYear {
  year: number;
  phaseCode: string;
  /** The evaluation window: indicators of the selected communes are counted in it. */
  window: DateWindow;
  /** Whether the window is the default reporting year (false: the plan set its own). */
  windowIsDefault: boolean;
  /**
   * The period monitoring figures of the year count relapses in: from the day after the previous year's
   * window ends to the end of this year's window. Consecutive years' periods meet without gap or overlap,
   * so every relapse falls in exactly one year even when a plan shortens a window (15/4–14/12/2021 leaves
   * 15/12/2020–14/4/2021 outside every evaluation window, but not outside the 2021 monitoring period).
   */
  monitoringPeriod: DateWindow;
  targets: ProgrammeTargets;
}

/** Years outside this range are typing mistakes; the programme started in the 2000s. */
export const EARLIEST_PROGRAMME_YEAR = 2000;
export const LATEST_PROGRAMME_YEAR = 2100;

/** The 2021–2025 phase with the published targets and default windows. */
export function defaultProgrammePhase(firstYear = 2021, lastYear = 2025): ProgrammePhase {
  return {
    code: `${firstYear}-${lastYear}`,
    nameVi: `Giai đoạn ${firstYear}–${lastYear}`,
    nameEn: `Phase ${firstYear}–${lastYear}`,
    firstYear,
    lastYear,
    targets: { ...DEFAULT_PROGRAMME_TARGETS },
    years: [],
  };
}

function settingsOf(phase: ProgrammePhase, year: number): ProgrammeYearSettings | undefined {
  return phase.years.find((settings) => settings.year === year);
}

/**
 * The evaluation window of a year: the plan's own, or the reporting year 15/12/(Y−1)–14/12/Y. Years
 * outside the phase have the default (they matter only as the year before the phase's first).
 */
export function evaluationWindow(phase: ProgrammePhase, year: number): DateWindow {
  const settings = year >= phase.firstYear && year <= phase.lastYear ? settingsOf(phase, year) : undefined;
  return settings?.window ? { ...settings.window } : reportingYear(year);
}

/** The day after a date, YYYY-MM-DD. */
function nextDay(date: string): string {
  return dateOfDayNumber(dayNumber(date) + 1);
}

/** A year of the phase with its defaults resolved. Throws a BilingualError for a year outside the phase. */
export function programmeYear(phase: ProgrammePhase, year: number): ProgrammeYear {
  if (!Number.isInteger(year) || year < phase.firstYear || year > phase.lastYear) {
    throw new BilingualError(
      bilingual(
        `Năm ${year} không thuộc giai đoạn ${phase.firstYear}–${phase.lastYear}`,
        `The year ${year} is not in the phase ${phase.firstYear}–${phase.lastYear}`,
      ),
    );
  }
  const settings = settingsOf(phase, year);
  const window = evaluationWindow(phase, year);
  return {
    year,
    phaseCode: phase.code,
    window,
    windowIsDefault: settings?.window === undefined,
    monitoringPeriod: { from: nextDay(evaluationWindow(phase, year - 1).to), to: window.to },
    targets: { ...phase.targets, ...definedTargets(settings?.targets) },
  };
}

/** The targets a year overrides, leaving out keys present but undefined (which JSON cannot carry anyway). */
function definedTargets(targets: Partial<ProgrammeTargets> | undefined): Partial<ProgrammeTargets> {
  const defined: Partial<ProgrammeTargets> = {};
  if (targets?.transformedPct !== undefined) defined.transformedPct = targets.transformedPct;
  if (targets?.notRelapsedPct !== undefined) defined.notRelapsedPct = targets.notRelapsedPct;
  return defined;
}

/** The phase a year belongs to, or undefined. */
export function phaseOfYear(phases: readonly ProgrammePhase[], year: number): ProgrammePhase | undefined {
  return phases.find((phase) => year >= phase.firstYear && year <= phase.lastYear);
}

/** The longest evaluation window: a reporting year, which has 366 days when it holds 29 February. */
const MAXIMUM_WINDOW_DAYS = 366;

/** Every reason the phase cannot be stored, in both languages; empty when it can. */
export function programmePhaseProblems(phase: ProgrammePhase): BilingualText[] {
  const problems: BilingualText[] = [];
  if (!isCode(phase.code)) {
    problems.push(
      bilingual(
        `Mã giai đoạn "${phase.code}" không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang, ví dụ "2021-2025"`,
        `Invalid phase code "${phase.code}": lower-case letters, digits and hyphens only, e.g. "2021-2025"`,
      ),
    );
  }
  if (!isNonBlankText(phase.nameVi) || !isNonBlankText(phase.nameEn)) {
    problems.push(
      bilingual(
        'Giai đoạn cần tên tiếng Việt và tiếng Anh',
        'The phase needs a Vietnamese and an English name',
      ),
    );
  }
  const yearsValid =
    isWholeNumberBetween(phase.firstYear, EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR) &&
    isWholeNumberBetween(phase.lastYear, EARLIEST_PROGRAMME_YEAR, LATEST_PROGRAMME_YEAR);
  if (!yearsValid) {
    problems.push(
      bilingual(
        `Năm đầu và năm cuối của giai đoạn phải là năm từ ${EARLIEST_PROGRAMME_YEAR} đến ${LATEST_PROGRAMME_YEAR}`,
        `The first and last years of the phase must be years from ${EARLIEST_PROGRAMME_YEAR} to ${LATEST_PROGRAMME_YEAR}`,
      ),
    );
  } else if (phase.firstYear > phase.lastYear) {
    problems.push(
      bilingual(
        `Năm đầu (${phase.firstYear}) sau năm cuối (${phase.lastYear}) của giai đoạn`,
        `The first year (${phase.firstYear}) is after the last year (${phase.lastYear}) of the phase`,
      ),
    );
  }
  problems.push(...targetProblems(phase.targets, bilingual('giai đoạn', 'the phase')));

  const seen = new Set<number>();
  for (const settings of phase.years) {
    const { year } = settings;
    if (!Number.isInteger(year) || year < phase.firstYear || year > phase.lastYear) {
      problems.push(
        bilingual(
          `Năm ${year} không thuộc giai đoạn ${phase.firstYear}–${phase.lastYear}`,
          `The year ${year} is not in the phase ${phase.firstYear}–${phase.lastYear}`,
        ),
      );
      continue;
    }
    if (seen.has(year)) {
      problems.push(bilingual(`Năm ${year} được khai báo hai lần`, `The year ${year} is set twice`));
      continue;
    }
    seen.add(year);
    if (settings.targets) {
      problems.push(...targetProblems(settings.targets, bilingual(`năm ${year}`, `the year ${year}`)));
    }
    if (settings.window) problems.push(...windowProblems(settings.window, year));
  }
  // Windows of consecutive years must not overlap, or one incident would count in two years.
  if (yearsValid && problems.length === 0) {
    for (let year = phase.firstYear + 1; year <= phase.lastYear; year++) {
      const previous = evaluationWindow(phase, year - 1);
      const current = evaluationWindow(phase, year);
      if (current.from <= previous.to) {
        problems.push(
          bilingual(
            `Kỳ đánh giá năm ${year} (từ ${formatVietnameseDate(current.from)}) chồng lên kỳ năm ${year - 1} (đến ${formatVietnameseDate(previous.to)})`,
            `The ${year} window (from ${current.from}) overlaps the ${year - 1} window (to ${previous.to})`,
          ),
        );
      }
    }
  }
  return problems;
}

/** Throws the phase's problems as one BilingualError. */
export function assertValidProgrammePhase(phase: ProgrammePhase): void {
  throwIfProblems(programmePhaseProblems(phase));
}

function targetProblems(targets: Partial<ProgrammeTargets>, owner: BilingualText): BilingualText[] {
  const problems: BilingualText[] = [];
  const named: [keyof ProgrammeTargets, BilingualText][] = [
    ['transformedPct', bilingual('Tỷ lệ chuyển hóa đạt', 'The transformed share')],
    ['notRelapsedPct', bilingual('Tỷ lệ không tái phức tạp', 'The not-relapsed share')],
  ];
  for (const [key, name] of named) {
    const value = targets[key];
    // Zero would make any year meet the target: a typing mistake, not a plan.
    if (value === undefined || (isNumberBetween(value, 0, 100) && value > 0)) continue;
    problems.push(
      bilingual(
        `${name.vi} của ${owner.vi} phải lớn hơn 0 và không quá 100 (%): ${JSON.stringify(value)}`,
        `${name.en} of ${owner.en} must be above 0 and at most 100 (%): ${JSON.stringify(value)}`,
      ),
    );
  }
  return problems;
}

/**
 * A year's window must be real dates, from ≤ to, end in the year itself (it is that year's window) and
 * last at most a reporting year.
 */
function windowProblems(window: DateWindow, year: number): BilingualText[] {
  if (!isIsoDate(window.from) || !isIsoDate(window.to)) {
    return [
      bilingual(
        `Kỳ đánh giá năm ${year} cần hai ngày có thật dạng YYYY-MM-DD`,
        `The ${year} window needs two real dates as YYYY-MM-DD`,
      ),
    ];
  }
  const dates = bilingual(
    `${formatVietnameseDate(window.from)}–${formatVietnameseDate(window.to)}`,
    `${window.from} to ${window.to}`,
  );
  if (window.from > window.to) {
    return [
      bilingual(
        `Kỳ đánh giá năm ${year} (${dates.vi}) bắt đầu sau khi kết thúc`,
        `The ${year} window (${dates.en}) starts after it ends`,
      ),
    ];
  }
  if (Number(window.to.slice(0, 4)) !== year) {
    return [
      bilingual(
        `Kỳ đánh giá năm ${year} (${dates.vi}) phải kết thúc trong năm ${year}`,
        `The ${year} window (${dates.en}) must end in ${year}`,
      ),
    ];
  }
  if (dayNumber(window.to) - dayNumber(window.from) + 1 > MAXIMUM_WINDOW_DAYS) {
    return [
      bilingual(
        `Kỳ đánh giá năm ${year} (${dates.vi}) dài hơn một năm báo cáo`,
        `The ${year} window (${dates.en}) is longer than a reporting year`,
      ),
    ];
  }
  return [];
}
