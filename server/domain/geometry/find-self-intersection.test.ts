import { describe, expect, it } from 'vitest';
import { findSelfIntersection } from './find-self-intersection';
import type { MultiPolygonCoordinates, Ring } from './types';

const polygon = (...rings: Ring[]): MultiPolygonCoordinates => [rings];

/** A regular n-gon, counter-clockwise: many edges, so the indexed path is taken. */
function circle(cx: number, cy: number, radius: number, sides: number): Ring {
  const ring: Ring = [];
  for (let k = 0; k < sides; k++) {
    const angle = (2 * Math.PI * k) / sides;
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  ring.push(ring[0] as number[]);
  return ring;
}

describe('findSelfIntersection', () => {
  it('accepts simple polygons, with holes and touching parts', () => {
    expect(
      findSelfIntersection(
        polygon([
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ]),
      ),
    ).toBeNull();
    expect(findSelfIntersection(polygon(circle(0, 0, 10, 400), circle(0, 0, 5, 300).reverse()))).toBeNull();
    // Two squares touching at one corner.
    const touching: MultiPolygonCoordinates = [
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
      [
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 2],
          [1, 1],
        ],
      ],
    ];
    expect(findSelfIntersection(touching)).toBeNull();
  });

  it('finds a bow tie where its edges cross', () => {
    expect(
      findSelfIntersection(
        polygon([
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ]),
      ),
    ).toEqual([1, 1]);
  });

  it('finds a hole that crosses its exterior ring, among many edges', () => {
    const crossing = findSelfIntersection(polygon(circle(0, 0, 10, 400), circle(9, 0, 3, 200)));
    expect(crossing).not.toBeNull();
    const [x, y] = crossing as number[];
    expect(Math.hypot(x as number, y as number)).toBeCloseTo(10, 1);
  });

  it('finds parts that overlap along an edge, and spikes', () => {
    const sharingAnEdge: MultiPolygonCoordinates = [
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
      [
        [
          [1, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 0],
        ],
      ],
    ];
    expect(findSelfIntersection(sharingAnEdge)).not.toBeNull();
    const spike = polygon([
      [0, 0],
      [4, 0],
      [4, 4],
      [4, 6],
      [4, 5],
      [0, 4],
      [0, 0],
    ]);
    expect(findSelfIntersection(spike)).toEqual([4, 6]);
  });
});
