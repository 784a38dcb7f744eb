import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import {
  clearLoginFailures,
  deleteExpiredSessions,
  deleteSession,
  findUserByUsername,
  insertSession,
  loginFailuresSince,
  pruneLoginFailures,
  recordLoginFailure,
} from '../db/queries/users';
import { bilingual } from '../domain/bilingual';
import { accountView } from '../services/accounts';
import { UNMATCHABLE_HASH, verifyPassword } from '../services/password-hashing';
import {
  type AppEnv,
  audit,
  clearSessionCookie,
  clientAddress,
  hashToken,
  newToken,
  requireSession,
  SESSION_COOKIE,
  setSessionCookie,
} from './access';
import { ApiError } from './api-error';
import type { AppContext } from './context';
import { validBody } from './query-validation';

const credentials = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

const EXPECTATIONS = {
  username: bilingual('tên đăng nhập', 'a username'),
  password: bilingual('mật khẩu', 'a password'),
};

/** /api/auth: sign in, sign out, who am I. */
export function authRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .post('/login', validBody(credentials, EXPECTATIONS), async (c) => {
      const { username, password } = c.req.valid('json');
      const now = context.now();
      const { loginAttempts, loginWindowMinutes, sessionHours } = context.security;
      const windowStart = new Date(now.getTime() - loginWindowMinutes * 60_000).toISOString();
      pruneLoginFailures(context.database, windowStart);

      const failures = loginFailuresSince(context.database, username, windowStart);
      if (failures.length >= loginAttempts) {
        // The account may try again when its oldest failure in the window ages out.
        const retryAt =
          new Date(failures[failures.length - loginAttempts] as string).getTime() +
          loginWindowMinutes * 60_000;
        const minutes = Math.max(1, Math.ceil((retryAt - now.getTime()) / 60_000));
        audit(c, context, {
          actor: username,
          action: 'auth.login',
          outcome: 'denied',
          after: { reason: 'too many failures' },
        });
        c.header('Retry-After', String(minutes * 60));
        throw new ApiError(
          429,
          'too_many_attempts',
          bilingual(
            `Đăng nhập sai ${loginAttempts} lần trong ${loginWindowMinutes} phút; tài khoản tạm khóa, thử lại sau ${minutes} phút`,
            `${loginAttempts} failed sign-ins within ${loginWindowMinutes} minutes; the account is locked, try again in ${minutes} minutes`,
          ),
        );
      }

      const user = findUserByUsername(context.database, username);
      const passwordMatches = await verifyPassword(password, user?.passwordHash ?? UNMATCHABLE_HASH);
      if (!user || !passwordMatches || user.disabled) {
        recordLoginFailure(context.database, username, now.toISOString(), clientAddress(c));
        audit(c, context, {
          actor: username,
          action: 'auth.login',
          outcome: 'failure',
          after: {
            reason: user?.disabled && passwordMatches ? 'account disabled' : 'wrong username or password',
          },
        });
        throw new ApiError(
          401,
          'invalid_credentials',
          user?.disabled && passwordMatches
            ? bilingual(
                'Tài khoản đã bị khóa; liên hệ quản trị viên',
                'The account is disabled; ask an administrator',
              )
            : bilingual('Tên đăng nhập hoặc mật khẩu không đúng', 'Wrong username or password'),
        );
      }

      const token = newToken();
      const expires = new Date(now.getTime() + sessionHours * 3600_000);
      const session = {
        tokenHash: hashToken(token),
        userId: user.id,
        csrfToken: newToken(),
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: expires.toISOString(),
        address: clientAddress(c),
      };
      inTransaction(context.database, () => {
        deleteExpiredSessions(context.database, now.toISOString());
        clearLoginFailures(context.database, username);
        insertSession(context.database, session);
      });
      audit(c, context, { actor: username, action: 'auth.login' });
      setSessionCookie(c, context, token, expires);
      return c.json({ user: accountView(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt });
    })
    .post('/logout', (c) => {
      requireSession(c);
      const token = getCookie(c, SESSION_COOKIE);
      if (token) deleteSession(context.database, hashToken(token));
      audit(c, context, { action: 'auth.logout' });
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const account = requireSession(c);
      return c.json({
        user: accountView(account.user),
        csrfToken: account.session.csrfToken,
        expiresAt: account.session.expiresAt,
        idleMinutes: context.security.idleMinutes,
      });
    });
}
