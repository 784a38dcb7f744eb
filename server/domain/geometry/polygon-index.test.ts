import { Delaunay } from 'd3-delaunay';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import { buildPolygonIndex } from './polygon-index';
import type { MultiPolygonCoordinates } from './types';

/** Reference answer: even-odd ray casting over every ring of every polygon, no index. */
function naiveFind(polygons: MultiPolygonCoordinates[], x: number, y: number): number {
  for (let index = 0; index < polygons.length; index++) {
    let inside = false;
    for (const part of polygons[index] as MultiPolygonCoordinates) {
      for (const ring of part) {
        for (let k = 0, j = ring.length - 2; k < ring.length - 1; j = k++) {
          const [xi, yi] = ring[k] as [number, number];
          const [xj, yj] = ring[j] as [number, number];
          if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
    }
    if (inside) return index;
  }
  return -1;
}

/** A tessellation like a province's communes: Voronoi cells of random sites, clipped to a box. */
function voronoiPolygons(
  sites: [number, number][],
  box: [number, number, number, number],
): MultiPolygonCoordinates[] {
  const voronoi = Delaunay.from(sites).voronoi(box);
  const polygons: MultiPolygonCoordinates[] = [];
  for (let k = 0; k < sites.length; k++) {
    const cell = voronoi.cellPolygon(k);
    if (cell) polygons.push([[cell.map((p) => [p[0] as number, p[1] as number])]]);
  }
  return polygons;
}

describe('buildPolygonIndex', () => {
  it('agrees with plain ray casting on random tessellations and points', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 2, max: 300 }),
        (seed, siteCount) => {
          const random = seededRandom(seed);
          const sites = Array.from({ length: siteCount }, (): [number, number] => [
            104 + random() * 2,
            9 + random() * 2,
          ]);
          const polygons = voronoiPolygons(sites, [104, 9, 106, 11]);
          const index = buildPolygonIndex(polygons);
          for (let k = 0; k < 400; k++) {
            // Points inside and around the tessellation, including outside its box.
            const x = 103.9 + random() * 2.2;
            const y = 8.9 + random() * 2.2;
            expect(index.findPolygon(x, y)).toBe(naiveFind(polygons, x, y));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('handles holes, multi-part polygons and a polygon inside another polygon’s hole', () => {
    const square = (x0: number, y0: number, size: number) => [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ];
    const polygons: MultiPolygonCoordinates[] = [
      [[square(0, 0, 10), square(3, 3, 4).reverse()]], // a ring with a hole
      [[square(4, 4, 2)], [square(20, 20, 1)]], // an island in the hole, and a second part far away
    ];
    const index = buildPolygonIndex(polygons);
    expect(index.findPolygon(1, 1)).toBe(0);
    expect(index.findPolygon(3.5, 3.5)).toBe(-1);
    expect(index.findPolygon(5, 5)).toBe(1);
    expect(index.findPolygon(20.5, 20.5)).toBe(1);
    expect(index.findPolygon(15, 15)).toBe(-1);
    expect(index.findPolygon(-1, 5)).toBe(-1);
    expect(index.findPolygon(Number.NaN, 5)).toBe(-1);
  });

  it('answers for dense areas that force subdivided cells', () => {
    const random = seededRandom(7);
    // Many small cells in one corner, a few large ones elsewhere: the dense corner is subdivided.
    const sites = [
      ...Array.from({ length: 2000 }, (): [number, number] => [random() * 0.5, random() * 0.5]),
      ...Array.from({ length: 20 }, (): [number, number] => [random() * 10, random() * 10]),
    ];
    const polygons = voronoiPolygons(sites, [0, 0, 10, 10]);
    const index = buildPolygonIndex(polygons);
    for (let k = 0; k < 5_000; k++) {
      const x = k % 2 === 0 ? random() * 0.6 : random() * 10;
      const y = k % 2 === 0 ? random() * 0.6 : random() * 10;
      expect(index.findPolygon(x, y)).toBe(naiveFind(polygons, x, y));
    }
  });

  it('puts points on shared vertices and edges in exactly one of the neighbours', () => {
    const polygons: MultiPolygonCoordinates[] = [
      [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
      ],
      [
        [
          [
            [1, 0],
            [2, 0],
            [2, 1],
            [1, 1],
            [1, 0],
          ],
        ],
      ],
    ];
    const index = buildPolygonIndex(polygons);
    expect([0, 1]).toContain(index.findPolygon(1, 0.5));
    expect([0, 1]).toContain(index.findPolygon(1, 1));
  });

  it('still answers near overlapping polygons, a flaw real boundary files have', () => {
    const random = seededRandom(11);
    const sites = Array.from({ length: 400 }, (): [number, number] => [random() * 10, random() * 10]);
    const polygons = voronoiPolygons(sites, [0, 0, 10, 10]);
    // Grow one polygon a little over its neighbours, as simplified boundaries sometimes do.
    const grown = (polygons[0]?.[0]?.[0] ?? []).map(([x, y]) => {
      const [cx, cy] = sites[0] as [number, number];
      return [cx + ((x as number) - cx) * 1.3, cy + ((y as number) - cy) * 1.3];
    });
    polygons[0] = [[grown]];
    const index = buildPolygonIndex(polygons);
    for (let k = 0; k < 20_000; k++) {
      const x = random() * 10;
      const y = random() * 10;
      const found = index.findPolygon(x, y);
      const containing = polygons.flatMap((_, polygon) =>
        naiveFind([polygons[polygon] as MultiPolygonCoordinates], x, y) === 0 ? [polygon] : [],
      );
      if (containing.length === 0) expect(found).toBe(-1);
      else expect(containing).toContain(found);
    }
  });

  it('finds nothing in an empty set', () => {
    expect(buildPolygonIndex([]).findPolygon(0, 0)).toBe(-1);
  });
});
