import { type BilingualText, bilingual } from '../bilingual';
import { boundingBoxOf } from '../geometry/bounding-box';
import { findSelfIntersection } from '../geometry/find-self-intersection';
import { areaSquareKilometres, labelPoint } from '../geometry/measure-polygon';
import { normalisePolygonGeometry } from '../geometry/normalise-polygon-geometry';
import { orientRings } from '../geometry/orient-rings';
import type { BoundingBox, MultiPolygonCoordinates, Position } from '../geometry/types';
import {
  type CoordinateReferenceSystem,
  projectorToWgs84,
  WGS84,
} from '../projections/coordinate-reference-system';
import type { ColumnMapping } from './detect-columns';
import { fullUnitName, kindFromName, normaliseUnitKind } from './unit-kind';
import type { UnitLevel } from './unit-level';

/** A feature as read from a file: geometry in the file's coordinate system, attributes as they are. */
export interface SourceFeature {
  geometry: unknown;
  properties: Record<string, unknown> | null;
}

/** An administrative unit ready to be stored: attributes read, geometry checked and in WGS84. */
export interface PreparedUnit {
  /** Position of the feature in the file, from 0. */
  sourceIndex: number;
  code: string;
  name: string;
  kind: string | null;
  /** Kind and name together, as people say it: "Thị trấn Thứ Mười Một". */
  fullName: string;
  districtCode: string | null;
  districtName: string | null;
  provinceCode: string | null;
  provinceName: string | null;
  population: number | null;
  areaKm2: number;
  /** [longitude, latitude] of the label: the pole of inaccessibility of the largest part. */
  labelPoint: Position;
  boundingBox: BoundingBox;
  /** WGS84 longitude/latitude, RFC 7946 winding. */
  geometry: MultiPolygonCoordinates;
  /** The feature's attributes as the file gave them. */
  properties: Record<string, unknown>;
}

export interface RejectedFeature {
  index: number;
  code: string | null;
  reason: BilingualText;
}

export interface PreparedBoundaries {
  units: PreparedUnit[];
  rejected: RejectedFeature[];
}

export interface PrepareOptions {
  level: UnitLevel;
  coordinateSystem: CoordinateReferenceSystem;
  columns: ColumnMapping;
}

/** Width of GSO codes by level, used to restore leading zeros that numeric columns lose (1 → "00001"). */
const GSO_CODE_WIDTH: Record<UnitLevel, number> = { commune: 5, district: 3, province: 2 };

/** Projected coordinates are rounded to 1e-7° (about 1 cm): finer digits are noise from the projection. */
const PROJECTED_PRECISION = 1e7;

/**
 * Turns the features of a boundary file into units, or rejects each one with a reason in both languages:
 * missing or duplicate code, empty or malformed geometry, a ring that is not closed, coordinates that do not
 * fit the declared coordinate system, a boundary that crosses itself. Every feature ends up in exactly one
 * of the two lists. All features with a duplicated code are rejected, since which of them is right cannot
 * be known.
 */
export function prepareBoundaryUnits(
  features: readonly SourceFeature[],
  options: PrepareOptions,
): PreparedBoundaries {
  const codes = features.map((feature) =>
    readCode(feature.properties ?? {}, options.columns.code, options.level),
  );
  const indexesByCode = new Map<string, number[]>();
  codes.forEach((code, index) => {
    if (code === null) return;
    const list = indexesByCode.get(code);
    if (list) list.push(index);
    else indexesByCode.set(code, [index]);
  });
  const project = projectorToWgs84(options.coordinateSystem);

  const units: PreparedUnit[] = [];
  const rejected: RejectedFeature[] = [];
  features.forEach((feature, index) => {
    const code = codes[index] ?? null;
    const sameCode = code === null ? [] : (indexesByCode.get(code) ?? []);
    const result =
      code === null
        ? missingCode(options.columns.code)
        : sameCode.length > 1
          ? duplicateCode(
              code,
              sameCode.filter((other) => other !== index),
            )
          : prepareUnit(feature, index, code, options, project);
    if ('reason' in result) rejected.push({ index, code, reason: result.reason });
    else units.push(result);
  });
  return { units, rejected };
}

function missingCode(codeColumns: string[]): { reason: BilingualText } {
  const columnList = codeColumns.join(', ');
  return {
    reason:
      codeColumns.length > 0
        ? bilingual(`Thiếu mã đơn vị (cột ${columnList})`, `Missing unit code (column ${columnList})`)
        : bilingual(
            'Không tìm thấy cột mã đơn vị; chỉ định bằng --code-field',
            'No unit code column found; name one with --code-field',
          ),
  };
}

function duplicateCode(code: string, others: number[]): { reason: BilingualText } {
  const list = others.map((other) => `#${other}`).join(', ');
  return {
    reason: bilingual(`Mã ${code} bị trùng (cũng ở ${list})`, `Duplicate code ${code} (also ${list})`),
  };
}

function prepareUnit(
  feature: SourceFeature,
  index: number,
  code: string,
  options: PrepareOptions,
  project: (x: number, y: number) => [number, number],
): PreparedUnit | { reason: BilingualText } {
  const { level, coordinateSystem, columns } = options;
  const shape = normalisePolygonGeometry(feature.geometry);
  if (!shape.ok) return { reason: shape.problem };
  const sourceProblem = checkSourceCoordinates(shape.polygons, coordinateSystem);
  if (sourceProblem) return { reason: sourceProblem };
  const geometry = coordinateSystem === WGS84 ? shape.polygons : projectPolygons(shape.polygons, project);
  const projectedProblem = checkWgs84Coordinates(geometry, coordinateSystem);
  if (projectedProblem) return { reason: projectedProblem };
  const crossing = findSelfIntersection(geometry);
  if (crossing) {
    const where = `${(crossing[0] as number).toFixed(6)}, ${(crossing[1] as number).toFixed(6)}`;
    return { reason: bilingual(`Ranh giới tự cắt tại ${where}`, `Boundary intersects itself at ${where}`) };
  }

  const properties = feature.properties ?? {};
  const oriented = orientRings(geometry);
  const name = readText(properties, columns.name) ?? code;
  const kindValue = readText(properties, columns.kind);
  const kind = kindValue ? normaliseUnitKind(kindValue, level) : kindFromName(name, level);
  return {
    sourceIndex: index,
    code,
    name,
    kind,
    fullName: fullUnitName(name, kind),
    districtCode: readText(properties, columns.districtCode),
    districtName: readText(properties, columns.districtName),
    provinceCode: readText(properties, columns.provinceCode),
    provinceName: readText(properties, columns.provinceName),
    population: readPopulation(properties, columns.population),
    areaKm2: areaSquareKilometres(oriented),
    labelPoint: labelPoint(oriented),
    boundingBox: boundingBoxOf(oriented),
    geometry: oriented,
    properties,
  };
}

function readCode(properties: Record<string, unknown>, columns: string[], level: UnitLevel): string | null {
  for (const column of columns) {
    const value = properties[column];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
      return String(value).padStart(GSO_CODE_WIDTH[level], '0');
    }
    const text = cleanText(value);
    if (text !== null) return text;
  }
  return null;
}

function readText(properties: Record<string, unknown>, columns: string[]): string | null {
  for (const column of columns) {
    const text = cleanText(properties[column]);
    if (text !== null) return text;
  }
  return null;
}

function cleanText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text.length > 0 ? text : null;
}

/**
 * A head count: a positive number, or digits grouped by ".", "," or spaces ("12.571"). Zero is read as
 * unknown, which is what it means in the files that have it: no commune is uninhabited.
 */
function readPopulation(properties: Record<string, unknown>, columns: string[]): number | null {
  for (const column of columns) {
    const value = properties[column];
    let count = Number.NaN;
    if (typeof value === 'number') count = Math.round(value);
    else if (
      typeof value === 'string' &&
      (/^\d+$/.test(value.trim()) || /^\d{1,3}([.,\s]\d{3})+$/.test(value.trim()))
    ) {
      count = Number(value.replace(/\D/g, ''));
    }
    if (Number.isFinite(count) && count > 0) return count;
  }
  return null;
}

function projectPolygons(
  polygons: MultiPolygonCoordinates,
  project: (x: number, y: number) => [number, number],
): MultiPolygonCoordinates {
  return polygons.map((polygon) =>
    polygon.map((ring) =>
      ring.map((position) => {
        const [longitude, latitude] = project(position[0] as number, position[1] as number);
        return [
          Math.round(longitude * PROJECTED_PRECISION) / PROJECTED_PRECISION,
          Math.round(latitude * PROJECTED_PRECISION) / PROJECTED_PRECISION,
        ];
      }),
    ),
  );
}

function everyPosition(polygons: MultiPolygonCoordinates, test: (x: number, y: number) => boolean): boolean {
  for (const polygon of polygons) {
    for (const ring of polygon)
      for (const position of ring) if (!test(position[0] as number, position[1] as number)) return false;
  }
  return true;
}

/** Coordinates as the file has them must look like the system the file declares. */
function checkSourceCoordinates(
  polygons: MultiPolygonCoordinates,
  system: CoordinateReferenceSystem,
): BilingualText | null {
  const looksGeographic = everyPosition(polygons, (x, y) => Math.abs(x) <= 180 && Math.abs(y) <= 90);
  if (system.geographic) {
    if (looksGeographic) return null;
    if (everyPosition(polygons, (x, y) => Math.abs(x) <= 90 && Math.abs(y) <= 180)) {
      return bilingual(
        'Tọa độ ngoài phạm vi kinh độ/vĩ độ: có lẽ vĩ độ và kinh độ bị đảo chỗ',
        'Coordinates are outside longitude/latitude range: latitude and longitude look swapped',
      );
    }
    return bilingual(
      `Tọa độ không phải kinh độ/vĩ độ (${system.name}) mà có vẻ là tọa độ phẳng (mét); hãy cho hệ tọa độ bằng --crs hoặc tệp .prj`,
      `Coordinates are not longitude/latitude (${system.name}) but look projected (metres); give the coordinate system with --crs or a .prj file`,
    );
  }
  if (looksGeographic) {
    return bilingual(
      `Tọa độ có vẻ là kinh độ/vĩ độ, không phải tọa độ phẳng của hệ ${system.name}`,
      `Coordinates look like longitude/latitude, not projected coordinates of ${system.name}`,
    );
  }
  return null;
}

function checkWgs84Coordinates(
  polygons: MultiPolygonCoordinates,
  system: CoordinateReferenceSystem,
): BilingualText | null {
  if (
    everyPosition(
      polygons,
      (x, y) => Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90,
    )
  ) {
    return null;
  }
  return bilingual(
    `Tọa độ không hợp lý với hệ tọa độ ${system.name}`,
    `Coordinates are not plausible for the coordinate system ${system.name}`,
  );
}
