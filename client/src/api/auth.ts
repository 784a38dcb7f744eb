import { getJson, sendJson } from './http';
import type { Session } from './types';

/** Signs in; the server sets the session cookie. A wrong password or a locked account is an ApiError. */
export function signIn(username: string, password: string): Promise<Session> {
  return sendJson('POST', '/api/auth/login', { username, password });
}

/** The session of this browser, if any: a 401 ApiError (code `unauthenticated`) when there is none. */
export function fetchSession(): Promise<Session> {
  return getJson('/api/auth/me');
}

export function signOut(): Promise<void> {
  return sendJson('POST', '/api/auth/logout');
}
