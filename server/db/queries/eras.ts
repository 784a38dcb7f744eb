import { and, asc, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { UnitLevel } from '../../domain/boundaries/unit-level';
import type { BoundingBox } from '../../domain/geometry/types';
import type { Database } from '../database';
import { eras, units } from '../schema';
import { scopeCondition } from './units';

export type EraRecord = typeof eras.$inferSelect;

export interface EraSummary extends EraRecord {
  unitCounts: Record<UnitLevel, number>;
  /** Extent of the era's units, null when it has none. */
  boundingBox: BoundingBox | null;
  /** Whether its communes name districts (eras after 1 July 2025 have none). */
  hasDistricts: boolean;
}

/** Every era, newest first, with what it holds within a scope (the counts and extent are of that part only). */
export function listEras(database: Database, scope?: Scope): EraSummary[] {
  const records = database.select().from(eras).orderBy(desc(eras.validFrom), asc(eras.label)).all();
  const statistics = database
    .select({
      eraId: units.eraId,
      level: units.level,
      count: sql<number>`count(*)`,
      withDistrict: sql<number>`count(${units.districtName})`,
      minLongitude: sql<number>`min(${units.minLongitude})`,
      minLatitude: sql<number>`min(${units.minLatitude})`,
      maxLongitude: sql<number>`max(${units.maxLongitude})`,
      maxLatitude: sql<number>`max(${units.maxLatitude})`,
    })
    .from(units)
    .where(scopeCondition(scope))
    .groupBy(units.eraId, units.level)
    .all();
  return records.map((record) => {
    const unitCounts: Record<UnitLevel, number> = { commune: 0, district: 0, province: 0 };
    let boundingBox: BoundingBox | null = null;
    let hasDistricts = false;
    for (const row of statistics) {
      if (row.eraId !== record.id) continue;
      unitCounts[row.level] = row.count;
      if (row.level === 'district' || (row.level === 'commune' && row.withDistrict > 0)) hasDistricts = true;
      const box: BoundingBox = [row.minLongitude, row.minLatitude, row.maxLongitude, row.maxLatitude];
      boundingBox = boundingBox
        ? [
            Math.min(boundingBox[0], box[0]),
            Math.min(boundingBox[1], box[1]),
            Math.max(boundingBox[2], box[2]),
            Math.max(boundingBox[3], box[3]),
          ]
        : box;
    }
    return { ...record, unitCounts, boundingBox, hasDistricts };
  });
}

export function findEraByLabel(database: Database, label: string): EraRecord | undefined {
  return database.select().from(eras).where(eq(eras.label, label)).get();
}

/** Eras valid on a date (YYYY-MM-DD), real data before demo data, the most recent first. */
export function erasValidOn(database: Database, date: string): EraRecord[] {
  return database
    .select()
    .from(eras)
    .where(and(lte(eras.validFrom, date), or(isNull(eras.validTo), gte(eras.validTo, date))))
    .orderBy(asc(eras.isDemo), desc(eras.validFrom), asc(eras.label))
    .all();
}

/** The era a map opens on: one valid on the date, else the most recent one. */
export function defaultEra(database: Database, date: string): EraRecord | undefined {
  return (
    erasValidOn(database, date)[0] ??
    database.select().from(eras).orderBy(asc(eras.isDemo), desc(eras.validFrom)).limit(1).get()
  );
}

export interface EraDefinition {
  label: string;
  validFrom: string;
  validTo: string | null;
  isDemo: boolean;
}

/** Creates the era, or updates its dates; either way its revision moves on. */
export function saveEra(database: Database, definition: EraDefinition, now: string): EraRecord {
  return database
    .insert(eras)
    .values({ ...definition, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: eras.label,
      set: {
        validFrom: definition.validFrom,
        validTo: definition.validTo,
        isDemo: definition.isDemo,
        revision: sql`${eras.revision} + 1`,
        updatedAt: now,
      },
    })
    .returning()
    .get();
}

/** Removes the demo eras with everything in them; returns their labels. */
export function deleteDemoEras(database: Database): string[] {
  return database
    .delete(eras)
    .where(eq(eras.isDemo, true))
    .returning({ label: eras.label })
    .all()
    .map((row) => row.label);
}

export function countEras(database: Database): number {
  return database.select({ count: sql<number>`count(*)` }).from(eras).get()?.count ?? 0;
}
