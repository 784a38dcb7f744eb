import type { Point, Polygon } from 'geojson';
import { getJson, sendJson } from './http';
import type {
  ChangeEntry,
  FlashpointCollection,
  FlashpointFeature,
  FlashpointProperties,
  IncidentFilterQuery,
  IncidentInput,
  IncidentPointRows,
  IncidentRecord,
  IndicatorDefinition,
  IndicatorValues,
  RecordDetail,
  StatusChange,
  ViceSpotCollection,
  ViceSpotFeature,
  ViceSpotProperties,
} from './types';

/** The two kinds of site with a status lifecycle, and where the API keeps each. */
export type SiteKind = 'flashpoint' | 'viceSpot';

const SITE_PATHS: Record<SiteKind, string> = {
  flashpoint: '/api/flashpoints',
  viceSpot: '/api/vice-spots',
};

/** What a site form sends; the server checks every field again. */
export interface SiteInput {
  geometry: Point | Polygon;
  kind: string;
  title: string;
  peopleInvolved?: number | null;
  areaHa?: number | null;
  severity?: string | null;
  status?: string;
  statusDate?: string;
  notes?: string | null;
}

export function fetchFlashpoints(era: string | null, signal?: AbortSignal): Promise<FlashpointCollection> {
  return getJson('/api/flashpoints', { era, status: 'all' }, signal);
}

export function fetchViceSpots(era: string | null, signal?: AbortSignal): Promise<ViceSpotCollection> {
  return getJson('/api/vice-spots', { era, status: 'all' }, signal);
}

export function fetchSite(
  kind: 'flashpoint',
  id: number,
  era: string | null,
): Promise<RecordDetail<FlashpointProperties>>;
export function fetchSite(
  kind: 'viceSpot',
  id: number,
  era: string | null,
): Promise<RecordDetail<ViceSpotProperties>>;
export function fetchSite(
  kind: SiteKind,
  id: number,
  era: string | null,
): Promise<RecordDetail<FlashpointProperties | ViceSpotProperties>>;
export function fetchSite(kind: SiteKind, id: number, era: string | null) {
  return getJson(`${SITE_PATHS[kind]}/${id}`, { era });
}

export function createSite(kind: SiteKind, input: SiteInput): Promise<FlashpointFeature | ViceSpotFeature> {
  return sendJson('POST', SITE_PATHS[kind], input);
}

export function updateSite(
  kind: SiteKind,
  id: number,
  changes: Partial<SiteInput>,
): Promise<FlashpointFeature | ViceSpotFeature> {
  return sendJson('PATCH', `${SITE_PATHS[kind]}/${id}`, changes);
}

export function changeSiteStatus(kind: SiteKind, id: number, change: StatusChange): Promise<unknown> {
  return sendJson('POST', `${SITE_PATHS[kind]}/${id}/status`, change);
}

export async function fetchIndicatorDefinitions(): Promise<IndicatorDefinition[]> {
  const answer = await getJson<IndicatorDefinition[] | { definitions: IndicatorDefinition[] }>(
    '/api/indicators/definitions',
  );
  return Array.isArray(answer) ? answer : answer.definitions;
}

export function fetchIndicators(era: string | null, unit: string, period: string): Promise<IndicatorValues> {
  return getJson('/api/indicators', { era, unit, period });
}

export function saveIndicators(
  era: string | null,
  unit: string,
  period: string,
  values: Record<string, number | null>,
): Promise<IndicatorValues> {
  return sendJson('PUT', '/api/indicators', { era, unit, period, values });
}

export function createIncident(input: IncidentInput): Promise<IncidentRecord> {
  return sendJson('POST', '/api/incidents', input);
}

export function updateIncident(id: number, changes: Partial<IncidentInput>): Promise<IncidentRecord> {
  return sendJson('PATCH', `/api/incidents/${id}`, changes);
}

/** The incident as it is now, and every change made to it. */
export interface IncidentHistory {
  incident: IncidentRecord;
  changes: ChangeEntry[];
}

export function fetchIncidentHistory(id: number): Promise<IncidentHistory> {
  return getJson(`/api/incidents/${id}/history`);
}

export function fetchIncidentPoints(
  filter: IncidentFilterQuery,
  signal?: AbortSignal,
): Promise<IncidentPointRows> {
  return getJson('/api/incidents/points', { ...filter }, signal);
}
