import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { IndicatorDefinition } from '../../domain/records/indicators';
import type { Database } from '../database';
import { indicatorDefinitions, indicatorValues } from '../schema';

export type IndicatorDefinitionRecord = typeof indicatorDefinitions.$inferSelect;

/** Seeds the indicator definitions into a database that has none; an edited list is left as it is. */
export function seedIndicatorDefinitions(
  database: Database,
  definitions: readonly IndicatorDefinition[],
): void {
  const count =
    database.select({ count: sql<number>`count(*)` }).from(indicatorDefinitions).get()?.count ?? 0;
  if (count > 0) return;
  database
    .insert(indicatorDefinitions)
    .values(definitions.map((definition, index) => ({ ...definition, sortOrder: index })))
    .run();
}

/** The active definitions, in their order. */
export function listIndicatorDefinitions(database: Database): IndicatorDefinitionRecord[] {
  return database
    .select()
    .from(indicatorDefinitions)
    .where(eq(indicatorDefinitions.active, true))
    .orderBy(asc(indicatorDefinitions.sortOrder))
    .all();
}

/** Where one set of figures belongs: a commune of an era in a reporting month. */
export interface IndicatorSlot {
  eraId: number;
  unitCode: string;
  period: string;
}

export interface IndicatorValueRecord {
  code: string;
  value: number;
  updatedAt: string;
  updatedBy: string;
}

export function indicatorValuesOf(database: Database, slot: IndicatorSlot): IndicatorValueRecord[] {
  return database
    .select({
      code: indicatorValues.code,
      value: indicatorValues.value,
      updatedAt: indicatorValues.updatedAt,
      updatedBy: indicatorValues.updatedBy,
    })
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.eraId, slot.eraId),
        eq(indicatorValues.unitCode, slot.unitCode),
        eq(indicatorValues.period, slot.period),
      ),
    )
    .orderBy(asc(indicatorValues.code))
    .all();
}

/** Stores the given figures (null clears one); others are left as they are. Run in a transaction. */
export function writeIndicatorValues(
  database: Database,
  slot: IndicatorSlot,
  values: Readonly<Record<string, number | null>>,
  actor: string,
  now: string,
): void {
  for (const [code, value] of Object.entries(values)) {
    const where = and(
      eq(indicatorValues.eraId, slot.eraId),
      eq(indicatorValues.unitCode, slot.unitCode),
      eq(indicatorValues.period, slot.period),
      eq(indicatorValues.code, code),
    );
    if (value === null) {
      database.delete(indicatorValues).where(where).run();
      continue;
    }
    database
      .insert(indicatorValues)
      .values({ ...slot, code, value, updatedAt: now, updatedBy: actor })
      .onConflictDoUpdate({
        target: [
          indicatorValues.eraId,
          indicatorValues.unitCode,
          indicatorValues.period,
          indicatorValues.code,
        ],
        set: { value, updatedAt: now, updatedBy: actor },
      })
      .run();
  }
}

/**
 * Sums of an era's monthly indicator figures over the months given, per commune code and indicator (all
 * indicators when no codes are given).
 */
export function indicatorTotals(
  database: Database,
  eraId: number,
  months: readonly string[],
  codes?: readonly string[],
): { unitCode: string; code: string; total: number }[] {
  return database
    .select({
      unitCode: indicatorValues.unitCode,
      code: indicatorValues.code,
      total: sql<number>`sum(${indicatorValues.value})`,
    })
    .from(indicatorValues)
    .where(
      and(
        eq(indicatorValues.eraId, eraId),
        inArray(indicatorValues.period, [...months]),
        codes ? inArray(indicatorValues.code, [...codes]) : undefined,
      ),
    )
    .groupBy(indicatorValues.unitCode, indicatorValues.code)
    .all();
}
