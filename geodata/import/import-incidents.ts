import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Database, inTransaction } from '../../server/db/database';
import { advanceDataRevision } from '../../server/db/queries/data-revisions';
import { listEras } from '../../server/db/queries/eras';
import {
  checkIncidentReferences,
  IncidentBatch,
  listIncidentCategories,
  recordIncidentImport,
  storeIncidentBatch,
  updateIncidentImportCounts,
  withBulkWriteSettings,
} from '../../server/db/queries/incidents';
import type { BilingualText } from '../../server/domain/bilingual';
import { detectIncidentColumns } from '../../server/domain/incidents/detect-incident-columns';
import type { IncidentMapping } from '../../server/domain/incidents/incident-mapping-file';
import {
  forEachPreparedRow,
  type RejectedIncidentRow,
} from '../../server/domain/incidents/prepare-incident-rows';
import {
  parseCoordinateSystem,
  projectorToWgs84,
  WGS84,
} from '../../server/domain/projections/coordinate-reference-system';
import { csvField } from '../../server/domain/text/csv-field';
import { appendAudit } from '../../server/services/audit-trail';
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
  /**
   * Why the importing account may not place an incident in these communes (one unit id per era, -1 for
   * none), or null when it may: an account limited to some communes imports only rows inside them.
   */
  refusePlace?: ((unitIds: readonly number[]) => BilingualText | null) | undefined;
}

export interface IncidentImportReport {
  /** The incident_imports row of this import. */
  importId: number;
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
  /** Where the time went: reading the file, checking and placing the rows, storing them. */
  stageSeconds: { read: number; prepare: number; store: number };
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
  const read = performance.now();
  const columns = detectIncidentColumns(file.headers, mapping.columns);
  const crsText = options.coordinateSystem ?? mapping.crs;
  const coordinateSystem = crsText
    ? parseCoordinateSystem(crsText)
    : (file.declaredCoordinateSystem ?? WGS84);
  const project = projectorToWgs84(coordinateSystem);
  const eras = listEras(database);

  // The commune of every era at the last point asked about: the plausibility check (which finds swapped
  // coordinates) asks about the very point then stored, so each row is placed once.
  let lastLongitude = Number.NaN;
  let lastLatitude = Number.NaN;
  let lastInside = false;
  const lastUnits = eras.map(() => -1);
  const place = (longitude: number, latitude: number): boolean => {
    if (longitude === lastLongitude && latitude === lastLatitude) return lastInside;
    lastInside = false;
    for (let index = 0; index < eras.length; index++) {
      const unitId = locator.locate(eras[index] as (typeof eras)[number], 'commune', longitude, latitude);
      lastUnits[index] = unitId ?? -1;
      if (unitId !== null) lastInside = true;
    }
    lastLongitude = longitude;
    lastLatitude = latitude;
    return lastInside;
  };

  const batch = new IncidentBatch(eras.map((era) => era.id));
  const rejected: RejectedIncidentRow[] = [];
  forEachPreparedRow(
    file.rows,
    {
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
      plausible: eras.length > 0 ? place : undefined,
      source: mapping.source,
    },
    (incident) => {
      place(incident.longitude, incident.latitude);
      const refusal = options.refusePlace?.(lastUnits);
      if (refusal) rejected.push({ row: incident.row, reason: refusal });
      else batch.add(incident, lastUnits);
    },
    (rejection) => rejected.push(rejection),
  );
  const prepared = performance.now();

  const rejectedRows = rejected.map((rejection) => ({
    row: rejection.row,
    reason: rejection.reason.en,
    reasonVi: rejection.reason.vi,
  }));
  if (options.rejectedCsvPath) {
    const rejectedNumbers = new Set(rejected.map((rejection) => rejection.row));
    const byRow = new Map(
      file.rows.filter((row) => rejectedNumbers.has(row.row)).map((row) => [row.row, row.values]),
    );
    writeFileSync(options.rejectedCsvPath, rejectedRowsCsv(file.headers, rejectedRows, byRow));
  }
  const readCount = file.rows.length;
  const now = new Date();
  let importId = 0;
  const inserted = withBulkWriteSettings(database, () =>
    inTransaction(database, () => {
      checkIncidentReferences(database, batch, new Map(eras.map((era) => [era.id, era.revision])));
      importId = recordIncidentImport(database, {
        sourceFile: basename(path),
        format: file.format,
        readCount,
        acceptedCount: batch.count,
        insertedCount: 0,
        rejectedCount: rejectedRows.length,
        rejectedRows: JSON.stringify(rejected),
        actor: options.actor ?? 'system',
        importedAt: now.toISOString(),
      });
      const count = storeIncidentBatch(database, batch, importId, now.toISOString());
      updateIncidentImportCounts(database, importId, count);
      if (count > 0) advanceDataRevision(database, 'incidents');
      appendAudit(
        database,
        {
          actor: options.actor ?? 'system',
          address: 'local',
          action: 'incidents.import',
          target: basename(path),
          after: {
            read: readCount,
            accepted: batch.count,
            inserted: count,
            rejected: rejectedRows.length,
          },
        },
        now,
      );
      return count;
    }),
  );
  const finished = performance.now();
  const seconds = (milliseconds: number) => Math.round(milliseconds) / 1000;
  return {
    importId,
    file: basename(path),
    format: file.format,
    layer: file.layer,
    coordinateSystem: coordinateSystem.name,
    read: readCount,
    accepted: batch.count,
    rejected: rejectedRows.length,
    duplicates: batch.count - inserted,
    inserted,
    outsideUnits: batch.outsideUnits(),
    rejectedRows,
    durationSeconds: seconds(finished - started),
    stageSeconds: {
      read: seconds(read - started),
      prepare: seconds(prepared - read),
      store: seconds(finished - prepared),
    },
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
