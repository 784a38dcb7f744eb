import { getJson } from './http';
import type { CommuneCollection, EraList, OutlineCollection, SearchResult, UnitLevel } from './types';

export function fetchEras(signal?: AbortSignal): Promise<EraList> {
  return getJson('/api/eras', {}, signal);
}

export function fetchCommunes(era: string, signal?: AbortSignal): Promise<CommuneCollection> {
  return getJson('/api/units', { era, level: 'commune' }, signal);
}

/** District or province lines: imported units of that level, or outlines derived from the communes. */
export function fetchOutlines(
  era: string,
  level: Exclude<UnitLevel, 'commune'>,
  signal?: AbortSignal,
): Promise<OutlineCollection> {
  return getJson('/api/units', { era, level }, signal);
}

export async function searchUnits(
  text: string,
  era: string | null,
  signal?: AbortSignal,
): Promise<SearchResult[]> {
  const answer = await getJson<{ results: SearchResult[] }>(
    '/api/search',
    { q: text, era, limit: 20 },
    signal,
  );
  return answer.results;
}
