import { BilingualError, bilingual } from '../bilingual';
import type { Ring } from '../geometry/types';
import {
  MAXIMUM_GRID_CELLS,
  tooManyCellsError,
  validatePoints,
  validatePositiveLength,
} from './validate-points';

export type GridShape = 'square' | 'hexagon';

export interface GridAggregationOptions {
  readonly shape: GridShape;
  /** Squares: the side. Hexagons: the side, which is also the distance from centre to corner. */
  readonly cellSize: number;
  /**
   * Also return empty cells whose centre lies within this distance of the centre of a non-empty cell, so that
   * G_i* sees the zeros around clusters (as ArcGIS Optimized Hot Spot Analysis does with its fishnet over the
   * study area). Absent: only cells holding at least one point.
   */
  readonly includeEmptyWithin?: number;
  /** A fixed lattice point, (0, 0) by default: a corner of a square cell, the centre of a hexagon. */
  readonly originX?: number;
  readonly originY?: number;
}

/** Cells as parallel arrays (no object per cell), sorted by row, then column. */
export interface GridAggregation {
  readonly shape: GridShape;
  readonly cellSize: number;
  readonly originX: number;
  readonly originY: number;
  readonly cellCount: number;
  /** Lattice coordinates of each cell: see `aggregateToGrid` for hexagons. */
  readonly column: Int32Array;
  readonly row: Int32Array;
  readonly centreX: Float64Array;
  readonly centreY: Float64Array;
  readonly counts: Int32Array;
  /** The cell each input point fell into, to drill down from a cell to its incidents. */
  readonly cellOfPoint: Int32Array;
}

const SQRT3 = Math.sqrt(3);
/** Lattice indices beyond this would lose precision in the cell keys. */
const MAXIMUM_LATTICE_SPAN = 2 ** 26;

/**
 * Counts points per cell of a square fishnet or a hexagonal grid, for hot-spot analysis of incident points.
 *
 * Both lattices are tied to a fixed origin rather than to the data's extent, so that the same place falls in the
 * same cell whatever the filter or period, and periods can be compared cell by cell.
 *
 * Squares: cell (column, row) is [originX + column·s, originX + (column + 1)·s) × [originY + row·s, …); a point on
 * a shared edge belongs to the cell east or north of it. Area s².
 *
 * Hexagons: flat-topped (two corners on the east–west axis), side s = distance from centre to corner, so they
 * are 2s wide and √3·s tall; area (3√3/2)·s² ≈ 2.598·s². Columns are 1.5·s apart; in offset coordinates
 * ("odd-q": odd columns shifted north by half a row) the centre of (column, row) is
 * (originX + 1.5·s·column, originY + √3·s·(row + (column mod 2)/2)). A point goes to the hexagon with the
 * nearest centre, found with cube-coordinate rounding (Red Blob Games, "Hexagonal Grids"); a point exactly on an
 * edge goes to exactly one of the two hexagons, always the same one.
 *
 * Cost: one pass over the points with numeric cell keys and a counting array (or a sort when the extent is
 * too sparse for an array), so a million points take tens of milliseconds.
 */
export function aggregateToGrid(
  x: Float64Array,
  y: Float64Array,
  options: GridAggregationOptions,
): GridAggregation {
  const count = validatePoints(x, y);
  const { shape, cellSize } = options;
  if (shape !== 'square' && shape !== 'hexagon') {
    throw new BilingualError(
      bilingual(`Hình dạng ô không hợp lệ: ${String(shape)}.`, `Unknown cell shape: ${String(shape)}.`),
    );
  }
  validatePositiveLength(cellSize, 'Kích thước ô lưới', 'The cell size');
  const originX = options.originX ?? 0;
  const originY = options.originY ?? 0;
  if (!(Number.isFinite(originX) && Number.isFinite(originY))) {
    throw new BilingualError(bilingual('Gốc lưới không hợp lệ.', 'The grid origin is not valid.'));
  }
  const emptyWithin = options.includeEmptyWithin;
  if (emptyWithin !== undefined && !(Number.isFinite(emptyWithin) && emptyWithin >= 0)) {
    throw new BilingualError(
      bilingual(
        `Khoảng cách lấy thêm ô trống phải là số không âm (đang là ${emptyWithin}).`,
        `The distance for including empty cells must be a number of at least zero (got ${emptyWithin}).`,
      ),
    );
  }

  // Lattice coordinates of every point.
  const pointColumn = new Int32Array(count);
  const pointRow = new Int32Array(count);
  const hexagon = shape === 'hexagon';
  let minimumColumn = Number.POSITIVE_INFINITY;
  let maximumColumn = Number.NEGATIVE_INFINITY;
  let minimumRow = Number.POSITIVE_INFINITY;
  let maximumRow = Number.NEGATIVE_INFINITY;
  for (let point = 0; point < count; point++) {
    const dx = ((x[point] as number) - originX) / cellSize;
    const dy = ((y[point] as number) - originY) / cellSize;
    let column: number;
    let row: number;
    if (hexagon) {
      // Fractional axial coordinates of a flat-topped hexagon lattice, then cube rounding.
      const q = (2 / 3) * dx;
      const r = -dx / 3 + dy / SQRT3;
      const s = -q - r;
      let roundedQ = Math.round(q);
      let roundedR = Math.round(r);
      const roundedS = Math.round(s);
      const errorQ = Math.abs(roundedQ - q);
      const errorR = Math.abs(roundedR - r);
      const errorS = Math.abs(roundedS - s);
      if (errorQ > errorR && errorQ > errorS) roundedQ = -roundedR - roundedS;
      else if (errorR > errorS) roundedR = -roundedQ - roundedS;
      column = roundedQ;
      row = roundedR + Math.floor(roundedQ / 2);
    } else {
      column = Math.floor(dx);
      row = Math.floor(dy);
    }
    if (!(Math.abs(column) < MAXIMUM_LATTICE_SPAN && Math.abs(row) < MAXIMUM_LATTICE_SPAN)) {
      throw cellTooSmallError();
    }
    pointColumn[point] = column;
    pointRow[point] = row;
    if (column < minimumColumn) minimumColumn = column;
    if (column > maximumColumn) maximumColumn = column;
    if (row < minimumRow) minimumRow = row;
    if (row > maximumRow) maximumRow = row;
  }

  const neighbourhood =
    emptyWithin === undefined ? undefined : neighbourOffsets(shape, cellSize, emptyWithin);
  const padColumns = neighbourhood?.reachColumns ?? 0;
  const padRows = neighbourhood?.reachRows ?? 0;
  const firstColumn = count === 0 ? 0 : minimumColumn - padColumns;
  const firstRow = count === 0 ? 0 : minimumRow - padRows;
  const columns = count === 0 ? 0 : maximumColumn - minimumColumn + 1 + 2 * padColumns;
  const rows = count === 0 ? 0 : maximumRow - minimumRow + 1 + 2 * padRows;
  if (!(columns < MAXIMUM_LATTICE_SPAN && rows < MAXIMUM_LATTICE_SPAN)) throw cellTooSmallError();

  // Cell key = (row − firstRow)·columns + (column − firstColumn): row-major, exact in a double.
  const pointKey = new Float64Array(count);
  for (let point = 0; point < count; point++) {
    pointKey[point] =
      ((pointRow[point] as number) - firstRow) * columns + ((pointColumn[point] as number) - firstColumn);
  }
  const span = columns * rows;
  const { keys, counts, cellOfPoint } =
    span <= Math.max(4 * count, 1 << 20) && span <= MAXIMUM_GRID_CELLS
      ? cellsByCountingArray(pointKey, span, columns, firstColumn, neighbourhood)
      : cellsBySorting(pointKey, columns, rows, firstColumn, neighbourhood);

  const cellCount = keys.length;
  const column = new Int32Array(cellCount);
  const row = new Int32Array(cellCount);
  const centreX = new Float64Array(cellCount);
  const centreY = new Float64Array(cellCount);
  for (let cell = 0; cell < cellCount; cell++) {
    const key = keys[cell] as number;
    const cellRow = Math.floor(key / columns) + firstRow;
    const cellColumn = key - (cellRow - firstRow) * columns + firstColumn;
    column[cell] = cellColumn;
    row[cell] = cellRow;
    if (hexagon) {
      centreX[cell] = originX + 1.5 * cellSize * cellColumn;
      centreY[cell] = originY + SQRT3 * cellSize * (cellRow + (cellColumn & 1) / 2);
    } else {
      centreX[cell] = originX + (cellColumn + 0.5) * cellSize;
      centreY[cell] = originY + (cellRow + 0.5) * cellSize;
    }
  }
  return { shape, cellSize, originX, originY, cellCount, column, row, centreX, centreY, counts, cellOfPoint };
}

/** The closed outline of a cell, counter-clockwise (RFC 7946), for the map. */
export function cellRing(grid: GridAggregation, cell: number): Ring {
  const cx = grid.centreX[cell] as number;
  const cy = grid.centreY[cell] as number;
  const size = grid.cellSize;
  if (grid.shape === 'square') {
    const half = size / 2;
    return [
      [cx - half, cy - half],
      [cx + half, cy - half],
      [cx + half, cy + half],
      [cx - half, cy + half],
      [cx - half, cy - half],
    ];
  }
  const halfHeight = (SQRT3 / 2) * size;
  const ring: Ring = [
    [cx + size, cy],
    [cx + size / 2, cy + halfHeight],
    [cx - size / 2, cy + halfHeight],
    [cx - size, cy],
    [cx - size / 2, cy - halfHeight],
    [cx + size / 2, cy - halfHeight],
  ];
  ring.push([cx + size, cy]);
  return ring;
}

/** Area of one cell in square input units: s² for squares, (3√3/2)·s² for hexagons of side s. */
export function gridCellArea(shape: GridShape, cellSize: number): number {
  return shape === 'square' ? cellSize * cellSize : ((3 * SQRT3) / 2) * cellSize * cellSize;
}

interface Neighbourhood {
  /** (column, row) offsets to lattice cells whose centre lies within the distance, for even and odd columns. */
  readonly evenColumns: Int32Array;
  readonly oddColumns: Int32Array;
  readonly reachColumns: number;
  readonly reachRows: number;
}

/** Offsets from a cell to every cell whose centre lies within `distance` of its centre (itself excluded). */
function neighbourOffsets(shape: GridShape, cellSize: number, distance: number): Neighbourhood {
  const hexagon = shape === 'hexagon';
  const columnSpacing = hexagon ? 1.5 * cellSize : cellSize;
  const rowSpacing = hexagon ? SQRT3 * cellSize : cellSize;
  const reachColumns = Math.floor(distance / columnSpacing) + 1;
  const reachRows = Math.floor(distance / rowSpacing) + 1;
  if ((2 * reachColumns + 1) * (2 * reachRows + 1) > MAXIMUM_GRID_CELLS) {
    throw tooManyCellsError((2 * reachColumns + 1) * (2 * reachRows + 1));
  }
  // A relative tolerance so that a distance typed as "one cell" reaches the lattice neighbours exactly.
  const limit = distance * distance * (1 + 1e-9);
  const lists: [number[], number[]] = [[], []];
  for (const parity of [0, 1] as const) {
    for (let dr = -reachRows; dr <= reachRows; dr++) {
      for (let dc = -reachColumns; dc <= reachColumns; dc++) {
        if (dc === 0 && dr === 0) continue;
        const dx = dc * columnSpacing;
        // Hexagons: odd columns sit half a row higher, so the vertical offset depends on both parities.
        const dy = hexagon ? (dr + (((parity + dc) & 1) - parity) / 2) * rowSpacing : dr * rowSpacing;
        if (dx * dx + dy * dy <= limit) lists[parity].push(dc, dr);
      }
    }
  }
  return {
    evenColumns: Int32Array.from(lists[0]),
    oddColumns: Int32Array.from(lists[1]),
    reachColumns,
    reachRows,
  };
}

interface Cells {
  readonly keys: Float64Array;
  readonly counts: Int32Array;
  readonly cellOfPoint: Int32Array;
}

/** The common case: the extent is small enough for one counter per lattice cell. */
function cellsByCountingArray(
  pointKey: Float64Array,
  span: number,
  columns: number,
  firstColumn: number,
  neighbourhood: Neighbourhood | undefined,
): Cells {
  const count = pointKey.length;
  const perKey = new Int32Array(span);
  for (let point = 0; point < count; point++) {
    const key = pointKey[point] as number;
    perKey[key] = (perKey[key] as number) + 1;
  }
  let included: Uint8Array | undefined;
  if (neighbourhood) {
    included = new Uint8Array(span);
    for (let key = 0; key < span; key++) {
      if (perKey[key] === 0) continue;
      // The padding added around the extent keeps every offset inside the array and off the next row.
      const column = key % columns;
      const offsets =
        ((column + firstColumn) & 1) === 0 ? neighbourhood.evenColumns : neighbourhood.oddColumns;
      for (let k = 0; k < offsets.length; k += 2) {
        included[key + (offsets[k + 1] as number) * columns + (offsets[k] as number)] = 1;
      }
    }
  }
  let cellCount = 0;
  for (let key = 0; key < span; key++) {
    if (perKey[key] !== 0 || included?.[key] === 1) cellCount++;
  }
  if (cellCount > MAXIMUM_GRID_CELLS) throw tooManyCellsError(cellCount);
  const keys = new Float64Array(cellCount);
  const counts = new Int32Array(cellCount);
  // perKey is reused to hold each key's cell number once its count has been copied.
  let cell = 0;
  for (let key = 0; key < span; key++) {
    const keyCount = perKey[key] as number;
    if (keyCount === 0 && included?.[key] !== 1) continue;
    keys[cell] = key;
    counts[cell] = keyCount;
    perKey[key] = cell++;
  }
  const cellOfPoint = new Int32Array(count);
  for (let point = 0; point < count; point++)
    cellOfPoint[point] = perKey[pointKey[point] as number] as number;
  return { keys, counts, cellOfPoint };
}

/** Points spread over a huge sparse extent: sort the keys instead of allocating a counter per lattice cell. */
function cellsBySorting(
  pointKey: Float64Array,
  columns: number,
  rows: number,
  firstColumn: number,
  neighbourhood: Neighbourhood | undefined,
): Cells {
  const count = pointKey.length;
  // Occupied cells in key order, and which of them holds each point.
  const order = orderByKey(pointKey);
  const occupiedKeys = new Float64Array(count);
  const occupiedCounts = new Int32Array(count);
  const occupiedOfPoint = new Int32Array(count);
  let occupied = -1;
  for (let position = 0; position < count; position++) {
    const point = order[position] as number;
    const key = pointKey[point] as number;
    if (occupied < 0 || key !== occupiedKeys[occupied]) occupiedKeys[++occupied] = key;
    occupiedCounts[occupied] = (occupiedCounts[occupied] as number) + 1;
    occupiedOfPoint[point] = occupied;
  }
  const occupiedCount = occupied + 1;
  if (!neighbourhood) {
    return {
      keys: occupiedKeys.slice(0, occupiedCount),
      counts: occupiedCounts.slice(0, occupiedCount),
      cellOfPoint: occupiedOfPoint,
    };
  }

  const candidates: number[] = [];
  for (let cell = 0; cell < occupiedCount; cell++) {
    const key = occupiedKeys[cell] as number;
    candidates.push(key);
    const row = Math.floor(key / columns);
    const column = key - row * columns;
    const offsets = ((column + firstColumn) & 1) === 0 ? neighbourhood.evenColumns : neighbourhood.oddColumns;
    for (let k = 0; k < offsets.length; k += 2) {
      const neighbourColumn = column + (offsets[k] as number);
      const neighbourRow = row + (offsets[k + 1] as number);
      if (neighbourColumn >= 0 && neighbourColumn < columns && neighbourRow >= 0 && neighbourRow < rows) {
        candidates.push(neighbourRow * columns + neighbourColumn);
      }
    }
    if (candidates.length > 4 * MAXIMUM_GRID_CELLS) throw tooManyCellsError(candidates.length);
  }
  const keys = uniqueSorted(Float64Array.from(candidates).sort());
  if (keys.length > MAXIMUM_GRID_CELLS) throw tooManyCellsError(keys.length);
  // Both key lists are sorted: one merge walk finds each occupied cell among all cells.
  const counts = new Int32Array(keys.length);
  const cellOfOccupied = new Int32Array(occupiedCount);
  let cell = 0;
  for (let index = 0; index < occupiedCount; index++) {
    while ((keys[cell] as number) < (occupiedKeys[index] as number)) cell++;
    cellOfOccupied[index] = cell;
    counts[cell] = occupiedCounts[index] as number;
  }
  const cellOfPoint = new Int32Array(count);
  for (let point = 0; point < count; point++) {
    cellOfPoint[point] = cellOfOccupied[occupiedOfPoint[point] as number] as number;
  }
  return { keys, counts, cellOfPoint };
}

/** Point indices in increasing key order (ties in input order). */
function orderByKey(pointKey: Float64Array): Uint32Array {
  const count = pointKey.length;
  let maximumKey = 0;
  for (let point = 0; point < count; point++) maximumKey = Math.max(maximumKey, pointKey[point] as number);
  const order = new Uint32Array(count);
  if ((maximumKey + 1) * count < 2 ** 53) {
    // Key and index packed into one exact double: a native numeric sort, no comparator calls.
    const packed = new Float64Array(count);
    for (let point = 0; point < count; point++) packed[point] = (pointKey[point] as number) * count + point;
    packed.sort();
    for (let position = 0; position < count; position++)
      order[position] = (packed[position] as number) % count;
    return order;
  }
  for (let point = 0; point < count; point++) order[point] = point;
  return order.sort((a, b) => (pointKey[a] as number) - (pointKey[b] as number) || a - b);
}

function uniqueSorted(sorted: Float64Array): Float64Array {
  let unique = 0;
  for (let k = 0; k < sorted.length; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[unique++] = sorted[k] as number;
  }
  return sorted.slice(0, unique);
}

function cellTooSmallError(): BilingualError {
  return new BilingualError(
    bilingual(
      'Kích thước ô quá nhỏ so với toạ độ của các điểm. Hãy chọn ô lớn hơn.',
      'The cell size is too small for the coordinates of the points. Please choose a larger cell.',
    ),
  );
}
