/**
 * Hot spots among communes (the /api/hotspots routes), within the signed-in account's area. Only the
 * commune analysis (`/units`) is read for now; the grid of optimized hot spots and the emerging
 * (space-time) categories answer with the same `computation` and `classes` and get their own fetchers here.
 */
import {
  type CommuneHotSpot,
  type CommuneHotSpotResult,
  HOT_SPOT_MEASURES,
  HOT_SPOT_METHODS,
  type HotSpotMeasure,
  type HotSpotMethod,
} from '@domain/hot-spots/commune-hot-spot-answer';
import type { LisaCluster } from '@domain/spatial-statistics/local-moran';
import type { Correction } from '@domain/spatial-statistics/multiple-testing';
import { getJson } from './http';
import type { IncidentFilterQuery } from './types';

export type { Correction, HotSpotMeasure, HotSpotMethod };
export { HOT_SPOT_MEASURES, HOT_SPOT_METHODS };

export const LISA_CLUSTERS = ['HH', 'LL', 'HL', 'LH', 'ns'] as const;
export type { LisaCluster };

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
