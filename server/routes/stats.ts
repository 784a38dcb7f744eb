import { Hono } from 'hono';
import { z } from 'zod';
import { listAllIncidentCategories } from '../db/queries/incidents';
import { bilingual } from '../domain/bilingual';
import { reportingMonthsBetween, reportingMonthsEndingWith } from '../domain/dates/reporting-months';
import { sameWindowLastYear } from '../domain/dates/reporting-period';
import { type AppEnv, permit } from './access';
import { ApiError } from './api-error';
import type { AppContext } from './context';
import { INCIDENT_FILTER_EXPECTATIONS, incidentFilterFields, resolveIncidentFilter } from './incident-filter';
import { dateParameter, validQuery, wholeNumberParameter } from './query-validation';

const { unit: _unit, ...fieldsWithoutUnit } = incidentFilterFields;

/** Aggregates over a window: both ends required. */
const windowFields = { ...fieldsWithoutUnit, from: dateParameter, to: dateParameter };

const unitsQuery = z.object({ ...windowFields, compare: z.literal('cungky').optional() });
const categoriesQuery = z.object({ ...windowFields, unit: incidentFilterFields.unit });
/** Series end with the month containing `to`; `from` only sets how many months when `months` is absent. */
const seriesFields = {
  ...fieldsWithoutUnit,
  to: dateParameter,
  months: wholeNumberParameter(1, 120).optional(),
};
const seriesQuery = z.object({ ...seriesFields, unit: incidentFilterFields.unit });
const unitSeriesQuery = z.object(seriesFields);

const MAXIMUM_MONTHS = 120;
const DEFAULT_MONTHS = 24;

/** Rounded for the wire: counts per km² and per 1,000 residents to 4 decimals, percentages to 1. */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The reporting months a series covers: `months`, else from the month of `from`, else the last 24. */
function seriesMonths(query: { from?: string; to: string; months?: number }) {
  let count = query.months ?? DEFAULT_MONTHS;
  if (query.months === undefined && query.from) {
    count = reportingMonthsBetween(query.from, query.to);
    if (count > MAXIMUM_MONTHS) {
      throw new ApiError(
        400,
        'invalid_parameter',
        bilingual(
          `Khoảng thời gian dài quá ${MAXIMUM_MONTHS} tháng báo cáo`,
          `The window is longer than ${MAXIMUM_MONTHS} reporting months`,
        ),
      );
    }
  }
  return reportingMonthsEndingWith(query.to, count);
}

/**
 * Incident statistics from the in-memory incident index, always within the account's area:
 * - /units: per commune of an era in a window, every commune included (with 0), as counts, per km², per
 *   1,000 residents where the population is known, and, with compare=cungky, against the same window one
 *   year earlier; incidents outside every commune are a figure of their own (for accounts that see
 *   everywhere);
 * - /series: per reporting month (15th to 14th) ending with the month containing `to`, for one commune or
 *   the whole area; /series/units: the same per commune, for playing the months back on the map;
 * - /categories: per category, every category included, in taxonomy order.
 */
export function statsRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get(
      '/units',
      permit(context, 'incidents:read'),
      validQuery(unitsQuery, INCIDENT_FILTER_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const { era, incidents, filter, categories, unitsInScope } = resolveIncidentFilter(c, context, query);
        const { counts, outside } = incidents.countByUnit(filter);
        const previousWindow = query.compare ? sameWindowLastYear({ from: query.from, to: query.to }) : null;
        const previous = previousWindow
          ? incidents.countByUnit({ ...filter, ...previousWindow }).counts
          : null;
        const shown = unitsInScope ?? incidents.units.map((_, index) => index);
        const units = shown.map((index) => {
          const unit = incidents.units[index] as (typeof incidents.units)[number];
          const count = counts[index] ?? 0;
          const previousCount = previous ? (previous[index] ?? 0) : null;
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
          outsideUnits: unitsInScope === null ? outside : null,
        });
      },
    )
    .get(
      '/series',
      permit(context, 'incidents:read'),
      validQuery(seriesQuery, INCIDENT_FILTER_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const months = seriesMonths(query);
        const { era, incidents, filter, unitCode } = resolveIncidentFilter(c, context, query);
        const counts = incidents.countByWindow({ ...filter, from: null, to: null }, months);
        return c.json({
          era: era.label,
          unit: unitCode,
          months: months.map((month, index) => ({ ...month, count: counts[index] ?? 0 })),
        });
      },
    )
    .get(
      '/series/units',
      permit(context, 'incidents:read'),
      validQuery(unitSeriesQuery, INCIDENT_FILTER_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const months = seriesMonths(query);
        const { era, incidents, filter, unitsInScope } = resolveIncidentFilter(c, context, query);
        const counts = incidents.countByWindow({ ...filter, from: null, to: null }, months, true);
        const shown = unitsInScope ?? incidents.units.map((_, index) => index);
        return c.json({
          era: era.label,
          months: months.map((month) => month.month),
          units: shown.map((index) => ({
            code: incidents.units[index]?.code ?? '',
            counts: Array.from(counts.subarray(index * months.length, (index + 1) * months.length)),
          })),
        });
      },
    )
    .get(
      '/categories',
      permit(context, 'incidents:read'),
      validQuery(categoriesQuery, INCIDENT_FILTER_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const { incidents, filter } = resolveIncidentFilter(c, context, query);
        const counts = incidents.countByCategory(filter);
        const codes = incidents.columns.categoryCodes;
        return c.json({
          categories: listAllIncidentCategories(context.database).map((category) => {
            const index = codes.indexOf(category.code);
            return {
              code: category.code,
              nameVi: category.nameVi,
              nameEn: category.nameEn,
              count: index >= 0 ? (counts[index] ?? 0) : 0,
            };
          }),
        });
      },
    );
}
