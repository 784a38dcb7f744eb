import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { importIncidentFile } from '../../geodata/import/import-incidents';
import { type IncidentFile, readIncidentFile } from '../../geodata/import/read-incident-file';
import { xlsxSheetNames } from '../../geodata/import/read-xlsx';
import { hasEndOfCentralDirectory, zippedLayers } from '../../geodata/import/shapefile-layers';
import type { Database } from '../db/database';
import { listEras } from '../db/queries/eras';
import { findIncidentImport, unitScopeFacts } from '../db/queries/incident-imports';
import { listIncidentCategories } from '../db/queries/incidents';
import { type Scope, scopeCovers } from '../domain/access/scope';
import { BilingualError, type BilingualText, bilingual } from '../domain/bilingual';
import {
  detectIncidentColumns,
  INCIDENT_COLUMN_ROLES,
  type IncidentColumnMapping,
} from '../domain/incidents/detect-incident-columns';
import { type IncidentMapping, parseIncidentMapping } from '../domain/incidents/incident-mapping-file';
import { detectDateOrder } from '../domain/incidents/parse-incident-date';
import { prepareIncidentRows } from '../domain/incidents/prepare-incident-rows';
import {
  parseCoordinateSystem,
  projectorToWgs84,
  WGS84,
} from '../domain/projections/coordinate-reference-system';
import { attachedFolder, INCIDENT_UPLOADS_FOLDER } from '../services/attached-folders';
import { unitsContaining } from '../services/incident-assignment';
import { type AppEnv, accountOf, permit } from './access';
import { ApiError, notFound } from './api-error';
import type { AppContext } from './context';
import { validBody } from './query-validation';

/**
 * /api/incident-imports: incident files imported from the browser, in three steps.
 *
 * 1. `POST /preview` with the file as the raw body (`X-File-Name` naming it, URL-encoded) stores it for an
 *    hour under an upload id and answers the detected columns and the first rows read the importer's way;
 *    `POST /:uploadId/preview` reads a stored upload again with another column mapping, sheet or layer,
 *    or coordinate system.
 * 2. `POST /` imports the upload with the choices made (through importIncidentFile, audited under the
 *    account's name) and deletes it.
 * 3. `GET /:id/rejected.csv` gives the rejected rows as read, with the reason in both languages.
 *
 * Files live beside the database (a folder "incident-imports" next to it), or in the system's temporary
 * folder for an in-memory database: `uploads/<id>/` for uploads, `rejected/<importId>.csv` for the
 * rejected rows of each import (kept, like the import's record; the database keeps the rows' numbers and
 * reasons, the CSV their original columns too). An account limited to some communes imports only rows
 * inside them; the others are rejected with a reason.
 */

export const INCIDENT_UPLOAD_PATH = '/api/incident-imports/preview';
/** The largest file taken: a million rows of CSV is about 100 MB. */
export const MAXIMUM_UPLOAD_BYTES = 200 * 1024 * 1024;
const UPLOAD_LIFETIME_MILLISECONDS = 60 * 60 * 1000;
const SAMPLE_ROWS = 20;
/** Rejected rows listed in the answer; the CSV has them all. */
const LISTED_REJECTIONS = 1000;
const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.json', '.geojson', '.zip'];

interface StoredUpload {
  id: string;
  directory: string;
  path: string;
  fileName: string;
  owner: string;
  createdAt: string;
  bytes: number;
}

interface Choices {
  mapping: IncidentMapping;
  layer?: string | undefined;
  coordinateSystem?: string | undefined;
}

/** Where this database's uploads and rejected-row files are kept. */
export function incidentImportsDirectory(database: Database): string {
  return attachedFolder(database, INCIDENT_UPLOADS_FOLDER);
}

function invalid(code: string, text: BilingualText): ApiError {
  return new ApiError(400, code, text);
}

const unknownUpload = () =>
  invalid(
    'unknown_upload',
    bilingual(
      'Không tìm thấy tệp đã tải lên (mã sai, hoặc đã quá một giờ); hãy chọn lại tệp',
      'The uploaded file is not there (wrong id, or more than an hour old); choose the file again',
    ),
  );

const tooLarge = () =>
  new ApiError(
    413,
    'payload_too_large',
    bilingual(
      `Tệp quá lớn: tối đa ${MAXIMUM_UPLOAD_BYTES / 1024 / 1024} MB; hãy chia nhỏ tệp`,
      `The file is too large: at most ${MAXIMUM_UPLOAD_BYTES / 1024 / 1024} MB; split it`,
    ),
  );

const choicesSchema = z.object({
  // Checked by parseIncidentMapping, whose messages name the key at fault.
  mapping: z.unknown().optional(),
  layer: z.string().trim().min(1).max(200).optional(),
  coordinateSystem: z.string().trim().min(1).max(2000).optional(),
});
const commitSchema = choicesSchema.extend({ uploadId: z.string().max(64) });

const EXPECTATIONS = {
  uploadId: bilingual('mã tệp đã tải lên', 'the id of the uploaded file'),
  layer: bilingual('tên trang hoặc lớp', 'a sheet or layer name'),
  coordinateSystem: bilingual(
    'hệ tọa độ, ví dụ "EPSG:4326" hoặc "vn2000:105.5"',
    'a coordinate system, e.g. "EPSG:4326" or "vn2000:105.5"',
  ),
};

export function incidentImportRoutes(context: AppContext) {
  const canWrite = permit(context, 'incidents:write');
  return new Hono<AppEnv>()
    .post('/preview', canWrite, async (c) => {
      sweepExpiredUploads(context);
      const upload = await receiveUpload(c, context);
      try {
        return c.json(await preview(context, upload, { mapping: {} }, accountOf(c).scope));
      } catch (error) {
        // A file that cannot be read at all is not kept.
        if (error instanceof BilingualError && !(error instanceof ApiError)) {
          rmSync(upload.directory, { recursive: true, force: true });
        }
        throw error;
      }
    })
    .post('/:uploadId/preview', canWrite, validBody(choicesSchema, EXPECTATIONS), async (c) => {
      sweepExpiredUploads(context);
      const account = accountOf(c);
      const upload = findUpload(context, c.req.param('uploadId'), account.user.username);
      return c.json(await preview(context, upload, choicesOf(c.req.valid('json')), account.scope));
    })
    .post('/', canWrite, validBody(commitSchema, EXPECTATIONS), async (c) => {
      sweepExpiredUploads(context);
      const account = accountOf(c);
      const body = c.req.valid('json');
      const upload = findUpload(context, body.uploadId, account.user.username);
      const choices = choicesOf(body);
      const rejectedDirectory = join(incidentImportsDirectory(context.database), 'rejected');
      mkdirSync(rejectedDirectory, { recursive: true });
      const pending = join(rejectedDirectory, `${upload.id}.csv`);
      const report = await importIncidentFile(context.database, context.locator, upload.path, {
        mapping: choices.mapping,
        layer: choices.layer,
        coordinateSystem: choices.coordinateSystem,
        actor: account.user.username,
        rejectedCsvPath: pending,
        refusePlace: scopeRefusal(context.database, account.scope),
      });
      renameSync(pending, rejectedCsvPath(context, report.importId));
      rmSync(upload.directory, { recursive: true, force: true });
      return c.json({
        importId: report.importId,
        file: upload.fileName,
        format: report.format,
        layer: report.layer,
        coordinateSystem: report.coordinateSystem,
        read: report.read,
        accepted: report.accepted,
        rejected: report.rejected,
        duplicates: report.duplicates,
        inserted: report.inserted,
        outsideUnits: report.outsideUnits,
        rejectedRows: report.rejectedRows.slice(0, LISTED_REJECTIONS).map((rejection) => ({
          row: rejection.row,
          reason: bilingual(rejection.reasonVi, rejection.reason),
        })),
        rejectedRowsListed: Math.min(report.rejectedRows.length, LISTED_REJECTIONS),
      });
    })
    .get('/:id/rejected.csv', canWrite, (c) => {
      const account = accountOf(c);
      const id = /^\d{1,12}$/.test(c.req.param('id')) ? Number(c.req.param('id')) : Number.NaN;
      const record = Number.isSafeInteger(id) ? findIncidentImport(context.database, id) : undefined;
      const missing = notFound(
        bilingual(
          `Không có lần nhập vụ việc số ${c.req.param('id')}`,
          `No incident import ${c.req.param('id')}`,
        ),
      );
      // The rows are the importer's own file: they go back to that account, or to one that sees everywhere.
      if (!record || (record.actor !== account.user.username && account.scope.kind !== 'all')) throw missing;
      const path = rejectedCsvPath(context, record.id);
      if (!existsSync(path)) {
        throw notFound(
          bilingual(
            `Lần nhập số ${record.id} không lưu tệp các dòng bị loại (nhập từ dòng lệnh?)`,
            `Import ${record.id} kept no file of rejected rows (imported from the command line?)`,
          ),
        );
      }
      const stem = basename(record.sourceFile, extname(record.sourceFile));
      return c.body(readFileSync(path), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="rejected-${record.id}.csv"; filename*=UTF-8''${encodeURIComponent(`${stem}-bi-loai-${record.id}.csv`)}`,
      });
    });
}

function rejectedCsvPath(context: AppContext, importId: number): string {
  return join(incidentImportsDirectory(context.database), 'rejected', `${importId}.csv`);
}

function choicesOf(body: z.infer<typeof choicesSchema>): Choices {
  return {
    mapping: body.mapping === undefined || body.mapping === null ? {} : parseIncidentMapping(body.mapping),
    layer: body.layer,
    coordinateSystem: body.coordinateSystem,
  };
}

// ------------------------------------------------------------------------------------------------ uploads

/** The file name the client sent, made safe to store: no folders, no control characters. */
function fileNameOf(c: Context<AppEnv>): string {
  let name = c.req.header('X-File-Name') ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Sent as it is.
  }
  name = basename(name.replace(/\\/g, '/'))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f/:*?"<>|]/g, '_')
    .trim();
  if (name.length > 120) name = name.slice(0, 100) + extname(name).slice(0, 20);
  return name;
}

async function receiveUpload(c: Context<AppEnv>, context: AppContext): Promise<StoredUpload> {
  const fileName = fileNameOf(c);
  const extension = extname(fileName).toLowerCase();
  if (!ACCEPTED_EXTENSIONS.includes(extension)) {
    const list = ACCEPTED_EXTENSIONS.join(', ');
    throw invalid(
      'unknown_format',
      fileName === ''
        ? bilingual(
            `Thiếu tên tệp (tiêu đề X-File-Name); các dạng nhận: ${list}`,
            `The file name is missing (X-File-Name header); accepted formats: ${list}`,
          )
        : bilingual(
            `Không nhận dạng tệp "${fileName}"; các dạng nhận: ${list} (Shapefile nén zip)`,
            `Unknown file format "${fileName}"; accepted: ${list} (Shapefile zipped)`,
          ),
    );
  }
  const declared = Number(c.req.header('Content-Length') ?? Number.NaN);
  if (declared > MAXIMUM_UPLOAD_BYTES) throw tooLarge();
  const noFile = invalid(
    'no_file',
    bilingual('Chưa gửi tệp nào (nội dung trống)', 'No file was sent (the body is empty)'),
  );
  const body = c.req.raw.body;
  if (!body || declared === 0) throw noFile;

  const id = randomBytes(16).toString('hex');
  const directory = join(incidentImportsDirectory(context.database), 'uploads', id);
  mkdirSync(directory, { recursive: true });
  const path = join(directory, fileName);
  const output = createWriteStream(path);
  let bytes = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (bytes > MAXIMUM_UPLOAD_BYTES) throw tooLarge();
      if (!output.write(chunk)) await once(output, 'drain');
    }
    output.end();
    await once(output, 'finish');
    if (bytes === 0) throw noFile;
  } catch (error) {
    output.destroy();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const upload: StoredUpload = {
    id,
    directory,
    path,
    fileName,
    owner: accountOf(c).user.username,
    createdAt: context.now().toISOString(),
    bytes,
  };
  writeFileSync(join(directory, 'upload.json'), JSON.stringify(upload));
  return upload;
}

/** The account's own upload of that id, not expired. */
function findUpload(context: AppContext, id: string, owner: string): StoredUpload {
  if (!/^[0-9a-f]{32}$/.test(id)) throw unknownUpload();
  const directory = join(incidentImportsDirectory(context.database), 'uploads', id);
  let upload: StoredUpload;
  try {
    upload = JSON.parse(readFileSync(join(directory, 'upload.json'), 'utf8')) as StoredUpload;
  } catch {
    throw unknownUpload();
  }
  if (upload.owner !== owner || expired(context, upload) || !existsSync(upload.path)) throw unknownUpload();
  return upload;
}

function expired(context: AppContext, upload: Pick<StoredUpload, 'createdAt'>): boolean {
  return context.now().getTime() - new Date(upload.createdAt).getTime() > UPLOAD_LIFETIME_MILLISECONDS;
}

/** Deletes uploads older than an hour, and unfinished ones (no record) an hour old by the file clock. */
function sweepExpiredUploads(context: AppContext): void {
  const root = join(incidentImportsDirectory(context.database), 'uploads');
  if (!existsSync(root)) return;
  for (const id of readdirSync(root)) {
    const directory = join(root, id);
    try {
      const record = join(directory, 'upload.json');
      const old = existsSync(record)
        ? expired(context, JSON.parse(readFileSync(record, 'utf8')) as StoredUpload)
        : Date.now() - statSync(directory).mtimeMs > UPLOAD_LIFETIME_MILLISECONDS;
      if (old) rmSync(directory, { recursive: true, force: true });
    } catch {
      rmSync(directory, { recursive: true, force: true });
    }
  }
}

// ------------------------------------------------------------------------------------------------ preview

/** The sheets of a workbook or the layers of a zip, for the user to choose from. */
async function layersOf(path: string): Promise<string[]> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.xlsx' && extension !== '.xlsm' && extension !== '.zip') return [];
  const bytes = new Uint8Array(readFileSync(path));
  if (!hasEndOfCentralDirectory(bytes)) return [];
  try {
    if (extension === '.zip') {
      const fail = (text: BilingualText) => new BilingualError(text);
      const names = zippedLayers(bytes, fail)
        .filter((entry) => entry.shp)
        .map((entry) => entry.name);
      if (names.length > 0) return names;
    }
    return await xlsxSheetNames(bytes);
  } catch {
    // The reader says what is wrong with the file.
    return [];
  }
}

/** The file as the importer reads it; without a layer chosen, the first of several that can be read. */
async function readUpload(
  path: string,
  layer: string | undefined,
  layers: readonly string[],
): Promise<IncidentFile> {
  try {
    return await readIncidentFile(path, layer);
  } catch (error) {
    if (layer !== undefined || layers.length < 2) throw error;
    for (const candidate of layers) {
      try {
        return await readIncidentFile(path, candidate);
      } catch {
        // A layer of lines or polygons: try the next.
      }
    }
    throw error;
  }
}

function displayText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function preview(context: AppContext, upload: StoredUpload, choices: Choices, scope: Scope) {
  const { mapping } = choices;
  const layers = await layersOf(upload.path);
  const file = await readUpload(upload.path, choices.layer, layers);
  const columns = detectIncidentColumns(file.headers, mapping.columns);
  const crsText = choices.coordinateSystem ?? mapping.crs;
  const coordinateSystem = crsText
    ? parseCoordinateSystem(crsText)
    : (file.declaredCoordinateSystem ?? WGS84);
  const project = projectorToWgs84(coordinateSystem);
  const eras = listEras(context.database);
  // The date order of the whole file, as the importer detects it, not of the first rows only.
  const dateOrder =
    mapping.dateOrder ?? detectDateOrder(file.rows.map((row) => firstValue(row.values, columns.occurredAt)));
  const sampleRows = file.rows.slice(0, SAMPLE_ROWS);
  const prepared = prepareIncidentRows(sampleRows, {
    columns,
    categories: listIncidentCategories(context.database).map((category) => ({
      code: category.code,
      group: category.groupCode,
      nameVi: category.nameVi,
      nameEn: category.nameEn,
      aliases: JSON.parse(category.aliases) as string[],
    })),
    categoryMapping: mapping.categories,
    defaultCategory: mapping.defaultCategory,
    dateOrder,
    project: (x, y) => {
      const [longitude, latitude] = project(x, y);
      return Number.isFinite(longitude) && Number.isFinite(latitude) ? [longitude, latitude] : null;
    },
    geographicInput: coordinateSystem.geographic,
    plausible:
      eras.length > 0
        ? (longitude, latitude) => unitsContaining(context.locator, eras, longitude, latitude).length > 0
        : undefined,
    source: mapping.source,
  });
  const refuse = scopeRefusal(context.database, scope);
  const accepted = new Map(prepared.accepted.map((incident) => [incident.row, incident]));
  const rejected = new Map(prepared.rejected.map((rejection) => [rejection.row, rejection.reason]));

  return {
    uploadId: upload.id,
    file: upload.fileName,
    bytes: upload.bytes,
    format: file.format,
    layer: file.layer,
    layers,
    columns: file.headers,
    detected: detectedColumns(columns),
    coordinateSystem: {
      name: coordinateSystem.name,
      from: crsText ? 'chosen' : file.declaredCoordinateSystem ? 'file' : 'default',
      geographic: coordinateSystem.geographic,
    },
    hasGeometry: file.format === 'geojson' || file.format === 'shapefile',
    rowCount: file.rows.length,
    sample: sampleRows.map((row) => {
      const incident = accepted.get(row.row);
      const values: Record<string, string> = {};
      for (const column of file.headers) values[column] = displayText(row.values[column]);
      let reason = rejected.get(row.row) ?? null;
      if (incident && refuse) {
        const unitIds = unitsContaining(context.locator, eras, incident.longitude, incident.latitude).map(
          ([, unitId]) => unitId,
        );
        reason = refuse(unitIds);
      }
      return {
        row: row.row,
        values,
        parsed:
          incident && !reason
            ? {
                occurredAt: incident.occurredAt,
                longitude: incident.longitude,
                latitude: incident.latitude,
                category: incident.categoryCode,
                subcategory: incident.subcategory,
                severity: incident.severity,
                cleared: incident.cleared,
                deaths: incident.deaths,
                injuries: incident.injuries,
                source: incident.source,
                reference: incident.reference,
              }
            : null,
        reason,
      };
    }),
  };
}

function firstValue(values: Record<string, unknown>, columns: readonly string[]): unknown {
  for (const column of columns) {
    const value = values[column];
    if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === ''))
      return value;
  }
  return undefined;
}

/** The column read for each role, or null. */
function detectedColumns(columns: IncidentColumnMapping): Record<string, string | null> {
  return Object.fromEntries(INCIDENT_COLUMN_ROLES.map((role) => [role, columns[role][0] ?? null]));
}

// -------------------------------------------------------------------------------------------------- scope

/** For an account limited to some provinces or communes: the reason a row outside them is rejected. */
function scopeRefusal(
  database: Database,
  scope: Scope,
): ((unitIds: readonly number[]) => BilingualText | null) | undefined {
  if (scope.kind === 'all') return undefined;
  const covered = new Map<number, boolean>();
  const reason = bilingual(
    'Nằm ngoài địa bàn được phân công cho tài khoản này',
    'Outside the area this account is assigned to',
  );
  return (unitIds) => {
    for (const unitId of unitIds) {
      if (unitId < 0) continue;
      let inside = covered.get(unitId);
      if (inside === undefined) {
        const unit = unitScopeFacts(database, unitId);
        inside = unit !== undefined && scopeCovers(scope, unit);
        covered.set(unitId, inside);
      }
      if (inside) return null;
    }
    return reason;
  };
}
