/**
 * The optimized grid as the view shows it: the cells ranked hottest first, each with its centre and box (to
 * zoom to it), and which cells the map draws when only hot spots are asked for.
 */
import type { BoundingBox } from '@domain/geometry/types';
import type { GridCell } from '../api/hot-spots';

export interface RankedCell {
  /** The cell's position in the answer's features: its id on the map. */
  index: number;
  count: number;
  z: number;
  p: number;
  bin: number;
  /** [longitude, latitude] of the middle of its outline. */
  centre: [number, number];
  /** Its outline's corners. */
  corners: [number, number][];
  box: BoundingBox;
}

/** The outline's vertices without the closing one, which repeats the first. */
function openRing(cell: GridCell): number[][] {
  const ring = cell.geometry.coordinates[0] ?? [];
  const first = ring[0];
  const last = ring.at(-1);
  const closed = ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1];
  return closed ? ring.slice(0, -1) : ring;
}

/** The mean of a hexagon's or square's vertices is its centre. */
export function cellCentre(cell: GridCell): [number, number] {
  const vertices = openRing(cell);
  if (vertices.length === 0) return [0, 0];
  let longitude = 0;
  let latitude = 0;
  for (const [x = 0, y = 0] of vertices) {
    longitude += x;
    latitude += y;
  }
  return [longitude / vertices.length, latitude / vertices.length];
}

export function cellBox(cell: GridCell): BoundingBox {
  let box: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of openRing(cell)) {
    box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  }
  return box;
}

/** Hottest first: by z, then more incidents, then the answer's order, so the ranking is stable. */
export function rankGridCells(cells: readonly GridCell[]): RankedCell[] {
  return cells
    .map((cell, index) => ({
      index,
      ...cell.properties,
      centre: cellCentre(cell),
      corners: openRing(cell).map(([x = 0, y = 0]) => [x, y] as [number, number]),
      box: cellBox(cell),
    }))
    .sort((first, second) => second.z - first.z || second.count - first.count || first.index - second.index);
}

/**
 * Whether the map draws a cell: every cell, or with "hot spots only" none that is cold. Over a province the
 * clusters raise the mean, so the quiet background often comes out cold, which says little to a commander.
 */
export function cellShown(bin: number, hotOnly: boolean): boolean {
  return !hotOnly || bin >= 0;
}
