import { getJson } from './http';
import type { ProgrammeCycleAnswer, ProgrammeDesignation } from './programme';

/** One unit at the other end of a lineage link, with the share of the OLD unit (0–1) the link carries. */
export interface LineageRelative {
  era: string;
  code: string;
  /** Null when its era no longer holds that code. */
  name: string | null;
  areaShare: number | null;
  /** Known when the old unit went whole or a source gives it. */
  populationShare: number | null;
  /** The old unit was split between several new ones. */
  partial: boolean;
  /** From the official mapping, or derived by overlaying the two eras' boundaries. */
  source: 'official' | 'geometry';
}

/** GET /api/units/:code/lineage: a unit's predecessors (units of an older era) and successors (of a newer one). */
export interface UnitLineageAnswer {
  unit: { era: string; code: string; name: string };
  predecessors: LineageRelative[];
  successors: LineageRelative[];
}

export function fetchUnitLineage(
  era: string,
  code: string,
  signal?: AbortSignal,
): Promise<UnitLineageAnswer> {
  return getJson(`/api/units/${encodeURIComponent(code)}/lineage`, { era }, signal);
}

/** A commune a newer commune came from, with its programme history (GET /api/carried/history). */
export interface InheritedCommune extends LineageRelative {
  name: string;
  fullName: string;
  district: string | null;
  cycles: ProgrammeCycleAnswer[];
  designations: ProgrammeDesignation[];
}

export async function fetchInheritedHistory(
  era: string,
  unit: string,
  signal?: AbortSignal,
): Promise<InheritedCommune[]> {
  return (await getJson<{ predecessors: InheritedCommune[] }>('/api/carried/history', { era, unit }, signal))
    .predecessors;
}

/** The former districts of the communes of an era without districts, by commune code (GET /api/carried/former-districts). */
export async function fetchFormerDistricts(
  era: string,
  signal?: AbortSignal,
): Promise<Map<string, string[]>> {
  const answer = await getJson<{ units: Record<string, string[]> }>(
    '/api/carried/former-districts',
    { era },
    signal,
  );
  return new Map(Object.entries(answer.units));
}

/** A figure carried from the old units; `estimated` when part of it came from a split unit. */
export interface CarriedFigure {
  value: number;
  estimated: boolean;
}

export type CarriedOutcome = 'selected' | 'achieved' | 'notAchieved' | 'relapsed';

/** GET /api/carried/outcomes: a year's programme outcomes of the old communes, carried to the new ones. */
export interface CarriedOutcomes {
  era: string;
  year: number;
  sources: string[];
  units: {
    code: string;
    name: string;
    fullName: string;
    values: Partial<Record<CarriedOutcome, CarriedFigure>>;
  }[];
}

export function fetchCarriedOutcomes(
  query: { era: string; year: number; unit?: string },
  signal?: AbortSignal,
): Promise<CarriedOutcomes> {
  return getJson('/api/carried/outcomes', query, signal);
}

/** GET /api/carried/indicators: a reporting month's indicators of the old communes, carried to the new ones. */
export interface CarriedIndicators {
  era: string;
  period: string;
  sources: string[];
  units: { code: string; name: string; fullName: string; values: Record<string, CarriedFigure> }[];
}

export function fetchCarriedIndicators(
  query: { era: string; period: string; unit?: string },
  signal?: AbortSignal,
): Promise<CarriedIndicators> {
  return getJson('/api/carried/indicators', query, signal);
}
