import type { LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { BasemapSettings } from '../api/types';
import { BACKGROUND_COLOUR } from './base-style';
import { COMMUNE_FILL_LAYER } from './boundary-layers';

const RASTER_SOURCE = 'basemap';
// Ours, under the basemap style's layers: what shows when the basemap is switched off.
const BACKGROUND_LAYER = 'diaban-background';
// A style server that does not answer within this is treated as unreachable (offline networks).
const STYLE_TIMEOUT_MS = 5000;

/**
 * A style basemap's JSON with our background put under it, for the map to start with; null when it
 * cannot be fetched, and the map starts on the offline style instead. (`map.setStyle(url)` would drop
 * the working style before knowing whether the new one loads, leaving a blank map when offline.)
 */
export async function fetchBasemapStyle(basemap: BasemapSettings): Promise<StyleSpecification | null> {
  try {
    const response = await fetch(basemap.url, { signal: AbortSignal.timeout(STYLE_TIMEOUT_MS) });
    if (!response.ok) return null;
    const style = (await response.json()) as StyleSpecification;
    const background: LayerSpecification = {
      id: BACKGROUND_LAYER,
      type: 'background',
      paint: { 'background-color': BACKGROUND_COLOUR },
    };
    return { ...style, layers: [background, ...style.layers] };
  } catch {
    return null;
  }
}

/**
 * Adds what the basemap brings to a loaded map and returns its layer ids (to switch it on and off).
 * A raster basemap goes under the commune fills; a style basemap is already the style's own layers.
 */
export function addBasemap(map: MapLibreMap, basemap: BasemapSettings, style: StyleSpecification): string[] {
  if (basemap.kind === 'style')
    return style.layers.map((layer) => layer.id).filter((id) => id !== BACKGROUND_LAYER);
  map.addSource(RASTER_SOURCE, { type: 'raster', tiles: [basemap.url], tileSize: 256, maxzoom: 19 });
  map.addLayer({ id: RASTER_SOURCE, type: 'raster', source: RASTER_SOURCE }, COMMUNE_FILL_LAYER);
  return [RASTER_SOURCE];
}

/** The sources whose load errors mean "the basemap is unavailable", not "the map is broken". */
export function basemapSources(basemap: BasemapSettings, style: StyleSpecification): Set<string> {
  return new Set(basemap.kind === 'style' ? Object.keys(style.sources) : [RASTER_SOURCE]);
}

export function setBasemapVisibility(map: MapLibreMap, layerIds: readonly string[], visible: boolean): void {
  for (const layerId of layerIds) map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
}
