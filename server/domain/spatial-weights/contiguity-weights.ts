import type { MultiPolygonCoordinates } from '../geometry/types';
import type { SpatialWeights } from './spatial-weights';
import { binaryWeights, emptyInput } from './weights-operations';

export type ContiguityRule = 'queen' | 'rook';

/**
 * Binary contiguity weights from polygon boundaries, following libpysal's `Queen` / `Rook` (and GeoDa's):
 * queen = the two polygons share at least one vertex; rook = they share at least one edge, an edge being two
 * consecutive vertices of a ring in either direction. Coordinates must match exactly, as in libpysal, so the
 * polygons should come from one topologically clean layer (a shared border digitised once). Every ring
 * counts, holes included, and parts of one multipolygon never make it its own neighbour. Units do not matter.
 *
 * Vertices are hashed into typed arrays (an open-addressing table keyed on the bits of the two float64s, with
 * exact comparison on collision), so the whole-country commune layer takes a fraction of a second.
 */
export function contiguityWeights(
  polygons: readonly MultiPolygonCoordinates[],
  rule: ContiguityRule,
): SpatialWeights {
  const count = polygons.length;
  if (count === 0) throw emptyInput();
  const vertices = flattenVertices(polygons);
  const vertexIds = identifyVertices(vertices.coordinates);
  // Which polygons touch each distinct vertex: a vertex touched by one polygon links nothing (queen), and an
  // edge can only be shared when both of its ends are (rook).
  const vertexPolygons = groupByKey(vertexIds.keyOfVertex, vertexIds.keyCount, vertices.polygonStart);
  if (rule === 'queen') {
    return binaryWeights(
      count,
      ...linkThroughKeys(vertexIds.keyOfVertex, vertexPolygons, vertices.polygonStart),
      'queen',
    );
  }
  const edges = identifySharedEdges(vertices, vertexIds.keyOfVertex, vertexPolygons.polygonCounts);
  const edgePolygons = groupByKey(edges.keyOfSlot, edges.keyCount, vertices.polygonStart);
  return binaryWeights(
    count,
    ...linkThroughKeys(edges.keyOfSlot, edgePolygons, vertices.polygonStart),
    'rook',
  );
}

interface FlatVertices {
  /** x0, y0, x1, y1, … in polygon order, then part, ring and position order. */
  coordinates: Float64Array;
  /** count + 1 entries: the vertices of polygon p are polygonStart[p] … polygonStart[p + 1] − 1. */
  polygonStart: Int32Array;
  /** Ring boundaries over the same vertex numbering, rings in polygon order. */
  ringStart: Int32Array;
}

function flattenVertices(polygons: readonly MultiPolygonCoordinates[]): FlatVertices {
  let vertexCount = 0;
  let ringCount = 0;
  for (const polygon of polygons) {
    for (const part of polygon) {
      for (const ring of part) {
        vertexCount += ring.length;
        ringCount++;
      }
    }
  }
  const coordinates = new Float64Array(vertexCount * 2);
  const polygonStart = new Int32Array(polygons.length + 1);
  const ringStart = new Int32Array(ringCount + 1);
  let vertex = 0;
  let ringNumber = 0;
  for (let polygonNumber = 0; polygonNumber < polygons.length; polygonNumber++) {
    for (const part of polygons[polygonNumber] as MultiPolygonCoordinates) {
      for (const ring of part) {
        for (const position of ring) {
          // Adding 0 turns -0 into +0, which libpysal (Python float equality) treats as the same coordinate.
          coordinates[vertex * 2] = (position[0] as number) + 0;
          coordinates[vertex * 2 + 1] = (position[1] as number) + 0;
          vertex++;
        }
        ringStart[++ringNumber] = vertex;
      }
    }
    polygonStart[polygonNumber + 1] = vertex;
  }
  return { coordinates, polygonStart, ringStart };
}

interface KeyedItems {
  keyOfVertex: Int32Array;
  keyCount: number;
}

/** Numbers the distinct coordinates: identical (x, y) get the same key. */
function identifyVertices(coordinates: Float64Array): KeyedItems {
  const vertexCount = coordinates.length / 2;
  const bits = new Uint32Array(coordinates.buffer, coordinates.byteOffset, coordinates.length * 2);
  const mask = tableSize(vertexCount) - 1;
  const table = new Int32Array(mask + 1).fill(-1);
  // The first vertex seen with each key stands for it, so comparisons read `coordinates` directly.
  const representative = new Int32Array(vertexCount);
  const keyOfVertex = new Int32Array(vertexCount);
  let keyCount = 0;
  for (let vertex = 0; vertex < vertexCount; vertex++) {
    const x = coordinates[vertex * 2] as number;
    const y = coordinates[vertex * 2 + 1] as number;
    let slot =
      mix(
        bits[vertex * 4] as number,
        bits[vertex * 4 + 1] as number,
        bits[vertex * 4 + 2] as number,
        bits[vertex * 4 + 3] as number,
      ) & mask;
    for (;;) {
      const key = table[slot] as number;
      if (key === -1) {
        table[slot] = keyCount;
        representative[keyCount] = vertex;
        keyOfVertex[vertex] = keyCount++;
        break;
      }
      const other = representative[key] as number;
      if (coordinates[other * 2] === x && coordinates[other * 2 + 1] === y) {
        keyOfVertex[vertex] = key;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { keyOfVertex, keyCount };
}

interface SharedEdges {
  /** Per vertex slot v: the key of the edge from v to the next vertex of its ring, or -1 (not shareable). */
  keyOfSlot: Int32Array;
  keyCount: number;
}

/**
 * Numbers the distinct undirected edges whose two ends are both touched by more than one polygon (no other
 * edge can be shared). The edge from the last position of a ring back to the first is included when the ring
 * is not written closed.
 */
function identifySharedEdges(
  vertices: FlatVertices,
  keyOfVertex: Int32Array,
  polygonsPerVertexKey: Int32Array,
): SharedEdges {
  const slotCount = keyOfVertex.length;
  const keyOfSlot = new Int32Array(slotCount).fill(-1);
  let candidates = 0;
  for (let vertex = 0; vertex < slotCount; vertex++) {
    if ((polygonsPerVertexKey[keyOfVertex[vertex] as number] as number) > 1) candidates++;
  }
  const mask = tableSize(candidates) - 1;
  const table = new Int32Array(mask + 1).fill(-1);
  const edgeLow = new Int32Array(candidates);
  const edgeHigh = new Int32Array(candidates);
  let keyCount = 0;
  const ringStart = vertices.ringStart;
  for (let ring = 0; ring + 1 < ringStart.length; ring++) {
    const first = ringStart[ring] as number;
    const last = (ringStart[ring + 1] as number) - 1;
    if (last <= first) continue;
    const closed = keyOfVertex[first] === keyOfVertex[last];
    for (let vertex = first; vertex <= last; vertex++) {
      if (vertex === last && closed) break;
      const from = keyOfVertex[vertex] as number;
      const to = keyOfVertex[vertex === last ? first : vertex + 1] as number;
      if (from === to) continue;
      if ((polygonsPerVertexKey[from] as number) < 2 || (polygonsPerVertexKey[to] as number) < 2) continue;
      const low = Math.min(from, to);
      const high = Math.max(from, to);
      let slot = mix(low, high, 0x2545f491, 0x6c8e9cf5) & mask;
      for (;;) {
        const key = table[slot] as number;
        if (key === -1) {
          table[slot] = keyCount;
          edgeLow[keyCount] = low;
          edgeHigh[keyCount] = high;
          keyOfSlot[vertex] = keyCount++;
          break;
        }
        if (edgeLow[key] === low && edgeHigh[key] === high) {
          keyOfSlot[vertex] = key;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  return { keyOfSlot, keyCount };
}

interface PolygonsByKey {
  /** Distinct polygons per key. */
  polygonCounts: Int32Array;
  /** keyCount + 1 entries into `polygons`. */
  start: Int32Array;
  /** The distinct polygons of each key, in increasing order. */
  polygons: Int32Array;
}

/** Inverts item → key into key → distinct polygons (a counting sort; items are grouped by polygon already). */
function groupByKey(keyOfItem: Int32Array, keyCount: number, polygonStart: Int32Array): PolygonsByKey {
  const polygonCounts = new Int32Array(keyCount);
  const lastPolygon = new Int32Array(keyCount).fill(-1);
  const polygonCount = polygonStart.length - 1;
  for (let polygon = 0; polygon < polygonCount; polygon++) {
    const end = polygonStart[polygon + 1] as number;
    for (let item = polygonStart[polygon] as number; item < end; item++) {
      const key = keyOfItem[item] as number;
      if (key < 0 || lastPolygon[key] === polygon) continue;
      lastPolygon[key] = polygon;
      polygonCounts[key] = (polygonCounts[key] as number) + 1;
    }
  }
  const start = new Int32Array(keyCount + 1);
  for (let key = 0; key < keyCount; key++)
    start[key + 1] = (start[key] as number) + (polygonCounts[key] as number);
  const fill = start.slice(0, keyCount);
  const polygons = new Int32Array(start[keyCount] as number);
  lastPolygon.fill(-1);
  for (let polygon = 0; polygon < polygonCount; polygon++) {
    const end = polygonStart[polygon + 1] as number;
    for (let item = polygonStart[polygon] as number; item < end; item++) {
      const key = keyOfItem[item] as number;
      if (key < 0 || lastPolygon[key] === polygon) continue;
      lastPolygon[key] = polygon;
      const position = fill[key] as number;
      polygons[position] = polygon;
      fill[key] = position + 1;
    }
  }
  return { polygonCounts, start, polygons };
}

/** Polygon i and j are neighbours when some key lists both: sorted, repeat-free rows in CSR form. */
function linkThroughKeys(
  keyOfItem: Int32Array,
  byKey: PolygonsByKey,
  polygonStart: Int32Array,
): [Int32Array, Int32Array] {
  const polygonCount = polygonStart.length - 1;
  const offsets = new Int32Array(polygonCount + 1);
  const seenBy = new Int32Array(polygonCount).fill(-1);
  let neighbours = new Int32Array(Math.max(16, polygonCount * 8));
  let written = 0;
  for (let polygon = 0; polygon < polygonCount; polygon++) {
    seenBy[polygon] = polygon;
    const rowStart = written;
    const end = polygonStart[polygon + 1] as number;
    for (let item = polygonStart[polygon] as number; item < end; item++) {
      const key = keyOfItem[item] as number;
      if (key < 0 || (byKey.polygonCounts[key] as number) < 2) continue;
      const keyEnd = byKey.start[key + 1] as number;
      for (let position = byKey.start[key] as number; position < keyEnd; position++) {
        const other = byKey.polygons[position] as number;
        if (seenBy[other] === polygon) continue;
        seenBy[other] = polygon;
        if (written === neighbours.length) {
          const grown = new Int32Array(neighbours.length * 2);
          grown.set(neighbours);
          neighbours = grown;
        }
        neighbours[written++] = other;
      }
    }
    neighbours.subarray(rowStart, written).sort();
    offsets[polygon + 1] = written;
  }
  return [offsets, neighbours.slice(0, written)];
}

/** A power of two at least twice the item count, so linear probing stays short. */
function tableSize(itemCount: number): number {
  let size = 16;
  while (size < itemCount * 2) size *= 2;
  return size;
}

/** Mixes four 32-bit words into one hash (murmur3's finaliser steps). */
function mix(first: number, second: number, third: number, fourth: number): number {
  let hash = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13) ^ second, 0xc2b2ae35);
  hash = Math.imul(hash ^ (hash >>> 16) ^ third, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13) ^ fourth, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
