import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { incidentCategories, indicatorDefinitions } from '../schema';
import type { IncidentCategoryRecord } from './incidents';
import type { IndicatorDefinitionRecord } from './records-indicators';

/*
 * Writes to the editable taxonomies: incident categories and indicator definitions. Codes are never
 * changed nor deleted (incidents and figures refer to them); a retired entry is marked inactive.
 */

export function findIncidentCategory(database: Database, code: string): IncidentCategoryRecord | undefined {
  return database.select().from(incidentCategories).where(eq(incidentCategories.code, code)).get();
}

/** The sort order after the last category's. */
export function nextIncidentCategoryOrder(database: Database): number {
  return (
    database
      .select({ next: sql<number>`coalesce(max(${incidentCategories.sortOrder}), -1) + 1` })
      .from(incidentCategories)
      .get()?.next ?? 0
  );
}

export function insertIncidentCategory(database: Database, category: IncidentCategoryRecord): void {
  database.insert(incidentCategories).values(category).run();
}

export function updateIncidentCategory(
  database: Database,
  code: string,
  changes: Partial<Omit<IncidentCategoryRecord, 'code'>>,
): void {
  database.update(incidentCategories).set(changes).where(eq(incidentCategories.code, code)).run();
}

/** Every indicator definition, inactive ones included, in their order. */
export function listAllIndicatorDefinitions(database: Database): IndicatorDefinitionRecord[] {
  return database
    .select()
    .from(indicatorDefinitions)
    .orderBy(asc(indicatorDefinitions.sortOrder), asc(indicatorDefinitions.code))
    .all();
}

export function findIndicatorDefinition(
  database: Database,
  code: string,
): IndicatorDefinitionRecord | undefined {
  return database.select().from(indicatorDefinitions).where(eq(indicatorDefinitions.code, code)).get();
}

export function nextIndicatorDefinitionOrder(database: Database): number {
  return (
    database
      .select({ next: sql<number>`coalesce(max(${indicatorDefinitions.sortOrder}), -1) + 1` })
      .from(indicatorDefinitions)
      .get()?.next ?? 0
  );
}

export function insertIndicatorDefinition(database: Database, definition: IndicatorDefinitionRecord): void {
  database.insert(indicatorDefinitions).values(definition).run();
}

export function updateIndicatorDefinition(
  database: Database,
  code: string,
  changes: Partial<Omit<IndicatorDefinitionRecord, 'code'>>,
): void {
  database.update(indicatorDefinitions).set(changes).where(eq(indicatorDefinitions.code, code)).run();
}
