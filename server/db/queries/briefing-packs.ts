import { desc, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { Database } from '../database';
import { briefingPacks, briefingRenders } from '../schema';

/**
 * Briefing packs (a definition as JSON, scoped like saved views) and their renderings: progress while
 * headless Chromium works, then the file beside the database.
 */

export type BriefingPackRecord = typeof briefingPacks.$inferSelect;
export type BriefingRenderRecord = typeof briefingRenders.$inferSelect;

export function insertBriefingPack(
  database: Database,
  pack: { name: string; definition: unknown; scope: Scope; owner: string },
  now: string,
): BriefingPackRecord {
  return database
    .insert(briefingPacks)
    .values({
      name: pack.name,
      definition: JSON.stringify(pack.definition),
      scope: JSON.stringify(pack.scope),
      owner: pack.owner,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

export function findBriefingPack(database: Database, id: number): BriefingPackRecord | undefined {
  return database.select().from(briefingPacks).where(eq(briefingPacks.id, id)).get();
}

export function findBriefingPacksByName(database: Database, name: string): BriefingPackRecord[] {
  return database
    .select()
    .from(briefingPacks)
    .where(eq(briefingPacks.name, name))
    .orderBy(desc(briefingPacks.id))
    .all();
}

/** Every pack, newest change first; callers keep those the reader's scope covers. */
export function listBriefingPacks(database: Database): BriefingPackRecord[] {
  return database
    .select()
    .from(briefingPacks)
    .orderBy(desc(briefingPacks.updatedAt), desc(briefingPacks.id))
    .all();
}

export function updateBriefingPack(
  database: Database,
  id: number,
  pack: { name: string; definition: unknown },
  now: string,
): BriefingPackRecord | undefined {
  return database
    .update(briefingPacks)
    .set({ name: pack.name, definition: JSON.stringify(pack.definition), updatedAt: now })
    .where(eq(briefingPacks.id, id))
    .returning()
    .get();
}

export function deleteBriefingPack(database: Database, id: number): void {
  database.delete(briefingPacks).where(eq(briefingPacks.id, id)).run();
}

// Renders

export function insertBriefingRender(
  database: Database,
  render: { packId: number | null; title: string; format: 'pdf' | 'png'; requestedBy: string },
  now: string,
): BriefingRenderRecord {
  return database
    .insert(briefingRenders)
    .values({ ...render, status: 'queued', createdAt: now })
    .returning()
    .get();
}

export function findBriefingRender(database: Database, id: number): BriefingRenderRecord | undefined {
  return database.select().from(briefingRenders).where(eq(briefingRenders.id, id)).get();
}

/** The renders of some packs, newest first. */
export function rendersOfPacks(database: Database, packIds: readonly number[]): BriefingRenderRecord[] {
  if (packIds.length === 0) return [];
  return database
    .select()
    .from(briefingRenders)
    .where(inArray(briefingRenders.packId, [...packIds]))
    .orderBy(desc(briefingRenders.id))
    .all();
}

export function updateBriefingRender(
  database: Database,
  id: number,
  changes: Partial<
    Pick<BriefingRenderRecord, 'status' | 'pagesDone' | 'pagesTotal' | 'fileBytes' | 'error' | 'finishedAt'>
  >,
): void {
  database.update(briefingRenders).set(changes).where(eq(briefingRenders.id, id)).run();
}
