import { sql } from 'drizzle-orm';
import type { Database } from '../database';
import { dataRevisions } from '../schema';

/** The kinds of data whose writes move a revision on. */
export type RevisedData = 'incidents';

/** The current revision of a kind of data: 0 before its first write. */
export function dataRevision(database: Database, name: RevisedData): number {
  return (
    database
      .select({ revision: dataRevisions.revision })
      .from(dataRevisions)
      .where(sql`${dataRevisions.name} = ${name}`)
      .get()?.revision ?? 0
  );
}

/** Moves a revision on; call it in the transaction that writes the data. */
export function advanceDataRevision(database: Database, name: RevisedData): void {
  database
    .insert(dataRevisions)
    .values({ name, revision: 1 })
    .onConflictDoUpdate({ target: dataRevisions.name, set: { revision: sql`${dataRevisions.revision} + 1` } })
    .run();
}
