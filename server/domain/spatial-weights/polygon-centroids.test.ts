import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import type { MultiPolygonCoordinates, Ring } from '../geometry/types';
import { polygonCentroids } from './polygon-centroids';

function rectangle(x: number, y: number, width: number, height: number): Ring {
  return [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
    [x, y],
  ];
}

describe('polygonCentroids', () => {
  it('finds the centre of a rectangle whichever way it is wound', () => {
    const counterClockwise = rectangle(0, 0, 4, 2);
    const clockwise = [...counterClockwise].reverse();
    const { x, y } = polygonCentroids([[[counterClockwise]], [[clockwise]]]);
    expect(Array.from(x)).toEqual([2, 2]);
    expect(Array.from(y)).toEqual([1, 1]);
  });

  it('subtracts holes and weights parts by area', () => {
    // 4 × 4 square with a 2 × 2 hole in its left half: 16 − 4 = 12, centroid x = (16·2 − 4·1.5) / 12.
    const withHole: MultiPolygonCoordinates = [[rectangle(0, 0, 4, 4), rectangle(0.5, 1, 2, 2)]];
    // Two parts, area 1 at x 0.5 and area 3 at x 11.5: (0.5 + 34.5) / 4 = 8.75.
    const twoParts: MultiPolygonCoordinates = [[rectangle(0, 0, 1, 1)], [rectangle(10, 0, 3, 1)]];
    const { x, y } = polygonCentroids([withHole, twoParts]);
    expect(x[0]).toBeCloseTo(26 / 12, 12);
    expect(y[0]).toBeCloseTo(2, 12);
    expect(x[1]).toBeCloseTo(8.75, 12);
    expect(y[1]).toBeCloseTo(0.5, 12);
  });

  it('keeps its precision on projected coordinates in the millions of metres', () => {
    const { x, y } = polygonCentroids([[[rectangle(1_234_567.25, 9_876_543.5, 0.5, 0.25)]]]);
    expect(x[0]).toBe(1_234_567.5);
    expect(y[0]).toBe(9_876_543.625);
  });

  it('falls back to the largest part, then to the vertices, when the area is zero', () => {
    // A hole as large as its outer ring leaves no area: the outer ring's centroid stands in.
    const cancelled: MultiPolygonCoordinates = [[rectangle(0, 0, 2, 2), rectangle(0, 0, 2, 2)]];
    const flat: MultiPolygonCoordinates = [
      [
        [
          [0, 0],
          [3, 0],
          [6, 0],
          [0, 0],
        ],
      ],
    ];
    const { x, y } = polygonCentroids([cancelled, flat]);
    expect([x[0], y[0]]).toEqual([1, 1]);
    expect([x[1], y[1]]).toEqual([3, 0]);
  });

  it('refuses features without geometry and empty layers', () => {
    expect(() => polygonCentroids([[]])).toThrow(BilingualError);
    expect(() => polygonCentroids([[[[]]]])).toThrow(BilingualError);
    expect(() => polygonCentroids([])).toThrow(BilingualError);
  });
});
