/**
 * Where to go after signing in: the `next` query parameter of the sign-in page, which anyone can write into
 * a link. Only a path inside the app is followed, so a crafted link cannot send the user to another site
 * or loop back to the sign-in page.
 */

/** The sign-in page's path; `next` never points back at it. */
export const LOGIN_PATH = '/login';

// Longer than any real view URL (a commune code, a province name and a camera), short enough to be harmless.
const MAXIMUM_LENGTH = 2000;

/** A query value as vue-router hands it over: missing, null or repeated. */
type QueryValue = string | null | (string | null)[] | undefined;

/** The in-app path to go to, or null when `next` is missing or not a path of this app. */
export function safeNextPath(value: QueryValue): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.length === 0 || text.length > MAXIMUM_LENGTH) return null;
  // One leading slash: "//host" and "/\host" are read as another host by browsers, "x:" as a scheme.
  if (!text.startsWith('/') || text.startsWith('//') || text.includes('\\')) return null;
  // Control characters (tabs and line breaks included) are stripped by URL parsers and hide what follows.
  if (/\p{Cc}/u.test(text)) return null;
  const path = text.split(/[?#]/, 1)[0] ?? '';
  if (path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}/`)) return null;
  return text;
}
