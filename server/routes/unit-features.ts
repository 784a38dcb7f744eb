import type { EraRecord } from '../db/queries/eras';
import type { OutlineRecord, UnitRecord } from '../db/queries/units';

/** The facts of a unit that the map and its panel show, as GeoJSON properties. */
export function unitProperties(unit: UnitRecord) {
  return {
    code: unit.code,
    name: unit.name,
    fullName: unit.fullName,
    kind: unit.kind,
    district: unit.districtName,
    districtCode: unit.districtCode,
    province: unit.provinceName,
    provinceCode: unit.provinceCode,
    areaKm2: Math.round(unit.areaKm2 * 1000) / 1000,
    population: unit.population,
    labelLongitude: unit.labelLongitude,
    labelLatitude: unit.labelLatitude,
  };
}

export function eraProperties(era: EraRecord) {
  return { era: era.label, eraValidFrom: era.validFrom, eraValidTo: era.validTo, eraDemo: era.isDemo };
}

/**
 * A unit as GeoJSON text. The geometry is stored as GeoJSON already, so it is spliced in rather than parsed
 * and serialised again: the difference is most of the time spent on a large era.
 */
export function unitFeatureJson(unit: UnitRecord, extraProperties: object = {}): string {
  const properties = JSON.stringify({ ...unitProperties(unit), ...extraProperties });
  return `{"type":"Feature","id":${unit.id},"properties":${properties},"geometry":${unit.geometry}}`;
}

export function outlineFeatureJson(outline: OutlineRecord): string {
  const properties = JSON.stringify({ name: outline.name, province: outline.provinceName, derived: true });
  return `{"type":"Feature","properties":${properties},"geometry":${outline.geometry}}`;
}
