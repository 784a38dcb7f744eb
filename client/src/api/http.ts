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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The session's anti-forgery token, sent with every request that changes something. */
let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * What to do when a data route answers 401 (never signed in, or the session expired or was ended). The
 * /api/auth routes are left out: a 401 there is an answer ("not signed in", "wrong password"), not news.
 */
export function onUnauthenticated(handler: () => void): void {
  unauthenticatedHandler = handler;
}

/** A path with its query; empty values are left out. */
export function urlWithQuery(path: string, parameters: QueryParameters = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  return query.size > 0 ? `${path}?${query}` : path;
}

/** GETs JSON from the API; any failure, the network's included, becomes an ApiError. */
export function getJson<T>(path: string, parameters: QueryParameters = {}, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', urlWithQuery(path, parameters), undefined, signal);
}

/** Sends JSON (or nothing) and reads the JSON answer; a 204 answers undefined. */
export function sendJson<T>(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

/** Sends a file as the raw body (the name URL-encoded in X-File-Name) and reads the JSON answer. */
export function sendFile<T>(path: string, file: File, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  return request<T>(method, path, file, undefined, {
    'Content-Type': 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
  });
}

async function request<T>(
  method: Method,
  url: string,
  body: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const raw = body instanceof Blob;
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      // The session cookie is SameSite=Strict and the API is on the same origin; say so explicitly.
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError();
  }
  if (response.status === 401 && !url.startsWith('/api/auth/')) unauthenticatedHandler?.();
  if (response.status === 204) return undefined as T;
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFromResponse(response.status, answer);
  if (answer === null) {
    throw new ApiError(
      response.status,
      'invalid_response',
      bilingual('Máy chủ trả về dữ liệu không đọc được.', 'The server sent data that cannot be read.'),
    );
  }
  return answer as T;
}

/** POSTs JSON and receives a file to save (an export): its bytes and the name the server gives it. */
export async function postJsonForFile(
  path: string,
  body: unknown,
  fallbackName: string,
): Promise<{ blob: Blob; fileName: string }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  if (response.status === 401) unauthenticatedHandler?.();
  if (!response.ok) throw errorFromResponse(response.status, await response.json().catch(() => null));
  // RFC 6266: the UTF-8 name when given, else the plain one.
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  return {
    blob: await response.blob(),
    fileName: encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName),
  };
}

function networkError(): ApiError {
  return new ApiError(
    0,
    'network_error',
    bilingual(
      'Không kết nối được máy chủ. Kiểm tra mạng hoặc máy chủ Diaban rồi thử lại.',
      'Cannot reach the server. Check the network or the Diaban server and try again.',
    ),
  );
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
