import { createHash, randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  findSession,
  parseScope,
  type SessionRecord,
  touchSession,
  type UserRecord,
} from '../db/queries/users';
import { type Permission, roleHolds } from '../domain/access/roles';
import type { Scope } from '../domain/access/scope';
import { bilingual } from '../domain/bilingual';
import { type AuditEntry, appendAudit } from '../services/audit-trail';
import { ApiError } from './api-error';
import type { AppContext } from './context';

export const SESSION_COOKIE = 'diaban_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The signed-in account behind a request. */
export interface Account {
  user: UserRecord;
  session: SessionRecord;
  scope: Scope;
}

export interface AppEnv {
  Variables: { account: Account | null };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The client's address, for the audit trail and rate limits. */
export function clientAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket.
    return null;
  }
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
}

export function setSessionCookie(c: Context, context: AppContext, token: string, expires: Date): void {
  const { cookieSecure } = context.security;
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: cookieSecure === 'always' || (cookieSecure === 'auto' && isHttps(c)),
    expires,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * Finds the account of the request's session cookie, if the session is still valid: not past its absolute
 * lifetime, not idle for longer than allowed, and its account not disabled. Activity is written at most
 * once a minute.
 */
export function loadAccount(context: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('account', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = findSession(context.database, hashToken(token));
      const now = context.now();
      if (found && !found.user.disabled) {
        const idleLimit =
          new Date(found.session.lastSeenAt).getTime() + context.security.idleMinutes * 60_000;
        if (now.getTime() < new Date(found.session.expiresAt).getTime() && now.getTime() < idleLimit) {
          if (now.getTime() - new Date(found.session.lastSeenAt).getTime() > 60_000) {
            touchSession(context.database, found.session.tokenHash, now.toISOString());
          }
          c.set('account', { user: found.user, session: found.session, scope: parseScope(found.user.scope) });
        }
      }
    }
    await next();
  };
}

/** The account of a request that `permit` let through. */
export function accountOf(c: Context<AppEnv>): Account {
  const account = c.get('account');
  if (!account) throw unauthenticated();
  return account;
}

export function unauthenticated(): ApiError {
  return new ApiError(
    401,
    'unauthenticated',
    bilingual(
      'Cần đăng nhập, hoặc phiên làm việc đã hết hạn',
      'Sign-in required, or the session has expired',
    ),
  );
}

/**
 * The request's account, when it has a valid session; state-changing requests must also carry the
 * session's CSRF token in the X-CSRF-Token header (a page of another site can make the browser send the
 * cookie, but cannot read the token).
 */
export function requireSession(c: Context<AppEnv>): Account {
  const account = c.get('account');
  if (!account) throw unauthenticated();
  if (
    !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) &&
    c.req.header(CSRF_HEADER) !== account.session.csrfToken
  ) {
    throw new ApiError(
      403,
      'csrf',
      bilingual(
        'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); hãy tải lại trang',
        'Missing or wrong anti-forgery (CSRF) token; reload the page',
      ),
    );
  }
  return account;
}

/** Lets a request through only with a valid session (see `requireSession`) whose role holds the permission. */
export function permit(context: AppContext, permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const account = requireSession(c);
    if (!roleHolds(account.user.role, permission)) {
      audit(c, context, {
        action: 'access.denied',
        target: `${c.req.method} ${c.req.path}`,
        outcome: 'denied',
      });
      throw new ApiError(
        403,
        'forbidden',
        bilingual('Vai trò của bạn không được phép thực hiện thao tác này', 'Your role does not allow this'),
      );
    }
    await next();
  };
}

/** A 403 for something outside the account's scope, written to the audit trail. */
export function outOfScope(c: Context<AppEnv>, context: AppContext, target: string): ApiError {
  audit(c, context, {
    action: 'access.denied',
    target,
    outcome: 'denied',
    after: { reason: 'out of scope' },
  });
  return new ApiError(
    403,
    'out_of_scope',
    bilingual(
      'Nằm ngoài địa bàn được phân công cho tài khoản này',
      'Outside the area this account is assigned to',
    ),
  );
}

/** Appends to the audit trail on behalf of the request's account (or "anonymous") and address. */
export function audit(
  c: Context<AppEnv>,
  context: AppContext,
  entry: Omit<AuditEntry, 'actor' | 'address'> & { actor?: string },
): void {
  appendAudit(
    context.database,
    {
      ...entry,
      actor: entry.actor ?? c.get('account')?.user.username ?? 'anonymous',
      address: clientAddress(c),
    },
    context.now(),
  );
}
