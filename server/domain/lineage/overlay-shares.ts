import Flatbush from 'flatbush';
import { intersection } from 'polyclip-ts';
import { boundingBoxOf } from '../geometry/bounding-box';
import { areaSquareKilometres } from '../geometry/measure-polygon';
import type { MultiPolygonCoordinates } from '../geometry/types';

/** A unit of one era as the overlay needs it: code and WGS84 MultiPolygon. */
export interface OverlayUnit {
  code: string;
  polygons: MultiPolygonCoordinates;
}

/** The part of an old unit's area that lies in a new unit. */
export interface AreaShare {
  oldUnitCode: string;
  newUnitCode: string;
  /** Area of the overlap, km² on the sphere. */
  areaKm2: number;
  /** The overlap as a part (0–1) of the old unit's whole area. */
  share: number;
}

export interface OverlayOptions {
  /** Pieces below this part of the old unit are slivers. */
  minimumShare: number;
  /** Pieces below this area (km²) are slivers. */
  minimumAreaKm2: number;
  /**
   * Vertices closer than this (degrees) to the line through their neighbours are dropped before the
   * overlay (Douglas–Peucker), 0 to keep all. Official 2025 layers carry vertices every few metres;
   * 0.00002° (about 2 m) changes a commune's share by far less than the slivers' threshold.
   */
  simplifyTolerance: number;
}

/**
 * Slivers: the 2021 and 2025 layers were drawn at different scales (a generalised 1:250k source against a
 * detailed one), so a shared boundary drawn twice leaves thin overlaps along it that are not transfers of
 * land. A piece under 1 % of the old unit or under 0.01 km² is dropped as such, except that an old unit's
 * largest piece is always kept, so a tiny island still gets its successor.
 */
export const DEFAULT_OVERLAY_OPTIONS: OverlayOptions = {
  minimumShare: 0.01,
  minimumAreaKm2: 0.01,
  simplifyTolerance: 0.00002,
};

export interface OverlayResult {
  /** Kept pieces, by old unit code then by share, largest first. */
  shares: AreaShare[];
  /** Each old unit's whole area, km². */
  oldAreaKm2: Map<string, number>;
  /** Old units that overlap no new unit at all (outside the new era's coverage). */
  unmatched: string[];
  /** Pieces dropped as slivers. */
  sliversDropped: number;
  /** Pairs whose overlay failed on degenerate geometry (reported, not guessed). */
  failedPairs: { oldUnitCode: string; newUnitCode: string }[];
}

type Pair = [number, number];

/**
 * Douglas–Peucker on one closed ring: keeps the vertices that stand further than `tolerance` (degrees)
 * from the line through their kept neighbours. Returns null when too little is left of the ring.
 */
function simplifyRing(ring: readonly Pair[], tolerance: number): Pair[] | null {
  if (tolerance <= 0 || ring.length <= 4) return ring.length >= 4 ? [...ring] : null;
  const last = ring.length - 1;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[last] = 1;
  // A closed ring starts and ends at the same point, so split it at the vertex furthest from the start.
  const start = ring[0] as Pair;
  let furthest = 0;
  let furthestDistance = -1;
  for (let index = 1; index < last; index++) {
    const point = ring[index] as Pair;
    const distance = (point[0] - start[0]) ** 2 + (point[1] - start[1]) ** 2;
    if (distance > furthestDistance) {
      furthestDistance = distance;
      furthest = index;
    }
  }
  keep[furthest] = 1;
  const stack: [number, number][] = [
    [0, furthest],
    [furthest, last],
  ];
  const toleranceSquared = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, end] = stack.pop() as [number, number];
    const a = ring[first] as Pair;
    const b = ring[end] as Pair;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const lengthSquared = dx * dx + dy * dy;
    let worst = -1;
    let worstDistance = toleranceSquared;
    for (let index = first + 1; index < end; index++) {
      const point = ring[index] as Pair;
      let distance: number;
      if (lengthSquared === 0) distance = (point[0] - a[0]) ** 2 + (point[1] - a[1]) ** 2;
      else {
        const cross = dx * (point[1] - a[1]) - dy * (point[0] - a[0]);
        distance = (cross * cross) / lengthSquared;
      }
      if (distance > worstDistance) {
        worstDistance = distance;
        worst = index;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, end]);
    }
  }
  const kept = ring.filter((_, index) => keep[index] === 1);
  return kept.length >= 4 ? kept : null;
}

function asClipGeometry(polygons: MultiPolygonCoordinates, tolerance: number): Pair[][][] {
  const geometry: Pair[][][] = [];
  for (const polygon of polygons) {
    const rings: Pair[][] = [];
    for (const [ringIndex, ring] of polygon.entries()) {
      const pairs = ring.map((position) => [position[0] as number, position[1] as number] as Pair);
      const simplified = simplifyRing(pairs, tolerance);
      if (simplified) rings.push(simplified);
      else if (ringIndex === 0) break;
    }
    if (rings.length > 0) geometry.push(rings);
  }
  return geometry;
}

/** One ring clipped to a half-plane (one step of Sutherland–Hodgman). */
function clipRingToHalfPlane(ring: readonly Pair[], axis: 0 | 1, limit: number, keepBelow: boolean): Pair[] {
  const inside = (point: Pair) => (keepBelow ? point[axis] <= limit : point[axis] >= limit);
  const output: Pair[] = [];
  for (let index = 0; index < ring.length; index++) {
    const current = ring[index] as Pair;
    const previous = ring[(index + ring.length - 1) % ring.length] as Pair;
    const currentInside = inside(current);
    const previousInside = inside(previous);
    if (currentInside !== previousInside) {
      const fraction = (limit - previous[axis]) / (current[axis] - previous[axis]);
      const crossing: Pair = [0, 0];
      crossing[axis] = limit;
      const other = axis === 0 ? 1 : 0;
      crossing[other] = previous[other] + fraction * (current[other] - previous[other]);
      output.push(crossing);
    }
    if (currentInside) output.push(current);
  }
  return output;
}

/**
 * A geometry cut down to a rectangle, ring by ring (Sutherland–Hodgman). Rings of concave parts may run
 * back and forth along the rectangle's edges, which adds no area, so the overlap with anything inside the
 * rectangle is unchanged while the exact intersection has far fewer edges to sweep: a 2025 commune drawn
 * with thousands of vertices is mostly outside the box of an old commune next to it.
 */
function clipToBox(geometry: readonly Pair[][][], box: readonly number[]): Pair[][][] {
  const [minX, minY, maxX, maxY] = box as [number, number, number, number];
  const clipped: Pair[][][] = [];
  for (const polygon of geometry) {
    const rings: Pair[][] = [];
    for (const [ringIndex, ring] of polygon.entries()) {
      // Drop the closing position while clipping, then close again.
      let open = ring.slice(0, -1);
      open = clipRingToHalfPlane(open, 0, minX, false);
      open = clipRingToHalfPlane(open, 0, maxX, true);
      open = clipRingToHalfPlane(open, 1, minY, false);
      open = clipRingToHalfPlane(open, 1, maxY, true);
      if (open.length < 3) {
        if (ringIndex === 0) break;
        continue;
      }
      rings.push([...open, open[0] as Pair]);
    }
    if (rings.length > 0) clipped.push(rings);
  }
  return clipped;
}

/**
 * Overlays the units of an old era on those of a new era and gives, for each old unit, the share of its
 * area in each new unit. Candidate pairs come from an R-tree of the new units' bounding boxes (Flatbush);
 * each pair is intersected exactly (polyclip-ts, Martinez–Rueda sweep) and measured on the sphere.
 */
export function overlayShares(
  oldUnits: readonly OverlayUnit[],
  newUnits: readonly OverlayUnit[],
  options: OverlayOptions = DEFAULT_OVERLAY_OPTIONS,
): OverlayResult {
  const result: OverlayResult = {
    shares: [],
    oldAreaKm2: new Map(),
    unmatched: [],
    sliversDropped: 0,
    failedPairs: [],
  };
  const usableNewUnits = newUnits.filter((unit) => unit.polygons.length > 0);
  const newGeometries = usableNewUnits.map((unit) =>
    asClipGeometry(unit.polygons, options.simplifyTolerance),
  );
  const index = usableNewUnits.length > 0 ? new Flatbush(usableNewUnits.length) : null;
  const newBoxes = usableNewUnits.map((unit) => boundingBoxOf(unit.polygons));
  for (const [minX, minY, maxX, maxY] of newBoxes) index?.add(minX, minY, maxX, maxY);
  index?.finish();

  for (const oldUnit of oldUnits) {
    const oldArea = oldUnit.polygons.length > 0 ? areaSquareKilometres(oldUnit.polygons) : 0;
    result.oldAreaKm2.set(oldUnit.code, oldArea);
    if (!(oldArea > 0) || !index) {
      result.unmatched.push(oldUnit.code);
      continue;
    }
    const [minX, minY, maxX, maxY] = boundingBoxOf(oldUnit.polygons);
    const oldGeometry = asClipGeometry(oldUnit.polygons, options.simplifyTolerance);
    const pieces: AreaShare[] = [];
    for (const candidate of index.search(minX, minY, maxX, maxY)) {
      const newUnit = usableNewUnits[candidate] as OverlayUnit;
      const newBox = newBoxes[candidate] as number[];
      const box = [
        Math.max(minX, newBox[0] as number),
        Math.max(minY, newBox[1] as number),
        Math.min(maxX, newBox[2] as number),
        Math.min(maxY, newBox[3] as number),
      ];
      const newPart = clipToBox(newGeometries[candidate] as Pair[][][], box);
      const oldPart = clipToBox(oldGeometry, box);
      if (newPart.length === 0 || oldPart.length === 0) continue;
      let overlap: Pair[][][];
      try {
        overlap = intersection(oldPart, newPart);
      } catch {
        result.failedPairs.push({ oldUnitCode: oldUnit.code, newUnitCode: newUnit.code });
        continue;
      }
      if (overlap.length === 0) continue;
      const areaKm2 = areaSquareKilometres(overlap);
      if (areaKm2 > 0) {
        pieces.push({
          oldUnitCode: oldUnit.code,
          newUnitCode: newUnit.code,
          areaKm2,
          share: areaKm2 / oldArea,
        });
      }
    }
    if (pieces.length === 0) {
      result.unmatched.push(oldUnit.code);
      continue;
    }
    pieces.sort((a, b) => b.share - a.share || a.newUnitCode.localeCompare(b.newUnitCode));
    pieces.forEach((piece, position) => {
      const sliver = piece.share < options.minimumShare || piece.areaKm2 < options.minimumAreaKm2;
      if (position > 0 && sliver) result.sliversDropped++;
      else result.shares.push(piece);
    });
  }
  return result;
}
