import { basename } from 'node:path';
import { type Database, inTransaction } from '../../server/db/database';
import { deleteDemoEras, findEraByLabel, saveEra } from '../../server/db/queries/eras';
import {
  communeGroupings,
  recordBoundaryImport,
  replaceOutlines,
  type UnitInsert,
  writeUnits,
} from '../../server/db/queries/units';
import { deleteDemoUsers } from '../../server/db/queries/users';
import { BilingualError, type BilingualText, bilingual } from '../../server/domain/bilingual';
import {
  type ColumnMapping,
  type ColumnRole,
  detectColumns,
} from '../../server/domain/boundaries/detect-columns';
import {
  type PreparedUnit,
  prepareBoundaryUnits,
  type SourceFeature,
} from '../../server/domain/boundaries/prepare-boundary-units';
import type { UnitLevel } from '../../server/domain/boundaries/unit-level';
import { isIsoDate } from '../../server/domain/dates/calendar-date';
import { outlineGroups } from '../../server/domain/geometry/outline-groups';
import { buildPolygonIndex } from '../../server/domain/geometry/polygon-index';
import type { MultiPolygonCoordinates } from '../../server/domain/geometry/types';
import {
  type CoordinateReferenceSystem,
  parseCoordinateSystem,
  WGS84,
} from '../../server/domain/projections/coordinate-reference-system';
import { foldText } from '../../server/domain/text/fold-text';
import { appendAudit } from '../../server/services/audit-trail';
import { reassignIncidents } from '../../server/services/incident-assignment';
import { type BoundaryFileFormat, readBoundaryFile } from './read-boundary-file';

export interface BoundaryImportOptions {
  /** The era's label, e.g. "2021" or "an-giang-2025". */
  era: string;
  /** First day the boundaries are valid, YYYY-MM-DD. */
  validFrom: string;
  /** Last day they are valid (inclusive), YYYY-MM-DD; absent while still in force. */
  validTo?: string | undefined;
  level: UnitLevel;
  /** Fail the whole import if any feature is rejected. */
  strict?: boolean | undefined;
  /** Add to the era's units of this level instead of replacing them. */
  append?: boolean | undefined;
  /** Coordinate system of the file, overriding what it declares: "EPSG:9207", "vn2000:104.5", WKT... */
  coordinateSystem?: string | undefined;
  /** Columns to read instead of those detected, per role; several columns are tried in order. */
  columns?: Partial<Record<ColumnRole, string[]>> | undefined;
  /** The layer of a TopoJSON or multi-layer zip file. */
  layer?: string | undefined;
  /** Marks the era as demonstration data. */
  demo?: boolean | undefined;
  /** Who imports, for the audit trail: an account, "cli:<system user>", or "system" (the default). */
  actor?: string | undefined;
}

export interface RejectedFeatureReport {
  index: number;
  code: string | null;
  /** English; `reasonVi` has the same in Vietnamese. */
  reason: string;
  reasonVi: string;
}

export interface BoundaryImportReport {
  era: string;
  level: UnitLevel;
  validFrom: string;
  validTo: string | null;
  file: string;
  format: BoundaryFileFormat | 'memory';
  layer: string | null;
  coordinateSystem: string;
  columns: ColumnMapping;
  /** Features read from the file. */
  read: number;
  /** Units stored: 0 when nothing was written. */
  imported: number;
  rejected: RejectedFeatureReport[];
  /** Whether the database was changed. */
  written: boolean;
  /** Demo eras, and the demo account, removed because real boundaries arrived. */
  removedDemoEras: string[];
  removedDemoAccounts: string[];
  durationSeconds: number;
}

/** A problem that stops an import before anything is written. */
export class BoundaryImportError extends BilingualError {
  constructor(
    text: BilingualText,
    readonly report?: BoundaryImportReport,
  ) {
    super(text);
  }
}

/** Imports a boundary file into an era: see `importBoundaryFeatures` for what happens then. */
export async function importBoundaryFile(
  database: Database,
  path: string,
  options: BoundaryImportOptions,
): Promise<BoundaryImportReport> {
  const started = performance.now();
  checkEraOptions(options);
  const file = await readBoundaryFile(path, options.layer);
  const coordinateSystem = options.coordinateSystem
    ? parseCoordinateSystem(options.coordinateSystem)
    : (file.declaredCoordinateSystem ?? WGS84);
  return importBoundaryFeatures(database, file.features, options, {
    file: basename(path),
    format: file.format,
    layer: file.layer,
    propertyNames: file.propertyNames,
    coordinateSystem,
    started,
  });
}

interface FeatureSource {
  file: string;
  format: BoundaryFileFormat | 'memory';
  layer: string | null;
  propertyNames: string[];
  coordinateSystem: CoordinateReferenceSystem;
  started: number;
}

/**
 * Checks every feature, then stores the accepted ones in one transaction: the era (created, or its dates
 * updated), its units of the level (replacing the earlier ones, or added to them), district and province
 * outlines derived from its communes, and a record of the import. Nothing is written when no feature is
 * accepted, or when `strict` is set and any feature is rejected: the report then says why, and `written`
 * is false. The first import of real boundaries removes the demo eras.
 */
export function importBoundaryFeatures(
  database: Database,
  features: readonly SourceFeature[],
  options: BoundaryImportOptions,
  source: FeatureSource,
): BoundaryImportReport {
  checkEraOptions(options);
  const columns = detectColumns(source.propertyNames, options.level, options.columns);
  const prepared = prepareBoundaryUnits(features, {
    level: options.level,
    coordinateSystem: source.coordinateSystem,
    columns,
  });
  const report: BoundaryImportReport = {
    era: options.era,
    level: options.level,
    validFrom: options.validFrom,
    validTo: options.validTo ?? null,
    file: source.file,
    format: source.format,
    layer: source.layer,
    coordinateSystem: source.coordinateSystem.name,
    columns,
    read: features.length,
    imported: 0,
    rejected: prepared.rejected.map((rejection) => ({
      index: rejection.index,
      code: rejection.code,
      reason: rejection.reason.en,
      reasonVi: rejection.reason.vi,
    })),
    written: false,
    removedDemoEras: [],
    removedDemoAccounts: [],
    durationSeconds: 0,
  };
  const finish = () => {
    report.durationSeconds = Math.round(performance.now() - source.started) / 1000;
    return report;
  };

  if (prepared.units.length === 0) {
    finish();
    throw new BoundaryImportError(
      bilingual(
        `Không có đơn vị hợp lệ nào trong ${features.length} đối tượng; không ghi gì vào cơ sở dữ liệu`,
        `None of the ${features.length} features is a valid unit; nothing was written`,
      ),
      report,
    );
  }
  if (options.strict && prepared.rejected.length > 0) {
    finish();
    throw new BoundaryImportError(
      bilingual(
        `${prepared.rejected.length} đối tượng bị loại và đã chọn --strict: không ghi gì vào cơ sở dữ liệu`,
        `${prepared.rejected.length} features were rejected and --strict is set: nothing was written`,
      ),
      report,
    );
  }
  const existing = findEraByLabel(database, options.era);
  if (existing && existing.isDemo !== Boolean(options.demo)) {
    finish();
    throw new BoundaryImportError(
      bilingual(
        `Thời kỳ "${options.era}" đã có và ${existing.isDemo ? 'là dữ liệu mẫu' : 'là dữ liệu thật'}; hãy chọn tên khác`,
        `Era "${options.era}" exists and holds ${existing.isDemo ? 'demo' : 'real'} data; choose another label`,
      ),
      report,
    );
  }

  const now = new Date().toISOString();
  inTransaction(database, () => {
    if (!options.demo) {
      report.removedDemoEras = deleteDemoEras(database);
      report.removedDemoAccounts = deleteDemoUsers(database);
    }
    const era = saveEra(
      database,
      {
        label: options.era,
        validFrom: options.validFrom,
        validTo: options.validTo ?? null,
        isDemo: Boolean(options.demo),
      },
      now,
    );
    writeUnits(
      database,
      era.id,
      options.level,
      prepared.units.map(toUnitRow),
      options.append ? 'append' : 'replace',
    );
    if (options.level === 'commune') {
      replaceOutlines(database, era.id, deriveOutlines(database, era.id));
      // New units, new ids: the incidents are placed in them again.
      reassignIncidents(database, era.id);
    }
    recordBoundaryImport(database, {
      eraId: era.id,
      level: options.level,
      sourceFile: source.file,
      format: source.format,
      coordinateSystem: source.coordinateSystem.name,
      columns: JSON.stringify(columns),
      importedCount: prepared.units.length,
      rejectedCount: prepared.rejected.length,
      rejectedFeatures: JSON.stringify(prepared.rejected),
      importedAt: now,
    });
    appendAudit(
      database,
      {
        actor: options.actor ?? 'system',
        address: 'local',
        action: 'boundaries.import',
        target: `${options.era}/${options.level}`,
        after: {
          file: source.file,
          imported: prepared.units.length,
          rejected: prepared.rejected.length,
          append: Boolean(options.append),
        },
      },
      new Date(now),
    );
  });
  report.imported = prepared.units.length;
  report.written = true;
  return finish();
}

function checkEraOptions(options: BoundaryImportOptions): void {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u.test(options.era)) {
    throw new BoundaryImportError(
      bilingual(
        `Tên thời kỳ "${options.era}" không hợp lệ: dùng chữ, số, dấu cách, ".", "_" hoặc "-", tối đa 64 ký tự`,
        `Invalid era label "${options.era}": use letters, digits, spaces, ".", "_" or "-", at most 64 characters`,
      ),
    );
  }
  for (const [name, value] of [
    ['--valid-from', options.validFrom],
    ['--valid-to', options.validTo],
  ] as const) {
    if (value !== undefined && !isIsoDate(value)) {
      throw new BoundaryImportError(
        bilingual(
          `${name} "${value}" không phải ngày hợp lệ dạng YYYY-MM-DD`,
          `${name} "${value}" is not a valid YYYY-MM-DD date`,
        ),
      );
    }
  }
  if (options.validTo !== undefined && options.validTo < options.validFrom) {
    throw new BoundaryImportError(
      bilingual('--valid-to phải sau hoặc bằng --valid-from', '--valid-to must be on or after --valid-from'),
    );
  }
}

function toUnitRow(unit: PreparedUnit): UnitInsert {
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    fullName: unit.fullName,
    districtCode: unit.districtCode,
    districtName: unit.districtName,
    provinceCode: unit.provinceCode,
    provinceName: unit.provinceName,
    population: unit.population,
    areaKm2: unit.areaKm2,
    labelLongitude: unit.labelPoint[0] as number,
    labelLatitude: unit.labelPoint[1] as number,
    minLongitude: unit.boundingBox[0],
    minLatitude: unit.boundingBox[1],
    maxLongitude: unit.boundingBox[2],
    maxLatitude: unit.boundingBox[3],
    searchText: [unit.fullName, unit.code, unit.districtName ?? '', unit.provinceName ?? '']
      .map(foldText)
      .join(' | '),
    geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: unit.geometry }),
    properties: JSON.stringify(unit.properties),
  };
}

/** District and province outlines from all of the era's communes (after this import's changes). */
function deriveOutlines(database: Database, eraId: number) {
  const communes = communeGroupings(database, eraId);
  const geometries = communes.map(
    (commune) => (JSON.parse(commune.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates,
  );
  const index = buildPolygonIndex(geometries);
  const outlines: { level: UnitLevel; name: string; provinceName: string | null; geometry: string }[] = [];
  const addLevel = (level: UnitLevel, keyOf: (commune: (typeof communes)[number]) => string | null) => {
    const keys = communes.map(keyOf);
    const names = new Map<string, { name: string; provinceName: string | null }>();
    communes.forEach((commune, index) => {
      const key = keys[index];
      if (key && !names.has(key)) {
        const name =
          level === 'district'
            ? (commune.districtName ?? commune.districtCode ?? key)
            : (commune.provinceName ?? key);
        names.set(key, { name, provinceName: commune.provinceName });
      }
    });
    for (const [key, lines] of outlineGroups(geometries, keys, (x, y) => index.findPolygon(x, y))) {
      const label = names.get(key) as { name: string; provinceName: string | null };
      outlines.push({
        level,
        ...label,
        geometry: JSON.stringify({ type: 'MultiLineString', coordinates: lines }),
      });
    }
  };
  addLevel('district', (commune) =>
    commune.districtName || commune.districtCode
      ? `${commune.provinceName ?? ''}|${commune.districtCode ?? commune.districtName}`
      : null,
  );
  addLevel('province', (commune) => commune.provinceName);
  return outlines;
}
