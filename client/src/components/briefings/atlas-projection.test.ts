import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { boundsOf, fitProjection, scaleBar } from './atlas-projection';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [105, 10],
      [105.1, 10],
      [105.1, 10.1],
      [105, 10.1],
      [105, 10],
    ],
  ],
};

describe('the atlas map projection', () => {
  it('fits the bounds in the box, north up, centred', () => {
    const bounds = boundsOf([square]);
    expect(bounds).toEqual([105, 10, 105.1, 10.1]);
    const projection = fitProjection(
      bounds as [number, number, number, number],
      { width: 1000, height: 800 },
      0,
    );
    const [northWestX, northWestY] = projection.point([105, 10.1]);
    const [southEastX, southEastY] = projection.point([105.1, 10]);
    expect(northWestY).toBeCloseTo(0, 5);
    expect(southEastY).toBeCloseTo(800, 5);
    // Narrower than tall: a degree of longitude is shorter than one of latitude at 10° N.
    expect(southEastX - northWestX).toBeCloseTo(800 * Math.cos((10.05 * Math.PI) / 180), 3);
    expect((northWestX + southEastX) / 2).toBeCloseTo(500, 5);
    expect(projection.path(square)).toMatch(/^M[\d.,L]+Z$/);
  });

  it('gives a scale bar of a round length within the space given', () => {
    expect(scaleBar(10, 250)).toEqual({ units: 200, label: '2 km' });
    expect(scaleBar(1, 250)).toEqual({ units: 200, label: '200 m' });
    expect(scaleBar(3, 250)).toEqual({ units: 500 / 3, label: '500 m' });
  });
});
