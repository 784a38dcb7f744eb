import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CriteriaSet } from '../../domain/programme/criteria';
import type { ProgrammePhase, ProgrammeYearSettings } from '../../domain/programme/programme-year';
import type { Database } from '../database';
import {
  programmeCriteriaSets,
  programmeDesignationKinds,
  programmePhases,
  programmeYearSettings,
} from '../schema';

/** The programme's settings: phases with their years, designation kinds, criteria sets by version. */

// Phases

function yearSettingsOf(row: typeof programmeYearSettings.$inferSelect): ProgrammeYearSettings {
  const settings: ProgrammeYearSettings = { year: row.year };
  if (row.windowFrom !== null && row.windowTo !== null) {
    settings.window = { from: row.windowFrom, to: row.windowTo };
  }
  const targets: ProgrammeYearSettings['targets'] = {};
  if (row.transformedPct !== null) targets.transformedPct = row.transformedPct;
  if (row.notRelapsedPct !== null) targets.notRelapsedPct = row.notRelapsedPct;
  if (Object.keys(targets).length > 0) settings.targets = targets;
  if (row.source !== null) settings.source = row.source;
  return settings;
}

/** Every phase, earliest first, with its year settings. */
export function listPhases(database: Database): ProgrammePhase[] {
  const phases = database.select().from(programmePhases).orderBy(asc(programmePhases.firstYear)).all();
  const years = database.select().from(programmeYearSettings).orderBy(asc(programmeYearSettings.year)).all();
  return phases.map((phase) => ({
    code: phase.code,
    nameVi: phase.nameVi,
    nameEn: phase.nameEn,
    firstYear: phase.firstYear,
    lastYear: phase.lastYear,
    targets: { transformedPct: phase.transformedPct, notRelapsedPct: phase.notRelapsedPct },
    years: years.filter((year) => year.phaseCode === phase.code).map(yearSettingsOf),
  }));
}

/** Stores a phase (new, or replacing the one of its code with all its year settings). Run in a transaction. */
export function savePhase(database: Database, phase: ProgrammePhase, actor: string, now: string): void {
  const values = {
    nameVi: phase.nameVi,
    nameEn: phase.nameEn,
    firstYear: phase.firstYear,
    lastYear: phase.lastYear,
    transformedPct: phase.targets.transformedPct,
    notRelapsedPct: phase.targets.notRelapsedPct,
    updatedAt: now,
    updatedBy: actor,
  };
  database
    .insert(programmePhases)
    .values({ code: phase.code, ...values })
    .onConflictDoUpdate({ target: programmePhases.code, set: values })
    .run();
  database.delete(programmeYearSettings).where(eq(programmeYearSettings.phaseCode, phase.code)).run();
  if (phase.years.length === 0) return;
  database
    .insert(programmeYearSettings)
    .values(
      phase.years.map((settings) => ({
        phaseCode: phase.code,
        year: settings.year,
        windowFrom: settings.window?.from ?? null,
        windowTo: settings.window?.to ?? null,
        transformedPct: settings.targets?.transformedPct ?? null,
        notRelapsedPct: settings.targets?.notRelapsedPct ?? null,
        source: settings.source ?? null,
      })),
    )
    .run();
}

// Designation kinds

export interface DesignationLevel {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface DesignationKind {
  code: string;
  nameVi: string;
  nameEn: string;
  levels: DesignationLevel[];
  singleLevel: boolean;
}

export function listDesignationKinds(database: Database): DesignationKind[] {
  return database
    .select()
    .from(programmeDesignationKinds)
    .orderBy(asc(programmeDesignationKinds.sortOrder))
    .all()
    .map((row) => ({
      code: row.code,
      nameVi: row.nameVi,
      nameEn: row.nameEn,
      levels: JSON.parse(row.levels) as DesignationLevel[],
      singleLevel: row.singleLevel,
    }));
}

// Criteria sets

export interface StoredCriteriaSet {
  set: CriteriaSet;
  createdAt: string;
  createdBy: string;
}

function storedSet(row: typeof programmeCriteriaSets.$inferSelect): StoredCriteriaSet {
  return {
    set: JSON.parse(row.criteria) as CriteriaSet,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/** The year's set of that version, or its latest without one; undefined when none is stored. */
export function findCriteriaSet(
  database: Database,
  year: number,
  version?: number,
): StoredCriteriaSet | undefined {
  const row = database
    .select()
    .from(programmeCriteriaSets)
    .where(
      and(
        eq(programmeCriteriaSets.year, year),
        version === undefined ? undefined : eq(programmeCriteriaSets.version, version),
      ),
    )
    .orderBy(desc(programmeCriteriaSets.version))
    .limit(1)
    .get();
  return row ? storedSet(row) : undefined;
}

/** The versions stored for a year, oldest first. */
export function criteriaSetVersions(
  database: Database,
  year: number,
): { version: number; createdAt: string; createdBy: string }[] {
  return database
    .select({
      version: programmeCriteriaSets.version,
      createdAt: programmeCriteriaSets.createdAt,
      createdBy: programmeCriteriaSets.createdBy,
    })
    .from(programmeCriteriaSets)
    .where(eq(programmeCriteriaSets.year, year))
    .orderBy(asc(programmeCriteriaSets.version))
    .all();
}

/** The latest version stored for a year, 0 when none. */
export function latestCriteriaVersion(database: Database, year: number): number {
  return (
    database
      .select({ version: sql<number | null>`max(${programmeCriteriaSets.version})` })
      .from(programmeCriteriaSets)
      .where(eq(programmeCriteriaSets.year, year))
      .get()?.version ?? 0
  );
}

/** Stores a set as its year and version say; the unique index refuses a version stored twice. */
export function insertCriteriaSet(database: Database, set: CriteriaSet, actor: string, now: string): void {
  database
    .insert(programmeCriteriaSets)
    .values({
      year: set.year,
      version: set.version,
      criteria: JSON.stringify(set),
      createdAt: now,
      createdBy: actor,
    })
    .run();
}
