import type { Database } from '../db/database';
import { defaultEra, type EraRecord, erasValidOn, findEraByLabel } from '../db/queries/eras';
import { bilingual } from '../domain/bilingual';
import { todayInVietnam } from '../domain/dates/calendar-date';
import { CompressedResponseCache } from '../services/compressed-response-cache';
import { UnitLocator } from '../services/unit-locator';
import { notFound } from './api-error';

/** What every route needs: the database, the shared services, and the clock. */
export interface AppContext {
  database: Database;
  locator: UnitLocator;
  boundaryResponses: CompressedResponseCache;
  /** The clock; tests set it to pin "today". */
  now: () => Date;
}

export function createAppContext(database: Database, now: () => Date = () => new Date()): AppContext {
  return {
    database,
    locator: new UnitLocator(database),
    boundaryResponses: new CompressedResponseCache(),
    now,
  };
}

export function today(context: AppContext): string {
  return todayInVietnam(context.now());
}

/** The era named, or the one in force today when none is named; 404 when there is none. */
export function requireEra(context: AppContext, label: string | undefined): EraRecord {
  const era = label ? findEraByLabel(context.database, label) : defaultEra(context.database, today(context));
  if (era) return era;
  throw notFound(
    label
      ? bilingual(`Không có thời kỳ ranh giới "${label}"`, `There is no boundary era "${label}"`)
      : bilingual('Chưa có ranh giới nào được nhập', 'No boundaries have been imported yet'),
  );
}

/** The eras to look in when none is named: those valid today, else all, newest first. */
export function erasToSearch(context: AppContext, label: string | undefined): EraRecord[] {
  if (label) return [requireEra(context, label)];
  const current = erasValidOn(context.database, today(context));
  if (current.length > 0) return current;
  const fallback = defaultEra(context.database, today(context));
  return fallback ? [fallback] : [];
}
