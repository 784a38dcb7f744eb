/**
 * Colours for the choropleth's classes. Counts and rates use a sequential ramp (ColorBrewer YlOrRd, light
 * for few incidents, dark red for many); the change "so với cùng kỳ" a diverging one (ColorBrewer RdBu:
 * blue for fewer than a year earlier, red for more, near-white for a class that holds no change).
 * Colour schemes: Cynthia Brewer, Mark Harrower and The Pennsylvania State University, colorbrewer2.org.
 */
import type { ValueClass } from '@domain/statistics/classification';

const YELLOW_ORANGE_RED = [
  '#ffffcc',
  '#ffeda0',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#fc4e2a',
  '#e31a1c',
  '#bd0026',
  '#800026',
];
/** RdBu's halves, from beside the centre outwards. */
const DECREASE_BLUES = ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#053061'];
const INCREASE_REDS = ['#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];
export const NO_CHANGE_COLOUR = '#f7f7f7';
/** Communes without data (a rate where the population is unknown): grey, and said so in the legend. */
export const NO_DATA_COLOUR = '#bdbdbd';

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function hexOf([red, green, blue]: number[]): string {
  return `#${[red, green, blue]
    .map((channel) =>
      Math.round(channel ?? 0)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The colour at a position from 0 to 1 along a ramp, blending its two nearest stops. */
export function colourAlong(stops: readonly string[], position: number): string {
  const scaled = Math.min(1, Math.max(0, position)) * (stops.length - 1);
  const lower = Math.floor(scaled);
  const upper = Math.min(stops.length - 1, lower + 1);
  const share = scaled - lower;
  const from = channels(stops[lower] as string);
  const to = channels(stops[upper] as string);
  return hexOf(from.map((channel, index) => channel + ((to[index] as number) - channel) * share));
}

/**
 * `count` colours spread over the sequential ramp, lightest first. A lone class (every commune alike, most
 * often all without incidents) takes the lightest: a darker colour would read as "many".
 */
export function sequentialColours(count: number): string[] {
  if (count <= 1) return count === 1 ? [YELLOW_ORANGE_RED[0] as string] : [];
  return Array.from({ length: count }, (_, index) => colourAlong(YELLOW_ORANGE_RED, index / (count - 1)));
}

/**
 * Colours for classes of changes: classes below zero in blues, darker the further from zero; above zero
 * in reds; a class that holds zero itself in the neutral colour.
 */
export function divergingColours(classes: readonly Pick<ValueClass, 'lower' | 'upper'>[]): string[] {
  const below = classes.filter((valueClass) => valueClass.upper < 0).length;
  const above = classes.filter((valueClass) => valueClass.lower > 0).length;
  // The rank-th class away from zero (1 = nearest) of `count` on that side: lightest to darkest.
  const position = (rank: number, count: number) => (count === 1 ? 0.5 : (rank - 1) / (count - 1));
  return classes.map((valueClass, index) => {
    if (valueClass.upper < 0) return colourAlong(DECREASE_BLUES, position(below - index, below));
    if (valueClass.lower > 0)
      return colourAlong(INCREASE_REDS, position(index - (classes.length - above) + 1, above));
    return NO_CHANGE_COLOUR;
  });
}
