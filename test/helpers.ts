import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { createApp } from '../server/app';
import { type Database, openDatabase } from '../server/db/database';
import type { Role } from '../server/domain/access/roles';
import type { Scope } from '../server/domain/access/scope';
import { createAppContext } from '../server/routes/context';
import { createAccount } from '../server/services/accounts';

/** Runs `diaban` as a user would; returns its exit code and output. */
export function diaban(args: string[], input?: string) {
  const result = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../server/cli/bin.mjs', import.meta.url)), ...args],
    {
      input,
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A file of the shared data folder beside the repository (../shared), which is never copied into it. */
export function sharedPath(relative: string): string {
  return fileURLToPath(new URL(`../../shared/${relative}`, import.meta.url));
}

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/boundaries/${name}`, import.meta.url));
}

/** A fresh in-memory database holding the tiny province as era "test-2021" (valid 2021-07-01 → 2025-06-30). */
export async function databaseWithTinyProvince(): Promise<Database> {
  const database = openDatabase();
  await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    strict: true,
  });
  return database;
}

/** The app over a database, with "today" pinned (default 2024-05-15, inside the test era). */
export function appFor(database: Database, today = '2024-05-15T03:00:00Z') {
  return createApp(createAppContext(database, () => new Date(today)));
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2024';

/** Requests as one signed-in account: its session cookie on every request, its CSRF token on writes. */
export interface SignedInClient {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
  username: string;
  csrfToken: string;
  cookie: string;
}

/** Creates an account of the role (and scope) and signs it in to the app. */
export async function signIn(
  app: ReturnType<typeof appFor>,
  database: Database,
  role: Role = 'admin',
  scope?: Scope,
): Promise<SignedInClient> {
  const username = `${role}-${Math.random().toString(36).slice(2, 8)}`;
  await createAccount(
    database,
    { username, role, password: TEST_PASSWORD, scope },
    { name: 'test', address: null },
    new Date(),
  );
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    username,
    csrfToken,
    cookie,
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('Cookie', cookie);
      if (init.method && init.method !== 'GET') headers.set('X-CSRF-Token', csrfToken);
      return app.request(path, { ...init, headers });
    },
  };
}

/** The app over a database, with an administrator signed in: what most API tests need. */
export async function signedInApp(database: Database, today?: string): Promise<SignedInClient> {
  return signIn(appFor(database, today), database);
}
