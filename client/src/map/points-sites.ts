import type { Feature, FeatureCollection, LineString, Point, Polygon, Position } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type {
  FlashpointCollection,
  FlashpointStatus,
  ViceSpotCollection,
  ViceSpotStatus,
} from '../api/types';

export const FLASHPOINT_SOURCE = 'flashpoints';
export const VICE_SPOT_SOURCE = 'vice-spots';
const DRAFT_SOURCE = 'records-draft';

export const FLASHPOINT_AREA_LAYER = 'flashpoints-area';
const FLASHPOINT_OUTLINE_LAYER = 'flashpoints-outline';
const FLASHPOINT_RING_LAYER = 'flashpoints-ring';
const FLASHPOINT_HALO_LAYER = 'flashpoints-halo';
export const FLASHPOINT_POINT_LAYER = 'flashpoints-points';
const FLASHPOINT_SELECTED_LAYER = 'flashpoints-selected';
const FLASHPOINT_SELECTED_POINT_LAYER = 'flashpoints-selected-point';
export const VICE_SPOT_LAYER = 'vice-spots-points';
const VICE_SPOT_SELECTED_LAYER = 'vice-spots-selected';

/** The layers a click on a flashpoint or a vice spot hits, topmost first. */
export const FLASHPOINT_CLICK_LAYERS = [FLASHPOINT_POINT_LAYER, FLASHPOINT_AREA_LAYER];
export const VICE_SPOT_CLICK_LAYERS = [VICE_SPOT_LAYER];

const FLASHPOINT_LAYERS = [
  FLASHPOINT_AREA_LAYER,
  FLASHPOINT_OUTLINE_LAYER,
  FLASHPOINT_RING_LAYER,
  FLASHPOINT_HALO_LAYER,
  FLASHPOINT_POINT_LAYER,
  FLASHPOINT_SELECTED_LAYER,
  FLASHPOINT_SELECTED_POINT_LAYER,
];
const VICE_SPOT_LAYERS = [VICE_SPOT_LAYER, VICE_SPOT_SELECTED_LAYER];

/**
 * Status colours, shared with the legend: live trouble is red, work under way orange, settled grey-green;
 * a flashpoint that flared up again is dark red with a ring, a re-formed vice spot purple.
 */
export const FLASHPOINT_COLOURS: Record<FlashpointStatus, string> = {
  arising: '#d7301f',
  'being-resolved': '#f28e2b',
  resolved: '#7f9c86',
  'flared-again': '#7f0000',
};

export const VICE_SPOT_COLOURS: Record<ViceSpotStatus, string> = {
  active: '#e31a1c',
  eliminated: '#8c969c',
  're-formed': '#7b3294',
};

function colourByStatus(colours: Record<string, string>): ExpressionSpecification {
  const pairs = Object.entries(colours).flat();
  return ['match', ['get', 'status'], ...pairs, '#555555'] as unknown as ExpressionSpecification;
}

const isPolygon: ExpressionSpecification = [
  'in',
  ['geometry-type'],
  ['literal', ['Polygon', 'MultiPolygon']],
];
const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const flaredAgain: ExpressionSpecification = ['==', ['get', 'status'], 'flared-again'];
const NOTHING: ExpressionSpecification = ['==', ['get', 'id'], -1];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Adds the flashpoint, vice spot and drawing sources and layers: areas under `beforeId` (the labels), points on top. */
export function addSiteLayers(map: MapLibreMap, beforeId: string | undefined): void {
  for (const source of [FLASHPOINT_SOURCE, VICE_SPOT_SOURCE, DRAFT_SOURCE]) {
    map.addSource(source, { type: 'geojson', data: EMPTY });
  }
  const flashpointColour = colourByStatus(FLASHPOINT_COLOURS);
  const viceSpotColour = colourByStatus(VICE_SPOT_COLOURS);
  map.addLayer(
    {
      id: FLASHPOINT_AREA_LAYER,
      type: 'fill',
      source: FLASHPOINT_SOURCE,
      filter: isPolygon,
      paint: { 'fill-color': flashpointColour, 'fill-opacity': 0.28 },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: FLASHPOINT_OUTLINE_LAYER,
      type: 'line',
      source: FLASHPOINT_SOURCE,
      filter: isPolygon,
      paint: {
        'line-color': flashpointColour,
        'line-width': ['case', flaredAgain, 3.5, 2],
      },
    },
    beforeId,
  );
  map.addLayer({
    id: FLASHPOINT_RING_LAYER,
    type: 'circle',
    source: FLASHPOINT_SOURCE,
    filter: ['all', isPoint, flaredAgain],
    paint: {
      'circle-radius': 14,
      'circle-color': 'rgba(0, 0, 0, 0)',
      'circle-stroke-color': FLASHPOINT_COLOURS['flared-again'],
      'circle-stroke-width': 2.5,
    },
  });
  // A dark halo keeps the white-edged dots readable on any choropleth colour.
  map.addLayer({
    id: FLASHPOINT_HALO_LAYER,
    type: 'circle',
    source: FLASHPOINT_SOURCE,
    filter: isPoint,
    paint: { 'circle-radius': 11, 'circle-color': 'rgba(20, 20, 20, 0.8)' },
  });
  map.addLayer({
    id: FLASHPOINT_POINT_LAYER,
    type: 'circle',
    source: FLASHPOINT_SOURCE,
    filter: isPoint,
    paint: {
      'circle-radius': 8,
      'circle-color': flashpointColour,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: FLASHPOINT_SELECTED_LAYER,
    type: 'line',
    source: FLASHPOINT_SOURCE,
    filter: NOTHING,
    paint: { 'line-color': '#0b3954', 'line-width': 4 },
  });
  map.addLayer({
    id: FLASHPOINT_SELECTED_POINT_LAYER,
    type: 'circle',
    source: FLASHPOINT_SOURCE,
    filter: NOTHING,
    paint: {
      'circle-radius': 16,
      'circle-color': 'rgba(0, 0, 0, 0)',
      'circle-stroke-color': '#0b3954',
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: VICE_SPOT_LAYER,
    type: 'circle',
    source: VICE_SPOT_SOURCE,
    paint: {
      'circle-radius': 6.5,
      'circle-color': viceSpotColour,
      // A dark edge tells vice spots from flashpoints' white-edged dots.
      'circle-stroke-color': '#26123a',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: VICE_SPOT_SELECTED_LAYER,
    type: 'circle',
    source: VICE_SPOT_SOURCE,
    filter: NOTHING,
    paint: {
      'circle-radius': 12,
      'circle-color': 'rgba(0, 0, 0, 0)',
      'circle-stroke-color': '#0b3954',
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: 'records-draft-fill',
    type: 'fill',
    source: DRAFT_SOURCE,
    filter: isPolygon,
    paint: { 'fill-color': '#0b3954', 'fill-opacity': 0.15 },
  });
  map.addLayer({
    id: 'records-draft-line',
    type: 'line',
    source: DRAFT_SOURCE,
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': '#0b3954', 'line-width': 2, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: 'records-draft-points',
    type: 'circle',
    source: DRAFT_SOURCE,
    filter: isPoint,
    paint: {
      'circle-radius': 6,
      'circle-color': '#ffffff',
      'circle-stroke-color': '#0b3954',
      'circle-stroke-width': 2.5,
    },
  });
}

export function setSiteData(
  map: MapLibreMap,
  flashpoints: FlashpointCollection | null,
  viceSpots: ViceSpotCollection | null,
): void {
  map.getSource<GeoJSONSource>(FLASHPOINT_SOURCE)?.setData(flashpoints ?? EMPTY);
  map.getSource<GeoJSONSource>(VICE_SPOT_SOURCE)?.setData(viceSpots ?? EMPTY);
}

export function setSiteLayerVisibility(
  map: MapLibreMap,
  show: { flashpoints: boolean; viceSpots: boolean },
): void {
  for (const layer of FLASHPOINT_LAYERS) {
    map.setLayoutProperty(layer, 'visibility', show.flashpoints ? 'visible' : 'none');
  }
  for (const layer of VICE_SPOT_LAYERS) {
    map.setLayoutProperty(layer, 'visibility', show.viceSpots ? 'visible' : 'none');
  }
}

/** Outlines the selected site (a ring around a point, a heavy line around an area). */
export function highlightSite(
  map: MapLibreMap,
  selected: { kind: 'flashpoint' | 'viceSpot'; id: number } | null,
): void {
  const flashpointId = selected?.kind === 'flashpoint' ? selected.id : -1;
  const viceSpotId = selected?.kind === 'viceSpot' ? selected.id : -1;
  map.setFilter(FLASHPOINT_SELECTED_LAYER, ['all', isPolygon, ['==', ['get', 'id'], flashpointId]]);
  map.setFilter(FLASHPOINT_SELECTED_POINT_LAYER, ['all', isPoint, ['==', ['get', 'id'], flashpointId]]);
  map.setFilter(VICE_SPOT_SELECTED_LAYER, ['==', ['get', 'id'], viceSpotId]);
}

/** The shape being drawn: its vertices, the edge to the pointer, and the area once it has three corners. */
export function setDraft(map: MapLibreMap, vertices: Position[], pointer: Position | null): void {
  const features: Feature<Point | LineString | Polygon>[] = vertices.map((coordinates) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: {},
  }));
  const path = pointer ? [...vertices, pointer] : vertices;
  if (path.length >= 2) {
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: path }, properties: {} });
  }
  if (path.length >= 3) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[...path, path[0] as Position]] },
      properties: {},
    });
  }
  map.getSource<GeoJSONSource>(DRAFT_SOURCE)?.setData({ type: 'FeatureCollection', features });
}
