import { fileURLToPath } from 'node:url';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import { createApp } from '../server/app';
import { type Database, openDatabase } from '../server/db/database';
import { createAppContext } from '../server/routes/context';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/boundaries/${name}`, import.meta.url));
}

/** A fresh in-memory database holding the tiny province as era "test-2021" (valid 2021-07-01 → 2025-06-30). */
export async function databaseWithTinyProvince(): Promise<Database> {
  const database = openDatabase();
  await importBoundaryFile(database, fixturePath('tiny-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    strict: true,
  });
  return database;
}

/** The app over a database, with "today" pinned (default 2024-05-15, inside the test era). */
export function appFor(database: Database, today = '2024-05-15T03:00:00Z') {
  return createApp(createAppContext(database, () => new Date(today)));
}
