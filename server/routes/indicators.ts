import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import {
  type IndicatorSlot,
  indicatorValuesOf,
  listIndicatorDefinitions,
  writeIndicatorValues,
} from '../db/queries/records-indicators';
import { listAllIndicatorDefinitions } from '../db/queries/taxonomies';
import { findUnit } from '../db/queries/units';
import { scopeCovers } from '../domain/access/scope';
import { bilingual } from '../domain/bilingual';
import { checkIndicatorValues, parseReportingPeriod } from '../domain/records/indicators';
import { type AppEnv, accountOf, audit, outOfScope, permit } from './access';
import { notFound } from './api-error';
import { type AppContext, requireEra, today } from './context';
import { EXPECTATIONS, validBody, validQuery } from './query-validation';
import { invalidInput } from './record-helpers';

const slotFields = {
  era: z.string().trim().min(1).max(64).nullable().optional(),
  unit: z.string().trim().min(1).max(64),
  period: z.string().trim().min(1).max(10),
};

const valuesQuery = z.object(slotFields);

const valuesBody = z.object({ ...slotFields, values: z.record(z.string().max(64), z.unknown()) }).strict();

const definitionsQuery = z.object({ all: z.enum(['true', 'false']).optional() });

const DEFINITIONS_EXPECTATIONS = { all: bilingual('true hoặc false', 'true or false') };

const INDICATOR_EXPECTATIONS = {
  ...EXPECTATIONS,
  '': bilingual('chỉ các trường era, unit, period, values', 'only the fields era, unit, period, values'),
  unit: bilingual('mã xã', 'a commune code'),
  period: bilingual('kỳ báo cáo dạng YYYY-MM', 'a reporting month as YYYY-MM'),
  values: bilingual(
    'một đối tượng {mã chỉ tiêu: số nguyên không âm}',
    'an object {indicator code: whole number, 0 or more}',
  ),
};

/**
 * /api/indicators: the figures each commune reports per reporting month (counts only), their editable
 * definitions, and their entry by commanders and analysts within their area, audited.
 */
export function indicatorRoutes(context: AppContext) {
  const canRead = permit(context, 'incidents:read');
  const canWrite = permit(context, 'incidents:write');
  const { database } = context;

  /** The commune and month a request names, checked: era and commune exist, in scope, month begun. */
  const slotOf = (
    c: Context<AppEnv>,
    request: { era?: string | null | undefined; unit: string; period: string },
  ) => {
    const era = requireEra(context, request.era ?? undefined);
    const period = parseReportingPeriod(request.period, today(context));
    if ('vi' in period) throw invalidInput(period);
    const unit = findUnit(database, [era.id], 'commune', request.unit);
    if (!unit) {
      throw notFound(
        bilingual(
          `Không có xã mã "${request.unit}" trong thời kỳ "${era.label}"`,
          `There is no commune with code "${request.unit}" in era "${era.label}"`,
        ),
      );
    }
    const target = `indicators:${era.label}/${unit.code}/${period.period}`;
    if (!scopeCovers(accountOf(c).scope, unit)) throw outOfScope(c, context, target);
    const slot: IndicatorSlot = { eraId: era.id, unitCode: unit.code, period: period.period };
    return { era, period, slot, target };
  };

  const answer = (slot: ReturnType<typeof slotOf>) => {
    const stored = indicatorValuesOf(database, slot.slot);
    return {
      era: slot.era.label,
      unit: slot.slot.unitCode,
      period: slot.period.period,
      from: slot.period.from,
      to: slot.period.to,
      values: Object.fromEntries(stored.map((entry) => [entry.code, entry.value])),
      updated: stored.map((entry) => ({ code: entry.code, at: entry.updatedAt, by: entry.updatedBy })),
    };
  };

  return (
    new Hono<AppEnv>()
      // The active definitions; with ?all=true the retired ones too (administrators edit them, taxonomies.ts).
      .get('/definitions', canRead, validQuery(definitionsQuery, DEFINITIONS_EXPECTATIONS), (c) =>
        c.json(
          (c.req.valid('query').all === 'true'
            ? listAllIndicatorDefinitions(database)
            : listIndicatorDefinitions(database)
          ).map((definition) => ({
            code: definition.code,
            nameVi: definition.nameVi,
            nameEn: definition.nameEn,
            unitVi: definition.unitVi,
            unitEn: definition.unitEn,
            sortOrder: definition.sortOrder,
            active: definition.active,
          })),
        ),
      )
      .get('/', canRead, validQuery(valuesQuery, INDICATOR_EXPECTATIONS), (c) =>
        c.json(answer(slotOf(c, c.req.valid('query')))),
      )
      .put('/', canWrite, validBody(valuesBody, INDICATOR_EXPECTATIONS), (c) => {
        const body = c.req.valid('json');
        const slot = slotOf(c, body);
        const problem = checkIndicatorValues(body.values, listIndicatorDefinitions(database));
        if (problem) throw invalidInput(problem);
        const values = body.values as Record<string, number | null>;
        inTransaction(database, () => {
          const before = answer(slot).values;
          writeIndicatorValues(
            database,
            slot.slot,
            values,
            accountOf(c).user.username,
            context.now().toISOString(),
          );
          audit(c, context, {
            action: 'indicators.update',
            target: slot.target,
            before,
            after: answer(slot).values,
          });
        });
        return c.json(answer(slot));
      })
  );
}
