import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { DEFAULT_INCIDENT_CATEGORIES } from '../domain/incidents/incident-taxonomy';
import { DEFAULT_INDICATOR_DEFINITIONS } from '../domain/records/indicators';
import { seedIncidentCategories, upgradeTextDedupKeys } from './queries/incidents';
import { seedIndicatorDefinitions } from './queries/records-indicators';
import * as schema from './schema';

export type Database = BetterSQLite3Database<typeof schema> & { $client: SqliteDatabase.Database };

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Where the database lives unless told otherwise: `DIABAN_DB`, else ./data/diaban.db. */
export function defaultDatabasePath(): string {
  return process.env.DIABAN_DB || './data/diaban.db';
}

/**
 * Opens (creating if needed) and migrates a database. Without a path, or with ":memory:", the database
 * lives in memory: what the tests use.
 */
export function openDatabase(path = ':memory:'): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client = new SqliteDatabase(path);
  if (path !== ':memory:') client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('synchronous = NORMAL');
  client.pragma('busy_timeout = 5000');
  const database = drizzle(client, { schema });
  migrate(database, { migrationsFolder: MIGRATIONS_FOLDER });
  upgradeTextDedupKeys(database);
  seedIncidentCategories(database, DEFAULT_INCIDENT_CATEGORIES);
  seedIndicatorDefinitions(database, DEFAULT_INDICATOR_DEFINITIONS);
  return database;
}

/**
 * Runs `work` in one transaction: all of its writes are kept, or, if it throws, none. The queries inside
 * use the same `database`; better-sqlite3 is synchronous, so nothing else runs in between.
 */
export function inTransaction<T>(database: Database, work: () => T): T {
  return database.$client.transaction(work)();
}

/** A consistent copy of a database file through SQLite's online backup, while others keep using it. */
export async function copyDatabaseFile(path: string, copy: string): Promise<void> {
  const database = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    await database.backup(copy);
  } finally {
    database.close();
  }
}

/** Why a file is not an intact Diaban database (integrity check, tables), or null when it is one. */
export function databaseFileProblem(path: string): string | null {
  try {
    const database = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
    try {
      const integrity = database.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') return `integrity_check: ${String(integrity)}`;
      const tables = database
        .prepare(
          "SELECT count(*) AS count FROM sqlite_master WHERE type = 'table' AND name IN ('eras', 'units', 'audit_log')",
        )
        .get() as { count: number };
      return tables.count === 0 ? 'no Diaban tables' : null;
    } finally {
      database.close();
    }
  } catch (error) {
    return (error as Error).message;
  }
}
