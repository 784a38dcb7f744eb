/**
 * Small, obviously correct weight builders for the statistics' tests (brute force, fine for tens of
 * observations), independent of the production builders in ../spatial-weights, and the Columbus reference
 * data from the shared validation folder. Test code only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpatialWeights } from '../spatial-weights/spatial-weights';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const COLUMBUS_FOLDER = join(repositoryRoot, '..', 'shared', 'validation', 'columbus');
/** The shared folder sits beside the repository and is never copied in; suites that need it skip without it. */
export const COLUMBUS_AVAILABLE =
  existsSync(join(COLUMBUS_FOLDER, 'columbus.geojson')) && existsSync(join(COLUMBUS_FOLDER, 'columbus.gal'));
export const COLUMBUS_SKIPPED = COLUMBUS_AVAILABLE
  ? ''
  : ' — skipped: ../shared/validation/columbus is not present';

/** Binary CSR weights from 0-based neighbour lists (sorted and deduplicated here). */
export function weightsFromLists(lists: readonly (readonly number[])[], kind: string): SpatialWeights {
  const offsets = new Int32Array(lists.length + 1);
  const flat: number[] = [];
  lists.forEach((list, index) => {
    const sorted = [...new Set(list)].sort((a, b) => a - b);
    flat.push(...sorted);
    offsets[index + 1] = flat.length;
  });
  return {
    count: lists.length,
    offsets,
    neighbours: Int32Array.from(flat),
    weights: new Float64Array(flat.length).fill(1),
    kind,
    transform: 'binary',
    includesSelf: lists.some((list, index) => list.includes(index)),
  };
}

export function rowStandardise(weights: SpatialWeights): SpatialWeights {
  const standardised = new Float64Array(weights.weights.length);
  for (let row = 0; row < weights.count; row++) {
    const start = weights.offsets[row] as number;
    const end = weights.offsets[row + 1] as number;
    let sum = 0;
    for (let link = start; link < end; link++) sum += weights.weights[link] as number;
    for (let link = start; link < end; link++) standardised[link] = (weights.weights[link] as number) / sum;
  }
  return { ...weights, weights: standardised, transform: 'row' };
}

/** Each observation added as its own neighbour (binary weights only). */
export function addSelf(weights: SpatialWeights): SpatialWeights {
  const lists = listsOf(weights).map((list, index) => [...list, index]);
  return weightsFromLists(lists, `${weights.kind}+self`);
}

export function listsOf(weights: SpatialWeights): number[][] {
  return Array.from({ length: weights.count }, (_, row) =>
    Array.from(weights.neighbours.subarray(weights.offsets[row], weights.offsets[row + 1])),
  );
}

/** A GAL file (first line the count, then "id count" / "neighbour ids" pairs) whose ids are 1-based positions. */
export function readGal(text: string): number[][] {
  const lines = text.trim().split(/\r?\n/);
  const header = (lines[0] as string).trim().split(/\s+/);
  const count = Number(header.length > 1 ? header[1] : header[0]);
  const lists: number[][] = Array.from({ length: count }, () => []);
  for (let line = 1; line < lines.length; line += 2) {
    const [id, size] = (lines[line] as string).trim().split(/\s+/).map(Number) as [number, number];
    const neighbours = size === 0 ? [] : (lines[line + 1] as string).trim().split(/\s+/).map(Number);
    lists[id - 1] = neighbours.map((neighbour) => neighbour - 1);
  }
  return lists;
}

type Ring = [number, number][];

export interface Columbus {
  crime: Float64Array;
  x: Float64Array;
  y: Float64Array;
  /** The outer ring of each neighbourhood (every Columbus feature is a one-ring Polygon). */
  rings: Ring[];
  queenGal: number[][];
}

/** Columbus, or no observations at all when the shared folder is missing (the suites using it are skipped). */
export function loadColumbus(): Columbus {
  if (!COLUMBUS_AVAILABLE) {
    return {
      crime: new Float64Array(),
      x: new Float64Array(),
      y: new Float64Array(),
      rings: [],
      queenGal: [],
    };
  }
  const collection = JSON.parse(readFileSync(join(COLUMBUS_FOLDER, 'columbus.geojson'), 'utf8')) as {
    features: { properties: { CRIME: number; X: number; Y: number }; geometry: { coordinates: Ring[] } }[];
  };
  const features = collection.features;
  return {
    crime: Float64Array.from(features, (feature) => feature.properties.CRIME),
    x: Float64Array.from(features, (feature) => feature.properties.X),
    y: Float64Array.from(features, (feature) => feature.properties.Y),
    rings: features.map((feature) => feature.geometry.coordinates[0] as Ring),
    queenGal: readGal(readFileSync(join(COLUMBUS_FOLDER, 'columbus.gal'), 'utf8')),
  };
}

function pointKey(point: [number, number]): string {
  return `${point[0]},${point[1]}`;
}

function pairsToLists(count: number, owners: Map<string, Set<number>>): number[][] {
  const lists: Set<number>[] = Array.from({ length: count }, () => new Set());
  for (const group of owners.values()) {
    for (const first of group) for (const second of group) if (first !== second) lists[first]?.add(second);
  }
  return lists.map((set) => [...set]);
}

/** Queen contiguity: polygons sharing at least one vertex (exact coordinates). */
export function queenLists(rings: readonly Ring[]): number[][] {
  const owners = new Map<string, Set<number>>();
  rings.forEach((ring, polygon) => {
    for (const point of ring) {
      const key = pointKey(point);
      owners.set(key, (owners.get(key) ?? new Set()).add(polygon));
    }
  });
  return pairsToLists(rings.length, owners);
}

/** Rook contiguity: polygons sharing an edge, i.e. two consecutive vertices in either order. */
export function rookLists(rings: readonly Ring[]): number[][] {
  const owners = new Map<string, Set<number>>();
  rings.forEach((ring, polygon) => {
    for (let index = 0; index + 1 < ring.length; index++) {
      const ends = [pointKey(ring[index] as [number, number]), pointKey(ring[index + 1] as [number, number])];
      if (ends[0] === ends[1]) continue;
      const key = ends.sort().join('|');
      owners.set(key, (owners.get(key) ?? new Set()).add(polygon));
    }
  });
  return pairsToLists(rings.length, owners);
}

/** k nearest neighbours by brute force, ties broken by the lower index. */
export function nearestNeighbourLists(x: Float64Array, y: Float64Array, k: number): number[][] {
  return Array.from(x, (_, from) =>
    Array.from(x, (_, to) => to)
      .filter((to) => to !== from)
      .map((to) => ({
        to,
        distance: Math.hypot(
          (x[to] as number) - (x[from] as number),
          (y[to] as number) - (y[from] as number),
        ),
      }))
      .sort((a, b) => a.distance - b.distance || a.to - b.to)
      .slice(0, k)
      .map((candidate) => candidate.to),
  );
}

/** Every other point within `threshold` (inclusive). */
export function distanceBandLists(x: readonly number[], y: readonly number[], threshold: number): number[][] {
  return x.map((_, from) =>
    x
      .map((_, to) => to)
      .filter(
        (to) =>
          to !== from &&
          Math.hypot((x[to] as number) - (x[from] as number), (y[to] as number) - (y[from] as number)) <=
            threshold,
      ),
  );
}

/** Rook neighbours on a rows × columns lattice, observation = row × columns + column. */
export function latticeRookLists(rows: number, columns: number): number[][] {
  const lists: number[][] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const list: number[] = [];
      if (row > 0) list.push((row - 1) * columns + column);
      if (column > 0) list.push(row * columns + column - 1);
      if (column + 1 < columns) list.push(row * columns + column + 1);
      if (row + 1 < rows) list.push((row + 1) * columns + column);
      lists.push(list);
    }
  }
  return lists;
}
