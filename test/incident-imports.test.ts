import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { createAppContext, DEFAULT_SECURITY } from '../server/routes/context';
import { incidentImportsDirectory } from '../server/routes/incident-imports';
import { appFor, databaseWithTinyProvince, type SignedInClient, signIn } from './helpers';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/incidents/${name}`, import.meta.url)));
const csv = fixture('tiny-province-incidents.csv');
const workbook = fixture('tiny-province-incidents.xlsx');

const databases: Database[] = [];
afterEach(() => {
  for (const database of databases.splice(0)) {
    rmSync(incidentImportsDirectory(database), { recursive: true, force: true });
  }
});

async function setUp(scope?: Parameters<typeof signIn>[3]) {
  const database = await databaseWithTinyProvince();
  databases.push(database);
  const app = appFor(database);
  const commander = await signIn(app, database, 'commander', scope);
  return { database, app, commander };
}

function upload(
  client: SignedInClient,
  bytes: Uint8Array,
  name: string,
  headers: Record<string, string> = {},
) {
  return client.request('/api/incident-imports/preview', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      'X-File-Name': encodeURIComponent(name),
      ...headers,
    },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
}

function postJson(client: SignedInClient, path: string, body: unknown) {
  return client.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

interface Preview {
  uploadId: string;
  format: string;
  layer: string | null;
  layers: string[];
  columns: string[];
  detected: Record<string, string | null>;
  rowCount: number;
  coordinateSystem: { name: string; from: string };
  sample: {
    row: number;
    values: Record<string, string>;
    parsed: { occurredAt: string; longitude: number; latitude: number; category: string } | null;
    reason: { vi: string; en: string } | null;
  }[];
}

interface ImportResult {
  importId: number;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  outsideUnits: number;
  rejectedRows: { row: number; reason: { vi: string; en: string } }[];
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: { vi: string; en: string } } }).error;
}

describe('importing incidents from the browser', () => {
  it('previews a file: detected columns, and the first rows read as the importer reads them', async () => {
    const { commander } = await setUp();
    const response = await upload(commander, csv, 'Vụ việc tháng 3.csv');
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Preview;
    expect(preview.uploadId).toMatch(/^[0-9a-f]{32}$/);
    expect(preview).toMatchObject({ format: 'csv', rowCount: 11, layers: [] });
    expect(preview.coordinateSystem.from).toBe('default');
    expect(preview.detected).toMatchObject({
      occurredAt: 'Ngày xảy ra',
      occurredTime: 'Giờ',
      longitude: 'Kinh độ',
      latitude: 'Vĩ độ',
      category: 'Loại vụ việc',
      severity: 'Mức độ',
      cleared: 'Đã khám phá',
      reference: 'Số hiệu',
      x: null,
    });
    expect(preview.sample).toHaveLength(11);
    const byRow = new Map(preview.sample.map((row) => [row.row, row]));
    expect(byRow.get(2)?.parsed).toMatchObject({
      occurredAt: '2024-03-05T21:30:00',
      longitude: 105.521,
      latitude: 10.015,
      category: 'ma-tuy',
    });
    // The swapped pair is turned round, as on import.
    expect(byRow.get(8)?.parsed).toMatchObject({ longitude: 105.572, latitude: 10.022 });
    expect(byRow.get(10)?.reason?.en).toMatch(/31\/02\/2024/);
    expect(byRow.get(11)?.reason?.vi).toMatch(/Tranh chấp dân sự/);
    expect(byRow.get(11)?.values['Loại vụ việc']).toBe('Tranh chấp dân sự');

    // A category mapped by the user makes the row acceptable; the upload is read again, not sent again.
    const again = await postJson(commander, `/api/incident-imports/${preview.uploadId}/preview`, {
      mapping: { categories: { 'Tranh chấp dân sự': 'trat-tu-xa-hoi' } },
    });
    expect(again.status).toBe(200);
    const remapped = (await again.json()) as Preview;
    expect(remapped.sample.find((row) => row.row === 11)?.parsed?.category).toBe('trat-tu-xa-hoi');

    // A column the file does not have is a 400 listing those it has.
    const missing = await postJson(commander, `/api/incident-imports/${preview.uploadId}/preview`, {
      mapping: { columns: { occurredAt: 'Ngày báo' } },
    });
    expect(missing.status).toBe(400);
    const error = await errorOf(missing);
    expect(error.message.en).toContain('The file has no column "Ngày báo"');
    expect(error.message.vi).toContain('Không có cột "Ngày báo"');
  });

  it('imports a workbook with the choices made, and gives its rejected rows back as CSV', async () => {
    const { commander, database } = await setUp();
    const preview = (await (await upload(commander, workbook, 'bao-cao.xlsx')).json()) as Preview;
    expect(preview).toMatchObject({ format: 'xlsx', layer: 'Vụ việc tháng 3' });
    expect(preview.layers).toEqual(['Vụ việc tháng 3', 'Tháng 4 & 5']);
    expect(preview.sample.map((row) => row.row)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(preview.sample.find((row) => row.row === 3)?.parsed?.occurredAt).toBe('2024-03-06T08:15:00');

    const response = await postJson(commander, '/api/incident-imports', {
      uploadId: preview.uploadId,
      mapping: { source: 'Công an huyện Thử Nghiệm' },
      coordinateSystem: 'EPSG:4326',
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as ImportResult;
    expect(result).toMatchObject({ read: 6, accepted: 5, rejected: 1, duplicates: 0, outsideUnits: 0 });
    expect(result.rejectedRows).toHaveLength(1);
    expect(result.rejectedRows[0]?.row).toBe(6);
    expect(result.rejectedRows[0]?.reason.en).toMatch(/31\/02\/2024/);
    expect(result.rejectedRows[0]?.reason.vi).toMatch(/Ngày không đọc được/);

    // Audited under the account's name.
    const audit = listAuditRecords(database, { action: 'incidents.import', limit: 5 });
    expect(audit[0]).toMatchObject({ actor: commander.username, target: 'bao-cao.xlsx' });

    const download = await commander.request(`/api/incident-imports/${result.importId}/rejected.csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(download.headers.get('Content-Disposition')).toMatch(/attachment/);
    const lines = (await download.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'row,reason_vi,reason_en,Ngày xảy ra,Giờ,Kinh độ,Vĩ độ,Loại vụ việc,Mức độ,Đã khám phá,Số hiệu',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^6,.*31\/02\/2024.*XL-2024-005$/);

    // The upload is gone once imported; the same file again adds nothing.
    const reused = await postJson(commander, '/api/incident-imports', { uploadId: preview.uploadId });
    expect(reused.status).toBe(400);
    expect((await errorOf(reused)).code).toBe('unknown_upload');
    const second = (await (await upload(commander, workbook, 'bao-cao.xlsx')).json()) as Preview;
    const repeat = (await (
      await postJson(commander, '/api/incident-imports', {
        uploadId: second.uploadId,
        mapping: { source: 'Công an huyện Thử Nghiệm' },
      })
    ).json()) as ImportResult;
    expect(repeat).toMatchObject({ read: 6, accepted: 5, duplicates: 5 });

    // Another sheet, chosen by name.
    const third = (await (await upload(commander, workbook, 'bao-cao.xlsx')).json()) as Preview;
    const april = (await (
      await postJson(commander, `/api/incident-imports/${third.uploadId}/preview`, { layer: 'Tháng 4 & 5' })
    ).json()) as Preview;
    expect(april).toMatchObject({ layer: 'Tháng 4 & 5', rowCount: 1 });
  });

  it('rejects, with a reason, the rows outside the communes an account is limited to', async () => {
    const { commander } = await setUp({ kind: 'communes', communes: ['90001'] });
    const preview = (await (await upload(commander, csv, 'vu-viec.csv')).json()) as Preview;
    const outside = preview.sample.find((row) => row.row === 4);
    expect(outside?.parsed).toBeNull();
    expect(outside?.reason?.en).toBe('Outside the area this account is assigned to');
    const result = (await (
      await postJson(commander, '/api/incident-imports', { uploadId: preview.uploadId })
    ).json()) as ImportResult;
    // 90001 holds the two drug cases of 2024 and 2023 each; the rest is elsewhere or unreadable.
    expect(result).toMatchObject({ read: 11, accepted: 4, rejected: 7, outsideUnits: 0 });
    expect(result.accepted + result.rejected).toBe(result.read);
    expect(
      result.rejectedRows.filter((rejection) => rejection.reason.vi.startsWith('Nằm ngoài địa bàn')),
    ).toHaveLength(4);
  });

  it('answers bad uploads and choices with a 400 in both languages', async () => {
    const { commander } = await setUp();
    const empty = await upload(commander, new Uint8Array(0), 'vu-viec.csv');
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe('no_file');

    const unknown = await upload(commander, csv, 'vu-viec.pdf');
    expect(unknown.status).toBe(400);
    const unknownError = await errorOf(unknown);
    expect(unknownError.code).toBe('unknown_format');
    expect(unknownError.message.vi).toContain('vu-viec.pdf');

    const nameless = await commander.request('/api/incident-imports/preview', { method: 'POST', body: csv });
    expect(nameless.status).toBe(400);

    // Larger than allowed: refused from the declared length, before anything is stored.
    const huge = await upload(commander, csv, 'vu-viec.csv', { 'Content-Length': String(300 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).message.en).toContain('too large');

    const broken = await upload(
      commander,
      new TextEncoder().encode('{"type": "Nothing"}'),
      'vu-viec.geojson',
    );
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).message.en).toContain('not GeoJSON');

    const noSuchUpload = await postJson(commander, '/api/incident-imports', { uploadId: '0'.repeat(32) });
    expect(noSuchUpload.status).toBe(400);
    expect((await errorOf(noSuchUpload)).message.vi).toContain('Không tìm thấy tệp đã tải lên');
    expect((await postJson(commander, '/api/incident-imports', { uploadId: '../../etc' })).status).toBe(400);
    expect((await postJson(commander, '/api/incident-imports', {})).status).toBe(400);

    const preview = (await (await upload(commander, csv, 'vu-viec.csv')).json()) as Preview;
    for (const body of [
      { uploadId: preview.uploadId, mapping: { columns: { longitude: 'Kinh do 2' } } },
      { uploadId: preview.uploadId, mapping: { columns: { when: 'Ngày xảy ra' } } },
      { uploadId: preview.uploadId, mapping: { defaultCategory: 'khong-co' } },
      { uploadId: preview.uploadId, coordinateSystem: 'vn2000:abc' },
    ]) {
      const response = await postJson(commander, '/api/incident-imports', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.message.vi.length).toBeGreaterThan(10);
      expect(error.message.en.length).toBeGreaterThan(10);
    }
    // Nothing was imported by the refusals: the upload can still be imported.
    const result = await postJson(commander, '/api/incident-imports', { uploadId: preview.uploadId });
    expect(result.status).toBe(200);
  });

  it('keeps uploads an hour, for their own account only', async () => {
    const database = await databaseWithTinyProvince();
    databases.push(database);
    let now = new Date('2024-05-15T03:00:00Z');
    // Sessions that outlast the hour, so that only the upload expires.
    const security = { ...DEFAULT_SECURITY, idleMinutes: 600 };
    const app = createApp(createAppContext(database, () => now, security));
    const commander = await signIn(app, database, 'commander');
    const analyst = await signIn(app, database, 'analyst', { kind: 'communes', communes: ['90002'] });
    const preview = (await (await upload(commander, csv, 'vu-viec.csv')).json()) as Preview;

    const foreign = await postJson(analyst, '/api/incident-imports', { uploadId: preview.uploadId });
    expect(foreign.status).toBe(400);
    expect((await errorOf(foreign)).code).toBe('unknown_upload');

    now = new Date(now.getTime() + 61 * 60 * 1000);
    const late = await postJson(commander, '/api/incident-imports', { uploadId: preview.uploadId });
    expect(late.status).toBe(400);
    expect(readdirSync(join(incidentImportsDirectory(database), 'uploads'))).toEqual([]);

    // Rejected rows go back to the account that imported, or to one that sees everywhere.
    const fresh = (await (await upload(commander, csv, 'vu-viec.csv')).json()) as Preview;
    const result = (await (
      await postJson(commander, '/api/incident-imports', { uploadId: fresh.uploadId })
    ).json()) as ImportResult;
    const path = `/api/incident-imports/${result.importId}/rejected.csv`;
    expect((await analyst.request(path)).status).toBe(404);
    expect((await commander.request(path)).status).toBe(200);
    expect((await commander.request('/api/incident-imports/999/rejected.csv')).status).toBe(404);
    expect((await commander.request('/api/incident-imports/abc/rejected.csv')).status).toBe(404);
    expect(existsSync(join(incidentImportsDirectory(database), 'rejected', `${result.importId}.csv`))).toBe(
      true,
    );
  });

  it('is for accounts that may write incidents', async () => {
    const database = await databaseWithTinyProvince();
    databases.push(database);
    const app = appFor(database);
    for (const role of ['admin', 'planner', 'viewer'] as const) {
      const client = await signIn(app, database, role);
      expect((await upload(client, csv, 'vu-viec.csv')).status, role).toBe(403);
    }
  });
});
