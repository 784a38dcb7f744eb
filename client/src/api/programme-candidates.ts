/**
 * Choosing the year's communes: POST /api/programme/candidates (the ranking, programme:read),
 * POST /api/programme/suggestion (the suggested list) and POST /api/programme/cycles (a proposal), both
 * programme:write.
 */
import type { BilingualText } from '@domain/bilingual';
import type { CandidateBody, FactorValue, ListReason } from '../format/programme-candidates';
import { postJsonForFile, sendJson } from './http';

export interface CandidateAnswer {
  code: string;
  name: string;
  fullName: string;
  district: string | null;
  districtCode: string | null;
  province: string | null;
  provinceCode: string | null;
  population: number | null;
  score: number;
  /** Rank among the communes passing every constraint. */
  rank: number;
  areaRank: number;
  factors: (FactorValue & { weight: number; direction: string })[];
  indicators: Record<string, number | null>;
  constraints: { passed: string[]; nearestFlashpointMetres?: number; nearestHotSpotMetres?: number };
}

export interface CandidateComputation {
  era: string;
  year: number;
  window: { from: string; to: string; isDefault: boolean };
  factors: { code: string; nameVi?: string; nameEn?: string; direction?: string; weight: number }[];
  normalisation: string;
  counts: { analysed: number; passed: number; returned?: number };
}

export interface CandidatesAnswer {
  computation: CandidateComputation;
  candidates: CandidateAnswer[];
}

export interface SuggestionOptions {
  size: number;
  minimumPerGroup?: number;
  maximumPerGroup?: number;
  groupBy: 'district' | 'province';
  includeCarryOvers: boolean;
}

export interface SuggestedCommune extends CandidateAnswer {
  group: string;
  reason: ListReason;
  explanation: BilingualText;
  failedConstraints: string[];
}

export interface SuggestionAnswer {
  computation: CandidateComputation & { carryOvers: string[] };
  feasible: boolean;
  problems: { code: string; message: BilingualText; group?: string; units?: (string | null)[] }[];
  communes: SuggestedCommune[];
}

export function fetchCandidates(body: CandidateBody): Promise<CandidatesAnswer> {
  return sendJson('POST', '/api/programme/candidates', body);
}

export function fetchSuggestion(body: CandidateBody & SuggestionOptions): Promise<SuggestionAnswer> {
  return sendJson('POST', '/api/programme/suggestion', body);
}

/** Proposes a commune for the year's list: a cycle in status `proposed`. */
export function proposeCommune(era: string, unit: string, year: number): Promise<{ id: number }> {
  return sendJson('POST', '/api/programme/cycles', { era, unit, year, status: 'proposed' });
}

export type ListExportFormat = 'xlsx' | 'pdf';

export interface ListExportBody {
  era?: string;
  year: number;
  communes: { code: string; justification?: string | null }[];
}

/** POST /api/programme/list-export?format=: the list as XLSX or as the decision annex PDF, a file to save. */
export function downloadListExport(
  format: ListExportFormat,
  body: ListExportBody,
): Promise<{ blob: Blob; fileName: string }> {
  return postJsonForFile(
    `/api/programme/list-export?format=${format}`,
    body,
    `danh-sach-${body.year}.${format}`,
  );
}
