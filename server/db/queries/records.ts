import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Scope } from '../../domain/access/scope';
import type { Database } from '../database';
import {
  auditLog,
  eras,
  flashpointStatusChanges,
  flashpoints,
  units,
  viceSpotStatusChanges,
  viceSpots,
} from '../schema';
import type { EraRecord } from './eras';
import { scopeCondition } from './units';

export type FlashpointRecord = typeof flashpoints.$inferSelect;
export type ViceSpotRecord = typeof viceSpots.$inferSelect;

/** One status a flashpoint or vice spot has had. */
export interface StatusEntry {
  status: string;
  date: string;
  note: string | null;
  actor: string;
  at: string;
}

/** Every era, oldest first: records are placed in each. */
export function allEras(database: Database): EraRecord[] {
  return database.select().from(eras).orderBy(asc(eras.validFrom), asc(eras.id)).all();
}

/** The codes of the communes among `ids` that the scope covers. */
export function communeCodesByIds(
  database: Database,
  ids: readonly number[],
  scope: Scope,
): Map<number, string> {
  const codes = new Map<number, string>();
  // SQLite takes at most 32,766 parameters a statement.
  for (let start = 0; start < ids.length; start += 10_000) {
    const chunk = ids.slice(start, start + 10_000);
    const rows = database
      .select({ id: units.id, code: units.code })
      .from(units)
      .where(and(inArray(units.id, chunk), scopeCondition(scope)))
      .all();
    for (const row of rows) codes.set(row.id, row.code);
  }
  return codes;
}

// Flashpoints and vice spots

/** The reads and writes of one site register, the same for flashpoints and vice spots. */
export interface SiteQueries<Row, Values> {
  /** Every site, or those in one of `statuses`, oldest first. */
  list(database: Database, statuses?: readonly string[]): Row[];
  find(database: Database, id: number): Row | undefined;
  insert(database: Database, values: Values): Row;
  update(database: Database, id: number, changes: Partial<Values>): Row;
  addStatus(database: Database, siteId: number, entry: StatusEntry): void;
  /** The statuses a site has had, in order. */
  statusHistory(database: Database, siteId: number): StatusEntry[];
}

type SiteTable = typeof flashpoints | typeof viceSpots;
type StatusTable = typeof flashpointStatusChanges | typeof viceSpotStatusChanges;

/** Where a register keeps its sites' statuses: the table, and its column naming the site. */
interface StatusColumns<Statuses extends StatusTable> {
  table: Statuses;
  siteColumn: SQLiteColumn;
  row(siteId: number, entry: StatusEntry): Statuses['$inferInsert'];
}

function siteQueries<Sites extends SiteTable>(
  sites: Sites,
  statuses: StatusColumns<typeof flashpointStatusChanges> | StatusColumns<typeof viceSpotStatusChanges>,
): SiteQueries<Sites['$inferSelect'], Omit<Sites['$inferInsert'], 'id'>> {
  type Row = Sites['$inferSelect'];
  // Drizzle cannot follow a generic table through a query, so the queries see either table and their
  // rows are given back the caller's type.
  const table: SiteTable = sites;
  const { table: statusTable, siteColumn, row } = statuses;
  return {
    list(database, only) {
      const condition: SQL | undefined = only ? inArray(table.status, [...only]) : undefined;
      return database.select().from(table).where(condition).orderBy(asc(table.id)).all() as Row[];
    },
    find(database, id) {
      return database.select().from(table).where(eq(table.id, id)).get() as Row | undefined;
    },
    insert(database, values) {
      return database.insert(table).values(values).returning().get() as Row;
    },
    update(database, id, changes) {
      return database.update(table).set(changes).where(eq(table.id, id)).returning().get() as Row;
    },
    addStatus(database, siteId, entry) {
      database.insert(statusTable).values(row(siteId, entry)).run();
    },
    statusHistory(database, siteId) {
      return database
        .select({
          status: statusTable.status,
          date: statusTable.date,
          note: statusTable.note,
          actor: statusTable.actor,
          at: statusTable.at,
        })
        .from(statusTable)
        .where(eq(siteColumn, siteId))
        .orderBy(asc(statusTable.id))
        .all();
    },
  };
}

export const flashpointQueries = siteQueries(flashpoints, {
  table: flashpointStatusChanges,
  siteColumn: flashpointStatusChanges.flashpointId,
  row: (flashpointId, entry) => ({ flashpointId, ...entry }),
});

export const viceSpotQueries = siteQueries(viceSpots, {
  table: viceSpotStatusChanges,
  siteColumn: viceSpotStatusChanges.viceSpotId,
  row: (viceSpotId, entry) => ({ viceSpotId, ...entry }),
});

// The tests seed sites directly.
export const { insert: insertFlashpoint, addStatus: addFlashpointStatus } = flashpointQueries;
export const { insert: insertViceSpot, addStatus: addViceSpotStatus } = viceSpotQueries;

// Change history

/** One change to a record, from the audit trail. */
export interface ChangeEntry {
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** The successful writes to one target ("flashpoint:12"), oldest first: a record's change history. */
export function changesOf(database: Database, target: string): ChangeEntry[] {
  return database
    .select({
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(eq(auditLog.target, target), eq(auditLog.outcome, 'success')))
    .orderBy(asc(auditLog.id))
    .all()
    .map((row) => ({
      ...row,
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    }));
}

/**
 * The anchors of the flashpoints that took one of the statuses in a window (dates inclusive, YYYY-MM-DD),
 * each flashpoint once.
 */
export function flashpointAnchorsWithStatusIn(
  database: Database,
  window: { from: string; to: string },
  statuses: readonly string[],
): { longitude: number; latitude: number }[] {
  return database
    .selectDistinct({
      id: flashpoints.id,
      longitude: flashpoints.anchorLongitude,
      latitude: flashpoints.anchorLatitude,
    })
    .from(flashpointStatusChanges)
    .innerJoin(flashpoints, eq(flashpoints.id, flashpointStatusChanges.flashpointId))
    .where(
      and(
        gte(flashpointStatusChanges.date, window.from),
        lte(flashpointStatusChanges.date, window.to),
        inArray(flashpointStatusChanges.status, [...statuses]),
      ),
    )
    .all();
}
