import type { Database } from '../db/database';
import { defaultEra, type EraRecord, erasValidOn, findEraByLabel } from '../db/queries/eras';
import { bilingual } from '../domain/bilingual';
import { todayInVietnam } from '../domain/dates/calendar-date';
import { CommuneGeometryCache } from '../services/commune-geometry';
import { CompressedResponseCache } from '../services/compressed-response-cache';
import { IncidentCube } from '../services/incident-cube';
import { UnitLocator } from '../services/unit-locator';
import { notFound } from './api-error';

/** Sessions and sign-in limits. */
export interface SecuritySettings {
  /** A session ends this long after sign-in, whatever happens. */
  sessionHours: number;
  /** …or after this long without a request. */
  idleMinutes: number;
  /** Secure cookies: always, never, or when the request came over HTTPS (also behind a proxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Failed sign-ins an account may have within the window before it must wait. */
  loginAttempts: number;
  loginWindowMinutes: number;
}

export const DEFAULT_SECURITY: SecuritySettings = {
  sessionHours: 12,
  idleMinutes: 30,
  cookieSecure: 'auto',
  loginAttempts: 5,
  loginWindowMinutes: 15,
};

/** Settings from DIABAN_SESSION_HOURS, DIABAN_SESSION_IDLE_MINUTES and DIABAN_COOKIE_SECURE. */
export function securityFromEnvironment(environment: Record<string, string | undefined>): SecuritySettings {
  const positive = (value: string | undefined, fallback: number) =>
    value && Number(value) > 0 ? Number(value) : fallback;
  const secure = environment.DIABAN_COOKIE_SECURE;
  return {
    ...DEFAULT_SECURITY,
    sessionHours: positive(environment.DIABAN_SESSION_HOURS, DEFAULT_SECURITY.sessionHours),
    idleMinutes: positive(environment.DIABAN_SESSION_IDLE_MINUTES, DEFAULT_SECURITY.idleMinutes),
    cookieSecure: secure === 'true' ? 'always' : secure === 'false' ? 'never' : 'auto',
  };
}

/** What every route needs: the database, the shared services, the clock and the security settings. */
export interface AppContext {
  database: Database;
  locator: UnitLocator;
  /** The in-memory incident index behind statistics, lists and points. */
  incidents: IncidentCube;
  /** Contiguity weights and centroids of each era's communes, for hot spots. */
  communeGeometry: CommuneGeometryCache;
  boundaryResponses: CompressedResponseCache;
  /** The clock; tests set it to pin "today" and to let sessions expire. */
  now: () => Date;
  security: SecuritySettings;
}

export function createAppContext(
  database: Database,
  now: () => Date = () => new Date(),
  security: SecuritySettings = DEFAULT_SECURITY,
): AppContext {
  return {
    database,
    locator: new UnitLocator(database),
    incidents: new IncidentCube(database),
    communeGeometry: new CommuneGeometryCache(database),
    boundaryResponses: new CompressedResponseCache(),
    now,
    security,
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
