import { describe, expect, it } from 'vitest';
import {
  evaluateRadiusExpression,
  heatmapRadiusExpression,
  metresPerPixel,
  pixelsForMetres,
} from './points-heatmap-radius';

describe('heatmap radius in metres', () => {
  it('uses MapLibre’s 512-pixel world: half the 256-pixel tile figure at the equator', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(156_543.03392 / 2, 3);
    expect(metresPerPixel(10, 0)).toBeCloseTo(156_543.03392 / 2 / 1024, 6);
  });

  it('shrinks the ground under a pixel with the cosine of the latitude', () => {
    expect(metresPerPixel(12, 60)).toBeCloseTo(metresPerPixel(12, 0) / 2, 6);
  });

  it('gives the same pixels as the formula at every zoom, fractional ones included', () => {
    const latitude = 10.03;
    const expression = heatmapRadiusExpression(500, latitude);
    for (const zoom of [0, 4.6, 8, 9.5, 11, 12.25, 14, 16.8, 20]) {
      const expected = pixelsForMetres(500, zoom, latitude);
      expect(evaluateRadiusExpression(expression, zoom) / expected).toBeCloseTo(1, 9);
    }
  });

  it('doubles the pixels with each zoom level', () => {
    const expression = heatmapRadiusExpression(1000, 21);
    expect(evaluateRadiusExpression(expression, 13) / evaluateRadiusExpression(expression, 12)).toBeCloseTo(
      2,
      9,
    );
    expect(expression[1]).toEqual(['exponential', 2]);
  });
});
