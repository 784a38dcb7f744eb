/**
 * The transformation programme (the /api/programme routes), read-only as the dashboard needs it: the
 * phases with their targets and windows, each year's figures against the 60 % and 85 % targets, the
 * cycles of a year or of one commune, its designations, and the kinds of designation.
 */
import type { BilingualText } from '@domain/bilingual';
import type { DateWindow } from '@domain/dates/reporting-period';
import type { CycleStatus, DecisionKind } from '@domain/programme/cycle-status';
import type { ProgrammeKpis } from '@domain/programme/programme-kpis';
import type { ProgrammePhase } from '@domain/programme/programme-year';
import { getJson } from './http';

export type { CycleStatus, DateWindow, ProgrammePhase };

export interface PhaseSummary {
  code: string;
  nameVi: string;
  nameEn: string;
  firstYear: number;
  lastYear: number;
}

/** GET /api/programme/kpis?year=: the domain's figures and the phase they belong to. */
export type ProgrammeYearKpis = Omit<ProgrammeKpis, 'phaseCode'> & { phase: PhaseSummary };

/** The commune a cycle or designation is about. */
export interface ProgrammeCommune {
  id: number;
  code: string;
  name: string;
  fullName: string;
  /** The former district (before 1 July 2025), null on units of later eras. */
  district: string | null;
  province: string | null;
}

export interface CycleStep {
  status: CycleStatus;
  statusName: BilingualText | null;
  /** YYYY-MM-DD. */
  date: string;
  decision: { id?: number; kind: DecisionKind; number: string; date: string } | null;
  reason: string | null;
  actor: string;
  recordedAt: string;
}

/** GET /api/programme/cycles: one commune's cycle of one year, its status replayed from its history. */
export interface ProgrammeCycleAnswer {
  id: number;
  year: number;
  era: string;
  unit: ProgrammeCommune;
  status: CycleStatus | null;
  statusName: BilingualText | null;
  since: string | null;
  carryOver: boolean;
  /** Oldest first. */
  history: CycleStep[];
  problem: BilingualText | null;
}

export interface ProgrammeDesignation {
  id: number;
  year: number;
  era: string;
  unit: ProgrammeCommune;
  kind: string;
  level: string | null;
  reference: string | null;
  note: string | null;
}

export interface DesignationKind {
  code: string;
  nameVi: string;
  nameEn: string;
  levels: { code: string; nameVi: string; nameEn: string }[];
  singleLevel: boolean;
}

export async function fetchProgrammePhases(signal?: AbortSignal): Promise<ProgrammePhase[]> {
  return (await getJson<{ phases: ProgrammePhase[] }>('/api/programme/phases', {}, signal)).phases;
}

export function fetchProgrammeKpis(year: number, signal?: AbortSignal): Promise<ProgrammeYearKpis> {
  return getJson('/api/programme/kpis', { year }, signal);
}

export async function fetchProgrammeCycles(
  query: { year?: number; era?: string; unit?: string },
  signal?: AbortSignal,
): Promise<ProgrammeCycleAnswer[]> {
  return (await getJson<{ cycles: ProgrammeCycleAnswer[] }>('/api/programme/cycles', query, signal)).cycles;
}

export async function fetchProgrammeDesignations(
  query: { year?: number; era?: string; unit?: string },
  signal?: AbortSignal,
): Promise<ProgrammeDesignation[]> {
  return (
    await getJson<{ designations: ProgrammeDesignation[] }>('/api/programme/designations', query, signal)
  ).designations;
}

export async function fetchDesignationKinds(signal?: AbortSignal): Promise<DesignationKind[]> {
  return (await getJson<{ kinds: DesignationKind[] }>('/api/programme/designation-kinds', {}, signal)).kinds;
}
