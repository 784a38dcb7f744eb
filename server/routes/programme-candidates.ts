import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { EraRecord } from '../db/queries/eras';
import { communeNamesOfEra } from '../db/queries/units';
import { EVERYWHERE, scopeCovers } from '../domain/access/scope';
import { bilingual } from '../domain/bilingual';
import { isIsoDate } from '../domain/dates/calendar-date';
import {
  CANDIDATE_FACTOR_DEFINITIONS,
  MAXIMUM_FACTORS,
  NORMALISATIONS,
} from '../domain/programme/candidate-score';
import { suggestList } from '../domain/programme/list-suggestion';
import { formerDistricts } from '../services/carried-aggregates';
import type { EraIncidents } from '../services/incident-cube';
import {
  candidateView,
  defaultWindow,
  loadProgrammeRecords,
  rankCandidates,
  unknownFactors,
  unknownFactorText,
} from '../services/programme-candidates';
import { type AppEnv, accountOf, outOfScope, permit } from './access';
import { type AppContext, requireEra } from './context';
import { eraField, PROGRAMME_EXPECTATIONS, unitField, yearField } from './programme-helpers';
import { validBody } from './query-validation';
import { invalidInput } from './record-helpers';

const kilometres = z.number().positive().max(500);
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4).max(10_000);

const candidateFields = {
  era: eraField.optional(),
  year: yearField,
  from: z.string().trim().max(20).optional(),
  to: z.string().trim().max(20).optional(),
  factors: z
    .array(
      z.object({ code: z.string().trim().min(1).max(64), weight: z.number().min(0).max(1_000_000) }).strict(),
    )
    .min(1)
    .max(MAXIMUM_FACTORS),
  normalisation: z.enum(NORMALISATIONS),
  constraints: z
    .object({
      nearOpenFlashpointsKm: kilometres.optional(),
      nearHotSpotsKm: kilometres.optional(),
      withinPolygon: z
        .object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(100) })
        .strict()
        .optional(),
      adjacentToSelected: z.boolean().optional(),
      adjacentToComplex: z.boolean().optional(),
      province: z.string().trim().min(1).max(200).optional(),
      district: z.string().trim().min(1).max(200).optional(),
      notSelectedInLastYears: z.number().int().min(1).max(50).optional(),
    })
    .strict()
    .default({}),
  limit: z.number().int().min(1).max(100_000).optional(),
};

const candidatesBody = z.object(candidateFields).strict();

const suggestionBody = z
  .object({
    ...candidateFields,
    size: z.number().int().min(1).max(100_000),
    minimumPerGroup: z.number().int().min(0).max(1000).optional(),
    maximumPerGroup: z.number().int().min(1).max(100_000).optional(),
    groupBy: z.enum(['district', 'province']),
    include: z.array(unitField).max(10_000).default([]),
    exclude: z.array(unitField).max(100_000).default([]),
    includeCarryOvers: z.boolean().default(true),
  })
  .strict();

const CANDIDATE_EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  era: bilingual('nhãn một thời kỳ ranh giới', 'the label of a boundary era'),
  from: bilingual('ngày bắt đầu dạng YYYY-MM-DD', 'a start date as YYYY-MM-DD'),
  to: bilingual('ngày kết thúc dạng YYYY-MM-DD', 'an end date as YYYY-MM-DD'),
  factors: bilingual(
    `danh sách 1 đến ${MAXIMUM_FACTORS} yếu tố {code, weight ≥ 0}`,
    `a list of 1 to ${MAXIMUM_FACTORS} factors {code, weight ≥ 0}`,
  ),
  normalisation: bilingual('"min-max", "z-score" hoặc "rank"', '"min-max", "z-score" or "rank"'),
  constraints: bilingual(
    '{nearOpenFlashpointsKm, nearHotSpotsKm (km, > 0 đến 500), withinPolygon (GeoJSON Polygon kinh độ/vĩ độ), adjacentToSelected, adjacentToComplex (true/false), province, district, notSelectedInLastYears (1–50)}',
    '{nearOpenFlashpointsKm, nearHotSpotsKm (km, above 0 up to 500), withinPolygon (a GeoJSON Polygon in lon/lat), adjacentToSelected, adjacentToComplex (true/false), province, district, notSelectedInLastYears (1–50)}',
  ),
  limit: bilingual('số nguyên từ 1 đến 100000', 'a whole number from 1 to 100000'),
  size: bilingual('số xã của danh sách, số nguyên dương', 'the list size, a positive whole number'),
  minimumPerGroup: bilingual('số nguyên không âm', 'a whole number of zero or more'),
  maximumPerGroup: bilingual('số nguyên dương', 'a positive whole number'),
  groupBy: bilingual('"district" (huyện) hoặc "province" (tỉnh)', '"district" or "province"'),
  include: bilingual('danh sách mã xã', 'a list of commune codes'),
  exclude: bilingual('danh sách mã xã', 'a list of commune codes'),
  includeCarryOvers: bilingual('true hoặc false', 'true or false'),
};

type CandidatesBody = z.infer<typeof candidatesBody>;

/** Names of an era's communes, in the incident index's order; kept while the index's era view lives. */
interface CommuneNames {
  name: string;
  fullName: string;
  districtCode: string | null;
  districtName: string | null;
  /** In an era without districts: the district it took most of ("huyện cũ"), through the lineage. */
  formerDistrict: string | null;
}
const namesByView = new WeakMap<EraIncidents, CommuneNames[]>();

function communeNames(context: AppContext, era: EraRecord, incidents: EraIncidents): CommuneNames[] {
  const cached = namesByView.get(incidents);
  if (cached) return cached;
  const rows = communeNamesOfEra(context.database, era.id);
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const former = rows.some((row) => row.districtName === null)
    ? formerDistricts(context.database, era, EVERYWHERE)
    : new Map<string, string[]>();
  const names = incidents.units.map((unit) => {
    const row = byCode.get(unit.code) ?? {
      name: unit.code,
      fullName: unit.code,
      districtCode: null,
      districtName: null,
    };
    return { ...row, formerDistrict: former.get(unit.code)?.[0] ?? null };
  });
  namesByView.set(incidents, names);
  return names;
}

/**
 * /api/programme/candidates and /suggestion: every commune of the account's area ranked for the year's
 * list by the planner's weighted factors under spatial and history constraints, each explained; and the
 * suggested list under group limits with carry-overs. See server/services/programme-candidates.ts for how
 * each factor and constraint is computed.
 */
export function programmeCandidateRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  const canWrite = permit(context, 'programme:write');
  const { database } = context;

  const rank = (c: Context<AppEnv>, body: CandidatesBody) => {
    const unknown = unknownFactors(body.factors.map((factor) => factor.code));
    if (unknown.length > 0) throw invalidInput(unknownFactorText(unknown));
    const window = defaultWindow(database, body.year);
    const from = body.from ?? window.from;
    const to = body.to ?? window.to;
    if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
      throw invalidInput(
        bilingual(
          `Khoảng thời gian ${from} – ${to} không hợp lệ: cần hai ngày YYYY-MM-DD, ngày đầu không sau ngày cuối`,
          `The window ${from} – ${to} is invalid: expected two dates YYYY-MM-DD, the first not after the last`,
        ),
      );
    }
    const era = requireEra(context, body.era);
    const incidents = context.incidents.forEra(era);
    const geometry = context.communeGeometry.forEra(era);
    const names = communeNames(context, era, incidents);
    const scope = accountOf(c).scope;
    let analysed = incidents.unitsInScope(scope) ?? incidents.units.map((_, index) => index);
    const { province, district } = body.constraints;
    // A named place must exist in the era (400) and lie at least partly in the area (403, audited).
    if (province) {
      const inPlace = incidents.units.flatMap((unit, index) =>
        unit.provinceCode === province || unit.provinceName === province ? [index] : [],
      );
      if (inPlace.length === 0) {
        throw invalidInput(
          bilingual(
            `Thời kỳ "${era.label}" không có tỉnh "${province}"`,
            `Era "${era.label}" has no province "${province}"`,
          ),
        );
      }
      const covered = new Set(analysed);
      analysed = inPlace.filter((index) => covered.has(index));
      if (analysed.length === 0) throw outOfScope(c, context, `province ${era.label}/${province}`);
    }
    if (district) {
      const inPlace = names.flatMap((unit, index) =>
        unit.districtCode === district || (unit.districtName ?? unit.formerDistrict) === district
          ? [index]
          : [],
      );
      if (inPlace.length === 0) {
        throw invalidInput(
          bilingual(
            `Thời kỳ "${era.label}" không có huyện "${district}"`,
            `Era "${era.label}" has no district "${district}"`,
          ),
        );
      }
      const covered = new Set(analysed);
      const kept = inPlace.filter((index) => covered.has(index));
      if (kept.length === 0) {
        const anyInArea = inPlace.some((index) =>
          scopeCovers(scope, {
            level: 'commune',
            ...(incidents.units[index] as EraIncidents['units'][number]),
          }),
        );
        if (!anyInArea) throw outOfScope(c, context, `district ${era.label}/${district}`);
      }
      analysed = kept;
    }
    if (analysed.length === 0) {
      throw invalidInput(
        bilingual('Không có xã nào trong khu vực đã chọn', 'There is no commune in the area chosen'),
      );
    }
    const records = loadProgrammeRecords(database, context.locator, era, incidents, scope);
    const ranking = rankCandidates(incidents, geometry, records, {
      year: body.year,
      window: { from, to },
      factors: body.factors,
      normalisation: body.normalisation,
      constraints: {
        nearOpenFlashpointsKm: body.constraints.nearOpenFlashpointsKm,
        nearHotSpotsKm: body.constraints.nearHotSpotsKm,
        withinPolygon: body.constraints.withinPolygon?.coordinates,
        adjacentToSelected: body.constraints.adjacentToSelected,
        adjacentToComplex: body.constraints.adjacentToComplex,
        notSelectedInLastYears: body.constraints.notSelectedInLastYears,
      },
      analysed: analysed.length === incidents.units.length ? null : analysed,
    });
    const commune = (unitIndex: number) => {
      const unit = incidents.units[unitIndex] as EraIncidents['units'][number];
      const named = names[unitIndex] as CommuneNames;
      return {
        code: unit.code,
        name: named.name,
        fullName: named.fullName,
        district: named.districtName,
        districtCode: named.districtCode,
        formerDistrict: named.formerDistrict,
        province: unit.provinceName,
        provinceCode: unit.provinceCode,
        population: unit.population,
      };
    };
    const view = (positionInArea: number, rankAmongPassing: number) => {
      const { unitIndex, ...rest } = candidateView(ranking, positionInArea, rankAmongPassing);
      return { ...commune(unitIndex), ...rest };
    };
    const computation = {
      era: era.label,
      year: body.year,
      window: { from, to, isDefault: body.from === undefined && body.to === undefined },
      factors: body.factors.map((factor) => {
        const info = CANDIDATE_FACTOR_DEFINITIONS.find((known) => known.code === factor.code);
        const statistics = ranking.scores.statistics.find((entry) => entry.code === factor.code);
        return { ...info, weight: factor.weight, statistics };
      }),
      normalisation: body.normalisation,
      missingValues: ranking.scores.missingValues,
      constraints: body.constraints,
      distances: geometry.distances,
      counts: { analysed: ranking.analysed.length, passed: ranking.passing.length },
    };
    return { era, incidents, names, ranking, view, commune, computation };
  };

  return new Hono<AppEnv>()
    .post('/candidates', canRead, validBody(candidatesBody, CANDIDATE_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const { ranking, view, computation } = rank(c, body);
      const shown = Math.min(ranking.passing.length, body.limit ?? ranking.passing.length);
      const candidates = [];
      for (let index = 0; index < shown; index++)
        candidates.push(view(ranking.passing[index] as number, index + 1));
      return c.json({
        computation: { ...computation, counts: { ...computation.counts, returned: shown } },
        candidates,
      });
    })
    .post('/suggestion', canWrite, validBody(suggestionBody, CANDIDATE_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const { era, incidents, names, ranking, view, computation } = rank(c, body);
      const scope = accountOf(c).scope;
      const positionOfUnit = new Map<number, number>();
      ranking.analysed.forEach((unit, position) => {
        positionOfUnit.set(unit, position);
      });
      const positionOfCode = (code: string): number => {
        const unit = incidents.unitIndex(code);
        if (unit === undefined) {
          throw invalidInput(
            bilingual(
              `Không có xã mã "${code}" trong thời kỳ "${era.label}"`,
              `There is no commune "${code}" in era "${era.label}"`,
            ),
          );
        }
        const record = incidents.units[unit] as EraIncidents['units'][number];
        if (!scopeCovers(scope, { level: 'commune', ...record })) {
          throw outOfScope(c, context, `programme-suggestion ${era.label}/${code}`);
        }
        return positionOfUnit.get(unit) ?? -1;
      };
      const included = body.include.map(positionOfCode);
      const excluded = body.exclude.map(positionOfCode).filter((position) => position >= 0);
      const groupOf = (position: number) => {
        const unit = ranking.analysed[position] as number;
        const record = incidents.units[unit] as EraIncidents['units'][number];
        const named = names[unit] as CommuneNames;
        const group =
          body.groupBy === 'district'
            ? (named.districtName ?? named.formerDistrict ?? named.districtCode)
            : (record.provinceName ?? record.provinceCode);
        return group ?? '—';
      };
      // Must-includes are candidates whatever the constraints: a carry-over was selected last year.
      const carryOvers = body.includeCarryOvers
        ? ranking.carryOvers.map((unit) => positionOfUnit.get(unit) ?? -1).filter((position) => position >= 0)
        : [];
      const candidatePositions = new Set<number>(ranking.passing);
      for (const position of [...included, ...carryOvers])
        if (position >= 0) candidatePositions.add(position);
      const unitIdOf = (position: number) => ranking.scores.unitIds[position] as number;
      const suggestion = suggestList({
        candidates: [...candidatePositions].map((position) => ({
          unitId: unitIdOf(position),
          score: ranking.scores.scores[position] as number,
          group: groupOf(position),
        })),
        size: body.size,
        ...(body.minimumPerGroup === undefined ? {} : { minimumPerGroup: body.minimumPerGroup }),
        ...(body.maximumPerGroup === undefined ? {} : { maximumPerGroup: body.maximumPerGroup }),
        groups: [...new Set(Array.from(ranking.analysed.keys(), groupOf))],
        mustInclude: [
          ...carryOvers.map((position) => ({ unitId: unitIdOf(position), reason: 'carry-over' as const })),
          ...included.map((position, index) => ({
            // A code outside the communes analysed (another district) cannot be a candidate: reported below.
            unitId: position >= 0 ? unitIdOf(position) : -1 - index,
            reason: 'planner' as const,
          })),
        ],
        exclude: excluded.map(unitIdOf),
      });
      const positionOfUnitId = new Map<number, number>();
      ranking.analysed.forEach((_, position) => {
        positionOfUnitId.set(unitIdOf(position), position);
      });
      const passingRank = new Map<number, number>();
      ranking.passing.forEach((position, index) => {
        passingRank.set(position, index + 1);
      });
      const communes = suggestion.communes.map((chosen) => {
        const position = positionOfUnitId.get(chosen.unitId) as number;
        const details = view(position, passingRank.get(position) ?? 0);
        return {
          ...details,
          group: chosen.group,
          reason: chosen.reason,
          explanation: chosen.explanation,
          // A must-include that fails a constraint is in the list anyway; the planner sees which.
          failedConstraints: ranking.failed(position),
        };
      });
      const codeOfUnitId = (unitId: number) => {
        const position = positionOfUnitId.get(unitId);
        if (position !== undefined)
          return incidents.units[ranking.analysed[position] as number]?.code ?? null;
        return body.include[-1 - unitId] ?? null;
      };
      return c.json({
        computation: {
          ...computation,
          size: body.size,
          minimumPerGroup: body.minimumPerGroup ?? 0,
          maximumPerGroup: body.maximumPerGroup ?? null,
          groupBy: body.groupBy,
          include: body.include,
          exclude: body.exclude,
          includeCarryOvers: body.includeCarryOvers,
          carryOvers: carryOvers.map(
            (position) => incidents.units[ranking.analysed[position] as number]?.code,
          ),
        },
        feasible: suggestion.feasible,
        problems: suggestion.problems.map((problem) => ({
          ...problem,
          ...(problem.unitIds ? { units: problem.unitIds.map(codeOfUnitId) } : {}),
          unitIds: undefined,
        })),
        communes,
      });
    });
}
