import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BilingualError } from '../../server/domain/bilingual';
import { parseIncidentDateTime } from '../../server/domain/incidents/parse-incident-date';
import { readIncidentFile } from './read-incident-file';
import { readXlsx, xlsxSheetNames } from './read-xlsx';

/** What each row and cell holds: test/fixtures/incidents/README.md. */
const workbookPath = fileURLToPath(
  new URL('../../test/fixtures/incidents/tiny-province-incidents.xlsx', import.meta.url),
);
const workbook = readFileSync(workbookPath);
const directory = mkdtempSync(join(tmpdir(), 'diaban-xlsx-'));

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function failure(promise: Promise<unknown>): Promise<BilingualError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BilingualError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('reading Excel workbooks', () => {
  it('reads the first sheet as text, rows numbered as Excel numbers them', async () => {
    const file = await readXlsx(workbook, workbookPath);
    expect(file.format).toBe('xlsx');
    expect(file.layer).toBe('Vụ việc tháng 3');
    expect(file.declaredCoordinateSystem).toBeNull();
    expect(file.headers).toEqual([
      'Ngày xảy ra',
      'Giờ',
      'Kinh độ',
      'Vĩ độ',
      'Loại vụ việc',
      'Mức độ',
      'Đã khám phá',
      'Số hiệu',
    ]);
    // Row 7 is empty and skipped; the header is row 1.
    expect(file.rows.map((row) => row.row)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(file.rows[0]?.values).toEqual({
      'Ngày xảy ra': '05/03/2024',
      Giờ: '21:30',
      'Kinh độ': '105.521',
      'Vĩ độ': '10.015',
      'Loại vụ việc': 'Tội phạm về ma túy',
      'Mức độ': 'Nghiêm trọng',
      'Đã khám phá': 'Có',
      'Số hiệu': 'XL-2024-001',
    });
    for (const row of file.rows) {
      for (const value of Object.values(row.values)) expect(typeof value).toBe('string');
    }
  });

  it('gives date cells as ISO text the date parser reads as written', async () => {
    const { rows } = await readXlsx(workbook, workbookPath);
    const dateOf = (index: number) => rows[index]?.values['Ngày xảy ra'];
    const timeOf = (index: number) => rows[index]?.values.Giờ;
    // A date cell and a time cell (h:mm).
    expect([dateOf(1), timeOf(1)]).toEqual(['2024-03-06', '08:15']);
    expect(parseIncidentDateTime(dateOf(1), timeOf(1), 'day-first')).toBe('2024-03-06T08:15:00');
    // A date-and-time cell; the time cell left empty.
    expect([dateOf(2), timeOf(2)]).toEqual(['2024-03-10 14:00', '']);
    expect(parseIncidentDateTime(dateOf(2), null, 'day-first')).toBe('2024-03-10T14:00:00');
    // A custom "dd/mm/yyyy" date format.
    expect(dateOf(5)).toBe('2024-03-12');
    // A TRUE cell, and text typed with decimal commas kept as typed.
    expect(rows[2]?.values['Đã khám phá']).toBe('TRUE');
    expect(rows[5]?.values['Kinh độ']).toBe('105,5300');
  });

  it('reads the sheet named, case and accents aside, and lists the sheets for a wrong name', async () => {
    expect(await xlsxSheetNames(workbook)).toEqual(['Vụ việc tháng 3', 'Tháng 4 & 5']);
    const april = await readXlsx(workbook, workbookPath, 'thang 4 & 5');
    expect(april.layer).toBe('Tháng 4 & 5');
    expect(april.rows).toEqual([
      {
        row: 2,
        values: {
          'Ngày xảy ra': '2024-04-01',
          'Kinh độ': '105.521',
          'Vĩ độ': '10.015',
          'Loại vụ việc': 'Đánh bạc',
        },
      },
    ]);
    const error = await failure(readXlsx(workbook, workbookPath, 'Tháng 6'));
    expect(error.text.en).toBe(
      'The workbook tiny-province-incidents.xlsx has no sheet "Tháng 6". Its sheets: Vụ việc tháng 3, Tháng 4 & 5',
    );
    expect(error.text.vi).toContain('không có trang "Tháng 6"');
  });

  it('is what readIncidentFile gives for .xlsx, and for a workbook under another name', async () => {
    const direct = await readXlsx(workbook, workbookPath);
    expect(await readIncidentFile(workbookPath)).toEqual(direct);
    const renamed = join(directory, 'bao-cao.zip');
    writeFileSync(renamed, workbook);
    expect((await readIncidentFile(renamed, 'Tháng 4 & 5')).rows).toHaveLength(1);
  });

  it('refuses damaged workbooks and old .xls files with a clear message', async () => {
    const damaged = await failure(readXlsx(workbook.subarray(0, 200), 'hong.xlsx'));
    expect(damaged.text.en).toMatch(/^Cannot read the workbook hong\.xlsx/);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const old = await failure(readXlsx(ole, 'cu.xlsx'));
    expect(old.text.en).toContain('old Excel workbook (.xls)');
    expect(old.text.vi).toContain('.xlsx');
  });
});
