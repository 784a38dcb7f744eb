import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import { openDatabase } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { readSetting } from '../server/db/queries/settings';
import { listUsers } from '../server/db/queries/users';
import { createAppContext, DEFAULT_SECURITY, securityFromEnvironment } from '../server/routes/context';
import { createAccount } from '../server/services/accounts';
import { TEST_PASSWORD } from './helpers';

/** An app whose clock the test moves, with one planner account. */
async function appWithClock() {
  const database = openDatabase();
  let now = new Date('2024-05-15T08:00:00Z');
  const app = createApp(createAppContext(database, () => now, DEFAULT_SECURITY));
  await createAccount(
    database,
    { username: 'canbo', role: 'planner', password: TEST_PASSWORD },
    { name: 'test', address: null },
    now,
  );
  await createAccount(
    database,
    { username: 'quantri', role: 'admin', password: TEST_PASSWORD },
    { name: 'test', address: null },
    now,
  );
  const login = (username: string, password: string) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const session = async (username = 'canbo') => {
    const response = await login(username, TEST_PASSWORD);
    expect(response.status).toBe(200);
    return {
      cookie: (response.headers.get('Set-Cookie') ?? '').split(';')[0] as string,
      setCookie: response.headers.get('Set-Cookie') ?? '',
      csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken,
    };
  };
  return {
    app,
    database,
    login,
    session,
    advance: (minutes: number) => {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

describe('signing in', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and never stores the password', async () => {
    const { session, database } = await appWithClock();
    const { setCookie } = await session();
    expect(setCookie).toMatch(/^diaban_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // Plain HTTP in the test; Secure over HTTPS (below).
    const stored = JSON.stringify(database.$client.prepare('SELECT * FROM users').all());
    expect(stored).not.toContain(TEST_PASSWORD);
    expect(stored).toMatch(/scrypt\$32768\$8\$1\$/);
  });

  it('marks the cookie Secure over HTTPS', async () => {
    const { app } = await appWithClock();
    const response = await app.request('https://diaban.local/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'canbo', password: TEST_PASSWORD }),
    });
    expect(response.headers.get('Set-Cookie')).toMatch(/Secure/);
  });

  it('locks an account for 15 minutes after 5 failures, with a clear message, and audits every attempt', async () => {
    const { login, advance, database } = await appWithClock();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await login('canbo', `wrong password ${attempt}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: {
          code: 'invalid_credentials',
          message: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
        },
      });
      advance(1);
    }
    // Locked: even the right password waits.
    const locked = await login('canbo', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('Retry-After')).toBe('600');
    const body = (await locked.json()) as { error: { message: { vi: string; en: string } } };
    expect(body.error.message.en).toBe(
      '5 failed sign-ins within 15 minutes; the account is locked, try again in 10 minutes',
    );
    expect(body.error.message.vi).toMatch(/thử lại sau 10 phút/);
    // Another account is not affected.
    expect((await login('quantri', TEST_PASSWORD)).status).toBe(200);

    // The first failure leaves the 15-minute window, 15 minutes after it was made.
    advance(9);
    expect((await login('canbo', TEST_PASSWORD)).status).toBe(429);
    advance(1);
    expect((await login('canbo', TEST_PASSWORD)).status).toBe(200);
    const attempts = listAuditRecords(database, { action: 'auth.login', actor: 'canbo', limit: 20 });
    expect(attempts.map((record) => record.outcome)).toEqual([
      'success',
      'denied',
      'denied',
      ...Array(5).fill('failure'),
    ]);
  });

  it('does not tell whether an unknown username exists', async () => {
    const { login } = await appWithClock();
    const unknown = await login('khong-co', TEST_PASSWORD);
    const wrong = await login('canbo', 'not the password');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('ends a session after 30 idle minutes, and after 12 hours whatever happens', async () => {
    const { app, session, advance } = await appWithClock();
    const idle = await session();
    advance(29);
    expect((await app.request('/api/auth/me', { headers: { Cookie: idle.cookie } })).status).toBe(200);
    advance(31);
    const expired = await app.request('/api/auth/me', { headers: { Cookie: idle.cookie } });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

    const busy = await session();
    for (let hour = 0; hour < 12 * 3; hour++) {
      advance(20);
      const status = (await app.request('/api/eras', { headers: { Cookie: busy.cookie } })).status;
      expect(status, `after ${(hour + 1) * 20} minutes`).toBe(hour + 1 < 36 ? 200 : 401);
    }
  });

  it('ends the session on sign-out', async () => {
    const { app, session } = await appWithClock();
    const { cookie, csrfToken } = await session();
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/diaban_session=;/);
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  it('refuses state-changing requests without the session’s CSRF token', async () => {
    const { app, session, database } = await appWithClock();
    const { cookie, csrfToken } = await session('quantri');
    const change = (headers: Record<string, string>) =>
      app.request('/api/settings', {
        method: 'PUT',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ basemap: { url: 'https://tiles.example.vn/{z}/{x}/{y}.png' } }),
      });
    for (const headers of [{}, { 'X-CSRF-Token': 'guessed' }] as Record<string, string>[]) {
      const response = await change(headers);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('csrf');
    }
    expect(readSetting(database, 'basemap')).toBeUndefined();
    expect((await change({ 'X-CSRF-Token': csrfToken })).status).toBe(200);
    expect(readSetting(database, 'basemap')).toEqual({ url: 'https://tiles.example.vn/{z}/{x}/{y}.png' });
    // Another session's token is not this session's.
    const other = await session('quantri');
    expect((await change({ 'X-CSRF-Token': other.csrfToken })).status).toBe(403);
  });
});

describe('hardening', () => {
  it('sends security headers, with a policy that lets only this server run scripts', async () => {
    const { app } = await appWithClock();
    const response = await app.request('/api/health');
    const policy = response.headers.get('Content-Security-Policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("worker-src 'self' blob:");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('refuses bodies over 1 MiB and bodies that are not JSON, with the shared error shape', async () => {
    const { app, session } = await appWithClock();
    const { cookie, csrfToken } = await session('quantri');
    const headers = { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' };
    const large = await app.request('/api/users', {
      method: 'POST',
      headers,
      body: `{"a":"${'x'.repeat(1_100_000)}"}`,
    });
    expect(large.status).toBe(413);
    expect(((await large.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const broken = await app.request('/api/users', { method: 'POST', headers, body: '{"username": ' });
    expect(broken.status).toBe(400);
    expect(
      ((await broken.json()) as { error: { message: { vi: string } } }).error.message.vi.length,
    ).toBeGreaterThan(0);
  });

  it('never answers malformed bodies and parameters on write routes with a 500, and never half-writes', async () => {
    const { app, session, database } = await appWithClock();
    const { cookie, csrfToken } = await session('quantri');
    const writes = [
      ['POST', '/api/users'],
      ['PATCH', '/api/users/canbo'],
      ['PUT', '/api/users/canbo/password'],
      ['PUT', '/api/settings'],
      ['POST', '/api/auth/login'],
    ] as const;
    const snapshot = () => JSON.stringify([listUsers(database), readSetting(database, 'basemap') ?? null]);
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record(
        {
          username: fc.oneof(fc.string(), fc.constant('canbo'), fc.integer()),
          password: fc.oneof(fc.string(), fc.constant('')),
          role: fc.oneof(fc.constantFrom('admin', 'viewer', 'boss'), fc.anything()),
          disabled: fc.anything(),
          scope: fc.oneof(fc.anything(), fc.constant({ kind: 'provinces', provinces: [] })),
          basemap: fc.oneof(fc.constant(null), fc.anything(), fc.record({ url: fc.string() })),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        body,
        fc.string({ maxLength: 20 }),
        async ([method, path], payload, suffix) => {
          const before = snapshot();
          const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
          const response = await app.request(`${path}${suffix.startsWith('?') ? suffix : ''}`, {
            method,
            headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
            body: text,
          });
          expect(response.status, `${method} ${path} ${text}`).toBeLessThan(500);
          const answer = (await response.json().catch(() => null)) as {
            error?: { message: { vi: string; en: string } };
          } | null;
          if (response.status >= 400) {
            expect(answer?.error?.message.vi, text).toBeTruthy();
            expect(answer?.error?.message.en, text).toBeTruthy();
            if (path !== '/api/auth/login') expect(snapshot()).toBe(before);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('session settings from the environment', () => {
  it('takes the lengths and the cookie rule the README lists, and keeps the defaults for anything else', () => {
    expect(
      securityFromEnvironment({
        DIABAN_SESSION_HOURS: '8',
        DIABAN_SESSION_IDLE_MINUTES: '10',
        DIABAN_COOKIE_SECURE: 'true',
      }),
    ).toEqual({ ...DEFAULT_SECURITY, sessionHours: 8, idleMinutes: 10, cookieSecure: 'always' });
    expect(
      securityFromEnvironment({ DIABAN_SESSION_IDLE_MINUTES: 'soon', DIABAN_COOKIE_SECURE: 'false' }),
    ).toEqual({ ...DEFAULT_SECURITY, cookieSecure: 'never' });
    expect(securityFromEnvironment({})).toEqual(DEFAULT_SECURITY);
  });
});
