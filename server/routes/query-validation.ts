import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { type BilingualText, bilingual } from '../domain/bilingual';
import { UNIT_LEVELS } from '../domain/boundaries/unit-level';
import { isIsoDate } from '../domain/dates/calendar-date';
import { ApiError } from './api-error';

/**
 * A query-string validator whose failures are 400s in the shared error shape, naming the parameter and
 * what it should be in both languages (`expectations`), never zod's internals.
 */
export function validQuery<Schema extends z.ZodType>(
  schema: Schema,
  expectations: Record<string, BilingualText>,
) {
  return zValidator('query', schema, (result) => {
    if (!result.success) throw invalidInput(result.error, expectations);
  });
}

/** The same for a JSON body. */
export function validBody<Schema extends z.ZodType>(
  schema: Schema,
  expectations: Record<string, BilingualText>,
) {
  return zValidator('json', schema, (result) => {
    if (!result.success) throw invalidInput(result.error, expectations);
  });
}

function invalidInput(
  error: { issues: readonly { path: readonly PropertyKey[] }[] },
  expectations: Record<string, BilingualText>,
): ApiError {
  const field = String(error.issues[0]?.path[0] ?? '');
  const expected = expectations[field];
  return new ApiError(
    400,
    'invalid_parameter',
    bilingual(
      `Tham số "${field}" không hợp lệ${expected ? `: cần ${expected.vi}` : ''}`,
      `Invalid parameter "${field}"${expected ? `: expected ${expected.en}` : ''}`,
    ),
  );
}

/** A decimal number within bounds; unlike z.coerce, an empty string is not 0. */
export function numberParameter(minimum: number, maximum: number) {
  return z
    .string()
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)$/)
    .transform(Number)
    .pipe(z.number().min(minimum).max(maximum));
}

/** A whole number within bounds, written in decimal digits only. */
export function wholeNumberParameter(minimum: number, maximum: number) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,10}$/)
    .transform(Number)
    .pipe(z.number().int().min(minimum).max(maximum));
}

export const eraParameter = z.string().trim().min(1).max(64).optional();
export const levelParameter = z.enum(UNIT_LEVELS).default('commune');
export const dateParameter = z.string().refine(isIsoDate);

/** What common parameters should be, for error messages. */
export const EXPECTATIONS = {
  era: bilingual('tên một thời kỳ ranh giới', 'the label of a boundary era'),
  level: bilingual(`một trong ${UNIT_LEVELS.join(', ')}`, `one of ${UNIT_LEVELS.join(', ')}`),
  date: bilingual('một ngày dạng YYYY-MM-DD', 'a date as YYYY-MM-DD'),
  lon: bilingual('kinh độ, số từ -180 đến 180', 'a longitude, a number from -180 to 180'),
  lat: bilingual('vĩ độ, số từ -90 đến 90', 'a latitude, a number from -90 to 90'),
  province: bilingual(
    'mã hoặc tên tỉnh (tối đa 100 ký tự)',
    'a province code or name (at most 100 characters)',
  ),
  district: bilingual(
    'mã hoặc tên huyện (tối đa 100 ký tự)',
    'a district code or name (at most 100 characters)',
  ),
  q: bilingual('từ khóa tìm kiếm, 1 đến 100 ký tự', 'search text of 1 to 100 characters'),
  limit: bilingual('số nguyên từ 1 đến 50', 'a whole number from 1 to 50'),
} satisfies Record<string, BilingualText>;
