/** Incident figures for the map, the commune panel and the incident list (the /api/stats and list routes). */
import { getJson } from './http';
import type { IncidentFilterQuery, IncidentTaxonomy } from './types';

/** One commune's figures for a filter; rates are null where the area or population is unknown. */
export interface UnitIncidentFigures {
  code: string;
  count: number;
  perKm2: number | null;
  per1000: number | null;
  /** With compare=cungky: the same window one year earlier. */
  previousCount: number | null;
  change: number | null;
  changePercent: number | null;
}

export interface UnitIncidentStatistics {
  era: string;
  from: string;
  to: string;
  categories: string[];
  previous: { from: string; to: string } | null;
  units: UnitIncidentFigures[];
  /** Incidents inside no commune of the era; null for accounts limited to some communes. */
  outsideUnits: number | null;
}

export interface MonthCount {
  /** "2024-05": the reporting month 15/04/2024 – 14/05/2024. */
  month: string;
  from: string;
  to: string;
  count: number;
}

export interface IncidentSeries {
  era: string;
  unit: string | null;
  months: MonthCount[];
}

/** Counts per reporting month and commune: `counts[k]` belongs to `months[k]`. */
export interface UnitIncidentSeries {
  era: string;
  months: string[];
  units: { code: string; counts: number[] }[];
}

export interface CategoryCount {
  code: string;
  nameVi: string;
  nameEn: string;
  count: number;
}

export interface IncidentListItem {
  id: number;
  /** ISO 8601. */
  occurredAt: string;
  longitude: number;
  latitude: number;
  categoryCode: string;
  subcategory: string | null;
  severity: string | null;
  cleared: boolean | null;
  deaths: number | null;
  injuries: number | null;
  source: string | null;
  reference: string | null;
  unitCode: string | null;
}

export interface IncidentListPage {
  total: number;
  incidents: IncidentListItem[];
}

export function fetchUnitStatistics(
  filter: IncidentFilterQuery,
  compare: boolean,
  signal?: AbortSignal,
): Promise<UnitIncidentStatistics> {
  return getJson('/api/stats/units', { ...filter, compare: compare ? 'cungky' : null }, signal);
}

export function fetchSeries(
  filter: IncidentFilterQuery,
  unit: string | null,
  months: number,
  signal?: AbortSignal,
): Promise<IncidentSeries> {
  return getJson('/api/stats/series', { ...filter, unit, months }, signal);
}

export function fetchUnitSeries(
  filter: IncidentFilterQuery,
  months: number,
  signal?: AbortSignal,
): Promise<UnitIncidentSeries> {
  return getJson('/api/stats/series/units', { ...filter, months }, signal);
}

export function fetchCategoryCounts(
  filter: IncidentFilterQuery,
  unit: string | null,
  signal?: AbortSignal,
): Promise<{ categories: CategoryCount[] }> {
  return getJson('/api/stats/categories', { ...filter, unit }, signal);
}

export function fetchIncidentList(
  filter: IncidentFilterQuery,
  unit: string | null,
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<IncidentListPage> {
  return getJson('/api/incidents', { ...filter, unit, ...page }, signal);
}

export function fetchCategoryTaxonomy(signal?: AbortSignal): Promise<IncidentTaxonomy> {
  return getJson('/api/incident-categories', {}, signal);
}
