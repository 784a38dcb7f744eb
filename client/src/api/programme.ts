/**
 * The transformation programme (the /api/programme routes) as the dashboard needs it: the phases with
 * their targets and windows, each year's figures against the 60 % and 85 % targets, the cycles of a year
 * or of one commune, its designations, the kinds of designation, the year's tracking (criteria values and
 * risk flags), the decisions, and a planner's next step of a cycle.
 */
import type { BilingualText } from '@domain/bilingual';
import type { DateWindow } from '@domain/dates/reporting-period';
import type { CycleStatus, DecisionKind } from '@domain/programme/cycle-status';
import type { ProgrammeKpis } from '@domain/programme/programme-kpis';
import type { ProgrammePhase } from '@domain/programme/programme-year';
import { getJson, sendFile, sendJson } from './http';

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
  /** The district (before 1 July 2025), null on units of later eras. */
  district: string | null;
  /**
   * Cycles of an era without districts: the district the commune took most of ("huyện cũ"), through
   * the lineage; null when unknown.
   */
  formerDistrict?: string | null;
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
  /** The statuses the cycle may move to, each with the decision kind it needs. */
  nextStatuses?: { code: CycleStatus; name: BilingualText; decision: DecisionKind | null }[];
}

export type CriterionOutcome = 'met' | 'not-met' | 'missing' | 'not-applicable';

/** One criterion of a commune's tracking: its value over the window so far, judged against the threshold. */
export interface TrackingCriterion {
  code: string;
  groupCode: string;
  nameVi: string;
  nameEn: string;
  kind: 'computed' | 'entered';
  source: string | null;
  comparison: string;
  threshold: number | null;
  unitVi: string | null;
  unitEn: string | null;
  value: number | boolean | null;
  outcome: CriterionOutcome;
  missingReason: BilingualText | null;
  /** Entered criteria: the entry in force (value, evidence, who entered it and when); null otherwise. */
  entry: TrackingEntry | null;
}

/** The value in force of an entered criterion (POST /api/programme/criterion-entries). */
export interface TrackingEntry {
  id: number;
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: string[];
  note: string | null;
  /** An ISO instant. */
  enteredAt: string;
  enteredBy: string;
}

export interface TrackingRiskReason {
  code: 'incidents-up' | 'flashpoints-formed' | 'clearance-below-threshold';
  message: BilingualText;
}

export interface TrackingCommune {
  cycleId: number;
  cycleYear: number;
  /** 'year': a cycle of the year; 'monitoring': transformed earlier and still watched. */
  role: 'year' | 'monitoring';
  status: CycleStatus | null;
  statusName: BilingualText | null;
  unit: ProgrammeCommune;
  areaTypes: string[];
  counts: Record<string, number | null>;
  criteria: {
    overall: 'achieved' | 'not-achieved' | 'incomplete';
    met: number;
    notMet: number;
    missing: number;
    notApplicable: number;
    results: TrackingCriterion[];
  };
  risk: { atRisk: boolean; reasons: TrackingRiskReason[] };
}

/** GET /api/programme/tracking?year=&era=. */
export interface ProgrammeTracking {
  year: number;
  era: string;
  window: DateWindow & { asOf: string };
  sameWindowLastYear: DateWindow;
  riskRules: { incidentIncreasePct: number; incidentIncreaseMinimum: number };
  communes: TrackingCommune[];
  atRisk: number;
}

export interface ProgrammeDecision {
  id: number;
  kind: DecisionKind;
  kindName: BilingualText | null;
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  year: number;
  signer: string;
  title: string | null;
  province: string;
  document: { name: string | null; bytes: number; sha256: string } | null;
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

export function fetchProgrammeTracking(
  query: { year: number; era?: string; unit?: string },
  signal?: AbortSignal,
): Promise<ProgrammeTracking> {
  return getJson('/api/programme/tracking', query, signal);
}

export async function fetchProgrammeDecisions(
  query: { year?: number; kind?: DecisionKind },
  signal?: AbortSignal,
): Promise<ProgrammeDecision[]> {
  return (await getJson<{ decisions: ProgrammeDecision[] }>('/api/programme/decisions', query, signal))
    .decisions;
}

/** POST /api/programme/cycles/:id/transitions: the cycle's next step (refused with the domain's reason). */
export function postCycleStep(
  cycleId: number,
  step: { status: CycleStatus; date: string; decisionId?: number; reason?: string },
): Promise<ProgrammeCycleAnswer> {
  return sendJson('POST', `/api/programme/cycles/${cycleId}/transitions`, step);
}

/** PUT /api/programme/decisions/:id/document: the signed decision as a PDF. */
export function uploadDecisionDocument(decisionId: number, file: File): Promise<ProgrammeDecision> {
  return sendFile(`/api/programme/decisions/${decisionId}/document`, file, 'PUT');
}

/** Where the decision's PDF is downloaded. */
export function decisionDocumentUrl(decisionId: number): string {
  return `/api/programme/decisions/${decisionId}/document`;
}
