import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { signedRingArea } from '../geometry/orient-rings';
import { seededRandom } from '../random/seeded-random';
import {
  aggregateToGrid,
  cellRing,
  type GridAggregation,
  type GridShape,
  gridCellArea,
} from './aggregate-to-grid';

const SQRT3 = Math.sqrt(3);

function hexagonCentre(size: number, column: number, row: number): [number, number] {
  return [1.5 * size * column, SQRT3 * size * (row + (column & 1) / 2)];
}

/** Brute force: the lattice hexagons around the point, nearest centre wins; returns the smallest distance. */
function nearestHexagonDistance(size: number, px: number, py: number): number {
  const column = Math.round(px / (1.5 * size));
  const row = Math.round(py / (SQRT3 * size));
  let best = Number.POSITIVE_INFINITY;
  for (let dc = -2; dc <= 2; dc++) {
    for (let dr = -2; dr <= 2; dr++) {
      const [cx, cy] = hexagonCentre(size, column + dc, row + dr);
      best = Math.min(best, Math.hypot(px - cx, py - cy));
    }
  }
  return best;
}

function cellsAsMap(grid: GridAggregation): Map<string, number> {
  const cells = new Map<string, number>();
  for (let cell = 0; cell < grid.cellCount; cell++) {
    cells.set(`${grid.column[cell]},${grid.row[cell]}`, grid.counts[cell] as number);
  }
  return cells;
}

function pointsFrom(list: [number, number][]) {
  return { x: Float64Array.from(list, (point) => point[0]), y: Float64Array.from(list, (point) => point[1]) };
}

describe('aggregateToGrid with squares', () => {
  it('counts points per fishnet cell anchored at the origin', () => {
    const { x, y } = pointsFrom([
      [0.5, 0.5],
      [0.9, 0.1],
      [1.5, 0.5],
      [1, 1],
      [-0.5, -0.5],
    ]);
    const grid = aggregateToGrid(x, y, { shape: 'square', cellSize: 1 });
    expect(cellsAsMap(grid)).toEqual(
      new Map([
        ['-1,-1', 1],
        ['0,0', 2],
        ['1,0', 1],
        ['1,1', 1],
      ]),
    );
    // Sorted by row, then column; centres in the middle of the cells.
    expect(Array.from(grid.row)).toEqual([-1, 0, 0, 1]);
    expect(Array.from(grid.centreX)).toEqual([-0.5, 0.5, 1.5, 1.5]);
    expect(Array.from(grid.centreY)).toEqual([-0.5, 0.5, 0.5, 1.5]);
    expect(Array.from(grid.cellOfPoint)).toEqual([1, 1, 2, 3, 0]);
  });

  it('keeps a point in the same cell whatever the other points (fixed origin)', () => {
    const random = seededRandom(4);
    const x = Float64Array.from({ length: 500 }, () => random() * 10_000 - 3000);
    const y = Float64Array.from({ length: 500 }, () => random() * 10_000 - 3000);
    const all = aggregateToGrid(x, y, { shape: 'square', cellSize: 250, originX: 17, originY: -3 });
    const some = aggregateToGrid(x.subarray(100, 120), y.subarray(100, 120), {
      shape: 'square',
      cellSize: 250,
      originX: 17,
      originY: -3,
    });
    for (let point = 0; point < 20; point++) {
      const a = all.cellOfPoint[100 + point] as number;
      const b = some.cellOfPoint[point] as number;
      expect([all.column[a], all.row[a]]).toEqual([some.column[b], some.row[b]]);
    }
  });

  it('adds the empty cells within the given distance of non-empty ones', () => {
    const { x, y } = pointsFrom([[0.5, 0.5]]);
    const rook = aggregateToGrid(x, y, { shape: 'square', cellSize: 1, includeEmptyWithin: 1 });
    expect(rook.cellCount).toBe(5);
    const queen = aggregateToGrid(x, y, { shape: 'square', cellSize: 1, includeEmptyWithin: Math.SQRT2 });
    expect(queen.cellCount).toBe(9);
    expect(Array.from(queen.counts).reduce((a, b) => a + b, 0)).toBe(1);
    expect(queen.counts[queen.cellOfPoint[0] as number]).toBe(1);
    const none = aggregateToGrid(x, y, { shape: 'square', cellSize: 1, includeEmptyWithin: 0 });
    expect(none.cellCount).toBe(1);
  });

  it('draws square rings counter-clockwise with the cell area', () => {
    const { x, y } = pointsFrom([[12, 37]]);
    const grid = aggregateToGrid(x, y, { shape: 'square', cellSize: 5 });
    const ring = cellRing(grid, 0);
    expect(ring[0]).toEqual(ring[4]);
    expect(ring[0]).toEqual([10, 35]);
    expect(signedRingArea(ring) / 2).toBe(25);
    expect(gridCellArea('square', 5)).toBe(25);
  });
});

describe('aggregateToGrid with hexagons', () => {
  it('assigns every point to the hexagon with the nearest centre', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (seed, size) => {
          const random = seededRandom(seed);
          const x = Float64Array.from({ length: 200 }, () => (random() - 0.5) * 40 * size);
          const y = Float64Array.from({ length: 200 }, () => (random() - 0.5) * 40 * size);
          const grid = aggregateToGrid(x, y, { shape: 'hexagon', cellSize: size });
          expect(Array.from(grid.counts).reduce((a, b) => a + b, 0)).toBe(200);
          for (let point = 0; point < 200; point++) {
            const cell = grid.cellOfPoint[point] as number;
            const px = x[point] as number;
            const py = y[point] as number;
            const distance = Math.hypot(
              px - (grid.centreX[cell] as number),
              py - (grid.centreY[cell] as number),
            );
            expect(distance).toBeLessThanOrEqual(nearestHexagonDistance(size, px, py) + size * 1e-9);
            expect(distance).toBeLessThanOrEqual(size * (1 + 1e-9));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('puts a point on an edge or a corner into exactly one of the touching hexagons', () => {
    const size = 2;
    const [ax, ay] = hexagonCentre(size, 0, 0);
    const [bx, by] = hexagonCentre(size, 1, 0);
    const edge: [number, number] = [(ax + bx) / 2, (ay + by) / 2];
    const corner: [number, number] = [size, 0];
    const { x, y } = pointsFrom([edge, corner, edge]);
    const grid = aggregateToGrid(x, y, { shape: 'hexagon', cellSize: size });
    expect(Array.from(grid.counts).reduce((a, b) => a + b, 0)).toBe(3);
    // The same position always lands in the same hexagon.
    expect(grid.cellOfPoint[0]).toBe(grid.cellOfPoint[2]);
    for (let point = 0; point < 3; point++) {
      const cell = grid.cellOfPoint[point] as number;
      const distance = Math.hypot(
        (x[point] as number) - (grid.centreX[cell] as number),
        (y[point] as number) - (grid.centreY[cell] as number),
      );
      expect(distance).toBeCloseTo(nearestHexagonDistance(size, x[point] as number, y[point] as number), 12);
    }
  });

  it('adds the six neighbours at one centre spacing (√3 · side)', () => {
    for (const [px, py] of [
      [0, 0],
      [3, 1.7],
      [-3, -1.7],
    ] as [number, number][]) {
      const grid = aggregateToGrid(Float64Array.of(px), Float64Array.of(py), {
        shape: 'hexagon',
        cellSize: 2,
        includeEmptyWithin: SQRT3 * 2,
      });
      expect(grid.cellCount).toBe(7);
      const home = grid.cellOfPoint[0] as number;
      for (let cell = 0; cell < grid.cellCount; cell++) {
        if (cell === home) continue;
        const distance = Math.hypot(
          (grid.centreX[cell] as number) - (grid.centreX[home] as number),
          (grid.centreY[cell] as number) - (grid.centreY[home] as number),
        );
        expect(distance).toBeCloseTo(SQRT3 * 2, 12);
        expect(grid.counts[cell]).toBe(0);
      }
    }
  });

  it('draws flat-topped hexagon rings counter-clockwise with the right area', () => {
    const grid = aggregateToGrid(Float64Array.of(100), Float64Array.of(100), {
      shape: 'hexagon',
      cellSize: 10,
    });
    const ring = cellRing(grid, 0);
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    for (const [px, py] of ring as [number, number][]) {
      expect(Math.hypot(px - (grid.centreX[0] as number), py - (grid.centreY[0] as number))).toBeCloseTo(
        10,
        12,
      );
    }
    expect(signedRingArea(ring) / 2).toBeCloseTo(gridCellArea('hexagon', 10), 9);
    expect(gridCellArea('hexagon', 10)).toBeCloseTo(259.8076211353316, 12);
  });
});

describe('aggregateToGrid against a reference', () => {
  /** Brute force: the cell of every point and the empty cells near them, keyed by "column,row". */
  function reference(shape: GridShape, size: number, x: Float64Array, y: Float64Array, within?: number) {
    const cells = new Map<string, number>();
    const centre = (column: number, row: number): [number, number] =>
      shape === 'square' ? [(column + 0.5) * size, (row + 0.5) * size] : hexagonCentre(size, column, row);
    for (let point = 0; point < x.length; point++) {
      const px = x[point] as number;
      const py = y[point] as number;
      let key: string;
      if (shape === 'square') {
        key = `${Math.floor(px / size)},${Math.floor(py / size)}`;
      } else {
        const column = Math.round(px / (1.5 * size));
        const row = Math.round(py / (SQRT3 * size));
        let best = Number.POSITIVE_INFINITY;
        key = '';
        for (let dc = -2; dc <= 2; dc++) {
          for (let dr = -2; dr <= 2; dr++) {
            const [cx, cy] = centre(column + dc, row + dr);
            const distance = Math.hypot(px - cx, py - cy);
            if (distance < best) {
              best = distance;
              key = `${column + dc},${row + dr}`;
            }
          }
        }
      }
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    if (within !== undefined) {
      const reach = Math.ceil(within / size) + 2;
      for (const key of [...cells.keys()]) {
        const [column, row] = key.split(',').map(Number) as [number, number];
        const [cx, cy] = centre(column, row);
        for (let dc = -reach; dc <= reach; dc++) {
          for (let dr = -reach; dr <= reach; dr++) {
            const [nx, ny] = centre(column + dc, row + dr);
            const neighbour = `${column + dc},${row + dr}`;
            if (Math.hypot(nx - cx, ny - cy) <= within * (1 + 1e-9) && !cells.has(neighbour))
              cells.set(neighbour, 0);
          }
        }
      }
    }
    return cells;
  }

  it('matches brute force, with and without empty cells, in compact and sparse extents', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom<GridShape>('square', 'hexagon'),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.option(fc.double({ min: 0, max: 4, noNaN: true }), { nil: undefined }),
        fc.boolean(),
        (seed, shape, size, withinCells, sparse) => {
          const within = withinCells === undefined ? undefined : withinCells * size;
          const random = seededRandom(seed);
          // Sparse: two far-apart groups, so that a counter per lattice cell would be too large.
          const count = 60;
          const x = Float64Array.from({ length: count }, (_, k) =>
            sparse && k % 2 === 1 ? 1e6 * size + random() * 100 : random() * 300 - 100,
          );
          const y = Float64Array.from({ length: count }, (_, k) =>
            sparse && k % 2 === 1 ? 1e6 * size + random() * 100 : random() * 300 - 100,
          );
          const grid = aggregateToGrid(x, y, { shape, cellSize: size, includeEmptyWithin: within });
          expect(cellsAsMap(grid)).toEqual(reference(shape, size, x, y, within));
          for (let point = 0; point < count; point++) {
            expect(grid.counts[grid.cellOfPoint[point] as number]).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('aggregateToGrid input checks', () => {
  it('returns no cells for no points', () => {
    const grid = aggregateToGrid(new Float64Array(), new Float64Array(), { shape: 'hexagon', cellSize: 10 });
    expect(grid.cellCount).toBe(0);
  });

  it('rejects bad sizes and distances with bilingual messages', () => {
    const x = Float64Array.of(0, 1);
    const y = Float64Array.of(0, 1);
    expect(() => aggregateToGrid(x, y, { shape: 'square', cellSize: 0 })).toThrow(BilingualError);
    expect(() => aggregateToGrid(x, y, { shape: 'square', cellSize: Number.POSITIVE_INFINITY })).toThrow(
      BilingualError,
    );
    expect(() => aggregateToGrid(x, y, { shape: 'square', cellSize: 1, includeEmptyWithin: -1 })).toThrow(
      BilingualError,
    );
    expect(() => aggregateToGrid(x, y, { shape: 'circle' as GridShape, cellSize: 1 })).toThrow(
      BilingualError,
    );
    expect(() => aggregateToGrid(Float64Array.of(0, 1e9), y, { shape: 'square', cellSize: 1e-3 })).toThrow(
      /larger cell/,
    );
    expect(() => aggregateToGrid(x, y, { shape: 'square', cellSize: 1, includeEmptyWithin: 1e5 })).toThrow(
      /larger cell size/,
    );
  });
});
