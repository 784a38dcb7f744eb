import type { LisaCluster } from '../spatial-statistics/local-moran';
import type { AnalysisComputation, GlobalAnalysisResult } from './spatial-analysis';

/**
 * What the commune hot-spot analysis answers (GET /api/hotspots/units), shared by the server that computes
 * it and the client that draws it.
 */

/** What a commune's value is: incidents, incidents per 1,000 residents, or incidents per km². */
export const HOT_SPOT_MEASURES = ['count', 'per1000', 'perKm2'] as const;
export type HotSpotMeasure = (typeof HOT_SPOT_MEASURES)[number];

export interface CommuneHotSpot {
  code: string;
  count: number;
  /** The value analysed (the count, or the rate the measure asks for). */
  value: number;
  z: number;
  p: number;
  pSim: number | null;
  /** G_i*: −3 … 3 after the correction. */
  bin?: number;
  /** LISA: HH, LL, HL, LH or ns after the correction. */
  cluster?: LisaCluster;
  previousCount: number;
  change: number;
  /** YYYY-MM-DD of the latest incident in the window, or null. */
  lastIncident: string | null;
}

/** The local statistic: Getis-Ord G_i* (hot and cold spots) or local Moran's I (LISA clusters). */
export const HOT_SPOT_METHODS = ['gistar', 'lisa'] as const;
export type HotSpotMethod = (typeof HOT_SPOT_METHODS)[number];

export interface CommuneHotSpotResult {
  computation: Omit<AnalysisComputation, 'method'> & { method: HotSpotMethod; measure: HotSpotMeasure };
  /** The global statistic of the same family (the general G for G_i*, Moran's I for LISA). */
  global: Omit<GlobalAnalysisResult, 'method' | 'computation'>;
  units: CommuneHotSpot[];
  /** How many communes fall in each class after the correction: bins "-3" … "3", or LISA clusters. */
  classes: Record<string, number>;
}
