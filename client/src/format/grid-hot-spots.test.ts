import { describe, expect, it } from 'vitest';
import type { GridCell } from '../api/hot-spots';
import { cellBox, cellCentre, cellShown, rankGridCells } from './grid-hot-spots';

function square(x: number, y: number, properties: GridCell['properties']): GridCell {
  return {
    type: 'Feature',
    properties,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    },
  };
}

describe('the optimized grid in the view', () => {
  it('finds a cell’s centre and box without counting the closing vertex twice', () => {
    const cell = square(105, 10, { count: 1, z: 0, p: 1, bin: 0 });
    expect(cellCentre(cell)).toEqual([105.5, 10.5]);
    expect(cellBox(cell)).toEqual([105, 10, 106, 11]);
  });

  it('ranks cells hottest first, ties by more incidents, then in the answer’s order', () => {
    const ranked = rankGridCells([
      square(0, 0, { count: 2, z: 1.2, p: 0.2, bin: 0 }),
      square(1, 0, { count: 50, z: 3.4, p: 0.0005, bin: 3 }),
      square(2, 0, { count: 90, z: 3.4, p: 0.0005, bin: 3 }),
      square(3, 0, { count: 0, z: -2.1, p: 0.03, bin: -1 }),
      square(4, 0, { count: 2, z: 1.2, p: 0.2, bin: 0 }),
    ]);
    expect(ranked.map((cell) => cell.index)).toEqual([2, 1, 0, 4, 3]);
    expect(ranked[0]).toMatchObject({ count: 90, z: 3.4, bin: 3, centre: [2.5, 0.5], box: [2, 0, 3, 1] });
    expect(ranked[0]?.corners).toEqual([
      [2, 0],
      [3, 0],
      [3, 1],
      [2, 1],
    ]);
  });

  it('hides only cold cells when hot spots alone are asked for', () => {
    expect([3, 0, -1, -3].map((bin) => cellShown(bin, true))).toEqual([true, true, false, false]);
    expect([3, 0, -1, -3].map((bin) => cellShown(bin, false))).toEqual([true, true, true, true]);
  });
});
