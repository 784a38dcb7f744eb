/**
 * The values planners enter for a commune's entered criteria, with their evidence
 * (/api/programme/criterion-entries): the ones in force and their history, and a new entry.
 */
import { getJson, sendJson } from './http';

export interface CriterionEntryView {
  id: number;
  era: string;
  unit: { code: string; name: string; fullName: string };
  year: number;
  criterion: { code: string; nameVi: string; nameEn: string; inCurrentSet: boolean };
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: string[];
  note: string | null;
  /** An ISO instant. */
  enteredAt: string;
  enteredBy: string;
  /** The latest entry of its commune, year and criterion: the value the tracking uses. */
  inForce: boolean;
}

export interface CriterionEntriesAnswer {
  era: string;
  year: number | null;
  unit: string | null;
  current: CriterionEntryView[];
  /** Newest first. */
  history: CriterionEntryView[];
}

export interface NewCriterionEntry {
  era: string;
  unit: string;
  year: number;
  criterion: string;
  value: number | boolean | null;
  notApplicable: boolean;
  evidence: string[];
  note?: string;
}

export function fetchCriterionEntries(
  query: { era?: string; unit?: string; year?: number },
  signal?: AbortSignal,
): Promise<CriterionEntriesAnswer> {
  return getJson('/api/programme/criterion-entries', query, signal);
}

/** POST: refused with the API's reason (computed criterion, wrong value type, no evidence…). */
export function postCriterionEntry(
  entry: NewCriterionEntry,
): Promise<CriterionEntriesAnswer & { entry: CriterionEntryView }> {
  return sendJson('POST', '/api/programme/criterion-entries', entry);
}
