import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import type { MultiPolygonCoordinates, Ring } from '../geometry/types';
import { contiguityWeights } from './contiguity-weights';
import type { SpatialWeights } from './spatial-weights';

/** An axis-aligned square as a closed ring, counter-clockwise. */
function square(x: number, y: number, size = 1): Ring {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}

function rows(weights: SpatialWeights): number[][] {
  const result: number[][] = [];
  for (let observation = 0; observation < weights.count; observation++) {
    result.push(
      Array.from(weights.neighbours.subarray(weights.offsets[observation], weights.offsets[observation + 1])),
    );
  }
  return result;
}

/** Reference answer with string keys and sets: slow, obviously right. */
function naiveContiguity(polygons: MultiPolygonCoordinates[], rule: 'queen' | 'rook'): number[][] {
  const keysOf = (polygon: MultiPolygonCoordinates): Set<string> => {
    const keys = new Set<string>();
    for (const part of polygon) {
      for (const ring of part) {
        for (let position = 0; position < ring.length; position++) {
          const from = ring[position] as number[];
          if (rule === 'queen') {
            keys.add(`${from[0]},${from[1]}`);
            continue;
          }
          const to = ring[(position + 1) % ring.length] as number[];
          const ends = [`${from[0]},${from[1]}`, `${to[0]},${to[1]}`].sort();
          if (ends[0] !== ends[1]) keys.add(ends.join('|'));
        }
      }
    }
    return keys;
  };
  const keys = polygons.map(keysOf);
  return keys.map((own, observation) =>
    keys.flatMap((other, candidate) =>
      candidate !== observation && [...own].some((key) => other.has(key)) ? [candidate] : [],
    ),
  );
}

describe('contiguityWeights', () => {
  // A 3 × 3 grid of unit squares, numbered row by row from the bottom left.
  const grid: MultiPolygonCoordinates[] = [];
  for (let row = 0; row < 3; row++)
    for (let column = 0; column < 3; column++) grid.push([[square(column, row)]]);

  it('links corner-touching squares under queen but only edge-sharing ones under rook', () => {
    const queen = rows(contiguityWeights(grid, 'queen'));
    const rook = rows(contiguityWeights(grid, 'rook'));
    expect(queen[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(rook[4]).toEqual([1, 3, 5, 7]);
    expect(queen[0]).toEqual([1, 3, 4]);
    expect(rook[0]).toEqual([1, 3]);
  });

  it('matches an edge walked in opposite directions, and rings written without the closing position', () => {
    const clockwise: Ring = [
      [1, 0],
      [1, 1],
      [2, 1],
      [2, 0],
    ];
    const weights = contiguityWeights([[[square(0, 0)]], [[clockwise]]], 'rook');
    expect(rows(weights)).toEqual([[1], [0]]);
  });

  it('counts holes, keeps parts of one multipolygon from being its own neighbour, and treats -0 as 0', () => {
    const frame: MultiPolygonCoordinates = [[square(0, 0, 4), square(1, 1, 2)]];
    const island: MultiPolygonCoordinates = [[square(1, 1, 2)]];
    const twoParts: MultiPolygonCoordinates = [[square(10, 0)], [square(11, 0)]];
    const negativeZero: MultiPolygonCoordinates = [
      [
        [
          [-0, 5],
          [-1, 5],
          [-1, 6],
          [-0, 6],
          [-0, 5],
        ],
      ],
    ];
    const touchingFrame: MultiPolygonCoordinates = [[square(0, 5)]];
    const weights = contiguityWeights([frame, island, twoParts, negativeZero, touchingFrame], 'rook');
    expect(rows(weights)).toEqual([[1], [0], [], [4], [3]]);
  });

  it('needs coordinates to match exactly, as libpysal does', () => {
    const nearlyTouching: MultiPolygonCoordinates = [[square(1 + 1e-12, 0)]];
    expect(rows(contiguityWeights([[[square(0, 0)]], nearlyTouching], 'queen'))).toEqual([[], []]);
  });

  it('refuses an empty layer with a bilingual message', () => {
    expect(() => contiguityWeights([], 'queen')).toThrow(BilingualError);
  });

  // Random rings on a small lattice, so that shared vertices and edges are common.
  const latticePosition = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }));
  const ring = fc
    .tuple(fc.array(latticePosition, { minLength: 3, maxLength: 7 }), fc.boolean())
    .map(([positions, closed]) => (closed ? [...positions, positions[0] as [number, number]] : positions));
  const polygon = fc.array(fc.array(ring, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 });
  const layer = fc.array(polygon, { minLength: 1, maxLength: 12 });

  it('agrees with a brute-force reference for both rules', () => {
    fc.assert(
      fc.property(layer, (polygons) => {
        for (const rule of ['queen', 'rook'] as const) {
          expect(rows(contiguityWeights(polygons, rule))).toEqual(naiveContiguity(polygons, rule));
        }
      }),
    );
  });

  it('is symmetric, and rook neighbours are always queen neighbours', () => {
    fc.assert(
      fc.property(layer, (polygons) => {
        const queen = rows(contiguityWeights(polygons, 'queen'));
        const rook = rows(contiguityWeights(polygons, 'rook'));
        queen.forEach((neighbours, observation) => {
          for (const neighbour of neighbours) expect(queen[neighbour]).toContain(observation);
          for (const neighbour of rook[observation] as number[]) expect(neighbours).toContain(neighbour);
        });
      }),
    );
  });
});
