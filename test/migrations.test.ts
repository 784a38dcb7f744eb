import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/database';
import { incidentDedupKey } from '../server/domain/incidents/incident-dedup-key';

const MIGRATIONS = fileURLToPath(new URL('../server/db/migrations', import.meta.url));

/** A database as the release with the first incident schema (migrations 0000–0002) left it. */
function databaseAtIncidentsRelease(path: string, folder: string): void {
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((entry) => entry.idx <= 2);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal));
  for (const entry of journal.entries) {
    copyFileSync(join(MIGRATIONS, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  }
  const client = new SqliteDatabase(path);
  client.pragma('foreign_keys = ON');
  migrate(drizzle(client), { migrationsFolder: folder });
  client.exec(`
    INSERT INTO eras (id, label, valid_from, created_at, updated_at) VALUES (1, '2021', '2021-07-01', 'x', 'x');
    INSERT INTO units (id, era_id, level, code, name, full_name, area_km2, label_longitude, label_latitude,
      min_longitude, min_latitude, max_longitude, max_latitude, search_text, geometry, properties)
      VALUES (7, 1, 'commune', '00001', 'A', 'Xã A', 1, 105, 10, 105, 10, 105.1, 10.1, 'a', '{}', '{}');
    INSERT INTO incident_categories (code, group_code, name_vi, name_en, aliases, sort_order)
      VALUES ('ma-tuy', 'ma-tuy', 'Ma túy', 'Drugs', '[]', 0);
    INSERT INTO incidents (id, occurred_at, occurred_date, longitude, latitude, category_code, source, reference,
      dedup_key, created_at)
      VALUES (1, '2024-03-05T08:00:00', '2024-03-05', 105.05, 10.05, 'ma-tuy', 'CA', '12/2024', 'ref:abc', 'x');
    INSERT INTO incident_units (incident_id, era_id, unit_id, occurred_date, category_code)
      VALUES (1, 1, 7, '2024-03-05', 'ma-tuy');
  `);
  client.close();
}

describe('upgrading a database that holds incidents', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'diaban-migrations-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps every incident and its commune assignments, and gives old text keys their integer key', () => {
    const path = join(directory, 'diaban.db');
    databaseAtIncidentsRelease(path, join(directory, 'migrations'));

    const database = openDatabase(path);
    const client = database.$client;
    expect(client.prepare('SELECT * FROM incident_units').all()).toEqual([
      { incident_id: 1, era_id: 1, unit_id: 7 },
    ]);
    const stored = client.prepare('SELECT dedup_key, typeof(dedup_key) AS type FROM incidents').get() as {
      dedup_key: number;
      type: string;
    };
    expect(stored.type).toBe('integer');
    expect(stored.dedup_key).toBe(
      incidentDedupKey({
        occurredAt: '2024-03-05T08:00:00',
        longitude: 105.05,
        latitude: 10.05,
        categoryCode: 'ma-tuy',
        subcategory: null,
        source: 'CA',
        reference: '12/2024',
      }),
    );
    expect(client.pragma('foreign_key_check')).toEqual([]);
    // The programme's tables come with the 2021–2025 phase and the kinds of designation.
    expect(
      client.prepare('SELECT code, transformed_pct, not_relapsed_pct FROM programme_phases').all(),
    ).toEqual([{ code: '2021-2025', transformed_pct: 60, not_relapsed_pct: 85 }]);
    expect(client.prepare('SELECT count(*) AS count FROM programme_designation_kinds').get()).toEqual({
      count: 5,
    });
    client.close();
  });
});
