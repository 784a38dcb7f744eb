import type { CycleStatus, DecisionKind } from '@domain/programme/cycle-status';

/** A commune's history in the programme, one entry per programme year, newest year and step first. */

export interface TimelineStep {
  status: CycleStatus;
  date: string;
  decision: { kind: DecisionKind; number: string; date: string } | null;
  reason: string | null;
}

export interface TimelineDesignation {
  kind: string;
  level: string | null;
  reference: string | null;
}

/** A value entered for one criterion of the year, with its evidence (the history, not only those in force). */
export interface TimelineCriterionEntry {
  code: string;
  nameVi: string;
  nameEn: string;
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: string[];
  /** An ISO instant. */
  enteredAt: string;
  enteredBy: string;
  inForce: boolean;
}

export interface TimelineYear {
  year: number;
  /** The cycle's status now, null when the commune had no cycle that year. */
  status: CycleStatus | null;
  carryOver: boolean;
  /** Newest first. */
  steps: TimelineStep[];
  designations: TimelineDesignation[];
  /** Newest first. */
  criteria: TimelineCriterionEntry[];
}

interface CycleInput {
  year: number;
  status: CycleStatus | null;
  carryOver: boolean;
  history: readonly TimelineStep[];
}

interface DesignationInput extends TimelineDesignation {
  year: number;
}

interface CriterionEntryInput {
  year: number;
  criterion: { code: string; nameVi: string; nameEn: string };
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: readonly string[];
  enteredAt: string;
  enteredBy: string;
  inForce: boolean;
}

export function buildTimeline(
  cycles: readonly CycleInput[],
  designations: readonly DesignationInput[],
  kindOrder: readonly string[] = [],
  criterionEntries: readonly CriterionEntryInput[] = [],
): TimelineYear[] {
  const years = new Map<number, TimelineYear>();
  const yearOf = (year: number): TimelineYear => {
    let entry = years.get(year);
    if (!entry) {
      entry = { year, status: null, carryOver: false, steps: [], designations: [], criteria: [] };
      years.set(year, entry);
    }
    return entry;
  };
  for (const cycle of cycles) {
    const entry = yearOf(cycle.year);
    entry.status = cycle.status;
    entry.carryOver = cycle.carryOver;
    // The history is stored oldest first; a stable sort keeps same-day steps in their order, reversed.
    entry.steps = cycle.history
      .map((step, index) => ({ step, index }))
      .sort((first, second) =>
        first.step.date === second.step.date
          ? second.index - first.index
          : second.step.date.localeCompare(first.step.date),
      )
      .map(({ step }) => ({
        status: step.status,
        date: step.date,
        decision: step.decision
          ? { kind: step.decision.kind, number: step.decision.number, date: step.decision.date }
          : null,
        reason: step.reason ?? null,
      }));
  }
  const rank = (kind: string) => {
    const position = kindOrder.indexOf(kind);
    return position === -1 ? kindOrder.length : position;
  };
  for (const designation of designations) {
    yearOf(designation.year).designations.push({
      kind: designation.kind,
      level: designation.level,
      reference: designation.reference,
    });
  }
  for (const entry of criterionEntries) {
    yearOf(entry.year).criteria.push({
      code: entry.criterion.code,
      nameVi: entry.criterion.nameVi,
      nameEn: entry.criterion.nameEn,
      value: entry.value,
      notApplicable: entry.notApplicable,
      evidence: [...entry.evidence],
      enteredAt: entry.enteredAt,
      enteredBy: entry.enteredBy,
      inForce: entry.inForce,
    });
  }
  for (const entry of years.values()) {
    // ISO instants sort as text.
    entry.criteria.sort((first, second) => second.enteredAt.localeCompare(first.enteredAt));
    entry.designations.sort(
      (first, second) =>
        rank(first.kind) - rank(second.kind) || (first.level ?? '').localeCompare(second.level ?? ''),
    );
  }
  return [...years.values()].sort((first, second) => second.year - first.year);
}
