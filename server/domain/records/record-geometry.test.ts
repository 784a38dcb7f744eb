import { describe, expect, it } from 'vitest';
import { checkRecordGeometry } from './record-geometry';

const square = [
  [
    [105.51, 10.01],
    [105.52, 10.01],
    [105.52, 10.02],
    [105.51, 10.02],
    [105.51, 10.01],
  ],
];

describe('checkRecordGeometry', () => {
  it('accepts a point, rounded to 7 decimals, as its own anchor', () => {
    const checked = checkRecordGeometry({ type: 'Point', coordinates: [105.123456789, 10.5] }, false);
    expect(checked).toEqual({
      ok: true,
      geometry: { type: 'Point', coordinates: [105.1234568, 10.5] },
      anchor: [105.1234568, 10.5],
      areaHa: null,
    });
  });

  it('accepts a polygon, measures it in hectares and anchors it inside', () => {
    const checked = checkRecordGeometry({ type: 'Polygon', coordinates: square }, true);
    if (!checked.ok) throw new Error(checked.problem.en);
    expect(checked.geometry.type).toBe('Polygon');
    // About 1.1 km by 1.1 km.
    expect(checked.areaHa).toBeGreaterThan(118);
    expect(checked.areaHa).toBeLessThan(124);
    expect(checked.anchor[0]).toBeCloseTo(105.515, 3);
    expect(checked.anchor[1]).toBeCloseTo(10.015, 3);
  });

  it('accepts a multipolygon', () => {
    const checked = checkRecordGeometry({ type: 'MultiPolygon', coordinates: [square] }, true);
    expect(checked.ok && checked.geometry.type).toBe('MultiPolygon');
  });

  it.each([
    [{ type: 'Point', coordinates: [181, 10] }, /outside WGS84/],
    [{ type: 'Point', coordinates: [105, -91] }, /outside WGS84/],
    [{ type: 'Point', coordinates: ['105', 10] }, /\[longitude, latitude\]/],
    [{ type: 'Point', coordinates: [105] }, /\[longitude, latitude\]/],
    [
      {
        type: 'LineString',
        coordinates: [
          [105, 10],
          [106, 11],
        ],
      },
      /Point, Polygon or MultiPolygon/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [105, 10],
            [105.1, 10],
            [105.1, 10.1],
            [105, 10.1],
          ],
        ],
      },
      /not closed/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [105, 10],
            [105.1, 10],
            [105, 10],
          ],
        ],
      },
      /fewer than 3/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [105, 10],
            [105.1, 10.1],
            [105.1, 10],
            [105, 10.1],
            [105, 10],
          ],
        ],
      },
      /crosses itself/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [200, 10],
            [200.1, 10],
            [200.1, 10.1],
            [200, 10],
          ],
        ],
      },
      /outside WGS84/,
    ],
    [{ coordinates: [105, 10] }, /not valid GeoJSON/],
    [null, /not valid GeoJSON/],
  ])('refuses %j with a reason in both languages', (geometry, reason) => {
    const checked = checkRecordGeometry(geometry, true);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problem.en).toMatch(reason);
    expect(checked.problem.vi.length).toBeGreaterThan(10);
  });

  it('allows only points where areas are not allowed', () => {
    const checked = checkRecordGeometry({ type: 'Polygon', coordinates: square }, false);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem.vi).toMatch(/chỉ được đánh dấu bằng một điểm/);
  });
});
