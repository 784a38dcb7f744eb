import type { MultiPolygonCoordinates } from './types';

/**
 * Answers "which polygon contains this point?" for a set of polygons that do not overlap, such as the
 * communes of one boundary era.
 *
 * The extent is cut into a grid of cells; every cell records which polygon contains its centre and which
 * polygon edges cross it, and a cell crossed by many edges is cut again into a finer grid of its own. A point
 * is answered from its cell: walking the segment from the cell's centre to the point, each edge of a polygon
 * that the segment crosses flips whether the point is inside that polygon (the Jordan curve theorem behind
 * ray casting). A point in a cell that no edge crosses, which is most points, is answered without any
 * geometry at all. Centre ownership is found row by row with a scan line (the classic polygon fill).
 *
 * Points exactly on a shared boundary go to one of the polygons that share it, consistently.
 */
export interface PolygonIndex {
  readonly polygonCount: number;
  /** Index (into the polygons given to `buildPolygonIndex`) of the polygon containing (x, y), or -1. */
  findPolygon(x: number, y: number): number;
}

/** Top-level cells per polygon edge: about four edges a cell before subdivision. */
const TOP_CELLS_PER_EDGE = 0.25;
const MAX_TOP_CELLS = 4_000_000;
/** A cell crossed by more edges than this is subdivided. */
const MAX_EDGES_PER_LEAF = 12;
/** Aim for this many edges per sub-cell when subdividing. */
const EDGES_PER_SUBCELL = 4;
const MAX_SUBDIVISION = 64;

export function buildPolygonIndex(polygons: readonly MultiPolygonCoordinates[]): PolygonIndex {
  const edges = collectEdges(polygons);
  if (edges.count === 0) {
    return { polygonCount: polygons.length, findPolygon: () => -1 };
  }
  const grid = planTopGrid(edges);
  const topCells = assignEdgesToCells(
    edges,
    grid.minX,
    grid.minY,
    grid.cellWidth,
    grid.cellHeight,
    grid.columns,
    grid.rows,
    null,
  );
  const ownerSets = new OwnerSets();
  const topOwners = scanCentreOwners(edges, grid, topCells, ownerSets);
  const leaves = new LeafBuilder();
  const topNode = new Int32Array(grid.columns * grid.rows);
  const subdivisionSize: number[] = [];
  const subdivisionFirstLeaf: number[] = [];
  const crossings = new CrossingScratch();

  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      const cell = column + row * grid.columns;
      const start = topCells.offsets[cell] as number;
      const end = topCells.offsets[cell + 1] as number;
      const owner = topOwners[cell] as number;
      const centreX = grid.minX + (column + 0.5) * grid.cellWidth;
      const centreY = grid.minY + (row + 0.5) * grid.cellHeight;
      const edgeCount = end - start;
      if (edgeCount <= MAX_EDGES_PER_LEAF) {
        topNode[cell] = leaves.add(owner, centreX, centreY, topCells.edges.subarray(start, end));
        continue;
      }
      const size = Math.min(
        MAX_SUBDIVISION,
        Math.max(2, Math.ceil(Math.sqrt(edgeCount / EDGES_PER_SUBCELL))),
      );
      const cellEdges = topCells.edges.subarray(start, end);
      const originX = grid.minX + column * grid.cellWidth;
      const originY = grid.minY + row * grid.cellHeight;
      const subWidth = grid.cellWidth / size;
      const subHeight = grid.cellHeight / size;
      const subCells = assignEdgesToCells(
        edges,
        originX,
        originY,
        subWidth,
        subHeight,
        size,
        size,
        cellEdges,
      );
      topNode[cell] = -(subdivisionSize.length + 1);
      subdivisionSize.push(size);
      subdivisionFirstLeaf.push(leaves.count);
      for (let subRow = 0; subRow < size; subRow++) {
        for (let subColumn = 0; subColumn < size; subColumn++) {
          const subCell = subColumn + subRow * size;
          const subCentreX = originX + (subColumn + 0.5) * subWidth;
          const subCentreY = originY + (subRow + 0.5) * subHeight;
          crossings.collect(edges, centreX, centreY, subCentreX, subCentreY, cellEdges, 0, cellEdges.length);
          const subOwner = ownerSets.encode(crossings.resolveSet(ownerSets.decode(owner)));
          const subStart = subCells.offsets[subCell] as number;
          const subEnd = subCells.offsets[subCell + 1] as number;
          leaves.add(subOwner, subCentreX, subCentreY, subCells.edges.subarray(subStart, subEnd));
        }
      }
    }
  }

  const leaf = leaves.finish();
  const sizes = Int32Array.from(subdivisionSize);
  const firstLeaves = Int32Array.from(subdivisionFirstLeaf);
  const { minX, minY, cellWidth, cellHeight, columns, rows } = grid;

  return {
    polygonCount: polygons.length,
    findPolygon(x: number, y: number): number {
      const fx = (x - minX) / cellWidth;
      const fy = (y - minY) / cellHeight;
      // Written so that NaN also falls out here.
      if (!(fx >= 0 && fx < columns && fy >= 0 && fy < rows)) return -1;
      const column = fx | 0;
      const row = fy | 0;
      let node = topNode[column + row * columns] as number;
      if (node < 0) {
        const subdivision = -node - 1;
        const size = sizes[subdivision] as number;
        const subColumn = Math.min(size - 1, ((fx - column) * size) | 0);
        const subRow = Math.min(size - 1, ((fy - row) * size) | 0);
        node = (firstLeaves[subdivision] as number) + subColumn + subRow * size;
      }
      const start = leaf.edgeOffsets[node] as number;
      const end = leaf.edgeOffsets[node + 1] as number;
      const owner = leaf.owners[node] as number;
      if (start === end) return owner >= -1 ? owner : ownerSets.first(owner);
      crossings.collect(
        edges,
        leaf.centreX[node] as number,
        leaf.centreY[node] as number,
        x,
        y,
        leaf.edges,
        start,
        end,
      );
      return owner >= -1
        ? crossings.resolveSingle(owner)
        : (crossings.resolveSet(ownerSets.decode(owner))[0] ?? -1);
    },
  };
}

interface EdgeArrays {
  count: number;
  /** ax, ay, bx, by for each edge. */
  coordinates: Float64Array;
  owner: Int32Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function collectEdges(polygons: readonly MultiPolygonCoordinates[]): EdgeArrays {
  let total = 0;
  for (const polygon of polygons)
    for (const part of polygon) for (const ring of part) total += Math.max(0, ring.length - 1);
  const coordinates = new Float64Array(total * 4);
  const owner = new Int32Array(total);
  let count = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  polygons.forEach((polygon, polygonIndex) => {
    for (const part of polygon) {
      for (const ring of part) {
        for (let k = 0; k < ring.length - 1; k++) {
          const a = ring[k] as number[];
          const b = ring[k + 1] as number[];
          const ax = a[0] as number;
          const ay = a[1] as number;
          const bx = b[0] as number;
          const by = b[1] as number;
          if (ax === bx && ay === by) continue;
          coordinates[count * 4] = ax;
          coordinates[count * 4 + 1] = ay;
          coordinates[count * 4 + 2] = bx;
          coordinates[count * 4 + 3] = by;
          owner[count] = polygonIndex;
          count++;
          if (ax < minX) minX = ax;
          if (ax > maxX) maxX = ax;
          if (ay < minY) minY = ay;
          if (ay > maxY) maxY = ay;
        }
      }
    }
  });
  return { count, coordinates, owner, minX, minY, maxX, maxY };
}

interface GridPlan {
  minX: number;
  minY: number;
  cellWidth: number;
  cellHeight: number;
  columns: number;
  rows: number;
}

function planTopGrid(edges: EdgeArrays): GridPlan {
  // A small margin keeps points on the outermost vertices inside the grid.
  const marginX = Math.max((edges.maxX - edges.minX) * 1e-9, 1e-12);
  const marginY = Math.max((edges.maxY - edges.minY) * 1e-9, 1e-12);
  const minX = edges.minX - marginX;
  const minY = edges.minY - marginY;
  const width = edges.maxX + marginX - minX;
  const height = edges.maxY + marginY - minY;
  const targetCells = Math.min(MAX_TOP_CELLS, Math.max(1, Math.ceil(edges.count * TOP_CELLS_PER_EDGE)));
  const side = Math.sqrt((width * height) / targetCells);
  const columns = Math.max(1, Math.min(targetCells, Math.ceil(width / side)));
  const rows = Math.max(1, Math.min(Math.ceil(targetCells / columns), Math.ceil(height / side)));
  return { minX, minY, cellWidth: width / columns, cellHeight: height / rows, columns, rows };
}

interface CellEdges {
  /** offsets[cell] .. offsets[cell + 1] index into `edges`. */
  offsets: Int32Array;
  edges: Int32Array;
}

/**
 * Lists, for every cell of a grid, the edges that may cross it: row by row, the part of the edge inside the
 * row's band gives a span of columns. Spans are widened by a hair so rounding never loses an edge; an extra
 * edge in a list costs time, never correctness.
 */
function assignEdgesToCells(
  edges: EdgeArrays,
  originX: number,
  originY: number,
  cellWidth: number,
  cellHeight: number,
  columns: number,
  rows: number,
  subset: Int32Array | null,
): CellEdges {
  const counts = new Int32Array(columns * rows + 1);
  const visit = (edge: number, emit: (cell: number) => void) => {
    const c = edges.coordinates;
    const ax = ((c[edge * 4] as number) - originX) / cellWidth;
    const ay = ((c[edge * 4 + 1] as number) - originY) / cellHeight;
    const bx = ((c[edge * 4 + 2] as number) - originX) / cellWidth;
    const by = ((c[edge * 4 + 3] as number) - originY) / cellHeight;
    const epsilon = 1e-7;
    const firstRow = Math.max(0, Math.floor(Math.min(ay, by) - epsilon));
    const lastRow = Math.min(rows - 1, Math.floor(Math.max(ay, by) + epsilon));
    for (let row = firstRow; row <= lastRow; row++) {
      // The edge's x-extent within this row's band [row, row + 1].
      let spanMin: number;
      let spanMax: number;
      if (ay === by) {
        spanMin = Math.min(ax, bx);
        spanMax = Math.max(ax, bx);
      } else {
        const t0 = clamp01((row - ay) / (by - ay));
        const t1 = clamp01((row + 1 - ay) / (by - ay));
        const x0 = ax + t0 * (bx - ax);
        const x1 = ax + t1 * (bx - ax);
        spanMin = Math.min(x0, x1);
        spanMax = Math.max(x0, x1);
      }
      const firstColumn = Math.max(0, Math.floor(spanMin - epsilon));
      const lastColumn = Math.min(columns - 1, Math.floor(spanMax + epsilon));
      for (let column = firstColumn; column <= lastColumn; column++) emit(column + row * columns);
    }
  };
  const forEachEdge = (callback: (edge: number) => void) => {
    if (subset) for (const edge of subset) callback(edge);
    else for (let edge = 0; edge < edges.count; edge++) callback(edge);
  };

  forEachEdge((edge) =>
    visit(edge, (cell) => {
      counts[cell + 1] = (counts[cell + 1] as number) + 1;
    }),
  );
  for (let cell = 0; cell < columns * rows; cell++)
    counts[cell + 1] = (counts[cell + 1] as number) + (counts[cell] as number);
  const offsets = counts;
  const cursor = offsets.slice(0, columns * rows);
  const list = new Int32Array(offsets[columns * rows] as number);
  forEachEdge((edge) =>
    visit(edge, (cell) => {
      const position = cursor[cell] as number;
      list[position] = edge;
      cursor[cell] = position + 1;
    }),
  );
  return { offsets, edges: list };
}

function clamp01(value: number): number {
  return value < 0 ? 0 : Math.min(value, 1);
}

/**
 * Which polygon contains each top cell's centre: for each row, every edge crossing the horizontal line
 * through the row's centres is intersected with it (half-open rule for vertices on the line), the crossings
 * are sorted by x, and a sweep from the left flips membership at each one.
 */
function scanCentreOwners(
  edges: EdgeArrays,
  grid: GridPlan,
  cells: CellEdges,
  ownerSets: OwnerSets,
): Int32Array {
  const owners = new Int32Array(grid.columns * grid.rows).fill(-1);
  const lastRowSeen = new Int32Array(edges.count).fill(-1);
  const inside = new InsideSet(edges.owner);
  let crossingX = new Float64Array(1024);
  let crossingOwner = new Int32Array(1024);
  let order = new Uint32Array(1024);
  for (let row = 0; row < grid.rows; row++) {
    const y = grid.minY + (row + 0.5) * grid.cellHeight;
    let count = 0;
    const rowStart = cells.offsets[row * grid.columns] as number;
    const rowEnd = cells.offsets[(row + 1) * grid.columns] as number;
    for (let k = rowStart; k < rowEnd; k++) {
      const edge = cells.edges[k] as number;
      if (lastRowSeen[edge] === row) continue;
      lastRowSeen[edge] = row;
      const ay = edges.coordinates[edge * 4 + 1] as number;
      const by = edges.coordinates[edge * 4 + 3] as number;
      if (ay > y === by > y) continue;
      const ax = edges.coordinates[edge * 4] as number;
      const bx = edges.coordinates[edge * 4 + 2] as number;
      if (count === crossingX.length) {
        crossingX = grow(crossingX);
        crossingOwner = grow(crossingOwner);
        order = new Uint32Array(crossingX.length);
      }
      crossingX[count] = ax + ((y - ay) * (bx - ax)) / (by - ay);
      crossingOwner[count] = edges.owner[edge] as number;
      count++;
    }
    if (count === 0) continue;
    const rowOrder = order.subarray(0, count);
    for (let k = 0; k < count; k++) rowOrder[k] = k;
    rowOrder.sort((a, b) => (crossingX[a] as number) - (crossingX[b] as number));
    inside.clear();
    let next = 0;
    for (let column = 0; column < grid.columns; column++) {
      const x = grid.minX + (column + 0.5) * grid.cellWidth;
      while (next < count && (crossingX[rowOrder[next] as number] as number) < x) {
        inside.toggle(crossingOwner[rowOrder[next] as number] as number);
        next++;
      }
      owners[column + row * grid.columns] = ownerSets.encode(inside.members);
    }
  }
  return owners;
}

function grow<T extends Float64Array | Int32Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}

/** The polygons a sweep is currently inside: one, or several where polygons overlap. */
class InsideSet {
  readonly members: number[] = [];
  private readonly parity: Uint8Array;

  constructor(edgeOwners: Int32Array) {
    let polygons = 0;
    for (const owner of edgeOwners) if (owner + 1 > polygons) polygons = owner + 1;
    this.parity = new Uint8Array(polygons);
  }

  toggle(polygon: number): void {
    if (this.parity[polygon]) {
      this.parity[polygon] = 0;
      this.members.splice(this.members.indexOf(polygon), 1);
    } else {
      this.parity[polygon] = 1;
      this.members.push(polygon);
    }
  }

  clear(): void {
    for (const member of this.members) this.parity[member] = 0;
    this.members.length = 0;
  }
}

/**
 * Which polygons contain the point at the end of a segment from a cell centre whose containing polygons are
 * known: each edge the segment crosses toggles its polygon (`collect`), and the point lies in the centre's
 * polygons that did not toggle plus the polygons that did (`resolveSet`; `resolveSingle` is the same for the
 * usual centre inside at most one polygon). Orientation signs treat 0 as negative on every edge alike, which
 * amounts to nudging a vertex that lies exactly on the segment, or a point that lies exactly on an edge, off
 * it to the same side for every edge, so nothing is counted twice or not at all.
 */
class CrossingScratch {
  private toggled = new Int32Array(64);
  private count = 0;

  collect(
    edges: EdgeArrays,
    fromX: number,
    fromY: number,
    toX: number,
    toY: number,
    list: Int32Array,
    start: number,
    end: number,
  ): void {
    this.count = 0;
    const c = edges.coordinates;
    const dx = toX - fromX;
    const dy = toY - fromY;
    for (let k = start; k < end; k++) {
      const edge = list[k] as number;
      const ax = c[edge * 4] as number;
      const ay = c[edge * 4 + 1] as number;
      const bx = c[edge * 4 + 2] as number;
      const by = c[edge * 4 + 3] as number;
      const sideA = dx * (ay - fromY) - dy * (ax - fromX) > 0;
      const sideB = dx * (by - fromY) - dy * (bx - fromX) > 0;
      if (sideA === sideB) continue;
      // Taken in a fixed direction, so that coincident edges of two neighbours, which run opposite ways,
      // still agree on which side a point exactly on them lies.
      const forward = ax < bx || (ax === bx && ay < by);
      const originX = forward ? ax : bx;
      const originY = forward ? ay : by;
      const ex = forward ? bx - ax : ax - bx;
      const ey = forward ? by - ay : ay - by;
      const sideFrom = ex * (fromY - originY) - ey * (fromX - originX) > 0;
      const sideTo = ex * (toY - originY) - ey * (toX - originX) > 0;
      if (sideFrom === sideTo) continue;
      this.toggle(edges.owner[edge] as number);
    }
  }

  /** The polygon containing the point, given the one containing the centre (-1 for none). */
  resolveSingle(centreOwner: number): number {
    let centreToggled = false;
    let entered = -1;
    for (let k = 0; k < this.count; k++) {
      const polygon = this.toggled[k] as number;
      if (polygon === centreOwner) centreToggled = true;
      else if (entered === -1) entered = polygon;
    }
    return centreOwner >= 0 && !centreToggled ? centreOwner : entered;
  }

  /** The polygons containing the point, given those containing the centre. */
  resolveSet(centreOwners: readonly number[]): number[] {
    const toggled = Array.from(this.toggled.subarray(0, this.count));
    return [
      ...centreOwners.filter((polygon) => !toggled.includes(polygon)),
      ...toggled.filter((polygon) => !centreOwners.includes(polygon)),
    ];
  }

  private toggle(polygon: number): void {
    for (let k = 0; k < this.count; k++) {
      if (this.toggled[k] === polygon) {
        this.count--;
        this.toggled[k] = this.toggled[this.count] as number;
        return;
      }
    }
    if (this.count === this.toggled.length) this.toggled = grow(this.toggled);
    this.toggled[this.count++] = polygon;
  }
}

/**
 * Which polygons contain a cell centre, as one integer: the polygon's index, -1 for none, or, where
 * overlapping polygons (a flaw real boundary files have) both contain it, -2 - k for the k-th stored set.
 */
class OwnerSets {
  private readonly sets: number[][] = [];

  encode(polygons: readonly number[]): number {
    if (polygons.length === 0) return -1;
    if (polygons.length === 1) return polygons[0] as number;
    this.sets.push([...polygons].sort((a, b) => a - b));
    return -2 - (this.sets.length - 1);
  }

  decode(code: number): number[] {
    if (code === -1) return [];
    if (code >= 0) return [code];
    return this.sets[-2 - code] ?? [];
  }

  first(code: number): number {
    return this.decode(code)[0] ?? -1;
  }
}

/** Collects leaves into growable arrays, then packs them into typed arrays. */
class LeafBuilder {
  private readonly owners: number[] = [];
  private readonly centreX: number[] = [];
  private readonly centreY: number[] = [];
  private readonly offsets: number[] = [0];
  private edges = new Int32Array(1024);
  private edgeCount = 0;

  get count(): number {
    return this.owners.length;
  }

  add(owner: number, centreX: number, centreY: number, cellEdges: Int32Array): number {
    while (this.edgeCount + cellEdges.length > this.edges.length) this.edges = grow(this.edges);
    this.edges.set(cellEdges, this.edgeCount);
    this.edgeCount += cellEdges.length;
    this.owners.push(owner);
    this.centreX.push(centreX);
    this.centreY.push(centreY);
    this.offsets.push(this.edgeCount);
    return this.owners.length - 1;
  }

  finish() {
    return {
      owners: Int32Array.from(this.owners),
      centreX: Float64Array.from(this.centreX),
      centreY: Float64Array.from(this.centreY),
      edgeOffsets: Int32Array.from(this.offsets),
      edges: this.edges.slice(0, this.edgeCount),
    };
  }
}
