import type { Context } from 'hono';
import { z } from 'zod';
import type { EraRecord } from '../db/queries/eras';
import { listAllIncidentCategories } from '../db/queries/incidents';
import { bilingual } from '../domain/bilingual';
import { SEVERITIES } from '../domain/incidents/incident-taxonomy';
import type { EraIncidents, IncidentFilter } from '../services/incident-cube';
import { type AppEnv, accountOf, outOfScope } from './access';
import { ApiError } from './api-error';
import { type AppContext, requireEra } from './context';
import { dateParameter, EXPECTATIONS, eraParameter } from './query-validation';

/** "a, b,,c" → ["a", "b", "c"]. */
const codeList = z
  .string()
  .trim()
  .max(2000)
  .transform((text) =>
    text
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean),
  );

/**
 * The filter every incident read endpoint takes (see the API in README): era, date window, categories,
 * severities and cleared or not. The window is optional here; endpoints that need one require it.
 */
export const incidentFilterFields = {
  era: eraParameter,
  from: dateParameter.optional(),
  to: dateParameter.optional(),
  categories: codeList.optional(),
  severities: codeList.pipe(z.array(z.enum(SEVERITIES))).optional(),
  cleared: z.enum(['yes', 'no']).optional(),
  unit: z.string().trim().min(1).max(64).optional(),
};

export const INCIDENT_FILTER_EXPECTATIONS = {
  ...EXPECTATIONS,
  from: bilingual('ngày đầu kỳ dạng YYYY-MM-DD', 'the first day as YYYY-MM-DD'),
  to: bilingual('ngày cuối kỳ dạng YYYY-MM-DD', 'the last day as YYYY-MM-DD'),
  categories: bilingual('mã loại vụ việc, cách nhau dấu phẩy', 'incident category codes, comma-separated'),
  severities: bilingual(
    `mức độ, cách nhau dấu phẩy, trong số ${SEVERITIES.join(', ')}`,
    `severities, comma-separated, among ${SEVERITIES.join(', ')}`,
  ),
  cleared: bilingual('"yes" (đã khám phá) hoặc "no" (chưa)', '"yes" (cleared) or "no" (not cleared)'),
  unit: bilingual('mã một xã của thời kỳ', 'the code of a commune of the era'),
  months: bilingual('số tháng báo cáo, từ 1 đến 120', 'a number of reporting months from 1 to 120'),
  limit: bilingual('số nguyên từ 1 đến 1000', 'a whole number from 1 to 1000'),
  offset: bilingual('số nguyên không âm', 'a whole number, 0 or more'),
  compare: bilingual('"cungky" (so với cùng kỳ năm trước)', '"cungky" (the same window a year earlier)'),
};

export interface IncidentFilterQuery {
  era?: string;
  from?: string;
  to?: string;
  categories?: string[];
  severities?: string[];
  cleared?: 'yes' | 'no';
  unit?: string;
}

/** A filter checked against the data and the account: what an endpoint hands to the incident index. */
export interface ResolvedIncidentFilter {
  era: EraRecord;
  incidents: EraIncidents;
  filter: IncidentFilter;
  /** The categories asked for (all when empty). */
  categories: string[];
  /** The units the account may see, null for everywhere. */
  unitsInScope: number[] | null;
  /** The one unit asked for, or null. */
  unitCode: string | null;
}

/**
 * Checks what zod cannot (the window's order, that categories and the unit exist, the account's scope) and
 * builds the filter: an account limited to some communes counts only incidents inside them.
 */
export function resolveIncidentFilter(
  c: Context<AppEnv>,
  context: AppContext,
  query: IncidentFilterQuery,
): ResolvedIncidentFilter {
  if (query.from && query.to && query.to < query.from) {
    throw invalid(bilingual('"to" phải sau hoặc bằng "from"', '"to" must be on or after "from"'));
  }
  const categories = query.categories ?? [];
  if (categories.length > 0) {
    const known = new Set(listAllIncidentCategories(context.database).map((category) => category.code));
    const unknown = categories.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw invalid(
        bilingual(
          `Không có loại vụ việc: ${unknown.join(', ')}`,
          `No such incident category: ${unknown.join(', ')}`,
        ),
      );
    }
  }
  const era = requireEra(context, query.era);
  const incidents = context.incidents.forEra(era);
  const unitsInScope = incidents.unitsInScope(accountOf(c).scope);
  let units = unitsInScope;
  if (query.unit) {
    const index = incidents.unitIndex(query.unit);
    if (index === undefined) {
      throw invalid(
        bilingual(
          `Thời kỳ "${era.label}" không có xã mã ${query.unit}`,
          `Era "${era.label}" has no commune with code ${query.unit}`,
        ),
      );
    }
    if (unitsInScope && !unitsInScope.includes(index)) {
      throw outOfScope(c, context, `unit ${era.label}/commune/${query.unit}`);
    }
    units = [index];
  }
  return {
    era,
    incidents,
    categories,
    unitsInScope,
    unitCode: query.unit ?? null,
    filter: {
      from: query.from ?? null,
      to: query.to ?? null,
      categories,
      severities: query.severities ?? [],
      cleared: query.cleared === undefined ? null : query.cleared === 'yes',
      units,
    },
  };
}

function invalid(text: ReturnType<typeof bilingual>): ApiError {
  return new ApiError(400, 'invalid_parameter', text);
}
