import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import {
  criteriaSetVersions,
  findCriteriaSet,
  insertCriteriaSet,
  latestCriteriaVersion,
  listDesignationKinds,
  listPhases,
  savePhase,
} from '../db/queries/programme';
import { listCycles, transitionsOf } from '../db/queries/programme-cycles';
import { bilingual } from '../domain/bilingual';
import { type CriteriaSet, criteriaSetProblems, defaultCriteriaSet } from '../domain/programme/criteria';
import { computeProgrammeKpis } from '../domain/programme/programme-kpis';
import {
  DEFAULT_PROGRAMME_TARGETS,
  type ProgrammePhase,
  phaseOfYear,
  programmePhaseProblems,
  programmeYear,
} from '../domain/programme/programme-year';
import { predecessorUnitIds } from '../services/programme-inheritance';
import { type AppEnv, accountOf, audit, permit } from './access';
import { notFound } from './api-error';
import type { AppContext } from './context';
import { programmeCandidateRoutes } from './programme-candidates';
import { programmeCriterionEntryRoutes } from './programme-criterion-entries';
import { domainCycle, programmeCycleRoutes } from './programme-cycles';
import { programmeDecisionRoutes } from './programme-decisions';
import { programmeDesignationRoutes } from './programme-designations';
import { programmeExportRoutes } from './programme-exports';
import { conflict, PROGRAMME_EXPECTATIONS, pathYear, yearParameter } from './programme-helpers';
import { programmeTrackingRoutes } from './programme-tracking';
import { programmeYearSettingsRoutes } from './programme-year-settings';
import { validBody, validQuery, wholeNumberParameter } from './query-validation';
import { invalidInput } from './record-helpers';

const percentField = z.number();
const windowField = z.object({ from: z.string().max(20), to: z.string().max(20) }).strict();

const phaseBody = z
  .object({
    nameVi: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    targets: z.object({ transformedPct: percentField, notRelapsedPct: percentField }).strict().optional(),
    years: z
      .array(
        z
          .object({
            year: z.number().int(),
            window: windowField.nullable().optional(),
            targets: z
              .object({ transformedPct: percentField.optional(), notRelapsedPct: percentField.optional() })
              .strict()
              .nullable()
              .optional(),
            source: z.string().trim().max(500).nullable().optional(),
          })
          .strict(),
      )
      .max(100)
      .default([]),
  })
  .strict();

const PHASE_EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  nameVi: bilingual('tên tiếng Việt, 1 đến 200 ký tự', 'a Vietnamese name of 1 to 200 characters'),
  nameEn: bilingual('tên tiếng Anh, 1 đến 200 ký tự', 'an English name of 1 to 200 characters'),
  firstYear: bilingual('năm đầu của giai đoạn', 'the first year of the phase'),
  lastYear: bilingual('năm cuối của giai đoạn', 'the last year of the phase'),
  targets: bilingual(
    '{transformedPct, notRelapsedPct}: hai tỷ lệ phần trăm',
    '{transformedPct, notRelapsedPct}: two percentages',
  ),
  years: bilingual(
    'danh sách {year, window: {from, to}, targets, source}',
    'a list of {year, window: {from, to}, targets, source}',
  ),
};

const text = (maximum: number) => z.string().max(maximum);
const criterionField = z
  .object({
    code: text(64),
    nameVi: text(500),
    nameEn: text(500),
    kind: text(40),
    source: text(64).optional(),
    comparison: text(40),
    threshold: z.number().optional(),
    unitVi: text(40).optional(),
    unitEn: text(40).optional(),
  })
  .strict();
const criteriaBody = z
  .object({
    groups: z
      .array(
        z
          .object({
            code: text(64),
            nameVi: text(500),
            nameEn: text(500),
            criteria: z.array(criterionField).max(100),
          })
          .strict(),
      )
      .max(50),
    source: z.string().trim().max(500).optional(),
    /** The version the edit started from: refused (409) when another edit came first. */
    basedOnVersion: z.number().int().min(0).optional(),
  })
  .strict();

const CRITERIA_EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  groups: bilingual(
    'danh sách nhóm {code, nameVi, nameEn, criteria: [{code, nameVi, nameEn, kind, source, comparison, threshold, unitVi, unitEn}]}',
    'a list of groups {code, nameVi, nameEn, criteria: [{code, nameVi, nameEn, kind, source, comparison, threshold, unitVi, unitEn}]}',
  ),
  source: bilingual(
    'nguồn của bộ tiêu chí, tối đa 500 ký tự',
    'where the set comes from, at most 500 characters',
  ),
  basedOnVersion: bilingual('phiên bản đã sửa từ đó', 'the version the edit started from'),
  version: bilingual('một phiên bản, số nguyên dương', 'a version, a positive whole number'),
};

const versionQuery = z.object({ version: wholeNumberParameter(1, 1_000_000).optional() });
const kpiQuery = z.object({ year: yearParameter, since: yearParameter.optional() });

function phaseSummary(phase: ProgrammePhase) {
  return {
    code: phase.code,
    nameVi: phase.nameVi,
    nameEn: phase.nameEn,
    firstYear: phase.firstYear,
    lastYear: phase.lastYear,
  };
}

/**
 * /api/programme: the transformation programme. Here its settings (phases with targets and evaluation
 * windows, the kinds of designation, the criteria set of each year, versioned) and the year's figures
 * against the 60 % and 85 % targets; cycles, decisions and designations in their own routers.
 */
export function programmeRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  const canManage = permit(context, 'settings:manage');
  const { database } = context;

  const phaseFor = (year: number): ProgrammePhase => {
    const phase = phaseOfYear(listPhases(database), year);
    if (!phase) {
      throw notFound(
        bilingual(
          `Năm ${year} không thuộc giai đoạn chuyển hóa nào đã khai báo`,
          `The year ${year} is in no programme phase on record`,
        ),
      );
    }
    return phase;
  };

  const criteriaAnswer = (year: number, version?: number) => {
    const stored = findCriteriaSet(database, year, version);
    if (!stored && version !== undefined) {
      throw notFound(
        bilingual(
          `Bộ tiêu chí năm ${year} không có phiên bản ${version}`,
          `The ${year} criteria set has no version ${version}`,
        ),
      );
    }
    return {
      year,
      // Until an admin stores one, the year has the published examples (domain.md), not yet stored.
      stored: stored !== undefined,
      set: stored?.set ?? defaultCriteriaSet(year),
      createdAt: stored?.createdAt ?? null,
      createdBy: stored?.createdBy ?? null,
      versions: criteriaSetVersions(database, year),
    };
  };

  return new Hono<AppEnv>()
    .get('/phases', canRead, (c) => c.json({ phases: listPhases(database) }))
    .put('/phases/:code', canManage, validBody(phaseBody, PHASE_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const code = c.req.param('code');
      const phase: ProgrammePhase = {
        code,
        nameVi: body.nameVi,
        nameEn: body.nameEn,
        firstYear: body.firstYear,
        lastYear: body.lastYear,
        targets: body.targets ?? { ...DEFAULT_PROGRAMME_TARGETS },
        years: body.years.map((settings) => ({
          year: settings.year,
          ...(settings.window ? { window: settings.window } : {}),
          ...(settings.targets ? { targets: settings.targets } : {}),
          ...(settings.source ? { source: settings.source } : {}),
        })),
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
      const phases = listPhases(database);
      const overlapping = phases.find(
        (other) =>
          other.code !== code && other.firstYear <= phase.lastYear && phase.firstYear <= other.lastYear,
      );
      if (overlapping) {
        throw conflict(
          bilingual(
            `Giai đoạn ${phase.firstYear}–${phase.lastYear} chồng lên giai đoạn "${overlapping.code}" (${overlapping.firstYear}–${overlapping.lastYear})`,
            `The phase ${phase.firstYear}–${phase.lastYear} overlaps the phase "${overlapping.code}" (${overlapping.firstYear}–${overlapping.lastYear})`,
          ),
        );
      }
      const before = phases.find((other) => other.code === code) ?? null;
      inTransaction(database, () => {
        savePhase(database, phase, accountOf(c).user.username, context.now().toISOString());
        audit(c, context, {
          action: 'programme.phase.save',
          target: `programme-phase:${code}`,
          before,
          after: phase,
        });
      });
      return c.json(listPhases(database).find((stored) => stored.code === code));
    })
    .get('/years/:year', canRead, (c) => {
      const year = pathYear(c);
      const phase = phaseFor(year);
      const settings = programmeYear(phase, year);
      return c.json({
        ...settings,
        phase: phaseSummary(phase),
        source: phase.years.find((entry) => entry.year === year)?.source ?? null,
      });
    })
    .get('/designation-kinds', canRead, (c) => c.json({ kinds: listDesignationKinds(database) }))
    .get('/criteria/:year', canRead, validQuery(versionQuery, CRITERIA_EXPECTATIONS), (c) =>
      c.json(criteriaAnswer(pathYear(c), c.req.valid('query').version)),
    )
    .put('/criteria/:year', canManage, validBody(criteriaBody, CRITERIA_EXPECTATIONS), (c) => {
      const year = pathYear(c);
      const body = c.req.valid('json');
      const answer = inTransaction(database, () => {
        const latest = latestCriteriaVersion(database, year);
        if (body.basedOnVersion !== undefined && body.basedOnVersion !== latest) {
          throw conflict(
            bilingual(
              `Bộ tiêu chí năm ${year} đã được sửa (phiên bản ${latest}) sau phiên bản ${body.basedOnVersion} bạn đã mở; hãy tải lại`,
              `The ${year} criteria set was changed (version ${latest}) after the version ${body.basedOnVersion} you opened; reload it`,
            ),
          );
        }
        const set = {
          year,
          version: latest + 1,
          groups: body.groups,
          ...(body.source ? { source: body.source } : {}),
        } as CriteriaSet;
        const problems = criteriaSetProblems(set);
        if (problems.length > 0) {
          throw invalidInput(
            bilingual(
              problems.map((problem) => problem.vi).join('; '),
              problems.map((problem) => problem.en).join('; '),
            ),
          );
        }
        insertCriteriaSet(database, set, accountOf(c).user.username, context.now().toISOString());
        audit(c, context, {
          action: 'programme.criteria.save',
          target: `programme-criteria:${year}`,
          before: latest === 0 ? null : { version: latest },
          after: set,
        });
        return criteriaAnswer(year);
      });
      return c.json(answer);
    })
    .get('/kpis', canRead, validQuery(kpiQuery, PROGRAMME_EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const phase = phaseFor(query.year);
      // Every era: the communes transformed before 2025 are watched on their own (old) units.
      const rows = listCycles(database, { scope: accountOf(c).scope });
      const transitions = transitionsOf(
        database,
        rows.map((row) => row.id),
      );
      const cycles = rows.map((row) => domainCycle(row, transitions.get(row.id) ?? []));
      const kpis = computeProgrammeKpis(phase, query.year, cycles, {
        predecessors: predecessorUnitIds(database, rows),
        ...(query.since === undefined ? {} : { transformedSinceYear: query.since }),
      });
      return c.json({ ...kpis, phase: phaseSummary(phase) });
    })
    .route('/', programmeCandidateRoutes(context))
    .route('/', programmeExportRoutes(context))
    .route('/criterion-entries', programmeCriterionEntryRoutes(context))
    .route('/cycles', programmeCycleRoutes(context))
    .route('/decisions', programmeDecisionRoutes(context))
    .route('/designations', programmeDesignationRoutes(context))
    .route('/tracking', programmeTrackingRoutes(context))
    .route('/years', programmeYearSettingsRoutes(context));
}
