/**
 * Hot spots (the /api/hotspots routes) and the clusters of flashpoints and vice spots drawn over them, within
 * the signed-in account's area: communes (`/units`), the optimized grid of incident points (`/grid`),
 * emerging hot spots over reporting months (`/emerging`), the kernel density of incidents (`/density`), and
 * DBSCAN clusters of sites (`/api/flashpoints/clusters`, `/api/vice-spots/clusters`).
 */
import {
  type CommuneHotSpot,
  type CommuneHotSpotResult,
  HOT_SPOT_MEASURES,
  HOT_SPOT_METHODS,
  type HotSpotMeasure,
  type HotSpotMethod,
} from '@domain/hot-spots/commune-hot-spot-answer';
import type { OptimizedHotSpotsComputation } from '@domain/hot-spots/optimized-hot-spots';
import type { SpaceTimeHotSpotsComputation } from '@domain/hot-spots/space-time-hot-spots';
import type { GridShape } from '@domain/point-patterns/aggregate-to-grid';
import type { EmergingHotSpotCategory } from '@domain/point-patterns/emerging-hot-spots';
import type { TrendDirection } from '@domain/point-patterns/mann-kendall';
import type { LisaCluster } from '@domain/spatial-statistics/local-moran';
import type { Correction } from '@domain/spatial-statistics/multiple-testing';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { getJson } from './http';
import type { IncidentFilterQuery } from './types';

export type { Correction, EmergingHotSpotCategory, GridShape, HotSpotMeasure, HotSpotMethod };
export { HOT_SPOT_MEASURES, HOT_SPOT_METHODS };

export const LISA_CLUSTERS = ['HH', 'LL', 'HL', 'LH', 'ns'] as const;
export type { LisaCluster };

export const GRID_SHAPES = ['hexagon', 'square'] as const satisfies readonly GridShape[];

/** How a result was computed, for a briefing to cite. */
export type HotSpotComputation = CommuneHotSpotResult['computation'];
/** The global statistic of the same family (general G for G_i*, Moran's I for LISA); null when undefined. */
export type HotSpotGlobal = CommuneHotSpotResult['global'];
export type UnitHotSpot = CommuneHotSpot;

/** GET /api/hotspots/units. */
export interface UnitHotSpots extends CommuneHotSpotResult {
  era: string;
  from: string;
  to: string;
  categories: string[];
  previous: { from: string; to: string };
}

/** The analysis options the commune hot spots take besides the incident filter. */
export interface UnitHotSpotOptions {
  method: HotSpotMethod;
  measure: HotSpotMeasure;
  weights: string;
  correction: Correction;
  permutations: number;
  seed: number;
  /** A province's code or name; null: the account's whole area. */
  province: string | null;
}

export function fetchUnitHotSpots(
  filter: IncidentFilterQuery,
  options: UnitHotSpotOptions,
  signal?: AbortSignal,
): Promise<UnitHotSpots> {
  return getJson('/api/hotspots/units', { ...filter, ...options }, signal);
}

// ─── The optimized grid ────────────────────────────────────────────────────────────────────────────────────

/** One cell: its incidents, G_i* z and two-sided p, and ArcGIS's bin (−3…3) after the correction. */
export interface GridCellProperties {
  count: number;
  z: number;
  p: number;
  bin: number;
}

export type GridCell = Feature<Polygon, GridCellProperties>;

/** How the grid was sized and scaled; distances in metres in the coordinate system named by `distances`. */
export type GridComputation = OptimizedHotSpotsComputation & { distances: string };

/**
 * GET /api/hotspots/grid: the cells with incidents or a significant G_i* (empty cells that are not
 * significant are left out); `classes` counts every cell of the study area.
 */
export interface GridHotSpots extends FeatureCollection<Polygon, GridCellProperties> {
  era: string;
  from: string;
  to: string;
  categories: string[];
  computation: GridComputation;
  classes: Record<string, number>;
}

export interface GridHotSpotOptions {
  shape: GridShape;
  /** Metres: a square's side or a hexagon's height; null: chosen from the data. */
  cellSize: number | null;
  /** Metres; null: chosen from the data. */
  distanceBand: number | null;
  correction: Correction;
}

export function fetchGridHotSpots(
  filter: IncidentFilterQuery,
  options: GridHotSpotOptions,
  signal?: AbortSignal,
): Promise<GridHotSpots> {
  return getJson('/api/hotspots/grid', { ...filter, ...options }, signal);
}

// ─── Emerging hot spots ────────────────────────────────────────────────────────────────────────────────────

export interface EmergingUnit {
  code: string;
  category: EmergingHotSpotCategory;
  /** The Mann–Kendall trend of the commune's monthly z-scores. */
  trend: { tau: number; z: number; p: number; direction: TrendDirection };
  /** Incidents per reporting month, oldest first. */
  counts: number[];
  z: number[];
  bins: number[];
}

export type EmergingComputation = SpaceTimeHotSpotsComputation & { weights: string; distances: string };

/** GET /api/hotspots/emerging: the reporting months ("YYYY-MM", oldest first) ending with the one holding `to`. */
export interface EmergingHotSpots {
  era: string;
  to: string;
  categories: string[];
  months: string[];
  computation: EmergingComputation;
  /** In code order. */
  units: EmergingUnit[];
  classes: Partial<Record<EmergingHotSpotCategory, number>>;
}

export interface EmergingHotSpotOptions {
  months: number;
  weights: string;
  correction: Correction;
  province: string | null;
}

/** The filter without `from`: the months end with the reporting month containing `to`. */
export function fetchEmergingHotSpots(
  filter: IncidentFilterQuery,
  options: EmergingHotSpotOptions,
  signal?: AbortSignal,
): Promise<EmergingHotSpots> {
  const { from: _from, ...withoutFrom } = filter;
  return getJson('/api/hotspots/emerging', { ...withoutFrom, ...options }, signal);
}

// ─── Overlays: density and site clusters ───────────────────────────────────────────────────────────────────

export interface DensityComputation {
  kernel: string;
  bandwidthMetres: number;
  cellSizeMetres: number;
  incidents: number;
  unit: string;
  /** Contour levels, lowest first, in incidents per km². */
  levels: number[];
}

/** GET /api/hotspots/density: one (multi)polygon per level, lowest first, each holding the higher ones. */
export interface IncidentDensity extends FeatureCollection<MultiPolygon, { level: number }> {
  era: string;
  from: string;
  to: string;
  computation: DensityComputation;
}

export function fetchIncidentDensity(
  filter: IncidentFilterQuery,
  bandwidth: number,
  signal?: AbortSignal,
): Promise<IncidentDensity> {
  return getJson('/api/hotspots/density', { ...filter, bandwidth }, signal);
}

export interface SiteCluster {
  count: number;
  ids: number[];
  /** Sites by kind code. */
  kinds: Record<string, number>;
  /** [longitude, latitude]. */
  centre: [number, number];
}

/** GET /api/flashpoints/clusters or /api/vice-spots/clusters: largest first. */
export interface SiteClusters {
  era: string | null;
  computation: { method: string; distanceMetres: number; minimumPoints: number; sites: number };
  clusters: SiteCluster[];
  isolated: number;
}

export interface SiteClusterOptions {
  distance: number;
  minimumPoints: number;
}

/** Clusters of the sites still open (flashpoints not resolved, vice spots not eliminated): live trouble. */
export async function fetchSiteClusters(
  era: string | null,
  options: SiteClusterOptions,
  signal?: AbortSignal,
): Promise<{ flashpoints: SiteClusters; viceSpots: SiteClusters }> {
  const parameters = { era, status: 'open', ...options };
  const [flashpoints, viceSpots] = await Promise.all([
    getJson<SiteClusters>('/api/flashpoints/clusters', parameters, signal),
    getJson<SiteClusters>('/api/vice-spots/clusters', parameters, signal),
  ]);
  return { flashpoints, viceSpots };
}
