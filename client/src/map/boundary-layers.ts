import type { FeatureCollection } from 'geojson';
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl';
import type { CommuneCollection, OutlineCollection } from '../api/types';
import type { LayerName } from '../format/view-state';
import { MAP_FONT } from './fonts';
import { communeLabelPoints, groupLabelPoints } from './label-points';

/** The commune polygons; feature-state (hover, selected) is keyed by commune code. */
export const COMMUNE_SOURCE = 'communes';
export const COMMUNE_FILL_LAYER = 'communes-fill';

const SOURCES = {
  communes: COMMUNE_SOURCE,
  communeLabels: 'commune-labels',
  districts: 'districts',
  districtLabels: 'district-labels',
  provinces: 'provinces',
  provinceLabels: 'province-labels',
} as const;

/** The style layers behind each switch of the layer panel (the basemap has its own module). */
// Incident and site layers switch themselves (points-incidents.ts, points-sites.ts).
const STYLE_LAYERS: Record<
  Exclude<LayerName, 'basemap' | 'heatmap' | 'incidents' | 'flashpoints' | 'viceSpots'>,
  string[]
> = {
  fill: [COMMUNE_FILL_LAYER, 'communes-line'],
  districts: ['districts-line'],
  provinces: ['provinces-line'],
  labels: ['commune-labels', 'district-labels', 'province-labels'],
};

/** Layers that show communes, filtered together by province and district. */
const COMMUNE_LAYERS = [COMMUNE_FILL_LAYER, 'communes-line', 'communes-selection', 'commune-labels'];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

function byZoom(...stops: number[]): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], ...stops] as ExpressionSpecification;
}

// Larger units place their labels first, so the labels that survive collisions are the useful ones.
const largestFirst: DataDrivenPropertyValueSpecification<number> = [
  '-',
  0,
  ['coalesce', ['get', 'areaKm2'], 0],
];

const labelHalo = { 'text-halo-color': 'rgba(255, 255, 255, 0.92)', 'text-halo-width': 1.5 };

/** Bottom to top: fills, commune lines, district lines, province lines, selection, labels. */
function boundaryLayers(): LayerSpecification[] {
  return [
    {
      id: COMMUNE_FILL_LAYER,
      type: 'fill',
      source: SOURCES.communes,
      paint: {
        'fill-color': ['case', selected, '#f3c46b', hovered, '#fbe6b4', '#f7f4ea'],
        'fill-opacity': 0.92,
      },
    },
    {
      id: 'communes-line',
      type: 'line',
      source: SOURCES.communes,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#97a39c', 'line-width': byZoom(7, 0.3, 10, 0.8, 14, 1.5) },
    },
    {
      id: 'districts-line',
      type: 'line',
      source: SOURCES.districts,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      // Dashed, as district boundaries are drawn on Vietnamese administrative maps.
      paint: {
        'line-color': '#4a5a66',
        'line-width': byZoom(7, 1, 10, 2, 14, 3),
        'line-dasharray': [3, 1.5],
      },
    },
    {
      id: 'provinces-line',
      type: 'line',
      source: SOURCES.provinces,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#26343d', 'line-width': byZoom(6, 1.6, 10, 2.8, 14, 4) },
    },
    {
      id: 'communes-selection',
      type: 'line',
      source: SOURCES.communes,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#a34e00',
        'line-width': byZoom(7, 2, 12, 3.5),
        'line-opacity': ['case', selected, 1, 0],
      },
    },
    {
      id: 'commune-labels',
      type: 'symbol',
      source: SOURCES.communeLabels,
      minzoom: 9,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [MAP_FONT],
        'text-size': byZoom(9, 10, 12, 13, 15, 15),
        'text-max-width': 7,
        'text-padding': 3,
        'symbol-sort-key': largestFirst,
      },
      paint: { 'text-color': '#27343b', ...labelHalo },
    },
    {
      id: 'district-labels',
      type: 'symbol',
      source: SOURCES.districtLabels,
      minzoom: 7.5,
      maxzoom: 10.5,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [MAP_FONT],
        'text-size': byZoom(7.5, 11, 10.5, 14),
        'text-letter-spacing': 0.03,
        'text-max-width': 8,
        'text-padding': 6,
        'symbol-sort-key': largestFirst,
      },
      paint: { 'text-color': '#3b4a54', ...labelHalo },
    },
    {
      id: 'province-labels',
      type: 'symbol',
      source: SOURCES.provinceLabels,
      maxzoom: 9,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [MAP_FONT],
        'text-size': byZoom(5, 12, 8, 16),
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-max-width': 9,
      },
      paint: { 'text-color': '#1f2c34', ...labelHalo },
    },
  ];
}

/** Adds the boundary sources, empty, and their layers above whatever the style already has. */
export function addBoundaryLayers(map: MapLibreMap): void {
  for (const source of Object.values(SOURCES)) {
    const promoteId = source === COMMUNE_SOURCE ? { promoteId: 'code' } : {};
    map.addSource(source, { type: 'geojson', data: EMPTY, ...promoteId });
  }
  for (const layer of boundaryLayers()) map.addLayer(layer);
}

/** Shows an era's units; null empties the map. Label points are derived here, never re-downloaded. */
export function setBoundaryData(
  map: MapLibreMap,
  communes: CommuneCollection | null,
  districts: OutlineCollection | null,
  provinces: OutlineCollection | null,
): void {
  const features = communes?.features ?? [];
  const sourceData: Record<string, FeatureCollection> = {
    [SOURCES.communes]: communes ?? EMPTY,
    [SOURCES.communeLabels]: communeLabelPoints(features),
    [SOURCES.districts]: districts ?? EMPTY,
    [SOURCES.districtLabels]: groupLabelPoints(features, 'district'),
    [SOURCES.provinces]: provinces ?? EMPTY,
    [SOURCES.provinceLabels]: groupLabelPoints(features, 'province'),
  };
  for (const [source, data] of Object.entries(sourceData)) {
    map.getSource<GeoJSONSource>(source)?.setData(data);
  }
}

export function setBoundaryLayerVisibility(map: MapLibreMap, visibleLayers: readonly LayerName[]): void {
  for (const [name, layerIds] of Object.entries(STYLE_LAYERS)) {
    const visibility = visibleLayers.includes(name as LayerName) ? 'visible' : 'none';
    for (const layerId of layerIds) map.setLayoutProperty(layerId, 'visibility', visibility);
  }
}

/** Lighter fills over a basemap, so its roads and rivers show through. */
export function setFillOpacityForBasemap(map: MapLibreMap, basemapShown: boolean): void {
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-opacity', basemapShown ? 0.45 : 0.92);
}

function allOf(conditions: (ExpressionSpecification | null)[]): ExpressionSpecification | null {
  const present = conditions.filter((condition) => condition !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? (present[0] ?? null) : ['all', ...present];
}

function propertyIs(property: string, value: string | null): ExpressionSpecification | null {
  return value === null ? null : ['==', ['get', property], value];
}

/**
 * Shows only the communes of a province and district, by filtering layers (no download). District
 * lines keep to the province, and to the district itself when one is chosen: outlines derived by the
 * server are named like the communes' `district`, imported district units carry it as `fullName`.
 * In an era without districts a former district is given by its communes' codes (`communeCodes`).
 */
export function applyAreaFilter(
  map: MapLibreMap,
  province: string | null,
  district: string | null,
  communeCodes: readonly string[] | null = null,
): void {
  const communeFilter = allOf([
    propertyIs('province', province),
    communeCodes === null
      ? propertyIs('district', district)
      : ['in', ['get', 'code'], ['literal', [...communeCodes]]],
  ]);
  for (const layerId of COMMUNE_LAYERS) map.setFilter(layerId, communeFilter);
  map.setFilter(
    'district-labels',
    allOf([propertyIs('province', province), propertyIs('district', district)]),
  );
  const districtLine: ExpressionSpecification | null =
    district === null
      ? null
      : ['any', ['==', ['get', 'name'], district], ['==', ['get', 'fullName'], district]];
  map.setFilter('districts-line', allOf([propertyIs('province', province), districtLine]));
}
