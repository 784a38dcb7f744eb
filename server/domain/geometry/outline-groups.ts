import type { LineCoordinates, MultiPolygonCoordinates, Position } from './types';

/**
 * How far beyond an unmatched edge to look for a neighbour of the same group, in coordinate units (degrees:
 * about 1 m to 110 m). Neighbouring communes in real files often do not share vertices, and in GADM their
 * common boundary can differ by up to about 100 m.
 */
const NEIGHBOUR_PROBES = [1e-5, 1e-4, 4e-4, 1e-3];

/**
 * Outlines of groups of polygons, such as the districts and the province that a file of communes belongs
 * to, without a polygon union: an edge that two polygons of the same group share is dropped, and what is
 * left is chained into lines. Shared edges are recognised by identical end points, as in topologically clean
 * boundary files. Where neighbours do not share vertices exactly, `locate` (the polygon containing a point,
 * or -1) settles it: an edge is dropped when the point just outside it, on its right, lies in another polygon
 * of the same group. That needs rings wound as RFC 7946 says (exteriors counter-clockwise, holes clockwise),
 * which puts every polygon's inside on the left of its edges.
 *
 * `groupOf[k]` names the group of `polygons[k]`; polygons with a null group take part in no outline.
 * Returns, for each group, its outline as MultiLineString coordinates.
 */
export function outlineGroups(
  polygons: readonly MultiPolygonCoordinates[],
  groupOf: readonly (string | null)[],
  locate?: (x: number, y: number) => number,
): Map<string, LineCoordinates[]> {
  const firstSeen = new Map<string, number>();
  const segments: { from: Position; to: Position; group: string; polygon: number; dropped: boolean }[] = [];
  polygons.forEach((polygon, index) => {
    const group = groupOf[index];
    if (group === null || group === undefined) return;
    for (const part of polygon) {
      for (const ring of part) {
        for (let k = 0; k < ring.length - 1; k++) {
          const from = ring[k] as Position;
          const to = ring[k + 1] as Position;
          const key = edgeKey(from, to);
          const earlier = firstSeen.get(key);
          const segment = { from, to, group, polygon: index, dropped: false };
          if (earlier !== undefined) {
            const twin = segments[earlier];
            if (twin && twin.group === group) {
              twin.dropped = true;
              segment.dropped = true;
            }
          } else {
            firstSeen.set(key, segments.length);
          }
          segments.push(segment);
        }
      }
    }
  });

  const sameGroupBeyond = (segment: (typeof segments)[number]): boolean => {
    if (!locate) return false;
    const [ax, ay] = segment.from as [number, number];
    const [bx, by] = segment.to as [number, number];
    const length = Math.hypot(bx - ax, by - ay);
    for (const probe of NEIGHBOUR_PROBES) {
      const neighbour = locate(
        (ax + bx) / 2 + ((by - ay) / length) * probe,
        (ay + by) / 2 - ((bx - ax) / length) * probe,
      );
      if (neighbour >= 0 && neighbour !== segment.polygon && groupOf[neighbour] === segment.group)
        return true;
    }
    return false;
  };

  const byGroup = new Map<string, { from: Position; to: Position }[]>();
  for (const segment of segments) {
    if (segment.dropped || sameGroupBeyond(segment)) continue;
    const list = byGroup.get(segment.group);
    if (list) list.push(segment);
    else byGroup.set(segment.group, [segment]);
  }
  const outlines = new Map<string, LineCoordinates[]>();
  for (const [group, list] of byGroup) outlines.set(group, chainSegments(list));
  return outlines;
}

function pointKey(position: Position): string {
  return `${position[0]},${position[1]}`;
}

function edgeKey(a: Position, b: Position): string {
  const keyA = pointKey(a);
  const keyB = pointKey(b);
  return keyA < keyB ? `${keyA};${keyB}` : `${keyB};${keyA}`;
}

/** Joins segments that meet end to end into as few lines as a greedy walk finds. */
function chainSegments(segments: { from: Position; to: Position }[]): LineCoordinates[] {
  const atPoint = new Map<string, number[]>();
  segments.forEach((segment, index) => {
    for (const end of [segment.from, segment.to]) {
      const key = pointKey(end);
      const list = atPoint.get(key);
      if (list) list.push(index);
      else atPoint.set(key, [index]);
    }
  });
  const used = new Uint8Array(segments.length);
  const nextFrom = (point: Position): Position | null => {
    for (const index of atPoint.get(pointKey(point)) ?? []) {
      if (used[index]) continue;
      used[index] = 1;
      const segment = segments[index] as { from: Position; to: Position };
      return pointKey(segment.from) === pointKey(point) ? segment.to : segment.from;
    }
    return null;
  };
  const lines: LineCoordinates[] = [];
  segments.forEach((segment, index) => {
    if (used[index]) return;
    used[index] = 1;
    const line: Position[] = [segment.from, segment.to];
    for (let next = nextFrom(segment.to); next; next = nextFrom(line[line.length - 1] as Position))
      line.push(next);
    const head: Position[] = [];
    for (
      let previous = nextFrom(segment.from);
      previous;
      previous = nextFrom(head[head.length - 1] as Position)
    ) {
      head.push(previous);
    }
    lines.push(head.length > 0 ? [...head.reverse(), ...line] : line);
  });
  return lines;
}
