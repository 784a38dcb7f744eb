import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Database, inTransaction } from '../../server/db/database';
import { listEras } from '../../server/db/queries/eras';
import {
  insertIncidents,
  listIncidentCategories,
  recordIncidentImport,
  updateIncidentImportCounts,
} from '../../server/db/queries/incidents';
import { detectIncidentColumns } from '../../server/domain/incidents/detect-incident-columns';
import type { IncidentMapping } from '../../server/domain/incidents/incident-mapping-file';
import { prepareIncidentRows } from '../../server/domain/incidents/prepare-incident-rows';
import {
  parseCoordinateSystem,
  projectorToWgs84,
  WGS84,
} from '../../server/domain/projections/coordinate-reference-system';
import { csvField } from '../../server/domain/text/csv-field';
import { appendAudit } from '../../server/services/audit-trail';
import { unitsContaining } from '../../server/services/incident-assignment';
import type { UnitLocator } from '../../server/services/unit-locator';
import { readIncidentFile } from './read-incident-file';

export interface IncidentImportOptions {
  /** The --mapping file, parsed: columns, category values, date order, coordinate system, source. */
  mapping?: IncidentMapping | undefined;
  layer?: string | undefined;
  /** The coordinate system of x/y columns or geometries, over what the file and mapping say. */
  coordinateSystem?: string | undefined;
  /** Who imports, for the audit trail. */
  actor?: string | undefined;
  /** Where to write the rejected rows as CSV: their columns as read, plus the reason in both languages. */
  rejectedCsvPath?: string | undefined;
}

export interface IncidentImportReport {
  file: string;
  format: string;
  layer: string | null;
  coordinateSystem: string;
  /** Rows read; always accepted + rejected. */
  read: number;
  accepted: number;
  rejected: number;
  /** Accepted rows that were stored already (same source and reference number, or same content). */
  duplicates: number;
  /** Accepted rows stored now. */
  inserted: number;
  /** Accepted incidents that lie outside every commune of every era: kept, and counted apart. */
  outsideUnits: number;
  rejectedRows: { row: number; reason: string; reasonVi: string }[];
  durationSeconds: number;
}

/**
 * Imports an incident file: every row is read, checked and either accepted or rejected with a reason; the
 * accepted ones are placed in the commune of every era that contains them (through the shared locator) and
 * stored in one transaction, rows stored before being skipped.
 */
export async function importIncidentFile(
  database: Database,
  locator: UnitLocator,
  path: string,
  options: IncidentImportOptions = {},
): Promise<IncidentImportReport> {
  const started = performance.now();
  const mapping = options.mapping ?? {};
  const file = await readIncidentFile(path, options.layer);
  const columns = detectIncidentColumns(file.headers, mapping.columns);
  const crsText = options.coordinateSystem ?? mapping.crs;
  const coordinateSystem = crsText
    ? parseCoordinateSystem(crsText)
    : (file.declaredCoordinateSystem ?? WGS84);
  const project = projectorToWgs84(coordinateSystem);
  const eras = listEras(database);
  const insideSomeUnit = (longitude: number, latitude: number) =>
    unitsContaining(locator, eras, longitude, latitude).length > 0;

  const prepared = prepareIncidentRows(file.rows, {
    columns,
    categories: listIncidentCategories(database).map((category) => ({
      code: category.code,
      group: category.groupCode,
      nameVi: category.nameVi,
      nameEn: category.nameEn,
      aliases: JSON.parse(category.aliases) as string[],
    })),
    categoryMapping: mapping.categories,
    defaultCategory: mapping.defaultCategory,
    dateOrder: mapping.dateOrder,
    project: (x, y) => {
      const [longitude, latitude] = project(x, y);
      return Number.isFinite(longitude) && Number.isFinite(latitude) ? [longitude, latitude] : null;
    },
    geographicInput: coordinateSystem.geographic,
    plausible: eras.length > 0 ? insideSomeUnit : undefined,
    source: mapping.source,
  });

  const rows = prepared.accepted.map((incident) => ({
    ...incident,
    units: unitsContaining(locator, eras, incident.longitude, incident.latitude),
  }));
  const rejectedRows = prepared.rejected.map((rejection) => ({
    row: rejection.row,
    reason: rejection.reason.en,
    reasonVi: rejection.reason.vi,
  }));
  if (options.rejectedCsvPath) {
    const byRow = new Map(file.rows.map((row) => [row.row, row.values]));
    writeFileSync(options.rejectedCsvPath, rejectedRowsCsv(file.headers, rejectedRows, byRow));
  }
  const now = new Date();
  const inserted = inTransaction(database, () => {
    const importId = recordIncidentImport(database, {
      sourceFile: basename(path),
      format: file.format,
      readCount: file.rows.length,
      acceptedCount: rows.length,
      insertedCount: 0,
      rejectedCount: rejectedRows.length,
      rejectedRows: JSON.stringify(prepared.rejected),
      actor: options.actor ?? 'system',
      importedAt: now.toISOString(),
    });
    const count = insertIncidents(database, rows, importId, now.toISOString());
    updateIncidentImportCounts(database, importId, count);
    appendAudit(
      database,
      {
        actor: options.actor ?? 'system',
        address: 'local',
        action: 'incidents.import',
        target: basename(path),
        after: {
          read: file.rows.length,
          accepted: rows.length,
          inserted: count,
          rejected: rejectedRows.length,
        },
      },
      now,
    );
    return count;
  });
  return {
    file: basename(path),
    format: file.format,
    layer: file.layer,
    coordinateSystem: coordinateSystem.name,
    read: file.rows.length,
    accepted: rows.length,
    rejected: rejectedRows.length,
    duplicates: rows.length - inserted,
    inserted,
    outsideUnits: rows.filter((row) => row.units.length === 0).length,
    rejectedRows,
    durationSeconds: Math.round(performance.now() - started) / 1000,
  };
}

/** RFC 4180 CSV of rejected rows, with a byte-order mark so that Excel reads the Vietnamese in UTF-8. */
function rejectedRowsCsv(
  headers: readonly string[],
  rejected: readonly { row: number; reason: string; reasonVi: string }[],
  valuesByRow: Map<number, Record<string, unknown>>,
): string {
  const lines = [['row', 'reason_vi', 'reason_en', ...headers].map(csvField).join(',')];
  for (const rejection of rejected) {
    const values = valuesByRow.get(rejection.row) ?? {};
    lines.push(
      [rejection.row, rejection.reasonVi, rejection.reason, ...headers.map((header) => values[header])]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
