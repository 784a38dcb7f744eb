import { describe, expect, it } from 'vitest';
import { normalisePolygonGeometry } from './normalise-polygon-geometry';

const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe('normalisePolygonGeometry', () => {
  it('turns a Polygon into MultiPolygon coordinates of plain pairs, dropping repeated points', () => {
    const result = normalisePolygonGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0, 5],
          [1, 0, 5],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    });
    expect(result).toEqual({ ok: true, polygons: [[square]] });
  });

  it.each([
    [null, /No geometry/],
    [{ type: 'Point', coordinates: [1, 2] }, /not a polygon but a Point/],
    [{ type: 'MultiPolygon', coordinates: [] }, /Empty geometry/],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      /exterior is not closed/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      /fewer than 3 distinct points/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 'x'],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /malformed/,
    ],
    [
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, Number.NaN],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      /not a finite number/,
    ],
    [
      {
        type: 'MultiPolygon',
        coordinates: [
          [square],
          [
            square,
            [
              [0, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        ],
      },
      /hole 1 of part 2 is not closed/,
    ],
  ])('rejects %j with a reason in both languages', (geometry, englishReason) => {
    const result = normalisePolygonGeometry(geometry);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.en).toMatch(englishReason);
      expect(result.problem.vi.length).toBeGreaterThan(0);
    }
  });
});
