import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { bilingual } from '../domain/bilingual';
import { reportingMonthsEndingWith } from '../domain/dates/reporting-months';
import { sameWindowLastYear } from '../domain/dates/reporting-period';
import { parseWeightsSpecification } from '../domain/hot-spots/analysis-options';
import { HOT_SPOT_MEASURES, HOT_SPOT_METHODS } from '../domain/hot-spots/commune-hot-spot-answer';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED } from '../domain/hot-spots/spatial-analysis';
import { CORRECTIONS } from '../domain/spatial-statistics/multiple-testing';
import { communeEmergingHotSpots, communeHotSpots } from '../services/commune-hot-spots';
import { incidentDensity } from '../services/incident-density';
import { incidentGridHotSpots } from '../services/incident-grid-hot-spots';
import { type AppEnv, outOfScope, permit } from './access';
import { ApiError } from './api-error';
import type { AppContext } from './context';
import {
  INCIDENT_FILTER_EXPECTATIONS,
  incidentFilterFields,
  type ResolvedIncidentFilter,
  resolveIncidentFilter,
} from './incident-filter';
import { dateParameter, numberParameter, validQuery, wholeNumberParameter } from './query-validation';

const { unit: _unit, ...fieldsWithoutUnit } = incidentFilterFields;

/** queen, rook, knn:K or distance:D (metres), as the command line writes them. */
const weightsParameter = z
  .string()
  .trim()
  .max(40)
  .default('queen')
  .transform((text, context) => {
    try {
      return parseWeightsSpecification(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'weights' });
      return z.NEVER;
    }
  });

/** The communes analysed and how their neighbours are found. */
const communeFields = {
  weights: weightsParameter,
  correction: z.enum(CORRECTIONS).default('fdr'),
  province: z.string().trim().min(1).max(64).optional(),
};

const unitsQuery = z.object({
  ...fieldsWithoutUnit,
  ...communeFields,
  from: dateParameter,
  to: dateParameter,
  method: z.enum(HOT_SPOT_METHODS).default('gistar'),
  measure: z.enum(HOT_SPOT_MEASURES).default('count'),
  permutations: wholeNumberParameter(0, 9999).default(DEFAULT_PERMUTATIONS),
  seed: wholeNumberParameter(0, 4_294_967_295).default(DEFAULT_SEED),
});

/** Emerging hot spots end with the reporting month containing `to`. */
const emergingQuery = z.object({
  ...fieldsWithoutUnit,
  ...communeFields,
  to: dateParameter,
  months: wholeNumberParameter(6, 60).default(12),
  timeStep: wholeNumberParameter(1, 3).default(1),
});

const gridQuery = z.object({
  ...fieldsWithoutUnit,
  from: dateParameter,
  to: dateParameter,
  shape: z.enum(['hexagon', 'square']).default('hexagon'),
  cellSize: numberParameter(10, 100_000).optional(),
  distanceBand: numberParameter(10, 1_000_000).optional(),
  correction: z.enum(CORRECTIONS).default('fdr'),
});

const densityQuery = z.object({
  ...fieldsWithoutUnit,
  from: dateParameter,
  to: dateParameter,
  bandwidth: numberParameter(50, 50_000).default(1000),
  cellSize: numberParameter(10, 10_000).optional(),
  levels: wholeNumberParameter(1, 12).default(5),
});

const EXPECTATIONS = {
  ...INCIDENT_FILTER_EXPECTATIONS,
  method: bilingual('"gistar" hoặc "lisa"', '"gistar" or "lisa"'),
  measure: bilingual('"count", "per1000" hoặc "perKm2"', '"count", "per1000" or "perKm2"'),
  weights: bilingual(
    'queen, rook, knn:K (K nguyên ≥ 1) hoặc distance:D (mét)',
    'queen, rook, knn:K (K a whole number ≥ 1) or distance:D (metres)',
  ),
  months: bilingual('số tháng báo cáo, từ 6 đến 60', 'a number of reporting months from 6 to 60'),
  timeStep: bilingual('số tháng trước tính vào lân cận, 1–3', 'earlier months in the neighbourhood, 1–3'),
  shape: bilingual('"hexagon" (lục giác) hoặc "square" (vuông)', '"hexagon" or "square"'),
  distanceBand: bilingual('khoảng cách lân cận, mét', 'the neighbourhood distance in metres'),
  correction: bilingual('"none", "fdr" hoặc "bonferroni"', '"none", "fdr" or "bonferroni"'),
  permutations: bilingual('số nguyên từ 0 đến 9999', 'a whole number from 0 to 9999'),
  seed: bilingual('số nguyên từ 0 đến 4294967295', 'a whole number from 0 to 4294967295'),
  bandwidth: bilingual('bán kính tính mật độ, mét (50–50000)', 'the density radius in metres (50–50000)'),
  cellSize: bilingual('kích thước ô lưới, mét', 'the grid cell size in metres'),
  levels: bilingual('số mức đường đồng mức, 1–12', 'the number of contour levels, 1–12'),
  province: bilingual('mã hoặc tên một tỉnh của thời kỳ', 'the code or name of a province of the era'),
};

/**
 * Hot spots for commanders, planners and analysts (permission analysis:run), within the account's area:
 * - /units: G_i* (or LISA) over the era's communes for a window of incidents, optionally one province,
 *   each commune with z, p, its class after the correction, its count a year earlier and its latest
 *   incident; the result says how it was computed, so that a briefing can cite it;
 * - /emerging: ArcGIS's emerging hot spots over the communes and the reporting months ending with `to`:
 *   each commune's category (new, intensifying, persistent… hot or cold spot) and monthly z-scores;
 * - /grid: optimized hot spots of the incident points on a hexagon or square grid (cell size and scale
 *   from the data unless given, FDR), as GeoJSON cells;
 * - /density: the kernel density of the incidents (quartic kernel, radius in metres) as contour polygons
 *   for the map, in incidents per km².
 */
export function hotSpotRoutes(context: AppContext) {
  const canRun = permit(context, 'analysis:run');
  return new Hono<AppEnv>()
    .get('/units', canRun, validQuery(unitsQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const resolved = resolveIncidentFilter(c, context, query);
      const { era, incidents, filter, categories } = resolved;
      const previous = sameWindowLastYear({ from: query.from, to: query.to });
      const result = communeHotSpots(incidents, context.communeGeometry.forEra(era), {
        filter: {
          ...filter,
          from: query.from,
          to: query.to,
          units: analysedUnits(c, context, resolved, query.province),
        },
        previous,
        method: query.method,
        measure: query.measure,
        weights: query.weights,
        correction: query.correction,
        permutations: query.permutations,
        seed: query.seed,
      });
      return c.json({ era: era.label, from: query.from, to: query.to, categories, previous, ...result });
    })
    .get('/emerging', canRun, validQuery(emergingQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const resolved = resolveIncidentFilter(c, context, query);
      const { era, incidents, filter, categories } = resolved;
      const result = communeEmergingHotSpots(incidents, context.communeGeometry.forEra(era), {
        filter: { ...filter, units: analysedUnits(c, context, resolved, query.province) },
        months: reportingMonthsEndingWith(query.to, query.months),
        weights: query.weights,
        correction: query.correction,
        timeStepNeighbours: query.timeStep,
      });
      return c.json({ era: era.label, to: query.to, categories, ...result });
    })
    .get('/grid', canRun, validQuery(gridQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const { era, incidents, filter, categories } = resolveIncidentFilter(c, context, query);
      const located = incidents.locations(filter);
      const result = incidentGridHotSpots(located.longitudes, located.latitudes, {
        shape: query.shape,
        cellSizeMetres: query.cellSize,
        distanceBandMetres: query.distanceBand,
        correction: query.correction,
      });
      return c.json({ era: era.label, from: query.from, to: query.to, categories, ...result });
    })
    .get('/density', canRun, validQuery(densityQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const { era, incidents, filter } = resolveIncidentFilter(c, context, query);
      const located = incidents.locations(filter);
      const result = incidentDensity(located.longitudes, located.latitudes, {
        bandwidthMetres: query.bandwidth,
        cellSizeMetres: query.cellSize,
        levelCount: query.levels,
      });
      return c.json({ era: era.label, from: query.from, to: query.to, ...result });
    });
}

/**
 * The communes analysed: the account's area, or the part of it in one province (by code or name); null for
 * every commune of the era. A province outside the area is refused as any place outside it is.
 */
function analysedUnits(
  c: Context<AppEnv>,
  context: AppContext,
  { era, incidents, unitsInScope }: ResolvedIncidentFilter,
  province: string | undefined,
): number[] | null {
  if (!province) return unitsInScope;
  const inProvince = incidents.units.flatMap((unit, index) =>
    unit.provinceCode === province || unit.provinceName === province ? [index] : [],
  );
  if (inProvince.length === 0) {
    throw new ApiError(
      400,
      'invalid_parameter',
      bilingual(
        `Thời kỳ "${era.label}" không có tỉnh "${province}"`,
        `Era "${era.label}" has no province "${province}"`,
      ),
    );
  }
  const analysed = unitsInScope ? inProvince.filter((index) => unitsInScope.includes(index)) : inProvince;
  if (analysed.length === 0) throw outOfScope(c, context, `province ${era.label}/${province}`);
  return analysed;
}
