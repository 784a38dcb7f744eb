import { asc, sql } from 'drizzle-orm';
import { BilingualError, bilingual } from '../../domain/bilingual';
import {
  type IncidentIdentity,
  incidentDedupKey,
  sameIncidentIdentity,
} from '../../domain/incidents/incident-dedup-key';
import type { PreparedIncident } from '../../domain/incidents/prepare-incident-rows';
import type { Database } from '../database';
import { incidentCategories, incidentImports } from '../schema';

export type IncidentCategoryRecord = typeof incidentCategories.$inferSelect;

/**
 * The active categories, in taxonomy order: what new incidents (imported or entered by hand) may be filed
 * under. Counting, filtering and the taxonomy itself read `listAllIncidentCategories`.
 */
export function listIncidentCategories(database: Database): IncidentCategoryRecord[] {
  return listAllIncidentCategories(database).filter((category) => category.active);
}

/** Every category, retired ones included (existing incidents keep them), in taxonomy order. */
export function listAllIncidentCategories(database: Database): IncidentCategoryRecord[] {
  return database
    .select()
    .from(incidentCategories)
    .orderBy(asc(incidentCategories.sortOrder), asc(incidentCategories.code))
    .all();
}

/** Seeds the categories into a database that has none; an edited list is left as it is. */
export function seedIncidentCategories(
  database: Database,
  categories: readonly {
    code: string;
    group: string;
    nameVi: string;
    nameEn: string;
    aliases: readonly string[];
  }[],
): void {
  const count = database.select({ count: sql<number>`count(*)` }).from(incidentCategories).get()?.count ?? 0;
  if (count > 0) return;
  database
    .insert(incidentCategories)
    .values(
      categories.map((category, index) => ({
        code: category.code,
        groupCode: category.group,
        nameVi: category.nameVi,
        nameEn: category.nameEn,
        aliases: JSON.stringify(category.aliases),
        sortOrder: index,
      })),
    )
    .run();
}

/**
 * Accepted incidents of one import, column by column: a million rows as a few dozen arrays rather than a
 * million objects, which the garbage collector would have to walk again and again.
 */
export class IncidentBatch {
  count = 0;
  readonly occurredAt: string[] = [];
  readonly occurredDate: string[] = [];
  readonly longitude: number[] = [];
  readonly latitude: number[] = [];
  readonly categoryCode: string[] = [];
  readonly subcategory: (string | null)[] = [];
  readonly severity: (string | null)[] = [];
  /** 1, 0, or null when the file has no such column. */
  readonly cleared: (number | null)[] = [];
  readonly deaths: number[] = [];
  readonly injuries: number[] = [];
  readonly source: (string | null)[] = [];
  readonly reference: (string | null)[] = [];
  readonly dedupKey: number[] = [];
  /** Per era (same order as `eraIds`): the unit containing each incident, or -1. */
  readonly unitIds: number[][];

  constructor(readonly eraIds: readonly number[]) {
    this.unitIds = eraIds.map(() => []);
  }

  /** Adds an incident with its unit in each era (same order as `eraIds`, -1 for none). */
  add(incident: Omit<PreparedIncident, 'row'>, units: readonly number[]): void {
    this.occurredAt.push(incident.occurredAt);
    this.occurredDate.push(incident.occurredDate);
    this.longitude.push(incident.longitude);
    this.latitude.push(incident.latitude);
    this.categoryCode.push(incident.categoryCode);
    this.subcategory.push(incident.subcategory);
    this.severity.push(incident.severity);
    this.cleared.push(incident.cleared === null ? null : incident.cleared ? 1 : 0);
    this.deaths.push(incident.deaths);
    this.injuries.push(incident.injuries);
    this.source.push(incident.source);
    this.reference.push(incident.reference);
    this.dedupKey.push(incident.dedupKey);
    for (let era = 0; era < this.unitIds.length; era++)
      (this.unitIds[era] as number[]).push(units[era] ?? -1);
    this.count++;
  }

  identity(index: number): IncidentIdentity {
    return {
      occurredAt: this.occurredAt[index] as string,
      longitude: this.longitude[index] as number,
      latitude: this.latitude[index] as number,
      categoryCode: this.categoryCode[index] as string,
      subcategory: this.subcategory[index] ?? null,
      source: this.source[index] ?? null,
      reference: this.reference[index] ?? null,
    };
  }

  /** Incidents outside every unit of every era. */
  outsideUnits(): number {
    let outside = 0;
    for (let index = 0; index < this.count; index++) {
      if (this.unitIds.every((units) => (units[index] as number) < 0)) outside++;
    }
    return outside;
  }
}

/** Past this many incidents, and at least as many as the table holds, the indexes are rebuilt, not updated. */
const BULK_LOAD_ROWS = 10_000;
/** Keys wrap below 2^53 when a true newcomer has to move on to the next free key. */
const KEY_SPACE = 2 ** 53;

/**
 * Stores a batch, skipping incidents stored already (same `incidentDedupKey` and, to rule out the rare
 * hash collision, the same identity; a different incident with a taken key is stored under the next free
 * key) and repeats within the batch. Returns how many were stored. Run it inside a transaction, ideally
 * through `withBulkWriteSettings`.
 *
 * Keys are checked in memory against those loaded here, inside the transaction, so that nothing stored in
 * between is missed; ids are given in file order after the largest ever used, and each incident's unit rows
 * follow it, so that both tables and their primary keys grow at the end. When the batch is large and at
 * least the size of the table, the secondary indexes are dropped and built again afterwards in the same
 * transaction: sorting once is far cheaper than a million inserts at random places.
 */
export function storeIncidentBatch(
  database: Database,
  batch: IncidentBatch,
  importId: number,
  now: string,
): number {
  const client = database.$client;
  const stored = client.prepare('SELECT count(*) FROM incidents').pluck().get() as number;

  const owners = new Map<number, number>();
  if (stored > 0) {
    for (const [key, id] of client.prepare('SELECT dedup_key, id FROM incidents').raw().iterate() as Iterable<
      [number, number]
    >) {
      // The id, negated, so that ids and batch positions share one map.
      owners.set(key, -id);
    }
  }
  const storedIdentity = client.prepare(
    `SELECT occurred_at AS occurredAt, longitude, latitude, category_code AS categoryCode, subcategory,
       source, reference FROM incidents WHERE id = ?`,
  );
  const keys = new Array<number>(batch.count);
  let newcomers = 0;
  for (let index = 0; index < batch.count; index++) {
    let key = batch.dedupKey[index] as number;
    for (;;) {
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, index);
        keys[index] = key;
        newcomers++;
        break;
      }
      const other =
        owner >= 0 ? batch.identity(owner) : (storedIdentity.get(-owner) as IncidentIdentity | undefined);
      if (other && sameIncidentIdentity(batch.identity(index), other)) {
        keys[index] = -1;
        break;
      }
      key = (key + 1) % KEY_SPACE;
    }
  }
  if (newcomers === 0) return 0;

  const rebuilt = newcomers >= BULK_LOAD_ROWS && newcomers >= stored ? dropSecondaryIndexes(database) : [];
  const nextId =
    1 +
    Math.max(
      (client.prepare('SELECT max(id) FROM incidents').pluck().get() as number | null) ?? 0,
      (client.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'incidents'").pluck().get() as
        | number
        | undefined) ?? 0,
    );
  // The import and the time are the same for every row: written into the statement, not bound each time.
  const insertIncident = client.prepare(
    `INSERT INTO incidents (id, occurred_at, occurred_date, longitude, latitude, category_code, subcategory,
      severity, cleared, deaths, injuries, source, reference, dedup_key, import_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${Number(importId)}, ${sqlText(now)})`,
  );
  const insertUnit = client.prepare(
    'INSERT INTO incident_units (incident_id, era_id, unit_id) VALUES (?, ?, ?)',
  );
  const { eraIds, unitIds } = batch;
  let id = nextId;
  for (let index = 0; index < batch.count; index++) {
    const key = keys[index] as number;
    if (key < 0) continue;
    insertIncident.run(
      id,
      batch.occurredAt[index],
      batch.occurredDate[index],
      batch.longitude[index],
      batch.latitude[index],
      batch.categoryCode[index],
      batch.subcategory[index],
      batch.severity[index],
      batch.cleared[index],
      batch.deaths[index],
      batch.injuries[index],
      batch.source[index],
      batch.reference[index],
      key,
    );
    for (let era = 0; era < eraIds.length; era++) {
      const unitId = (unitIds[era] as number[])[index] as number;
      if (unitId >= 0) insertUnit.run(id, eraIds[era], unitId);
    }
    id++;
  }
  for (const statement of rebuilt) client.exec(statement);
  return newcomers;
}

function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Drops the indexes of incidents and incident_units that can be built again; returns their statements. */
function dropSecondaryIndexes(database: Database): string[] {
  const indexes = database.$client
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND tbl_name IN ('incidents', 'incident_units') AND sql IS NOT NULL`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) database.$client.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  return indexes.map((index) => index.sql);
}

/**
 * Runs a large write with settings for it alone, put back afterwards: a page cache big enough for the
 * indexes being filled (256 MiB), temporary sort data in memory, and no foreign-key lookups (a million rows
 * would cost four million of them). The caller checks the references itself with `checkIncidentReferences`
 * inside its transaction. Durability is untouched: journal and synchronous settings stay as they are.
 * Settings cannot change inside a transaction, so inside one `work` simply runs as it is.
 */
export function withBulkWriteSettings<T>(database: Database, work: () => T): T {
  const client = database.$client;
  if (client.inTransaction) return work();
  const saved = {
    cache_size: client.pragma('cache_size', { simple: true }) as number,
    temp_store: client.pragma('temp_store', { simple: true }) as number,
    foreign_keys: client.pragma('foreign_keys', { simple: true }) as number,
  };
  client.pragma('cache_size = -262144');
  client.pragma('temp_store = MEMORY');
  client.pragma('foreign_keys = OFF');
  try {
    return work();
  } finally {
    client.pragma(`cache_size = ${Number(saved.cache_size)}`);
    client.pragma(`temp_store = ${Number(saved.temp_store)}`);
    client.pragma(`foreign_keys = ${Number(saved.foreign_keys)}`);
  }
}

/**
 * What foreign keys would check, for a batch written without them: its categories exist, and the eras it was
 * placed in still have the revision whose communes the locator used (another process may have imported
 * boundaries meanwhile, replacing the units). Run it inside the write transaction.
 */
export function checkIncidentReferences(
  database: Database,
  batch: IncidentBatch,
  eraRevisions: ReadonlyMap<number, number>,
): void {
  const categories = new Set(
    database.$client.prepare('SELECT code FROM incident_categories').pluck().all() as string[],
  );
  for (const code of new Set(batch.categoryCode)) {
    if (!categories.has(code)) {
      throw new BilingualError(
        bilingual(
          `Loại vụ việc "${code}" vừa bị xóa khỏi danh mục trong khi nhập; hãy nhập lại`,
          `The category "${code}" was removed from the list during the import; import again`,
        ),
      );
    }
  }
  const revisions = new Map(
    (database.$client.prepare('SELECT id, revision FROM eras').raw().all() as [number, number][]).map(
      ([id, revision]) => [id, revision],
    ),
  );
  for (const [eraId, revision] of eraRevisions) {
    if (revisions.get(eraId) !== revision) {
      throw new BilingualError(
        bilingual(
          'Ranh giới vừa được nhập lại trong khi nhập vụ việc; hãy nhập lại tệp vụ việc',
          'Boundaries were imported again during the incident import; import the incident file again',
        ),
      );
    }
  }
}

export function recordIncidentImport(
  database: Database,
  record: Omit<typeof incidentImports.$inferInsert, 'id'>,
): number {
  return database.insert(incidentImports).values(record).returning({ id: incidentImports.id }).get().id;
}

export function updateIncidentImportCounts(database: Database, id: number, insertedCount: number): void {
  database.update(incidentImports).set({ insertedCount }).where(sql`${incidentImports.id} = ${id}`).run();
}

/** Every incident's location, for assigning them to the units of an era. */
export function incidentLocations(database: Database) {
  return database.$client.prepare('SELECT id, longitude, latitude FROM incidents').all() as {
    id: number;
    longitude: number;
    latitude: number;
  }[];
}

/** Replaces an era's assignments (after its boundaries changed). Run it inside a transaction. */
export function replaceEraAssignments(
  database: Database,
  eraId: number,
  assignments: readonly { incidentId: number; unitId: number }[],
): void {
  database.$client.prepare('DELETE FROM incident_units WHERE era_id = ?').run(eraId);
  const insert = database.$client.prepare(
    'INSERT INTO incident_units (incident_id, era_id, unit_id) VALUES (?, ?, ?)',
  );
  for (const assignment of assignments) insert.run(assignment.incidentId, eraId, assignment.unitId);
}

/**
 * Gives incidents stored with a text dedup key (before keys became `incidentDedupKey` integers) their
 * integer key, so that re-importing their file still finds them. A key taken already moves on to the next
 * free one, as the importer does. Cheap when there is nothing to do: run at every start.
 */
export function upgradeTextDedupKeys(database: Database): void {
  const client = database.$client;
  const outdated = client
    .prepare(
      `SELECT id, occurred_at AS occurredAt, longitude, latitude, category_code AS categoryCode, subcategory,
         source, reference FROM incidents WHERE typeof(dedup_key) = 'text'`,
    )
    .all() as (IncidentIdentity & { id: number })[];
  if (outdated.length === 0) return;
  const taken = client.prepare('SELECT 1 FROM incidents WHERE dedup_key = ?').pluck();
  const update = client.prepare('UPDATE incidents SET dedup_key = ? WHERE id = ?');
  client.transaction(() => {
    for (const incident of outdated) {
      let key = incidentDedupKey(incident);
      while (taken.get(key) !== undefined) key = (key + 1) % KEY_SPACE;
      update.run(key, incident.id);
    }
  })();
}
