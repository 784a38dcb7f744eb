/**
 * The programme's records and settings as the admin page edits them: decisions with their PDF,
 * designations, a phase and one year of it, the versioned criteria set of a year.
 */
import type { DateWindow } from '@domain/dates/reporting-period';
import type { CriteriaGroup, CriteriaSet } from '@domain/programme/criteria';
import type { DecisionKind } from '@domain/programme/cycle-status';
import type { ProgrammePhase, ProgrammeTargets } from '@domain/programme/programme-year';
import { getJson, sendJson } from './http';
import type { PhaseSummary, ProgrammeDecision, ProgrammeDesignation } from './programme';

export type { CriteriaGroup, CriteriaSet, DecisionKind, ProgrammePhase, ProgrammeTargets };

/** GET/PUT /api/programme/years/:year. */
export interface ProgrammeYearAnswer {
  year: number;
  phaseCode: string;
  window: DateWindow;
  windowIsDefault: boolean;
  monitoringPeriod: DateWindow;
  targets: ProgrammeTargets;
  source: string | null;
  phase: PhaseSummary;
}

/** What PUT /api/programme/years/:year takes: null or left out is the phase's default. */
export interface YearSettingsInput {
  window: DateWindow | null;
  targets: { transformedPct: number | null; notRelapsedPct: number | null } | null;
  source: string | null;
}

export interface CriteriaVersion {
  version: number;
  createdAt: string;
  createdBy: string;
}

/** GET /api/programme/criteria/:year: a version of the set (the published examples until one is stored). */
export interface CriteriaAnswer {
  year: number;
  stored: boolean;
  set: CriteriaSet;
  createdAt: string | null;
  createdBy: string | null;
  versions: CriteriaVersion[];
}

export interface NewDecision {
  kind: DecisionKind;
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  year: number;
  signer: string;
  title: string | null;
  era?: string;
}

export interface NewDesignation {
  era: string;
  unit: string;
  year: number;
  kind: string;
  level?: string;
  reference: string | null;
  note: string | null;
}

export function fetchProgrammeYear(year: number, signal?: AbortSignal): Promise<ProgrammeYearAnswer> {
  return getJson(`/api/programme/years/${year}`, {}, signal);
}

export function saveProgrammeYear(year: number, settings: YearSettingsInput): Promise<ProgrammeYearAnswer> {
  return sendJson('PUT', `/api/programme/years/${year}`, settings);
}

export function saveProgrammePhase(phase: ProgrammePhase): Promise<ProgrammePhase> {
  const { code, ...body } = phase;
  return sendJson('PUT', `/api/programme/phases/${encodeURIComponent(code)}`, body);
}

export function fetchCriteria(year: number, version?: number, signal?: AbortSignal): Promise<CriteriaAnswer> {
  return getJson(`/api/programme/criteria/${year}`, { version }, signal);
}

/** Stores the groups as the year's next version; refused (409) when another edit came after `basedOnVersion`. */
export function saveCriteria(
  year: number,
  body: { groups: CriteriaGroup[]; source?: string; basedOnVersion: number },
): Promise<CriteriaAnswer> {
  return sendJson('PUT', `/api/programme/criteria/${year}`, body);
}

export function createDecision(decision: NewDecision): Promise<ProgrammeDecision> {
  return sendJson('POST', '/api/programme/decisions', decision);
}

export function createDesignation(designation: NewDesignation): Promise<ProgrammeDesignation> {
  return sendJson('POST', '/api/programme/designations', designation);
}

export function deleteDesignation(id: number): Promise<void> {
  return sendJson('DELETE', `/api/programme/designations/${id}`);
}
