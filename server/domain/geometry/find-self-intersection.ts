import Flatbush from 'flatbush';
import type { MultiPolygonCoordinates, Position } from './types';

/** Below this many edges every pair is compared directly; above it, an R-tree finds the candidates. */
const BRUTE_FORCE_EDGE_LIMIT = 48;

/**
 * Finds where a polygon's boundary crosses itself, or returns null when it does not. Reported: two edges
 * that cross properly, two edges that overlap along a length (also between different rings or parts), and
 * spikes (an edge that turns straight back along the previous one). Not reported: rings or parts touching
 * at a single point, which is harmless for areas, containment and drawing.
 *
 * Every pair of edges whose bounding boxes meet is tested, found through a packed Hilbert R-tree
 * (flatbush), so the cost grows as n log n in the number of edges.
 */
export function findSelfIntersection(polygons: MultiPolygonCoordinates): Position | null {
  const edges = collectEdges(polygons);
  const count = edges.ringOf.length;
  if (count < 2) return null;

  if (count <= BRUTE_FORCE_EDGE_LIMIT) {
    for (let first = 0; first < count; first++) {
      for (let second = first + 1; second < count; second++) {
        const conflict = edgesConflict(edges, first, second);
        if (conflict) return conflict;
      }
    }
    return null;
  }

  const index = new Flatbush(count);
  for (let edge = 0; edge < count; edge++) {
    const ax = edges.coordinates[edge * 4] as number;
    const ay = edges.coordinates[edge * 4 + 1] as number;
    const bx = edges.coordinates[edge * 4 + 2] as number;
    const by = edges.coordinates[edge * 4 + 3] as number;
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  let found: Position | null = null;
  for (let first = 0; first < count && !found; first++) {
    const ax = edges.coordinates[first * 4] as number;
    const ay = edges.coordinates[first * 4 + 1] as number;
    const bx = edges.coordinates[first * 4 + 2] as number;
    const by = edges.coordinates[first * 4 + 3] as number;
    index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), (second) => {
      if (found || second <= first) return false;
      found = edgesConflict(edges, first, second);
      return false;
    });
  }
  return found;
}

interface EdgeList {
  /** ax, ay, bx, by for each edge. */
  coordinates: Float64Array;
  ringOf: Int32Array;
  positionInRing: Int32Array;
  ringEdgeCount: number[];
}

function collectEdges(polygons: MultiPolygonCoordinates): EdgeList {
  let total = 0;
  for (const polygon of polygons) for (const ring of polygon) total += Math.max(0, ring.length - 1);
  const coordinates = new Float64Array(total * 4);
  const ringOf = new Int32Array(total);
  const positionInRing = new Int32Array(total);
  const ringEdgeCount: number[] = [];
  let edge = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const ringIndex = ringEdgeCount.length;
      ringEdgeCount.push(ring.length - 1);
      for (let k = 0; k < ring.length - 1; k++) {
        const a = ring[k] as Position;
        const b = ring[k + 1] as Position;
        coordinates[edge * 4] = a[0] as number;
        coordinates[edge * 4 + 1] = a[1] as number;
        coordinates[edge * 4 + 2] = b[0] as number;
        coordinates[edge * 4 + 3] = b[1] as number;
        ringOf[edge] = ringIndex;
        positionInRing[edge] = k;
        edge++;
      }
    }
  }
  return { coordinates, ringOf, positionInRing, ringEdgeCount };
}

/** Twice the signed area of triangle (a, b, c): > 0 when c is left of a→b, 0 when collinear. */
function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function edgesConflict(edges: EdgeList, first: number, second: number): Position | null {
  const c = edges.coordinates;
  const ax = c[first * 4] as number;
  const ay = c[first * 4 + 1] as number;
  const bx = c[first * 4 + 2] as number;
  const by = c[first * 4 + 3] as number;
  const px = c[second * 4] as number;
  const py = c[second * 4 + 1] as number;
  const qx = c[second * 4 + 2] as number;
  const qy = c[second * 4 + 3] as number;

  const sameRing = edges.ringOf[first] === edges.ringOf[second];
  if (sameRing) {
    const ringLength = edges.ringEdgeCount[edges.ringOf[first] as number] as number;
    const i = edges.positionInRing[first] as number;
    const j = edges.positionInRing[second] as number;
    // Consecutive edges share a vertex; they conflict only when the second turns straight back (a spike).
    if (j === i + 1 || (i === 0 && j === ringLength - 1)) {
      const [sharedX, sharedY, otherFirstX, otherFirstY, otherSecondX, otherSecondY] =
        j === i + 1 ? [bx, by, ax, ay, qx, qy] : [ax, ay, bx, by, px, py];
      if (orientation(otherFirstX, otherFirstY, sharedX, sharedY, otherSecondX, otherSecondY) !== 0)
        return null;
      const dot =
        (otherFirstX - sharedX) * (otherSecondX - sharedX) +
        (otherFirstY - sharedY) * (otherSecondY - sharedY);
      return dot > 0 ? [sharedX, sharedY] : null;
    }
  }

  const d1 = orientation(ax, ay, bx, by, px, py);
  const d2 = orientation(ax, ay, bx, by, qx, qy);
  const d3 = orientation(px, py, qx, qy, ax, ay);
  const d4 = orientation(px, py, qx, qy, bx, by);

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d3 / (d3 - d4);
    return [ax + t * (bx - ax), ay + t * (by - ay)];
  }
  if (d1 === 0 && d2 === 0) return collinearOverlap(ax, ay, bx, by, px, py, qx, qy);
  return null;
}

/** Overlap of two collinear segments along a positive length, reported at its first point. */
function collinearOverlap(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  px: number,
  py: number,
  qx: number,
  qy: number,
): Position | null {
  // Project on the axis along which the first segment is longer.
  const alongX = Math.abs(bx - ax) >= Math.abs(by - ay);
  const a = alongX ? ax : ay;
  const b = alongX ? bx : by;
  const p = alongX ? px : py;
  const q = alongX ? qx : qy;
  const start = Math.max(Math.min(a, b), Math.min(p, q));
  const end = Math.min(Math.max(a, b), Math.max(p, q));
  if (end <= start) return null;
  const t = b === a ? 0 : (start - a) / (b - a);
  return [ax + t * (bx - ax), ay + t * (by - ay)];
}
