/**
 * Two windows analysed alike, compared commune by commune: what emerged (not a hot spot before, one now),
 * intensified (hot in both, at a higher confidence now), faded (hot before, not now), or stayed hot.
 */
import type { UnitHotSpot } from '../api/hot-spots';
import { hotLevel } from './hot-spot-ranking';

export const HOT_SPOT_CHANGES = ['emerged', 'intensified', 'faded', 'persistent', 'none'] as const;
export type HotSpotChange = (typeof HOT_SPOT_CHANGES)[number];

/** The changes a commander asks about, in the order the summary lists them. */
export const REPORTED_CHANGES = ['emerged', 'intensified', 'faded'] as const;
export type ReportedChange = (typeof REPORTED_CHANGES)[number];

/**
 * From the hot levels of the earlier and the current window (0: not hot; G_i* 1–3 for 90–99 %; LISA 1 for
 * high–high, which has one level, so a LISA cluster never "intensifies": it persists).
 */
export function classifyChange(currentLevel: number, earlierLevel: number): HotSpotChange {
  if (currentLevel > 0 && earlierLevel <= 0) return 'emerged';
  if (currentLevel <= 0 && earlierLevel > 0) return 'faded';
  if (currentLevel > earlierLevel) return 'intensified';
  return currentLevel > 0 ? 'persistent' : 'none';
}

export interface HotSpotComparison {
  /** Each commune of the current window, by code. */
  changes: Map<string, HotSpotChange>;
  counts: Record<HotSpotChange, number>;
}

/**
 * Compares communes by code; one missing from the earlier answer (another area, which the view does not
 * ask for) counts as not hot there.
 */
export function compareHotSpots(
  current: readonly UnitHotSpot[],
  earlier: readonly UnitHotSpot[],
): HotSpotComparison {
  const earlierLevels = new Map(earlier.map((unit) => [unit.code, hotLevel(unit)]));
  const changes = new Map<string, HotSpotChange>();
  const counts = Object.fromEntries(HOT_SPOT_CHANGES.map((change) => [change, 0])) as Record<
    HotSpotChange,
    number
  >;
  for (const unit of current) {
    const change = classifyChange(hotLevel(unit), earlierLevels.get(unit.code) ?? 0);
    changes.set(unit.code, change);
    counts[change]++;
  }
  return { changes, counts };
}
