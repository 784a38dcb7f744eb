import { Delaunay } from 'd3-delaunay';
import { signedRingArea } from '../../server/domain/geometry/orient-rings';
import type { MultiPolygonCoordinates, Position } from '../../server/domain/geometry/types';
import { seededRandom } from '../../server/domain/random/seeded-random';

/**
 * A fictional province, Tỉnh Sông Ngọc, for the demo dataset. It is made up entirely by this code from a
 * seed, so the same seed always gives the same province, bit for bit, and no third-party data is involved.
 *
 * Communes are Voronoi cells of jittered lattice sites, denser around the city so that urban wards come out
 * smaller than rural communes; the province is the cells whose sites lie deepest inside an irregular blob.
 * Cell edges are made organic by midpoint displacement seeded by the edge's two end points, so neighbours
 * draw their common boundary with exactly the same vertices. The 2025 era merges groups of adjacent
 * communes by cancelling their shared edges, so its boundaries are exact unions of the 2020 ones.
 */

export const DEMO_PROVINCE_NAME = 'Tỉnh Sông Ngọc';

export type DemoCommuneKind = 'Xã' | 'Phường' | 'Thị trấn';

/** A type alias rather than an interface, so that it fits the importer's `Record<string, unknown>`. */
export type DemoCommuneProperties = {
  /** Five digits from 99001 (2020) or 99501 (2025): a range no GSO commune code uses. */
  code: string;
  /** Without the kind: "Tân Hòa", not "Xã Tân Hòa". */
  name: string;
  type: DemoCommuneKind;
  /** "Huyện Vĩnh Phong"; null after 1 July 2025, when districts were abolished. */
  district: string | null;
  province: string;
  population: number;
  /** 2025 communes only: codes of the 2020 communes merged into this one. */
  predecessors?: string[];
};

export interface DemoFeature {
  type: 'Feature';
  properties: DemoCommuneProperties;
  /** WGS84 longitude/latitude in degrees to 6 decimals (about 0.1 m); exteriors counter-clockwise. */
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoordinates };
}

export interface DemoEra {
  label: string;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** Last valid day (inclusive), YYYY-MM-DD; null while still in force. */
  validTo: string | null;
  features: DemoFeature[];
}

/** [x, y] in km east and north of the province centre. */
type Point = [number, number];

interface DistrictPlan {
  kind: 'Thành phố' | 'Thị xã' | 'Huyện';
  name: string;
  /** Share of its communes that are wards (Phường): those nearest its centre. */
  wardShare: number;
}

/** The city first: the sites are densest around it. Each Huyện has one Thị trấn, which bears its name. */
const DISTRICTS: readonly DistrictPlan[] = [
  { kind: 'Thành phố', name: 'Ngọc Châu', wardShare: 0.7 },
  { kind: 'Thị xã', name: 'Phước Hưng', wardShare: 0.35 },
  { kind: 'Huyện', name: 'Vĩnh Phong', wardShare: 0 },
  { kind: 'Huyện', name: 'An Điền', wardShare: 0 },
  { kind: 'Huyện', name: 'Mỹ Khánh', wardShare: 0 },
];

/** Common Mekong Delta commune names; none is also the name of a real province or district. */
const COMMUNE_NAMES =
  `Tân Hòa, Vĩnh Phú, An Thạnh, Mỹ Lợi, Bình Đông, Phước Lợi, Long Hưng, Tân Định, Thạnh Hòa,
  Vĩnh Kim, Mỹ Hòa, An Bình, Phú Thạnh, Long Thạnh, Tân Lập, Hòa Lợi, Bình Lộc, Thới Sơn, Phú An, Mỹ Thuận,
  Long Hòa, Tân Hội, Vĩnh Xuân, An Khánh, Hưng Lợi, Phước Thạnh, Thuận Hưng, Bình Hòa, Tân Khánh, Hiệp Hưng,
  Mỹ Phước, Long Khương, Vĩnh Hòa, Phú Hữu, Tân Thành, An Hiệp, Thạnh Lộc, Hòa Hưng, Lộc Hòa, Đông Thạnh,
  Trung An, Nhơn Mỹ, Quới Thiện, Xuân Hiệp, Định An, Phú Thuận, Thành Lợi, Tân Quới, Vĩnh Trung, Mỹ An,
  An Phước, Hòa Tân, Phước Hậu, Tân Long, Thạnh Quới, Đông Bình, Thuận Thới, Mỹ Thạnh, An Lạc, Tân Mỹ,
  Hưng Phú, Hòa Khánh, Phú Đức, Trường Long`.split(/,\s*/);

const CENTRE_LONGITUDE = 105.9;
const CENTRE_LATITUDE = 10.2;
const KM_PER_DEGREE_LATITUDE = 110.6;
const KM_PER_DEGREE_LONGITUDE = 111.32 * Math.cos((CENTRE_LATITUDE * Math.PI) / 180);
/** Distance between lattice sites, km: hexagonal cells of about 42 km². */
const SITE_SPACING_KM = 7;
/** How much sites at the city centre are pulled towards it (a share of their distance), and how widely. */
const CITY_CONTRACTION = 0.35;
const CITY_RADIUS_KM = 8;
/** Length over width of the province, before the wobble of its outline. */
const ELONGATION = 1.5;
/** Boundaries are subdivided until their segments are shorter than this, km. */
const SEGMENT_LENGTH_KM = 0.3;
/**
 * Sideways displacement of each subdivision level's midpoints, as a share of the segment's length. The
 * segment next to an end of a boundary turns from the chord by at most atan(2 × share) a level, under 26°
 * in all, while the Voronoi edges of this lattice meet at 50° or more (the least over 2,000 seeds), so two
 * boundaries from one vertex never cross.
 */
const DISPLACEMENT_BY_LEVEL = [0.07, 0.05, 0.04, 0.035, 0.03];
/** The order of GSO codes within a district. */
const KIND_ORDER: readonly DemoCommuneKind[] = ['Phường', 'Thị trấn', 'Xã'];
/** People per km², before a ±25 % variation. */
const DENSITY_BY_KIND: Record<DemoCommuneKind, number> = { Phường: 1800, 'Thị trấn': 900, Xã: 420 };

interface Cell {
  site: Point;
  /** Closed ring of rounded lon/lat Voronoi vertices, counter-clockwise. */
  vertices: Position[];
  /** Indexes of the cells it shares an edge with. */
  neighbours: number[];
}

interface CommunePlan {
  cell: Cell;
  district: DistrictPlan;
  kind: DemoCommuneKind;
}

interface Commune extends CommunePlan {
  code: string;
  name: string;
  /** Closed lon/lat ring with organic edges. */
  ring: Position[];
  population: number;
}

/** The demo province in two eras: with districts until 30 June 2025, merged communes from 1 July 2025. */
export function generateDemoProvince(seed = 138): [DemoEra, DemoEra] {
  const random = seededRandom(seed);
  const communeCount = 38 + Math.floor(random() * 9);
  const radiusKm = Math.sqrt((communeCount * SITE_SPACING_KM ** 2 * Math.sqrt(3)) / 2 / Math.PI);
  const cityCentre = polar(0.3 * radiusKm, random() * 2 * Math.PI);
  const cells = provinceCells(random, communeCount, radiusKm, cityCentre);

  // The other districts start from points spread evenly around the province centre.
  const districtSeeds = [cityCentre];
  const cityBearing = Math.atan2(cityCentre[1], cityCentre[0]);
  for (let k = 1; k < DISTRICTS.length; k++) {
    districtSeeds.push(
      polar(0.6 * radiusKm, cityBearing + ((k - 0.5) * 2 * Math.PI) / (DISTRICTS.length - 1)),
    );
  }
  const plans = planCommunes(cells, growDistricts(cells, districtSeeds), districtSeeds);
  const names = nameCommunes(plans, cells, random);
  const communes: Commune[] = plans.map((plan, index) => {
    const ring = organicRing(plan.cell.vertices, seed);
    const density = DENSITY_BY_KIND[plan.kind] * (0.75 + 0.5 * random());
    return {
      ...plan,
      code: String(99001 + index),
      name: names[index] as string,
      ring,
      population: Math.round(ringAreaKm2(ring) * density),
    };
  });

  const before2025: DemoEra = {
    label: 'demo-2020',
    validFrom: '2020-01-01',
    validTo: '2025-06-30',
    features: communes.map((commune) =>
      feature(
        {
          code: commune.code,
          name: commune.name,
          type: commune.kind,
          district: `${commune.district.kind} ${commune.district.name}`,
          province: DEMO_PROVINCE_NAME,
          population: commune.population,
        },
        [[commune.ring]],
      ),
    ),
  };
  const after2025: DemoEra = {
    label: 'demo-2025',
    validFrom: '2025-07-01',
    validTo: null,
    features: mergeCommunes(communes, cells, random),
  };
  return [before2025, after2025];
}

/** 32-bit FNV-1a hash of a text, to seed the random numbers of one edge. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash >>> 0;
}

/** Fisher–Yates shuffle of a copy. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let k = copy.length - 1; k > 0; k--) {
    const other = Math.floor(random() * (k + 1));
    [copy[k], copy[other]] = [copy[other] as T, copy[k] as T];
  }
  return copy;
}

function polar(distanceKm: number, bearing: number): Point {
  return [distanceKm * Math.cos(bearing), distanceKm * Math.sin(bearing)];
}

function distanceKm(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Rounded to 6 decimals (about 0.1 m), so that every vertex has one exact value wherever it is used. */
function kmToLonLat([x, y]: Point): Position {
  return [
    Math.round((CENTRE_LONGITUDE + x / KM_PER_DEGREE_LONGITUDE) * 1e6) / 1e6,
    Math.round((CENTRE_LATITUDE + y / KM_PER_DEGREE_LATITUDE) * 1e6) / 1e6,
  ];
}

function lonLatToKm(position: Position): Point {
  return [
    ((position[0] as number) - CENTRE_LONGITUDE) * KM_PER_DEGREE_LONGITUDE,
    ((position[1] as number) - CENTRE_LATITUDE) * KM_PER_DEGREE_LATITUDE,
  ];
}

function positionKey(position: Position): string {
  return `${position[0]},${position[1]}`;
}

function edgeKey(a: Position, b: Position): string {
  const keyA = positionKey(a);
  const keyB = positionKey(b);
  return keyA < keyB ? `${keyA};${keyB}` : `${keyB};${keyA}`;
}

/** Planar area of a lon/lat ring in km², close enough at this scale for population figures. */
function ringAreaKm2(ring: readonly Position[]): number {
  return Math.abs(signedRingArea(ring.map(lonLatToKm))) / 2;
}

/**
 * The Voronoi cells of the `communeCount` sites that lie deepest inside an irregular blob. The sites form a
 * jittered hexagonal lattice, contracted around the city, that reaches well beyond the blob, so that every
 * chosen cell is closed by neighbouring cells rather than by the diagram's bounds.
 */
function provinceCells(
  random: () => number,
  communeCount: number,
  radiusKm: number,
  cityCentre: Point,
): Cell[] {
  const rowHeight = (SITE_SPACING_KM * Math.sqrt(3)) / 2;
  const extentKm = 2 * radiusKm + 2 * SITE_SPACING_KM;
  const rows = Math.ceil(extentKm / rowHeight);
  const columns = Math.ceil(extentKm / SITE_SPACING_KM);
  const sites: Point[] = [];
  // Each site moves by up to a quarter of the spacing either way: irregular cells, yet no sliver.
  for (let row = -rows; row <= rows; row++) {
    for (let column = -columns; column <= columns; column++) {
      const x = (column + (Math.abs(row) % 2) / 2 + (random() - 0.5) / 2) * SITE_SPACING_KM;
      const y = (row + (random() - 0.5) / 2) * rowHeight;
      sites.push(contractTowards([x, y], cityCentre));
    }
  }

  // The blob: an ellipse, like the provinces strung along the Mekong, whose radius wobbles with a few
  // random harmonics of the bearing.
  const orientation = random() * Math.PI;
  const harmonics = [2, 3, 4, 5].map((order) => ({
    order,
    amplitude: (random() * 0.3) / order,
    phase: random() * 2 * Math.PI,
  }));
  const depth = ([x, y]: Point) => {
    const along = (x * Math.cos(orientation) + y * Math.sin(orientation)) / ELONGATION;
    const across = y * Math.cos(orientation) - x * Math.sin(orientation);
    const bearing = Math.atan2(across, along);
    let radius = 1;
    for (const { order, amplitude, phase } of harmonics)
      radius += amplitude * Math.cos(order * bearing + phase);
    return Math.hypot(along, across) / radius;
  };
  const chosen = sites
    .map((site, index) => ({ index, depth: depth(site) }))
    .sort((a, b) => a.depth - b.depth)
    .slice(0, communeCount)
    .map((entry) => entry.index);

  const bound = 2 * extentKm;
  const voronoi = Delaunay.from(sites).voronoi([-bound, -bound, bound, bound]);
  const cells: Cell[] = chosen.map((index) => {
    const vertices: Position[] = [];
    for (const point of voronoi.cellPolygon(index)) {
      const position = kmToLonLat(point);
      const previous = vertices[vertices.length - 1];
      if (!previous || positionKey(previous) !== positionKey(position)) vertices.push(position);
    }
    if (signedRingArea(vertices) < 0) vertices.reverse();
    return { site: sites[index] as Point, vertices, neighbours: [] };
  });

  // Neighbours share an edge, recognised by its rounded end points.
  const cellsByEdge = new Map<string, number[]>();
  cells.forEach((cell, index) => {
    for (let k = 0; k < cell.vertices.length - 1; k++) {
      const key = edgeKey(cell.vertices[k] as Position, cell.vertices[k + 1] as Position);
      cellsByEdge.set(key, [...(cellsByEdge.get(key) ?? []), index]);
    }
  });
  for (const [first, second] of cellsByEdge.values()) {
    if (first === undefined || second === undefined) continue;
    (cells[first] as Cell).neighbours.push(second);
    (cells[second] as Cell).neighbours.push(first);
  }
  return cells;
}

/** Pulls a site towards the city centre, the more so the closer it is, so that urban cells are smaller. */
function contractTowards(site: Point, centre: Point): Point {
  const dx = site[0] - centre[0];
  const dy = site[1] - centre[1];
  const factor = 1 - CITY_CONTRACTION * Math.exp(-(dx * dx + dy * dy) / (2 * CITY_RADIUS_KM ** 2));
  return [centre[0] + dx * factor, centre[1] + dy * factor];
}

/**
 * The district of every cell. Districts take turns to claim the unclaimed cell next to their territory
 * that is nearest their seed point, so each stays in one piece and they end up with similar counts.
 */
function growDistricts(cells: readonly Cell[], seeds: readonly Point[]): number[] {
  const districtOf = cells.map(() => -1);
  let unclaimed = cells.length;
  for (let round = 0; unclaimed > 0; round++) {
    const before = unclaimed;
    seeds.forEach((seed, district) => {
      let nearest = -1;
      cells.forEach((cell, index) => {
        const claimable =
          districtOf[index] === -1 &&
          (round === 0 || cell.neighbours.some((neighbour) => districtOf[neighbour] === district));
        const distance = distanceKm(cell.site, seed);
        if (claimable && (nearest === -1 || distance < distanceKm((cells[nearest] as Cell).site, seed))) {
          nearest = index;
        }
      });
      if (nearest === -1) return;
      districtOf[nearest] = district;
      unclaimed--;
    });
    if (unclaimed === before) throw new Error('The demo province is not in one piece');
  }
  return districtOf;
}

/**
 * The kind of every commune, in the order of GSO codes: district by district, wards and towns before
 * rural communes, north to south. Wards are the communes nearest their district's centre, and a Huyện's
 * Thị trấn is the one at its centre.
 */
function planCommunes(
  cells: readonly Cell[],
  districtOf: readonly number[],
  districtSeeds: readonly Point[],
): CommunePlan[] {
  return DISTRICTS.flatMap((district, districtIndex) => {
    const centre = districtSeeds[districtIndex] as Point;
    const members = cells
      .filter((_, index) => districtOf[index] === districtIndex)
      .sort((a, b) => distanceKm(a.site, centre) - distanceKm(b.site, centre));
    const wardCount = Math.ceil(district.wardShare * members.length);
    return members
      .map((cell, rank): CommunePlan => {
        const kind =
          rank < wardCount ? 'Phường' : district.kind === 'Huyện' && rank === 0 ? 'Thị trấn' : 'Xã';
        return { cell, district, kind };
      })
      .sort(
        (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.cell.site[1] - a.cell.site[1],
      );
  });
}

/**
 * Names from the list in random order; a Thị trấn takes its Huyện's name. Two rural communes are then
 * renamed after a neighbour and their bearing from it ("Tân Hòa" → "Tân Hòa Đông"), as Mekong Delta
 * communes often are, so that a search for "Tân Hòa" has several results to rank.
 */
function nameCommunes(plans: readonly CommunePlan[], cells: readonly Cell[], random: () => number): string[] {
  const pool = shuffle(COMMUNE_NAMES, random);
  const names = plans.map((plan) => (plan.kind === 'Thị trấn' ? plan.district.name : (pool.pop() as string)));
  const planIndexOfCell = new Map(plans.map((plan, index) => [plan.cell, index]));
  const involved = new Set<number>();
  let renamed = 0;
  for (const index of shuffle([...plans.keys()], random)) {
    if (renamed === 2) break;
    const plan = plans[index] as CommunePlan;
    if (plan.kind !== 'Xã' || involved.has(index)) continue;
    const namesake = plan.cell.neighbours
      .map((neighbour) => planIndexOfCell.get(cells[neighbour] as Cell) as number)
      .find((other) => (plans[other] as CommunePlan).kind === 'Xã' && !involved.has(other));
    if (namesake === undefined) continue;
    const namesakeSite = (plans[namesake] as CommunePlan).cell.site;
    const dx = plan.cell.site[0] - namesakeSite[0];
    const dy = plan.cell.site[1] - namesakeSite[1];
    const bearing = Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'Đông' : 'Tây') : dy > 0 ? 'Bắc' : 'Nam';
    names[index] = `${names[namesake]} ${bearing}`;
    involved.add(index).add(namesake);
    renamed++;
  }
  return names;
}

/** A cell's ring with every edge replaced by its organic course. */
function organicRing(vertices: readonly Position[], seed: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < vertices.length - 1; k++) {
    ring.push(...edgeCourse(vertices[k] as Position, vertices[k + 1] as Position, seed).slice(0, -1));
  }
  ring.push(ring[0] as Position);
  return ring;
}

/**
 * The organic course of an edge, both ends included: midpoint displacement whose random numbers are seeded
 * by the two end points taken in a fixed order, so that the cell on the other side, which walks the edge
 * the other way, gets exactly the same positions in reverse.
 */
function edgeCourse(from: Position, to: Position, seed: number): Position[] {
  if (positionKey(from) > positionKey(to)) return edgeCourse(to, from, seed).reverse();
  const random = seededRandom(hashText(`${seed};${positionKey(from)};${positionKey(to)}`));
  let points: Point[] = [lonLatToKm(from), lonLatToKm(to)];
  const levels = Math.ceil(Math.log2(distanceKm(points[0] as Point, points[1] as Point) / SEGMENT_LENGTH_KM));
  for (let level = 0; level < Math.min(levels, DISPLACEMENT_BY_LEVEL.length); level++) {
    const displacement = DISPLACEMENT_BY_LEVEL[level] as number;
    const next: Point[] = [points[0] as Point];
    for (let k = 0; k < points.length - 1; k++) {
      const [ax, ay] = points[k] as Point;
      const [bx, by] = points[k + 1] as Point;
      // Along the normal (-dy, dx), which is as long as the segment.
      const offset = (random() * 2 - 1) * displacement;
      next.push([(ax + bx) / 2 - (by - ay) * offset, (ay + by) / 2 + (bx - ax) * offset], [bx, by]);
    }
    points = next;
  }
  return [from, ...points.slice(1, -1).map(kmToLonLat), to];
}

/**
 * The 2025 reorganisation: each group of adjacent communes becomes one commune, a ward if half or more of
 * them were wards, named after its most populous member, with a code from 99501 in the order of its
 * members' old codes.
 */
function mergeCommunes(
  communes: readonly Commune[],
  cells: readonly Cell[],
  random: () => number,
): DemoFeature[] {
  const communeOfCell = new Map(communes.map((commune, index) => [commune.cell, index]));
  const districtOf = (cell: Cell) => (communes[communeOfCell.get(cell) as number] as Commune).district;
  const groups = groupCells(cells, districtOf, random)
    .map((group) =>
      group.map((cell) => communeOfCell.get(cells[cell] as Cell) as number).sort((a, b) => a - b),
    )
    .sort((a, b) => (a[0] as number) - (b[0] as number));
  return groups.map((group, index) => {
    const members = group.map((commune) => communes[commune] as Commune);
    const largest = members.reduce((best, member) => (member.population > best.population ? member : best));
    const wards = members.filter((member) => member.kind === 'Phường').length;
    return feature(
      {
        code: String(99501 + index),
        name: largest.name,
        type: wards * 2 >= members.length ? 'Phường' : 'Xã',
        district: null,
        province: DEMO_PROVINCE_NAME,
        population: members.reduce((sum, member) => sum + member.population, 0),
        predecessors: members.map((member) => member.code),
      },
      outlineOfRings(members.map((member) => member.ring)),
    );
  });
}

/**
 * Partitions the cells into 12 to 18 groups of 2 to 4 adjacent cells, most within one district. Groups
 * grow from cells taken in random order, each towards a random size, by the free neighbours of the same
 * district nearest their first cell; a cell left alone joins a small neighbouring group, even across a
 * district line. A partition that misses the bounds is drawn again.
 */
function groupCells(
  cells: readonly Cell[],
  districtOf: (cell: Cell) => DistrictPlan,
  random: () => number,
): number[][] {
  for (let attempt = 0; attempt < 100; attempt++) {
    const groupOf = cells.map(() => -1);
    const groups: number[][] = [];
    for (const start of shuffle([...cells.keys()], random)) {
      if (groupOf[start] !== -1) continue;
      const first = cells[start] as Cell;
      const group = [start];
      groupOf[start] = groups.length;
      const size = 2 + Math.floor(random() * 3);
      while (group.length < size) {
        const [next] = group
          .flatMap((member) => (cells[member] as Cell).neighbours)
          .filter((other) => groupOf[other] === -1 && districtOf(cells[other] as Cell) === districtOf(first))
          .sort(
            (a, b) =>
              distanceKm((cells[a] as Cell).site, first.site) -
              distanceKm((cells[b] as Cell).site, first.site),
          );
        if (next === undefined) break;
        group.push(next);
        groupOf[next] = groups.length;
      }
      groups.push(group);
    }
    // A cell left alone moves into the smallest neighbouring group that has room.
    for (const loner of groups.filter((group) => group.length === 1)) {
      const [host] = (cells[loner[0] as number] as Cell).neighbours
        .map((neighbour) => groups[groupOf[neighbour] as number] as number[])
        .filter((group) => group.length > 1 && group.length < 4)
        .sort((a, b) => a.length - b.length);
      if (host) host.push(...loner.splice(0));
    }
    const merged = groups.filter((group) => group.length > 0);
    if (merged.every((group) => group.length >= 2) && merged.length >= 12 && merged.length <= 18)
      return merged;
  }
  throw new Error('The demo communes could not be grouped for the 2025 reorganisation');
}

/**
 * The outline of adjacent rings: an edge that two of them share is walked once each way and cancels, and
 * the edges left are traced into rings. Walking directions are kept, so exteriors stay counter-clockwise.
 */
function outlineOfRings(rings: readonly Position[][]): MultiPolygonCoordinates {
  const edges = new Map<string, [Position, Position]>();
  for (const ring of rings) {
    for (let k = 0; k < ring.length - 1; k++) {
      const from = ring[k] as Position;
      const to = ring[k + 1] as Position;
      const reverse = `${positionKey(to)}>${positionKey(from)}`;
      if (edges.has(reverse)) edges.delete(reverse);
      else edges.set(`${positionKey(from)}>${positionKey(to)}`, [from, to]);
    }
  }
  const outgoing = new Map<string, [Position, Position][]>();
  for (const edge of edges.values()) {
    const key = positionKey(edge[0]);
    outgoing.set(key, [...(outgoing.get(key) ?? []), edge]);
  }
  const polygons: MultiPolygonCoordinates = [];
  for (const starts of outgoing.values()) {
    for (let first = starts.pop(); first; first = starts.pop()) {
      const ring = [...first];
      let end = first[1];
      while (positionKey(end) !== positionKey(first[0])) {
        const next = outgoing.get(positionKey(end))?.pop();
        if (!next) throw new Error('Merged communes do not close');
        end = next[1];
        ring.push(end);
      }
      if (signedRingArea(ring) < 0) throw new Error('Merged communes enclose a hole');
      polygons.push([ring]);
    }
  }
  return polygons;
}

function feature(properties: DemoCommuneProperties, coordinates: MultiPolygonCoordinates): DemoFeature {
  return { type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates } };
}
