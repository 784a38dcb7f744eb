import type { StyleSpecification } from 'maplibre-gl';

/** Sea-ish grey-blue, so the commune fills read as land. */
export const BACKGROUND_COLOUR = '#dde7ea';

/**
 * The offline style: a plain background and nothing to download. No `glyphs` (labels are drawn
 * locally), no `sprite`, no tiles; the boundary layers are added on top once the map has loaded.
 */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } }],
  };
}
