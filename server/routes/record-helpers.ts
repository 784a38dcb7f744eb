import type { Context } from 'hono';
import { z } from 'zod';
import { defaultEra, type EraRecord } from '../db/queries/eras';
import type { BilingualText } from '../domain/bilingual';
import { bilingual } from '../domain/bilingual';
import { pointInScope } from '../services/record-location';
import { type AppEnv, accountOf, outOfScope } from './access';
import { ApiError, notFound } from './api-error';
import { type AppContext, requireEra, today } from './context';
import { EXPECTATIONS, numberParameter, wholeNumberParameter } from './query-validation';

/** What the routes of flashpoints, vice spots and hand-entered incidents share. */

/** A 400 for input that is well formed but wrong, with the reason in both languages. */
export function invalidInput(reason: BilingualText): ApiError {
  return new ApiError(400, 'invalid_parameter', reason);
}

/** The numeric id in a path, or a 404 naming what was looked for. */
export function recordId(c: Context<AppEnv>, what: BilingualText): number {
  const text = c.req.param('id') ?? '';
  const id = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw missing(what, text);
  return id;
}

export function missing(what: BilingualText, id: string | number): ApiError {
  return notFound(bilingual(`Không có ${what.vi} số ${id}`, `There is no ${what.en} number ${id}`));
}

/** The era named, else the one in force today, else none (records still list, without communes). */
export function eraOrDefault(context: AppContext, label: string | undefined | null): EraRecord | null {
  if (label) return requireEra(context, label);
  return defaultEra(context.database, today(context)) ?? null;
}

/** Refuses (403, audited) a write or read at a point outside the account's communes. */
export function requirePointInScope(
  c: Context<AppEnv>,
  context: AppContext,
  target: string,
  point: readonly [number, number],
): void {
  if (!pointInScope(context.database, context.locator, accountOf(c).scope, point[0], point[1])) {
    throw outOfScope(c, context, target);
  }
}

export const listQuery = z.object({
  era: z.string().trim().min(1).max(64).optional(),
  status: z.enum(['open', 'all']).default('all'),
});

/** DBSCAN over a register's sites: neighbours within `distance` metres, clusters of `minimumPoints`. */
export const clusterQuery = listQuery.extend({
  distance: numberParameter(10, 50_000).default(500),
  minimumPoints: wholeNumberParameter(2, 1000).default(3),
});

export const oneQuery = z.object({ era: z.string().trim().min(1).max(64).optional() });

export const statusBody = z
  .object({
    status: z.string().trim().min(1).max(40),
    date: z.string().trim().min(1).max(20),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();

export const RECORD_EXPECTATIONS = {
  ...EXPECTATIONS,
  '': bilingual('chỉ các trường đã mô tả trong API', 'only the fields the API describes'),
  status: bilingual(
    'một mã trạng thái, hoặc "open"/"all" khi liệt kê',
    'a status code, or "open"/"all" when listing',
  ),
  date: bilingual('một ngày dạng YYYY-MM-DD', 'a date as YYYY-MM-DD'),
  distance: bilingual(
    'khoảng cách lân cận, mét (10–50000)',
    'the neighbourhood distance in metres (10–50000)',
  ),
  minimumPoints: bilingual('số điểm tối thiểu của một cụm, 2–1000', 'the fewest sites in a cluster, 2–1000'),
  statusDate: bilingual('một ngày dạng YYYY-MM-DD', 'a date as YYYY-MM-DD'),
  note: bilingual('ghi chú, tối đa 2000 ký tự', 'a note of at most 2000 characters'),
  notes: bilingual('ghi chú, tối đa 4000 ký tự', 'notes of at most 4000 characters'),
  title: bilingual('tên, 1 đến 200 ký tự', 'a title of 1 to 200 characters'),
  geometry: bilingual(
    'hình học GeoJSON {"type", "coordinates"} theo WGS84',
    'a GeoJSON geometry {"type", "coordinates"} in WGS84',
  ),
} satisfies Record<string, BilingualText>;

/** A nullable text field: blank text is stored as null. */
export function optionalText(maximum: number) {
  return z
    .string()
    .trim()
    .max(maximum)
    .transform((text) => (text === '' ? null : text))
    .nullable()
    .optional();
}

export const geometryField = z.object({ type: z.string().max(40), coordinates: z.unknown() });
