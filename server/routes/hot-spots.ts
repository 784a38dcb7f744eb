import { Hono } from 'hono';
import { z } from 'zod';
import { bilingual } from '../domain/bilingual';
import { sameWindowLastYear } from '../domain/dates/reporting-period';
import { type AnalysisOptionError, parseWeightsSpecification } from '../domain/hot-spots/analysis-options';
import { HOT_SPOT_MEASURES, HOT_SPOT_METHODS } from '../domain/hot-spots/commune-hot-spot-answer';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED } from '../domain/hot-spots/spatial-analysis';
import { CORRECTIONS } from '../domain/spatial-statistics/multiple-testing';
import { communeHotSpots } from '../services/commune-hot-spots';
import { incidentDensity } from '../services/incident-density';
import { type AppEnv, outOfScope, permit } from './access';
import { ApiError } from './api-error';
import type { AppContext } from './context';
import { INCIDENT_FILTER_EXPECTATIONS, incidentFilterFields, resolveIncidentFilter } from './incident-filter';
import { dateParameter, numberParameter, validQuery, wholeNumberParameter } from './query-validation';

const { unit: _unit, ...fieldsWithoutUnit } = incidentFilterFields;

const unitsQuery = z.object({
  ...fieldsWithoutUnit,
  from: dateParameter,
  to: dateParameter,
  method: z.enum(HOT_SPOT_METHODS).default('gistar'),
  measure: z.enum(HOT_SPOT_MEASURES).default('count'),
  weights: z.string().trim().max(40).default('queen'),
  correction: z.enum(CORRECTIONS).default('fdr'),
  permutations: wholeNumberParameter(0, 9999).default(DEFAULT_PERMUTATIONS),
  seed: wholeNumberParameter(0, 4_294_967_295).default(DEFAULT_SEED),
  province: z.string().trim().min(1).max(64).optional(),
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
  weights: bilingual('queen, rook, knn:K hoặc distance:D (mét)', 'queen, rook, knn:K or distance:D (metres)'),
  correction: bilingual('"none", "fdr" hoặc "bonferroni"', '"none", "fdr" or "bonferroni"'),
  permutations: bilingual('số nguyên từ 0 đến 9999', 'a whole number from 0 to 9999'),
  seed: bilingual('số nguyên từ 0 đến 4294967295', 'a whole number from 0 to 4294967295'),
  bandwidth: bilingual('bán kính tính mật độ, mét (50–50000)', 'the density radius in metres (50–50000)'),
  cellSize: bilingual('cạnh ô lưới, mét (10–10000)', 'the grid cell side in metres (10–10000)'),
  levels: bilingual('số mức đường đồng mức, 1–12', 'the number of contour levels, 1–12'),
  province: bilingual('mã hoặc tên một tỉnh của thời kỳ', 'the code or name of a province of the era'),
};

/**
 * Hot spots for commanders and planners, within the account's area:
 * - /units: G_i* (or LISA) over the era's communes for a window of incidents, optionally one province,
 *   each commune with z, p, its class after the correction, its count a year earlier and its latest
 *   incident; the result says how it was computed, so that a briefing can cite it;
 * - /density: the kernel density of the incidents (quartic kernel, radius in metres) as contour polygons
 *   for the map, in incidents per km².
 */
export function hotSpotRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/units', permit(context, 'incidents:read'), validQuery(unitsQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      let weights: ReturnType<typeof parseWeightsSpecification>;
      try {
        weights = parseWeightsSpecification(query.weights);
      } catch (error) {
        throw new ApiError(400, 'invalid_parameter', (error as AnalysisOptionError).text);
      }
      const { era, incidents, filter, categories, unitsInScope } = resolveIncidentFilter(c, context, query);
      let analysed = unitsInScope;
      if (query.province) {
        const province = query.province;
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
        analysed = unitsInScope ? inProvince.filter((index) => unitsInScope.includes(index)) : inProvince;
        if (analysed.length === 0) throw outOfScope(c, context, `province ${era.label}/${province}`);
      }
      const previous = sameWindowLastYear({ from: query.from, to: query.to });
      const result = communeHotSpots(incidents, context.communeGeometry.forEra(era), {
        filter: { ...filter, from: query.from, to: query.to, units: analysed },
        previous,
        method: query.method,
        measure: query.measure,
        weights,
        correction: query.correction,
        permutations: query.permutations,
        seed: query.seed,
      });
      return c.json({ era: era.label, from: query.from, to: query.to, categories, previous, ...result });
    })
    .get('/density', permit(context, 'incidents:read'), validQuery(densityQuery, EXPECTATIONS), (c) => {
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
