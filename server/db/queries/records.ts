import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
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

// Flashpoints

export function listFlashpoints(database: Database, statuses?: readonly string[]): FlashpointRecord[] {
  const condition: SQL | undefined = statuses ? inArray(flashpoints.status, [...statuses]) : undefined;
  return database.select().from(flashpoints).where(condition).orderBy(asc(flashpoints.id)).all();
}

export function findFlashpoint(database: Database, id: number): FlashpointRecord | undefined {
  return database.select().from(flashpoints).where(eq(flashpoints.id, id)).get();
}

export function insertFlashpoint(
  database: Database,
  values: Omit<typeof flashpoints.$inferInsert, 'id'>,
): FlashpointRecord {
  return database.insert(flashpoints).values(values).returning().get();
}

export function updateFlashpoint(
  database: Database,
  id: number,
  changes: Partial<Omit<typeof flashpoints.$inferInsert, 'id'>>,
): FlashpointRecord {
  return database.update(flashpoints).set(changes).where(eq(flashpoints.id, id)).returning().get();
}

export function addFlashpointStatus(database: Database, flashpointId: number, entry: StatusEntry): void {
  database
    .insert(flashpointStatusChanges)
    .values({ flashpointId, ...entry })
    .run();
}

export function flashpointStatusHistory(database: Database, flashpointId: number): StatusEntry[] {
  return database
    .select({
      status: flashpointStatusChanges.status,
      date: flashpointStatusChanges.date,
      note: flashpointStatusChanges.note,
      actor: flashpointStatusChanges.actor,
      at: flashpointStatusChanges.at,
    })
    .from(flashpointStatusChanges)
    .where(eq(flashpointStatusChanges.flashpointId, flashpointId))
    .orderBy(asc(flashpointStatusChanges.id))
    .all();
}

// Vice spots

export function listViceSpots(database: Database, statuses?: readonly string[]): ViceSpotRecord[] {
  const condition: SQL | undefined = statuses ? inArray(viceSpots.status, [...statuses]) : undefined;
  return database.select().from(viceSpots).where(condition).orderBy(asc(viceSpots.id)).all();
}

export function findViceSpot(database: Database, id: number): ViceSpotRecord | undefined {
  return database.select().from(viceSpots).where(eq(viceSpots.id, id)).get();
}

export function insertViceSpot(
  database: Database,
  values: Omit<typeof viceSpots.$inferInsert, 'id'>,
): ViceSpotRecord {
  return database.insert(viceSpots).values(values).returning().get();
}

export function updateViceSpot(
  database: Database,
  id: number,
  changes: Partial<Omit<typeof viceSpots.$inferInsert, 'id'>>,
): ViceSpotRecord {
  return database.update(viceSpots).set(changes).where(eq(viceSpots.id, id)).returning().get();
}

export function addViceSpotStatus(database: Database, viceSpotId: number, entry: StatusEntry): void {
  database
    .insert(viceSpotStatusChanges)
    .values({ viceSpotId, ...entry })
    .run();
}

export function viceSpotStatusHistory(database: Database, viceSpotId: number): StatusEntry[] {
  return database
    .select({
      status: viceSpotStatusChanges.status,
      date: viceSpotStatusChanges.date,
      note: viceSpotStatusChanges.note,
      actor: viceSpotStatusChanges.actor,
      at: viceSpotStatusChanges.at,
    })
    .from(viceSpotStatusChanges)
    .where(eq(viceSpotStatusChanges.viceSpotId, viceSpotId))
    .orderBy(asc(viceSpotStatusChanges.id))
    .all();
}

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
