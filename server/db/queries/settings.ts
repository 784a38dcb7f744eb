import { eq } from 'drizzle-orm';
import type { Database } from '../database';
import { settings } from '../schema';

export function readSetting<T>(database: Database, key: string): T | undefined {
  const row = database.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeSetting(database: Database, key: string, value: unknown): void {
  const text = JSON.stringify(value);
  database
    .insert(settings)
    .values({ key, value: text })
    .onConflictDoUpdate({ target: settings.key, set: { value: text } })
    .run();
}

export function deleteSetting(database: Database, key: string): void {
  database.delete(settings).where(eq(settings.key, key)).run();
}
