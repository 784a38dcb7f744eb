import { describe, expect, it } from 'vitest';
import { findSelfIntersection } from '../../server/domain/geometry/find-self-intersection';
import { areaSquareKilometres } from '../../server/domain/geometry/measure-polygon';
import { outlineGroups } from '../../server/domain/geometry/outline-groups';
import { buildPolygonIndex } from '../../server/domain/geometry/polygon-index';
import type { LineCoordinates, Position } from '../../server/domain/geometry/types';
import { type DemoFeature, generateDemoProvince } from './generate-demo-province';

const [before2025, after2025] = generateDemoProvince();
const communes2020 = before2025.features;
const communes2025 = after2025.features;

function geometries(features: readonly DemoFeature[]) {
  return features.map((feature) => feature.geometry.coordinates);
}

/** Length of lines or rings in degrees, enough to compare lengths with each other. */
function totalLength(lines: readonly LineCoordinates[]): number {
  let length = 0;
  for (const line of lines) {
    for (let k = 0; k < line.length - 1; k++) {
      const a = line[k] as Position;
      const b = line[k + 1] as Position;
      length += Math.hypot((b[0] as number) - (a[0] as number), (b[1] as number) - (a[1] as number));
    }
  }
  return length;
}

/** Ray casting, independent of the polygon index under test. */
function ringContains(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let k = 0; k < ring.length - 1; k++) {
    const [ax, ay] = ring[k] as [number, number];
    const [bx, by] = ring[k + 1] as [number, number];
    if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe('generateDemoProvince', () => {
  it('gives the same province for the same seed, and another for another seed', () => {
    expect(generateDemoProvince(138)).toEqual(generateDemoProvince());
    expect(generateDemoProvince(139)).not.toEqual(generateDemoProvince(138));
  });

  it('dates the two eras either side of the reorganisation of 1 July 2025', () => {
    expect(
      [before2025, after2025].map(({ label, validFrom, validTo }) => [label, validFrom, validTo]),
    ).toEqual([
      ['demo-2020', '2020-01-01', '2025-06-30'],
      ['demo-2025', '2025-07-01', null],
    ]);
  });

  it('has a few dozen communes in 4 or 5 districts before 2025, one Thị trấn in each Huyện', () => {
    expect(communes2020.length).toBeGreaterThanOrEqual(36);
    expect(communes2020.length).toBeLessThanOrEqual(48);
    const districts = new Map<string, string[]>();
    for (const { properties } of communes2020) {
      expect(['Xã', 'Phường', 'Thị trấn']).toContain(properties.type);
      const district = properties.district as string;
      districts.set(district, [...(districts.get(district) ?? []), properties.type]);
    }
    expect(districts.size).toBeGreaterThanOrEqual(4);
    expect(districts.size).toBeLessThanOrEqual(5);
    for (const [district, kinds] of districts) {
      expect(kinds.length).toBeGreaterThanOrEqual(3);
      if (district.startsWith('Huyện ')) {
        expect(kinds.filter((kind) => kind === 'Thị trấn')).toHaveLength(1);
        expect(kinds).not.toContain('Phường');
      }
      if (district.startsWith('Thành phố ')) {
        expect(kinds.filter((kind) => kind === 'Phường').length * 2).toBeGreaterThan(kinds.length);
      }
    }
  });

  it('merges groups of 2 to 4 communes into 12 to 18 units without districts after 2025', () => {
    expect(communes2025.length).toBeGreaterThanOrEqual(12);
    expect(communes2025.length).toBeLessThanOrEqual(18);
    const population2020 = new Map(
      communes2020.map((feature) => [feature.properties.code, feature.properties]),
    );
    for (const { properties } of communes2025) {
      expect(['Xã', 'Phường']).toContain(properties.type);
      expect(properties.district).toBeNull();
      const predecessors = properties.predecessors ?? [];
      expect(predecessors.length).toBeGreaterThanOrEqual(2);
      expect(predecessors.length).toBeLessThanOrEqual(4);
      const total = predecessors.reduce(
        (sum, code) => sum + (population2020.get(code)?.population ?? NaN),
        0,
      );
      expect(properties.population).toBe(total);
    }
    const merged = communes2025.flatMap((feature) => feature.properties.predecessors ?? []);
    expect(merged.sort()).toEqual(communes2020.map((feature) => feature.properties.code).sort());
  });

  it('gives unique names without the kind, and codes that no GSO commune uses', () => {
    for (const era of [before2025, after2025]) {
      const names = era.features.map((feature) => feature.properties.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).not.toMatch(/^(Xã|Phường|Thị trấn) /);
      const codes = era.features.map((feature) => feature.properties.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(/^99\d{3}$/);
    }
    // Something for search to rank: "Tân Hòa" and "Tân Hòa Đông".
    const names2020 = communes2020.map((feature) => feature.properties.name);
    expect(names2020.some((name) => names2020.some((other) => other.startsWith(`${name} `)))).toBe(true);
  });

  it('gives communes of tens of km², wards more densely peopled than rural communes', () => {
    const areas = communes2020.map((feature) => areaSquareKilometres(feature.geometry.coordinates));
    for (const area of areas) {
      expect(area).toBeGreaterThan(10);
      expect(area).toBeLessThan(120);
    }
    expect(median(areas)).toBeGreaterThan(20);
    expect(median(areas)).toBeLessThan(70);
    const density = (kind: string) =>
      median(
        communes2020.flatMap((feature, index) =>
          feature.properties.type === kind ? [feature.properties.population / (areas[index] as number)] : [],
        ),
      );
    expect(density('Phường')).toBeGreaterThan(2 * density('Xã'));
  });

  it('makes each 2025 commune exactly as large as the communes merged into it', () => {
    const area2020 = new Map(
      communes2020.map((feature) => [
        feature.properties.code,
        areaSquareKilometres(feature.geometry.coordinates),
      ]),
    );
    for (const feature of communes2025) {
      const parts = (feature.properties.predecessors ?? []).map((code) => area2020.get(code) ?? NaN);
      const sum = parts.reduce((total, area) => total + area, 0);
      expect(Math.abs(areaSquareKilometres(feature.geometry.coordinates) - sum) / sum).toBeLessThan(1e-9);
    }
  });

  it('draws boundaries that never cross themselves', () => {
    for (const feature of [...communes2020, ...communes2025]) {
      expect(findSelfIntersection(feature.geometry.coordinates), feature.properties.code).toBeNull();
    }
  });

  it('shares every inner boundary exactly, vertex for vertex, between two neighbours', () => {
    // Inner edges cancel only when both neighbours hold the same vertices: what is left of the province is
    // then one closed ring, the same in both eras.
    const provinceOutlines = [before2025, after2025].map((era) => {
      const outlines = outlineGroups(
        geometries(era.features),
        era.features.map((feature) => feature.properties.province),
      );
      expect(outlines.size).toBe(1);
      const [lines] = [...outlines.values()] as [LineCoordinates[]];
      expect(lines).toHaveLength(1);
      const ring = lines[0] as LineCoordinates;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      return totalLength(lines);
    });
    expect(provinceOutlines[1]).toBeCloseTo(provinceOutlines[0] as number, 9);

    // Districts: one piece each, their inner boundaries gone.
    const districtOf = communes2020.map((feature) => feature.properties.district);
    const outlines = outlineGroups(geometries(communes2020), districtOf);
    for (const [district, lines] of outlines) {
      const perimeters = communes2020
        .filter((feature) => feature.properties.district === district)
        .reduce((sum, feature) => sum + totalLength(feature.geometry.coordinates.flat()), 0);
      expect(lines, district).toHaveLength(1);
      expect(totalLength(lines)).toBeLessThan(0.6 * perimeters);
    }
  });

  it('tiles the province without gaps or overlaps, and the 2025 communes tile it the same way', () => {
    const index2020 = buildPolygonIndex(geometries(communes2020));
    const index2025 = buildPolygonIndex(geometries(communes2025));
    const successorOf = new Map<string, number>();
    communes2025.forEach((feature, index) => {
      for (const code of feature.properties.predecessors ?? []) successorOf.set(code, index);
    });
    const provinceOf = communes2020.map((feature) => feature.properties.province);
    const province = [...outlineGroups(geometries(communes2020), provinceOf).values()][0]?.[0] as Position[];

    const positions = communes2020.flatMap((feature) => feature.geometry.coordinates.flat(2));
    const longitudes = positions.map((position) => position[0] as number);
    const latitudes = positions.map((position) => position[1] as number);
    const [west, east] = [Math.min(...longitudes), Math.max(...longitudes)];
    const [south, north] = [Math.min(...latitudes), Math.max(...latitudes)];
    let inside = 0;
    // A 60 × 60 grid over the province's extent, offset so that no point falls on a lattice of vertices.
    for (let row = 0; row < 60; row++) {
      for (let column = 0; column < 60; column++) {
        const x = west + ((column + 0.37) / 60) * (east - west);
        const y = south + ((row + 0.61) / 60) * (north - south);
        const containing = communes2020.flatMap((feature, index) =>
          ringContains(feature.geometry.coordinates[0]?.[0] ?? [], x, y) ? [index] : [],
        );
        expect(containing.length).toBe(ringContains(province, x, y) ? 1 : 0);
        const found = index2020.findPolygon(x, y);
        expect(found).toBe(containing[0] ?? -1);
        const successor = found === -1 ? -1 : successorOf.get(communes2020[found]?.properties.code ?? '');
        expect(index2025.findPolygon(x, y)).toBe(successor);
        if (found !== -1) inside++;
      }
    }
    expect(inside).toBeGreaterThan(1500);
  });
});
