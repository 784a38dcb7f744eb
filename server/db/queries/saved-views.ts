import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Scope } from '../../domain/access/scope';
import type { Database } from '../database';
import { savedViews, units } from '../schema';

/**
 * Saved views: a name and a location in the app (the route and query after "#"), stored with the scope of
 * the account that saved it, so that it is shown only to accounts whose own scope covers that scope.
 */

export type SavedViewRecord = typeof savedViews.$inferSelect;

export function insertSavedView(
  database: Database,
  view: { name: string; location: string; scope: Scope; owner: string },
  now: string,
): SavedViewRecord {
  return database
    .insert(savedViews)
    .values({ ...view, scope: JSON.stringify(view.scope), createdAt: now, updatedAt: now })
    .returning()
    .get();
}

export function findSavedView(database: Database, id: number): SavedViewRecord | undefined {
  return database.select().from(savedViews).where(eq(savedViews.id, id)).get();
}

/** Every saved view, newest change first; callers keep those the reader's scope covers. */
export function listSavedViews(database: Database): SavedViewRecord[] {
  return database.select().from(savedViews).orderBy(desc(savedViews.updatedAt), desc(savedViews.id)).all();
}

export function renameSavedView(
  database: Database,
  id: number,
  name: string,
  now: string,
): SavedViewRecord | undefined {
  return database
    .update(savedViews)
    .set({ name, updatedAt: now })
    .where(eq(savedViews.id, id))
    .returning()
    .get();
}

export function deleteSavedView(database: Database, id: number): void {
  database.delete(savedViews).where(eq(savedViews.id, id)).run();
}

/** The stored scope text as a scope; an unreadable one covers nothing but is covered only by "all". */
export function storedScope(text: string): Scope {
  try {
    const scope = JSON.parse(text) as Scope;
    if (scope && (scope.kind === 'all' || scope.kind === 'provinces' || scope.kind === 'communes'))
      return scope;
  } catch {
    // Falls through.
  }
  return { kind: 'all' };
}

/**
 * Whether what was saved under `inner` may be shown to an account of scope `outer`: everything to "all";
 * to a province scope, what was saved for some of its provinces or for communes lying in them (the
 * database knows where communes lie, in any era); to a commune scope, what was saved for some of its
 * communes.
 */
export function scopeIncludes(database: Database, outer: Scope, inner: Scope): boolean {
  if (outer.kind === 'all') return true;
  if (inner.kind === 'all') return false;
  if (outer.kind === 'communes') {
    return inner.kind === 'communes' && inner.communes.every((code) => outer.communes.includes(code));
  }
  if (inner.kind === 'provinces') {
    return inner.provinces.every((province) => outer.provinces.includes(province));
  }
  if (inner.communes.length === 0) return true;
  const covered = database
    .select({ count: sql<number>`count(DISTINCT ${units.code})` })
    .from(units)
    .where(
      and(
        eq(units.level, 'commune'),
        inArray(units.code, inner.communes),
        or(inArray(units.provinceCode, outer.provinces), inArray(units.provinceName, outer.provinces)),
      ),
    )
    .get();
  return (covered?.count ?? 0) === new Set(inner.communes).size;
}
