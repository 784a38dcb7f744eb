/**
 * Emerging hot spots as the view shows them: each pattern's name in both languages and its place in the
 * legend, the ranked list of communes with a pattern, their Mann–Kendall trend in words, the reporting months
 * analysed, and the geometry of the small monthly sparkline beside each row.
 */
import { reportingMonthWindow } from '@domain/dates/reporting-months';
import type { DateWindow } from '@domain/dates/reporting-period';
import type { EmergingHotSpotCategory, EmergingUnit } from '../api/hot-spots';
import type { Language } from '../i18n';
import { formatPValue, formatZScore } from './hot-spot-computation';

type Texts = Record<Language, string>;

const PATTERNS = [
  'new',
  'consecutive',
  'intensifying',
  'persistent',
  'diminishing',
  'sporadic',
  'oscillating',
  'historical',
] as const;

/** The legend's order: ArcGIS's eight hot patterns, the same cold, then no pattern. */
export const EMERGING_CATEGORIES: readonly EmergingHotSpotCategory[] = [
  ...PATTERNS.map((pattern) => `${pattern}-hot-spot` as EmergingHotSpotCategory),
  ...PATTERNS.map((pattern) => `${pattern}-cold-spot` as EmergingHotSpotCategory),
  'no-pattern',
];

const PATTERN_NAMES: Record<(typeof PATTERNS)[number], Texts> = {
  new: { vi: 'mới', en: 'New' },
  consecutive: { vi: 'liên tiếp', en: 'Consecutive' },
  intensifying: { vi: 'tăng dần', en: 'Intensifying' },
  persistent: { vi: 'kéo dài', en: 'Persistent' },
  diminishing: { vi: 'giảm dần', en: 'Diminishing' },
  sporadic: { vi: 'rải rác', en: 'Sporadic' },
  oscillating: { vi: 'dao động', en: 'Oscillating' },
  historical: { vi: 'trước đây', en: 'Historical' },
};

/** "Điểm nóng mới" / "New hot spot", "Không có xu hướng" / "No pattern detected". */
export function emergingCategoryName(category: EmergingHotSpotCategory, language: Language): string {
  if (category === 'no-pattern') return language === 'vi' ? 'Không có xu hướng' : 'No pattern detected';
  const hot = category.endsWith('-hot-spot');
  const pattern = PATTERN_NAMES[category.replace(/-(hot|cold)-spot$/, '') as (typeof PATTERNS)[number]];
  if (language === 'vi') return `${hot ? 'Điểm nóng' : 'Điểm lạnh'} ${pattern.vi}`;
  return `${pattern.en} ${hot ? 'hot spot' : 'cold spot'}`;
}

export function isHotCategory(category: EmergingHotSpotCategory): boolean {
  return category.endsWith('-hot-spot');
}

/**
 * The list's order within hot (then cold) patterns: what calls for action first — new and intensifying,
 * then consecutive and persistent, the intermittent ones, and those fading.
 */
const URGENCY = [
  'new',
  'intensifying',
  'consecutive',
  'persistent',
  'sporadic',
  'oscillating',
  'diminishing',
  'historical',
] as const;

function urgencyOf(category: EmergingHotSpotCategory): number {
  const pattern = category.replace(/-(hot|cold)-spot$/, '');
  const position = URGENCY.indexOf(pattern as (typeof URGENCY)[number]);
  const hotOffset = isHotCategory(category) ? 0 : URGENCY.length;
  return position < 0 ? 2 * URGENCY.length : hotOffset + position;
}

/** The last month's z: how hot (or cold) the commune is now. */
function latestZ(unit: Pick<EmergingUnit, 'z'>): number {
  return unit.z.at(-1) ?? 0;
}

/**
 * Communes with a pattern, hot before cold, each group by urgency, then hottest (or coldest) now first,
 * then by code so the order is stable. Communes without a pattern are left out.
 */
export function rankEmergingHotSpots(units: readonly EmergingUnit[]): EmergingUnit[] {
  return units
    .filter((unit) => unit.category !== 'no-pattern')
    .sort((first, second) => {
      const byUrgency = urgencyOf(first.category) - urgencyOf(second.category);
      if (byUrgency !== 0) return byUrgency;
      const hot = isHotCategory(first.category);
      const byZ = hot ? latestZ(second) - latestZ(first) : latestZ(first) - latestZ(second);
      return byZ || first.code.localeCompare(second.code);
    });
}

export interface EmergingTrendText {
  direction: 'up' | 'down' | 'same';
  /** ↑, ↓ or →. */
  arrow: string;
  /** Mann–Kendall's z: "2,31". */
  z: string;
  /** "Mann–Kendall: τ = 0,27; z = 2,31; p = 0,021 (tăng có ý nghĩa)". */
  title: string;
}

const TREND_WORDS: Record<'up' | 'down' | 'same', Texts> = {
  up: { vi: 'tăng có ý nghĩa', en: 'significant rise' },
  down: { vi: 'giảm có ý nghĩa', en: 'significant fall' },
  same: { vi: 'không có xu hướng rõ', en: 'no significant trend' },
};

/** The Mann–Kendall trend of a commune's monthly z-scores, as the row and its tooltip say it. */
export function emergingTrendText(
  trend: EmergingUnit['trend'],
  language: Language,
  localeTag: string,
): EmergingTrendText {
  const direction = trend.direction === 'up' ? 'up' : trend.direction === 'down' ? 'down' : 'same';
  const arrow = { up: '↑', down: '↓', same: '→' }[direction];
  // Two decimals and a true minus sign, as z.
  const tau = formatZScore(trend.tau, localeTag);
  const z = formatZScore(trend.z, localeTag);
  const pText = formatPValue(trend.p, localeTag);
  const p = pText.startsWith('<') ? `p ${pText}` : `p = ${pText}`;
  const separator = language === 'vi' ? ';' : ',';
  return {
    direction,
    arrow,
    z,
    title: `Mann–Kendall: τ = ${tau}${separator} z = ${z}${separator} ${p} (${TREND_WORDS[direction][language]})`,
  };
}

/** The dates the reporting months cover: "2024-04" … "2025-03" → 15/03/2024 … 14/03/2025. */
export function monthsWindow(months: readonly string[]): DateWindow | null {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return null;
  const window = (month: string) => {
    const [year, number] = month.split('-').map(Number) as [number, number];
    return reportingMonthWindow(year, number);
  };
  return { from: window(first).from, to: window(last).to };
}

export interface SparklineGeometry {
  /** The polyline's points, "x,y x,y …", in the box's pixels. */
  points: string;
  /** Where the last value sits, for a dot. */
  last: { x: number; y: number } | null;
  /** The highest value, which touches the top. */
  maximum: number;
}

/**
 * A line of values across a width × height box with `inset` pixels kept free on every side: zero on the
 * bottom line, the highest value on the top one; a row of zeros lies flat on the bottom.
 */
export function sparkline(
  values: readonly number[],
  width: number,
  height: number,
  inset = 1.5,
): SparklineGeometry {
  const maximum = Math.max(0, ...values);
  const span = width - 2 * inset;
  const rise = height - 2 * inset;
  const step = values.length > 1 ? span / (values.length - 1) : 0;
  const round = (value: number) => Math.round(value * 100) / 100;
  const positions = values.map((value, index) => ({
    x: round(inset + (values.length > 1 ? index * step : span / 2)),
    y: round(height - inset - (maximum > 0 ? (Math.max(0, value) / maximum) * rise : 0)),
  }));
  return {
    points: positions.map(({ x, y }) => `${x},${y}`).join(' '),
    last: positions.at(-1) ?? null,
    maximum,
  };
}
