import type { Feature, FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { GridHotSpots, IncidentDensity, SiteClusters } from '../api/hot-spots';
import { MAP_FONT } from './fonts';
import { GISTAR_COLOURS } from './hot-spot-palette';

/**
 * What the hot-spot map draws besides the communes: the optimized grid's cells (coloured by bin like the
 * communes), the kernel density of incidents as translucent nested contours, and the clusters of
 * flashpoints and vice spots as circles sized by their count. Cells and contours lie under the boundary
 * lines and labels, clusters on top of everything.
 */

export const GRID_SOURCE = 'hot-spot-grid';
export const GRID_FILL_LAYER = 'hot-spot-grid-fill';
const GRID_LINE_LAYER = 'hot-spot-grid-line';
export const DENSITY_SOURCE = 'hot-spot-density';
export const DENSITY_FILL_LAYER = 'hot-spot-density-fill';
const DENSITY_LINE_LAYER = 'hot-spot-density-line';
export const CLUSTER_SOURCE = 'hot-spot-clusters';
export const CLUSTER_CIRCLE_LAYER = 'hot-spot-clusters-circle';
const CLUSTER_LABEL_LAYER = 'hot-spot-clusters-label';

/** The boundary layer the cells and contours go under: commune lines and everything above stay readable. */
const UNDER_LAYER = 'communes-line';

/** Density: a purple ramp, apart from the hot reds and cold blues; each level adds to those under it. */
export const DENSITY_COLOURS = { lowest: '#bcbddc', highest: '#3f007d' } as const;
export const DENSITY_OPACITY = 0.22;

/**
 * Clusters: dark circles with a white ring, which stand out over red hot spots and blue cold ones alike;
 * flashpoints near-black, vice spots the map's vice-spot purple.
 */
export const CLUSTER_COLOURS = { flashpoint: '#222b31', viceSpot: '#6a1f8a' } as const;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

function binColour(): ExpressionSpecification {
  const arms = Object.entries(GISTAR_COLOURS).flat();
  return ['match', ['to-string', ['get', 'bin']], ...arms, '#e8e8e8'] as unknown as ExpressionSpecification;
}

/** A level's colour by its rank among the levels, 0 (lowest) to 1 (highest). */
function densityColour(): ExpressionSpecification {
  return ['interpolate', ['linear'], ['get', 'rank'], 0, DENSITY_COLOURS.lowest, 1, DENSITY_COLOURS.highest];
}

export function addHotSpotOverlayLayers(map: MapLibreMap): void {
  map.addSource(GRID_SOURCE, { type: 'geojson', data: EMPTY });
  map.addSource(DENSITY_SOURCE, { type: 'geojson', data: EMPTY });
  map.addSource(CLUSTER_SOURCE, { type: 'geojson', data: EMPTY });
  const under = map.getLayer(UNDER_LAYER) ? UNDER_LAYER : undefined;
  map.addLayer(
    {
      id: GRID_FILL_LAYER,
      type: 'fill',
      source: GRID_SOURCE,
      paint: { 'fill-color': binColour(), 'fill-opacity': 0.82 },
    },
    under,
  );
  map.addLayer(
    {
      id: GRID_LINE_LAYER,
      type: 'line',
      source: GRID_SOURCE,
      paint: {
        'line-color': ['case', selected, '#a34e00', 'rgba(255, 255, 255, 0.7)'],
        'line-width': ['case', selected, 3, 0.6],
      },
    },
    under,
  );
  map.addLayer(
    {
      id: DENSITY_FILL_LAYER,
      type: 'fill',
      source: DENSITY_SOURCE,
      paint: { 'fill-color': densityColour(), 'fill-opacity': DENSITY_OPACITY },
    },
    under,
  );
  map.addLayer(
    {
      id: DENSITY_LINE_LAYER,
      type: 'line',
      source: DENSITY_SOURCE,
      paint: { 'line-color': densityColour(), 'line-width': 1.2, 'line-opacity': 0.9 },
    },
    under,
  );
  map.addLayer({
    id: CLUSTER_CIRCLE_LAYER,
    type: 'circle',
    source: CLUSTER_SOURCE,
    paint: {
      // Area grows with the count: the radius with its square root.
      'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 9, 10, 30],
      'circle-color': [
        'match',
        ['get', 'type'],
        'viceSpot',
        CLUSTER_COLOURS.viceSpot,
        CLUSTER_COLOURS.flashpoint,
      ],
      'circle-opacity': 0.88,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: CLUSTER_LABEL_LAYER,
    type: 'symbol',
    source: CLUSTER_SOURCE,
    layout: {
      'text-field': ['get', 'label'],
      'text-font': [MAP_FONT],
      'text-size': 12,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0, 0, 0, 0.35)', 'text-halo-width': 1 },
  });
}

/** The grid's cells, with their position in the answer as id (for the selection's feature-state). */
export function setGridCells(map: MapLibreMap, answer: GridHotSpots | null): void {
  const features = (answer?.features ?? []).map((feature, index) => ({ ...feature, id: index }));
  map.getSource<GeoJSONSource>(GRID_SOURCE)?.setData({ type: 'FeatureCollection', features });
}

/** "Hot spots only" hides cold cells by a filter: no data is sent again. */
export function showColdCells(map: MapLibreMap, shown: boolean): void {
  const filter: ExpressionSpecification | null = shown ? null : ['>=', ['get', 'bin'], 0];
  map.setFilter(GRID_FILL_LAYER, filter);
  map.setFilter(GRID_LINE_LAYER, filter);
}

export function selectGridCell(map: MapLibreMap, previous: number | null, next: number | null): void {
  if (previous !== null) map.setFeatureState({ source: GRID_SOURCE, id: previous }, { selected: false });
  if (next !== null) map.setFeatureState({ source: GRID_SOURCE, id: next }, { selected: true });
}

/** The contours, each with its rank among the levels for its colour. */
export function setDensityContours(map: MapLibreMap, answer: IncidentDensity | null): void {
  const features = answer?.features ?? [];
  const last = Math.max(1, features.length - 1);
  map.getSource<GeoJSONSource>(DENSITY_SOURCE)?.setData({
    type: 'FeatureCollection',
    features: features.map((feature, index) => ({
      ...feature,
      properties: { ...feature.properties, rank: features.length > 1 ? index / last : 1 },
    })),
  });
}

function channels(colour: string): number[] {
  return [1, 3, 5].map((start) => Number.parseInt(colour.slice(start, start + 2), 16));
}

export interface DensityKeyEntry {
  level: number;
  /** "≥ 2,5" (incidents per km²). */
  text: string;
  /** The level's swatch as it looks on a white map: the translucent contours of every level up to it. */
  colour: string;
}

/** The density key, shared by the view's overlay panel and the print's legend. */
export function densityKey(levels: readonly number[], localeTag: string): DensityKeyEntry[] {
  const last = Math.max(1, levels.length - 1);
  const decimals = (levels[0] ?? 0) < 10 ? 1 : 0;
  const format = new Intl.NumberFormat(localeTag, {
    maximumFractionDigits: decimals,
    minimumFractionDigits: decimals,
  });
  const lowest = channels(DENSITY_COLOURS.lowest);
  const highest = channels(DENSITY_COLOURS.highest);
  let shade = [255, 255, 255];
  return levels.map((level, index) => {
    const share = levels.length > 1 ? index / last : 1;
    shade = shade.map((under, channel) => {
      const from = lowest[channel] ?? 0;
      const colour = from + ((highest[channel] ?? 0) - from) * share;
      return Math.round(under + (colour - under) * DENSITY_OPACITY);
    });
    return { level, text: `≥ ${format.format(level)}`, colour: `rgb(${shade.join(', ')})` };
  });
}

export type ClusterType = 'flashpoint' | 'viceSpot';

export interface ClusterPointProperties {
  type: ClusterType;
  count: number;
  label: string;
  /** The kinds and their counts, as JSON (GeoJSON properties are flattened by the map). */
  kinds: string;
}

/** One point per cluster at its centre, flashpoints and vice spots together, largest drawn on top. */
export function clusterPoints(
  answers: { flashpoints: SiteClusters; viceSpots: SiteClusters } | null,
): FeatureCollection<Point, ClusterPointProperties> {
  if (!answers) return { type: 'FeatureCollection', features: [] };
  const features: Feature<Point, ClusterPointProperties>[] = [];
  for (const [type, answer] of [
    ['flashpoint', answers.flashpoints],
    ['viceSpot', answers.viceSpots],
  ] as const) {
    for (const cluster of answer.clusters) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: cluster.centre },
        properties: {
          type,
          count: cluster.count,
          label: String(cluster.count),
          kinds: JSON.stringify(cluster.kinds),
        },
      });
    }
  }
  // Later features are drawn over earlier ones: the largest last, so small clusters never hide them.
  features.sort((first, second) => first.properties.count - second.properties.count);
  return { type: 'FeatureCollection', features };
}

export function setClusters(map: MapLibreMap, data: FeatureCollection<Point, ClusterPointProperties>): void {
  map.getSource<GeoJSONSource>(CLUSTER_SOURCE)?.setData(data);
}
