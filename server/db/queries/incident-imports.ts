import { eq } from 'drizzle-orm';
import type { Database } from '../database';
import { incidentImports, units } from '../schema';

/** Who made an import, for the download of its rejected rows. */
export function findIncidentImport(
  database: Database,
  id: number,
): { id: number; actor: string; sourceFile: string } | undefined {
  return database
    .select({ id: incidentImports.id, actor: incidentImports.actor, sourceFile: incidentImports.sourceFile })
    .from(incidentImports)
    .where(eq(incidentImports.id, id))
    .get();
}

/** The facts of a unit that decide whether an account's scope covers it (no geometry). */
export function unitScopeFacts(database: Database, id: number) {
  return database
    .select({
      level: units.level,
      code: units.code,
      provinceCode: units.provinceCode,
      provinceName: units.provinceName,
    })
    .from(units)
    .where(eq(units.id, id))
    .get();
}
