import { Hono } from 'hono';
import { z } from 'zod';
import { bilingual } from '../domain/bilingual';
import { parseReportingPeriod } from '../domain/records/indicators';
import {
  carriedIndicators,
  carriedOutcomes,
  formerDistricts,
  type InheritedHistory,
  inheritedHistory,
} from '../services/carried-aggregates';
import { type AppEnv, accountOf, permit } from './access';
import { type AppContext, requireEra, today } from './context';
import {
  communeView,
  cycleView,
  eraField,
  PROGRAMME_EXPECTATIONS,
  requireCommune,
  unitField,
  yearParameter,
} from './programme-helpers';
import { validQuery } from './query-validation';
import { invalidInput } from './record-helpers';

const indicatorQuery = z.object({
  era: eraField.optional(),
  period: z.string().trim().min(1).max(10),
  unit: unitField.optional(),
});

const outcomeQuery = z.object({ era: eraField.optional(), year: yearParameter, unit: unitField.optional() });

const historyQuery = z.object({ era: eraField.optional(), unit: unitField });

const districtsQuery = z.object({ era: eraField.optional() });

const CARRIED_EXPECTATIONS = {
  ...PROGRAMME_EXPECTATIONS,
  period: bilingual('kỳ báo cáo dạng YYYY-MM', 'a reporting month as YYYY-MM'),
};

/**
 * /api/carried: figures kept per unit of an older era, carried to the units of the newer era through the
 * lineage (services/carried-aggregates.ts): the entered indicators of a reporting month, the programme's
 * outcomes of a year, the programme history of the communes a commune came from, and the former districts
 * of an era without districts (a grouping the map's area filter keeps). Each reads with the permission of
 * its source data (indicators: 'incidents:read'; programme: 'programme:read'; districts:
 * 'boundaries:read'), for new communes in the account's area only; a named commune outside it is a 403,
 * audited.
 */
export function carriedAggregateRoutes(context: AppContext) {
  const { database } = context;
  return new Hono<AppEnv>()
    .get(
      '/indicators',
      permit(context, 'incidents:read'),
      validQuery(indicatorQuery, CARRIED_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const era = requireEra(context, query.era);
        const period = parseReportingPeriod(query.period, today(context));
        if ('vi' in period) throw invalidInput(period);
        if (query.unit) {
          requireCommune(c, context, era, query.unit, `carried-indicators ${era.label}/${query.unit}`);
        }
        return c.json(
          carriedIndicators(database, {
            era,
            scope: accountOf(c).scope,
            unitCode: query.unit,
            period: period.period,
          }),
        );
      },
    )
    .get(
      '/outcomes',
      permit(context, 'programme:read'),
      validQuery(outcomeQuery, CARRIED_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const era = requireEra(context, query.era);
        if (query.unit) {
          requireCommune(c, context, era, query.unit, `carried-outcomes ${era.label}/${query.unit}`);
        }
        return c.json(
          carriedOutcomes(database, {
            era,
            scope: accountOf(c).scope,
            unitCode: query.unit,
            year: query.year,
          }),
        );
      },
    )
    .get(
      '/former-districts',
      permit(context, 'boundaries:read'),
      validQuery(districtsQuery, CARRIED_EXPECTATIONS),
      (c) => {
        const era = requireEra(context, c.req.valid('query').era);
        const districts = formerDistricts(database, era, accountOf(c).scope);
        return c.json({ era: era.label, units: Object.fromEntries(districts) });
      },
    )
    .get(
      '/history',
      permit(context, 'programme:read'),
      validQuery(historyQuery, CARRIED_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const era = requireEra(context, query.era);
        const unit = requireCommune(
          c,
          context,
          era,
          query.unit,
          `carried-history ${era.label}/${query.unit}`,
        );
        const day = today(context);
        return c.json({
          unit: { era: era.label, code: unit.code, name: unit.name, fullName: unit.fullName },
          predecessors: inheritedHistory(database, era, unit.code).map((entry) => historyView(entry, day)),
        });
      },
    );
}

/** One predecessor with its link and its programme rows, shaped as the programme's own answers. */
function historyView(entry: InheritedHistory, day: string) {
  const { link, era, unit } = entry;
  const notAchievedYears = new Set(
    entry.cycles
      .filter((row) =>
        (entry.transitions.get(row.id) ?? []).some((step) => step.status === 'assessed-not-achieved'),
      )
      .map((row) => row.year),
  );
  return {
    era: era.label,
    code: link.oldUnitCode,
    name: unit?.name ?? link.oldUnitCode,
    fullName: unit?.fullName ?? link.oldUnitCode,
    district: unit?.districtName ?? null,
    areaShare: link.areaShare,
    populationShare: link.populationShare,
    partial: link.partial,
    source: link.source,
    cycles: entry.cycles.map((row) =>
      cycleView(row, entry.transitions.get(row.id) ?? [], day, notAchievedYears.has(row.year - 1)),
    ),
    designations: entry.designations.map((row) => ({
      id: row.id,
      year: row.year,
      era: row.eraLabel,
      unit: communeView(row),
      kind: row.kind,
      level: row.level === '' ? null : row.level,
      reference: row.reference,
      note: row.note,
    })),
  };
}
