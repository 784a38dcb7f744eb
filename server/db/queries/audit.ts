import { and, asc, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { auditLog } from '../schema';

export type AuditRecord = typeof auditLog.$inferSelect;

export function lastAuditHash(database: Database): string | undefined {
  return database.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()
    ?.hash;
}

export function insertAuditRecord(database: Database, record: Omit<AuditRecord, 'id'>): AuditRecord {
  return database.insert(auditLog).values(record).returning().get();
}

/** The whole log in order, in pages, for verifying the chain without holding it all in memory. */
export function auditRecordsAfter(database: Database, afterId: number, limit: number): AuditRecord[] {
  return database
    .select()
    .from(auditLog)
    .where(gte(auditLog.id, afterId + 1))
    .orderBy(asc(auditLog.id))
    .limit(limit)
    .all();
}

export interface AuditFilter {
  /** Entries with a smaller id, for paging back in time. */
  beforeId?: number | undefined;
  /** ISO instants, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  /** An action or an action prefix ("auth." matches "auth.login"). */
  action?: string | undefined;
  limit: number;
}

/** Newest first. */
export function listAuditRecords(database: Database, filter: AuditFilter): AuditRecord[] {
  const conditions: (SQL | undefined)[] = [
    filter.beforeId !== undefined ? lt(auditLog.id, filter.beforeId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lte(auditLog.at, filter.to) : undefined,
    filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
    filter.action
      ? sql`substr(${auditLog.action}, 1, ${filter.action.length}) = ${filter.action}`
      : undefined,
  ];
  return database
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit)
    .all();
}
