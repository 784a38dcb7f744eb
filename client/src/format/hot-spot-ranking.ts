/**
 * The order of the ranked list and what each commune's row says: its class, how hot it is, and its trend
 * against the same window a year earlier (cùng kỳ).
 */
import type { HotSpotMethod, UnitHotSpot } from '../api/hot-spots';

/** The class a commune is drawn in: the G_i* bin ("-3" … "3") or the LISA cluster, after the correction. */
export function hotSpotClass(unit: Pick<UnitHotSpot, 'bin' | 'cluster'>): string {
  if (unit.bin !== undefined) return String(unit.bin);
  return unit.cluster ?? 'ns';
}

/**
 * How hot a commune is, for ranking and for comparing windows: the G_i* bin when hot (1, 2, 3 for 90, 95,
 * 99 %), 1 for a LISA high–high cluster (LISA has one significance level), else 0.
 */
export function hotLevel(unit: Pick<UnitHotSpot, 'bin' | 'cluster'>): number {
  if (unit.bin !== undefined) return Math.max(0, unit.bin);
  return unit.cluster === 'HH' ? 1 : 0;
}

/**
 * G_i*: hot spots, then everything else. LISA: high–high clusters, then high outliers among low neighbours
 * (HL, worth a commander's look too), then the rest.
 */
function rankGroup(unit: UnitHotSpot, method: HotSpotMethod): number {
  if (method === 'gistar') return (unit.bin ?? 0) > 0 ? 0 : 1;
  if (unit.cluster === 'HH') return 0;
  return unit.cluster === 'HL' ? 1 : 2;
}

/** Hot spots first, each group by z descending; ties by more incidents, then by code, so the order is stable. */
export function rankHotSpots(units: readonly UnitHotSpot[], method: HotSpotMethod): UnitHotSpot[] {
  return [...units].sort(
    (first, second) =>
      rankGroup(first, method) - rankGroup(second, method) ||
      second.z - first.z ||
      second.count - first.count ||
      first.code.localeCompare(second.code),
  );
}

export type TrendDirection = 'up' | 'down' | 'same';

export interface Trend {
  direction: TrendDirection;
  /** ↑, ↓ or →. */
  arrow: string;
  /** "+7", "−3", "0" (a true minus sign, as printed figures have it). */
  change: string;
}

const ARROWS: Record<TrendDirection, string> = { up: '↑', down: '↓', same: '→' };

export function trendOf(unit: Pick<UnitHotSpot, 'change'>): Trend {
  const direction: TrendDirection = unit.change > 0 ? 'up' : unit.change < 0 ? 'down' : 'same';
  const magnitude = Math.abs(unit.change);
  const change = direction === 'up' ? `+${magnitude}` : direction === 'down' ? `−${magnitude}` : '0';
  return { direction, arrow: ARROWS[direction], change };
}
