import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import { listPhases, savePhase } from '../db/queries/programme';
import { bilingual } from '../domain/bilingual';
import {
  type ProgrammePhase,
  type ProgrammeYearSettings,
  phaseOfYear,
  programmePhaseProblems,
  programmeYear,
} from '../domain/programme/programme-year';
import { type AppEnv, accountOf, audit, permit } from './access';
import { notFound } from './api-error';
import type { AppContext } from './context';
import { PROGRAMME_EXPECTATIONS, pathYear } from './programme-helpers';
import { validBody } from './query-validation';
import { invalidInput } from './record-helpers';

const dateText = z.string().trim().min(1).max(20);

/**
 * One year's settings as a whole: what is left out or null takes the phase's default (the reporting year
 * 15/12–14/12, the phase's targets), so sending `{}` puts the year back to its defaults.
 */
const yearBody = z
  .object({
    window: z.object({ from: dateText, to: dateText }).strict().nullable().optional(),
    targets: z
      .object({
        transformedPct: z.number().nullable().optional(),
        notRelapsedPct: z.number().nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    source: z.string().trim().max(500).nullable().optional(),
  })
  .strict();

const YEAR_EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  window: bilingual(
    'kỳ đánh giá {from, to}, hai ngày dạng YYYY-MM-DD, hoặc null để dùng kỳ mặc định',
    'the evaluation window {from, to}, two dates as YYYY-MM-DD, or null for the default',
  ),
  targets: bilingual(
    '{transformedPct, notRelapsedPct}: tỷ lệ phần trăm riêng của năm, hoặc null để dùng của giai đoạn',
    "{transformedPct, notRelapsedPct}: the year's own percentages, or null for the phase's",
  ),
  source: bilingual(
    'văn bản đặt ra các con số này, tối đa 500 ký tự',
    'the plan that sets these figures, at most 500 characters',
  ),
};

/** The year's settings as the request gives them, nothing stored for what is left to the defaults. */
function settingsFromBody(year: number, body: z.infer<typeof yearBody>): ProgrammeYearSettings {
  const settings: ProgrammeYearSettings = { year };
  if (body.window) settings.window = { from: body.window.from, to: body.window.to };
  const targets: ProgrammeYearSettings['targets'] = {};
  if (typeof body.targets?.transformedPct === 'number') targets.transformedPct = body.targets.transformedPct;
  if (typeof body.targets?.notRelapsedPct === 'number') targets.notRelapsedPct = body.targets.notRelapsedPct;
  if (Object.keys(targets).length > 0) settings.targets = targets;
  if (body.source) settings.source = body.source;
  return settings;
}

/** A year as GET /api/programme/years/:year answers it. */
export function yearAnswer(phase: ProgrammePhase, year: number) {
  return {
    ...programmeYear(phase, year),
    phase: {
      code: phase.code,
      nameVi: phase.nameVi,
      nameEn: phase.nameEn,
      firstYear: phase.firstYear,
      lastYear: phase.lastYear,
    },
    source: phase.years.find((entry) => entry.year === year)?.source ?? null,
  };
}

/**
 * PUT /api/programme/years/:year: an admin sets one year of its phase — the evaluation window (a plan's
 * own, e.g. 15/4–14/12, instead of the reporting year 15/12–14/12) and targets of its own — checked with
 * the whole phase (real dates, ending in the year, not overlapping the years beside it) and audited.
 */
export function programmeYearSettingsRoutes(context: AppContext) {
  const canManage = permit(context, 'settings:manage');
  const { database } = context;

  return new Hono<AppEnv>().put('/:year', canManage, validBody(yearBody, YEAR_EXPECTATIONS), (c) => {
    const year = pathYear(c);
    const body = c.req.valid('json');
    const answer = inTransaction(database, () => {
      const before = phaseOfYear(listPhases(database), year);
      if (!before) {
        throw notFound(
          bilingual(
            `Năm ${year} không thuộc giai đoạn chuyển hóa nào đã khai báo; hãy khai báo giai đoạn trước`,
            `The year ${year} is in no programme phase on record; set up the phase first`,
          ),
        );
      }
      const settings = settingsFromBody(year, body);
      const phase: ProgrammePhase = {
        ...before,
        years: [...before.years.filter((entry) => entry.year !== year), settings].sort(
          (first, second) => first.year - second.year,
        ),
      };
      const problems = programmePhaseProblems(phase);
      if (problems.length > 0) {
        throw invalidInput(
          bilingual(
            problems.map((problem) => problem.vi).join('; '),
            problems.map((problem) => problem.en).join('; '),
          ),
        );
      }
      savePhase(database, phase, accountOf(c).user.username, context.now().toISOString());
      audit(c, context, {
        action: 'programme.year.save',
        target: `programme-year:${year}`,
        before: before.years.find((entry) => entry.year === year) ?? null,
        after: settings,
      });
      return yearAnswer(phase, year);
    });
    return c.json(answer);
  });
}
