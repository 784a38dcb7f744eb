import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { IncidentPointRows } from '../api/types';
import { MAP_FONT } from './fonts';
import { heatmapRadiusExpression } from './points-heatmap-radius';

/** Every incident of the filter, unclustered: the heatmap and nothing else reads it. */
export const INCIDENT_POINTS_SOURCE = 'incident-points';
/** The same incidents clustered by MapLibre's worker: cluster circles, and single incidents when zoomed in. */
export const INCIDENT_CLUSTER_SOURCE = 'incident-clusters';
export const HEATMAP_LAYER = 'incidents-heatmap';
export const CLUSTER_LAYER = 'incidents-clusters';
export const CLUSTER_COUNT_LAYER = 'incidents-cluster-count';
export const INCIDENT_LAYER = 'incidents-points';

/** Clusters up to this zoom; above it every incident is drawn on its own and can be clicked. */
export const CLUSTER_MAX_ZOOM = 13;
// The heatmap gives way to single incidents: it fades out over these zooms and is not drawn above.
const HEATMAP_FADE_FROM = 14;
const HEATMAP_MAX_ZOOM = 16;

/** The default kernel radius on the ground. */
export const DEFAULT_HEATMAP_METRES = 500;
export const HEATMAP_RADIUS_CHOICES = [250, 500, 1000, 2000, 5000] as const;

export interface IncidentPointProperties {
  id: number;
  category: string;
  severity: string | null;
  cleared: boolean | null;
  occurredAt: string;
}

export type IncidentPointCollection = FeatureCollection<Point, IncidentPointProperties>;

export interface IncidentPoints {
  collection: IncidentPointCollection;
  /** The latitude the heatmap radius is computed at: the middle of the data's extent. */
  latitude: number | null;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function clearedValue(value: unknown): boolean | null {
  if (value === true || value === 1 || value === 'yes') return true;
  if (value === false || value === 0 || value === 'no') return false;
  return null;
}

/**
 * The compact rows of /api/incidents/points as GeoJSON, once per answer: columns found by name, so the
 * server may add some. Rows without a usable position are left out (the list shows them).
 */
export function incidentPointsFromRows(answer: IncidentPointRows): IncidentPoints {
  const column = (name: string) => answer.fields.indexOf(name);
  const id = column('id');
  const longitude = column('longitude');
  const latitude = column('latitude');
  const category = column('category');
  const severity = column('severity');
  const cleared = column('cleared');
  const occurredAt = column('occurredAt');
  const features: IncidentPointCollection['features'] = [];
  let south = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const row of answer.rows) {
    // Number(null) is 0: a missing coordinate must not land on the equator.
    const x = row[longitude] === null || row[longitude] === '' ? Number.NaN : Number(row[longitude]);
    const y = row[latitude] === null || row[latitude] === '' ? Number.NaN : Number(row[latitude]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (y < south) south = y;
    if (y > north) north = y;
    features.push({
      type: 'Feature',
      // MapLibre needs numeric feature ids to find a clicked feature again; the incident id is one.
      id: Number(row[id]),
      geometry: { type: 'Point', coordinates: [x, y] },
      properties: {
        id: Number(row[id]),
        category: String(row[category] ?? ''),
        severity: severity >= 0 && row[severity] != null ? String(row[severity]) : null,
        cleared: cleared >= 0 ? clearedValue(row[cleared]) : null,
        occurredAt: String(row[occurredAt] ?? ''),
      },
    });
  }
  return {
    collection: { type: 'FeatureCollection', features },
    latitude: features.length > 0 ? (south + north) / 2 : null,
  };
}

// Graver incidents weigh more in the heatmap and are drawn darker.
const severityWeight: ExpressionSpecification = [
  'match',
  ['coalesce', ['get', 'severity'], ''],
  'dac-biet-nghiem-trong',
  2.5,
  'rat-nghiem-trong',
  1.8,
  'nghiem-trong',
  1.3,
  1,
];

const severityColour: ExpressionSpecification = [
  'match',
  ['coalesce', ['get', 'severity'], ''],
  'dac-biet-nghiem-trong',
  '#67000d',
  'rat-nghiem-trong',
  '#a50f15',
  'nghiem-trong',
  '#de2d26',
  '#fb6a4a',
];

/** Adds the incident sources, empty, and their layers: the heatmap under `beforeId` (the labels), the dots on top. */
export function addIncidentLayers(map: MapLibreMap, beforeId: string | undefined): void {
  map.addSource(INCIDENT_POINTS_SOURCE, { type: 'geojson', data: EMPTY });
  map.addSource(INCIDENT_CLUSTER_SOURCE, {
    type: 'geojson',
    data: EMPTY,
    cluster: true,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: 48,
  });
  map.addLayer(
    {
      id: HEATMAP_LAYER,
      type: 'heatmap',
      source: INCIDENT_POINTS_SOURCE,
      maxzoom: HEATMAP_MAX_ZOOM,
      layout: { visibility: 'none' },
      paint: {
        'heatmap-radius': heatmapRadiusExpression(DEFAULT_HEATMAP_METRES, 16),
        'heatmap-weight': severityWeight,
        'heatmap-intensity': 0.6,
        'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], HEATMAP_FADE_FROM, 0.8, HEATMAP_MAX_ZOOM, 0],
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(255, 255, 178, 0)',
          0.15,
          'rgba(254, 217, 118, 0.7)',
          0.35,
          'rgb(254, 178, 76)',
          0.55,
          'rgb(253, 141, 60)',
          0.75,
          'rgb(240, 59, 32)',
          1,
          'rgb(189, 0, 38)',
        ],
      },
    },
    beforeId,
  );
  map.addLayer({
    id: CLUSTER_LAYER,
    type: 'circle',
    source: INCIDENT_CLUSTER_SOURCE,
    filter: ['has', 'point_count'],
    layout: { visibility: 'none' },
    paint: {
      'circle-color': [
        'step',
        ['get', 'point_count'],
        '#7fb2d5',
        50,
        '#3f87bd',
        500,
        '#1d5a8c',
        5000,
        '#0d3559',
      ],
      'circle-radius': ['step', ['get', 'point_count'], 12, 50, 16, 500, 21, 5000, 27],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
      'circle-opacity': 0.88,
    },
  });
  map.addLayer({
    id: CLUSTER_COUNT_LAYER,
    type: 'symbol',
    source: INCIDENT_CLUSTER_SOURCE,
    filter: ['has', 'point_count'],
    layout: {
      visibility: 'none',
      'text-field': ['get', 'point_count_abbreviated'],
      'text-font': [MAP_FONT],
      'text-size': 12,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  });
  map.addLayer({
    id: INCIDENT_LAYER,
    type: 'circle',
    source: INCIDENT_CLUSTER_SOURCE,
    filter: ['!', ['has', 'point_count']],
    layout: { visibility: 'none' },
    paint: {
      'circle-color': severityColour,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 7],
      // Cleared incidents are drawn hollow-ish: a white ring around a lighter dot.
      'circle-opacity': ['case', ['==', ['get', 'cleared'], true], 0.55, 0.95],
      'circle-stroke-color': ['case', ['==', ['get', 'cleared'], true], '#2f7d4f', '#ffffff'],
      'circle-stroke-width': 1.5,
    },
  });
}

/** Puts incidents on the map. Only sources whose layers show get the data: clustering 200,000 costs. */
export function setIncidentData(
  map: MapLibreMap,
  points: IncidentPoints | null,
  show: { heatmap: boolean; incidents: boolean },
): void {
  const data = points?.collection ?? EMPTY;
  map.getSource<GeoJSONSource>(INCIDENT_POINTS_SOURCE)?.setData(show.heatmap ? data : EMPTY);
  map.getSource<GeoJSONSource>(INCIDENT_CLUSTER_SOURCE)?.setData(show.incidents ? data : EMPTY);
}

export function setHeatmapRadius(map: MapLibreMap, metres: number, latitude: number): void {
  map.setPaintProperty(HEATMAP_LAYER, 'heatmap-radius', heatmapRadiusExpression(metres, latitude));
}

export function setIncidentLayerVisibility(
  map: MapLibreMap,
  show: { heatmap: boolean; incidents: boolean },
): void {
  map.setLayoutProperty(HEATMAP_LAYER, 'visibility', show.heatmap ? 'visible' : 'none');
  for (const layer of [CLUSTER_LAYER, CLUSTER_COUNT_LAYER, INCIDENT_LAYER]) {
    map.setLayoutProperty(layer, 'visibility', show.incidents ? 'visible' : 'none');
  }
}

/** Zooms into a clicked cluster far enough to split it. */
export async function zoomIntoCluster(
  map: MapLibreMap,
  clusterId: number,
  center: [number, number],
): Promise<void> {
  const source = map.getSource<GeoJSONSource>(INCIDENT_CLUSTER_SOURCE);
  if (!source) return;
  const zoom = await source.getClusterExpansionZoom(clusterId);
  map.easeTo({ center, zoom });
}
