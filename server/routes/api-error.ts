import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BilingualError, type BilingualText, bilingual } from '../domain/bilingual';

/**
 * An error answered as JSON in the one shape every route uses:
 * `{"error": {"code": "not_found", "message": {"vi": "…", "en": "…"}}}`.
 */
export class ApiError extends BilingualError {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    text: BilingualText,
  ) {
    super(text);
  }
}

export function errorBody(code: string, message: BilingualText) {
  return { error: { code, message } };
}

export function notFound(what: BilingualText): ApiError {
  return new ApiError(404, 'not_found', what);
}

export const INTERNAL_ERROR = bilingual(
  'Lỗi hệ thống; thao tác không thực hiện được. Vui lòng thử lại hoặc báo quản trị viên',
  'Internal error; the request could not be completed. Please try again or tell an administrator',
);
