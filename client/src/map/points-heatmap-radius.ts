import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * A heatmap radius given in metres, turned into the pixels MapLibre asks for at every zoom.
 *
 * On a Web Mercator map the ground under one screen pixel measures
 *
 *     metresPerPixel(zoom, latitude) = C · cos(latitude) / (T · 2^zoom)
 *
 * with C = 40,075,016.686 m (the equator) and T the width of the world at zoom 0 in pixels. The usual
 * figure 156,543.03392 m/px = C / 256 is for 256-pixel tiles; MapLibre's zoom 0 is 512 pixels wide, so
 * on this map C / T = 78,271.51696 m/px, and
 *
 *     pixels = metres / (78,271.51696 · cos(latitude) / 2^zoom) = metres · 2^zoom / (78,271.51696 · cos(latitude)).
 *
 * Pixels double with every zoom level, which is exactly MapLibre's exponential interpolation with base 2
 * between zoom 0 and zoom 24 (value = r₀ + (r₂₄ − r₀)·(2^z − 1)/(2^24 − 1) = r₀ · 2^z), so one expression
 * keeps the radius right at every zoom, fractional zooms included. The latitude is the data's own (the
 * cosine varies by under 1 % across a province). Each point's kernel has the same peak whatever its radius,
 * so with the radius fixed on the ground the density at a place no longer depends on the zoom.
 */
export const EARTH_CIRCUMFERENCE_METRES = 40_075_016.686;
/** The width of the whole world at zoom 0, in MapLibre's CSS pixels. */
export const WORLD_PIXELS_AT_ZOOM_ZERO = 512;

const LATITUDE_LIMIT = 85;
const HIGHEST_ZOOM = 24;

export function metresPerPixel(zoom: number, latitude: number): number {
  const clamped = Math.max(-LATITUDE_LIMIT, Math.min(LATITUDE_LIMIT, latitude));
  return (
    (EARTH_CIRCUMFERENCE_METRES * Math.cos((clamped * Math.PI) / 180)) /
    (WORLD_PIXELS_AT_ZOOM_ZERO * 2 ** zoom)
  );
}

/** The radius in pixels of `metres` on the ground at a zoom and latitude. */
export function pixelsForMetres(metres: number, zoom: number, latitude: number): number {
  return metres / metresPerPixel(zoom, latitude);
}

/** `heatmap-radius` for a radius of `metres` on the ground at `latitude`, right at every zoom. */
export function heatmapRadiusExpression(metres: number, latitude: number): ExpressionSpecification {
  return [
    'interpolate',
    ['exponential', 2],
    ['zoom'],
    0,
    pixelsForMetres(metres, 0, latitude),
    HIGHEST_ZOOM,
    pixelsForMetres(metres, HIGHEST_ZOOM, latitude),
  ];
}

/** What MapLibre computes from that expression at a zoom: for tests, and to check the formula. */
export function evaluateRadiusExpression(expression: ExpressionSpecification, zoom: number): number {
  const [, , , lowZoom, lowValue, highZoom, highValue] = expression as [
    string,
    unknown,
    unknown,
    number,
    number,
    number,
    number,
  ];
  const progress = (2 ** (zoom - lowZoom) - 1) / (2 ** (highZoom - lowZoom) - 1);
  return lowValue + (highValue - lowValue) * progress;
}
