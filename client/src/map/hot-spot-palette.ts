import type { EmergingHotSpotCategory, HotSpotMethod } from '../api/hot-spots';

/**
 * The colours analysts expect. G_i*: ArcGIS's hot-spot renderer (dark red 99 %, red 95 %, light red 90 %
 * hot; the blues for cold), with a light grey for not significant. LISA: GeoDa's cluster map (high–high
 * red, low–low blue, high–low pink, low–high light blue, not significant grey).
 */
export const GISTAR_COLOURS: Readonly<Record<string, string>> = {
  '3': '#d62f27',
  '2': '#ed7551',
  '1': '#fab984',
  '0': '#e8e8e8',
  '-1': '#c0ccbe',
  '-2': '#849eba',
  '-3': '#4575b5',
};

export const LISA_COLOURS: Readonly<Record<string, string>> = {
  HH: '#ff0000',
  LL: '#0000ff',
  HL: '#f4ada8',
  LH: '#a7adf9',
  ns: '#e8e8e8',
};

/**
 * Emerging hot spots, after ArcGIS's emerging renderer: hot patterns in reds and oranges, cold ones in blues,
 * no pattern grey. Each pattern has a hue of its own (feature-state cannot switch fill patterns): the
 * patterns that call for action now (intensifying, persistent, new, consecutive) in strong reds, the
 * intermittent ones (sporadic, oscillating) in oranges, the fading ones (diminishing, historical) pale.
 */
export const EMERGING_COLOURS: Readonly<Record<EmergingHotSpotCategory, string>> = {
  'new-hot-spot': '#e4181c',
  'consecutive-hot-spot': '#f46a4a',
  'intensifying-hot-spot': '#67000d',
  'persistent-hot-spot': '#a50f15',
  'diminishing-hot-spot': '#f9b49c',
  'sporadic-hot-spot': '#fd8d3c',
  'oscillating-hot-spot': '#c74a06',
  'historical-hot-spot': '#f6d9b8',
  'new-cold-spot': '#1f78b4',
  'consecutive-cold-spot': '#6baed6',
  'intensifying-cold-spot': '#08306b',
  'persistent-cold-spot': '#2c3f9c',
  'diminishing-cold-spot': '#c6dbef',
  'sporadic-cold-spot': '#41b6c4',
  'oscillating-cold-spot': '#1d6f80',
  'historical-cold-spot': '#dcecf2',
  'no-pattern': '#e8e8e8',
};

/** The legend's order: hottest first. */
export const GISTAR_CLASSES = ['3', '2', '1', '0', '-1', '-2', '-3'] as const;
export const LISA_CLASSES = ['HH', 'HL', 'LH', 'LL', 'ns'] as const;

export function hotSpotClasses(method: HotSpotMethod): readonly string[] {
  return method === 'gistar' ? GISTAR_CLASSES : LISA_CLASSES;
}

export function hotSpotColour(className: string): string {
  return (
    GISTAR_COLOURS[className] ??
    LISA_COLOURS[className] ??
    EMERGING_COLOURS[className as EmergingHotSpotCategory] ??
    '#e8e8e8'
  );
}

/** The message key of a class ("3" → "bin3", "-2" → "binMinus2", "HH" → "HH"): i18n paths avoid signs. */
export function hotSpotClassKey(className: string): string {
  if (!/^-?\d$/.test(className)) return className;
  const bin = Number(className);
  return bin < 0 ? `binMinus${-bin}` : `bin${bin}`;
}
