import { Hono } from 'hono';
import { z } from 'zod';
import {
  countIncidentsByUnit,
  countIncidentsOutsideEra,
  listIncidentCategories,
  unitsForStatistics,
} from '../db/queries/incidents';
import { bilingual } from '../domain/bilingual';
import { sameWindowLastYear } from '../domain/dates/reporting-period';
import { type AppEnv, accountOf, permit } from './access';
import { ApiError } from './api-error';
import { type AppContext, requireEra } from './context';
import { dateParameter, EXPECTATIONS, eraParameter, validQuery } from './query-validation';

const statsQuery = z.object({
  era: eraParameter,
  from: dateParameter,
  to: dateParameter,
  categories: z
    .string()
    .trim()
    .max(1000)
    .transform((text) =>
      text
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    )
    .optional(),
  compare: z.literal('cungky').optional(),
});

const STATS_EXPECTATIONS = {
  ...EXPECTATIONS,
  from: bilingual('ngày đầu kỳ dạng YYYY-MM-DD', 'the first day as YYYY-MM-DD'),
  to: bilingual('ngày cuối kỳ dạng YYYY-MM-DD', 'the last day as YYYY-MM-DD'),
  categories: bilingual('mã loại vụ việc, cách nhau dấu phẩy', 'incident category codes, comma-separated'),
  compare: bilingual('"cungky" (so với cùng kỳ năm trước)', '"cungky" (the same window a year earlier)'),
};

/** Rounded for the wire: counts per km² and per 1,000 residents to 4 decimals, percentages to 1. */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * /api/stats/units: incidents per unit of an era in a date window, every unit of the account's area
 * included (with 0), as counts, per km², per 1,000 residents where the population is known, and, with
 * compare=cungky, against the same window one year earlier. Incidents outside every unit are a figure of
 * their own (for accounts that see everywhere).
 */
export function statsRoutes(context: AppContext) {
  return new Hono<AppEnv>().get(
    '/units',
    permit(context, 'incidents:read'),
    validQuery(statsQuery, STATS_EXPECTATIONS),
    (c) => {
      const query = c.req.valid('query');
      const { scope } = accountOf(c);
      if (query.to < query.from) {
        throw new ApiError(
          400,
          'invalid_parameter',
          bilingual('"to" phải sau hoặc bằng "from"', '"to" must be on or after "from"'),
        );
      }
      const categories = query.categories ?? [];
      const known = new Set(listIncidentCategories(context.database).map((category) => category.code));
      const unknown = categories.filter((code) => !known.has(code));
      if (unknown.length > 0) {
        throw new ApiError(
          400,
          'invalid_parameter',
          bilingual(
            `Không có loại vụ việc: ${unknown.join(', ')}`,
            `No such incident category: ${unknown.join(', ')}`,
          ),
        );
      }
      const era = requireEra(context, query.era);
      const window = { eraId: era.id, from: query.from, to: query.to, categories };
      const counts = countIncidentsByUnit(context.database, window);
      const previousWindow = query.compare ? sameWindowLastYear(window) : null;
      const previous = previousWindow
        ? countIncidentsByUnit(context.database, { ...window, ...previousWindow })
        : null;

      const units = unitsForStatistics(context.database, era.id, scope).map((unit) => {
        const count = counts.get(unit.id) ?? 0;
        const previousCount = previous ? (previous.get(unit.id) ?? 0) : null;
        return {
          code: unit.code,
          count,
          perKm2: unit.areaKm2 > 0 ? round(count / unit.areaKm2, 4) : null,
          per1000: unit.population ? round((count / unit.population) * 1000, 4) : null,
          previousCount,
          change: previousCount === null ? null : count - previousCount,
          changePercent: previousCount ? round(((count - previousCount) / previousCount) * 100, 1) : null,
        };
      });
      return c.json({
        era: era.label,
        from: query.from,
        to: query.to,
        categories,
        previous: previousWindow,
        units,
        outsideUnits: scope.kind === 'all' ? countIncidentsOutsideEra(context.database, window) : null,
      });
    },
  );
}
