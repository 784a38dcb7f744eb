import { BilingualError, type BilingualText, bilingual } from '@domain/bilingual';
import type { ErrorBody } from './types';

/** An API failure with a message for the user in both languages, as the server sends it. */
export class ApiError extends BilingualError {
  constructor(
    readonly status: number,
    readonly code: string,
    text: BilingualText,
  ) {
    super(text);
    this.name = 'ApiError';
  }
}

export type QueryParameters = Record<string, string | number | null | undefined>;

/** GETs JSON from the API; any failure, the network's included, becomes an ApiError. */
export async function getJson<T>(
  path: string,
  parameters: QueryParameters = {},
  signal?: AbortSignal,
): Promise<T> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  const url = query.size > 0 ? `${path}?${query}` : path;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(
      0,
      'network_error',
      bilingual(
        'Không kết nối được máy chủ. Kiểm tra mạng hoặc máy chủ Diaban rồi thử lại.',
        'Cannot reach the server. Check the network or the Diaban server and try again.',
      ),
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFromResponse(response.status, body);
  if (body === null) {
    throw new ApiError(
      response.status,
      'invalid_response',
      bilingual('Máy chủ trả về dữ liệu không đọc được.', 'The server sent data that cannot be read.'),
    );
  }
  return body as T;
}

function errorFromResponse(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.error.code, body.error.message);
  return new ApiError(
    status,
    'server_error',
    bilingual(`Máy chủ báo lỗi (mã ${status}).`, `The server reported an error (status ${status}).`),
  );
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error as Partial<ErrorBody['error']> | null;
  return (
    typeof error?.code === 'string' &&
    typeof error.message?.vi === 'string' &&
    typeof error.message.en === 'string'
  );
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Anything caught as an ApiError, so the interface has one kind of error to show. */
export function toApiError(caught: unknown): ApiError {
  if (caught instanceof ApiError) return caught;
  const message = caught instanceof Error ? caught.message : String(caught);
  return new ApiError(
    0,
    'client_error',
    bilingual(`Lỗi không mong đợi: ${message}`, `Unexpected error: ${message}`),
  );
}
