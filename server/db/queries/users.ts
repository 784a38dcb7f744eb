import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { Database } from '../database';
import { loginFailures, sessions, users } from '../schema';

export type UserRecord = typeof users.$inferSelect;
export type SessionRecord = typeof sessions.$inferSelect;

export function findUserByUsername(database: Database, username: string): UserRecord | undefined {
  return database.select().from(users).where(eq(users.username, username)).get();
}

export function listUsers(database: Database): UserRecord[] {
  return database.select().from(users).orderBy(asc(users.username)).all();
}

export function countUsers(database: Database): number {
  return database.select({ count: sql<number>`count(*)` }).from(users).get()?.count ?? 0;
}

export function insertUser(database: Database, user: Omit<typeof users.$inferInsert, 'id'>): UserRecord {
  return database.insert(users).values(user).returning().get();
}

export function updateUser(
  database: Database,
  username: string,
  changes: Partial<Pick<UserRecord, 'displayName' | 'role' | 'scope' | 'passwordHash' | 'disabled'>>,
  now: string,
): UserRecord | undefined {
  return database
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(eq(users.username, username))
    .returning()
    .get();
}

/** Removes the demo account (with the demo data it came with); returns whether there was one. */
export function deleteDemoUsers(database: Database): string[] {
  return database
    .delete(users)
    .where(eq(users.isDemo, true))
    .returning({ username: users.username })
    .all()
    .map((row) => row.username);
}

export function parseScope(text: string): Scope {
  return JSON.parse(text) as Scope;
}

export function insertSession(database: Database, session: SessionRecord): void {
  database.insert(sessions).values(session).run();
}

export function findSession(
  database: Database,
  tokenHash: string,
): { session: SessionRecord; user: UserRecord } | undefined {
  return database
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
}

export function touchSession(database: Database, tokenHash: string, lastSeenAt: string): void {
  database.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSession(database: Database, tokenHash: string): void {
  database.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

/** Signs an account out everywhere: after a password reset, a role change or disabling it. */
export function deleteSessionsOfUser(database: Database, userId: number): void {
  database.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function deleteExpiredSessions(database: Database, now: string): void {
  database.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

export function recordLoginFailure(
  database: Database,
  username: string,
  at: string,
  address: string | null,
): void {
  database.insert(loginFailures).values({ username, at, address }).run();
}

/** Failed sign-ins for an account after a time, oldest first: their times decide when it may try again. */
export function loginFailuresSince(database: Database, username: string, since: string): string[] {
  return database
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), gt(loginFailures.at, since)))
    .orderBy(asc(loginFailures.at))
    .all()
    .map((row) => row.at);
}

export function clearLoginFailures(database: Database, username: string): void {
  database.delete(loginFailures).where(eq(loginFailures.username, username)).run();
}

export function pruneLoginFailures(database: Database, before: string): void {
  database.delete(loginFailures).where(lt(loginFailures.at, before)).run();
}
