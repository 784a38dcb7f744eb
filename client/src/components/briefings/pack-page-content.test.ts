import { describe, expect, it } from 'vitest';
import type { ProgrammeCycleAnswer, ProgrammeYearKpis } from '../../api/programme';
import {
  kpiTable,
  parsePackParts,
  selectionTable,
  tableRowsPerSheet,
  vietnameseDate,
} from './pack-page-content';

describe("a pack's print parts", () => {
  it('are read from the parts parameter, values as text, anything else dropped', () => {
    expect(parsePackParts('[{"page":"atlas","year":2024,"unit":"90001","x":{}}, 3, null]')).toEqual([
      { page: 'atlas', year: '2024', unit: '90001' },
    ]);
    expect(parsePackParts('not json')).toEqual([]);
    expect(parsePackParts('{"page":"cover"}')).toEqual([]);
  });

  it('split tables by a number of rows that depends on the paper', () => {
    expect(tableRowsPerSheet('A4', 'landscape')).toBeLessThan(tableRowsPerSheet('A4', 'portrait'));
    expect(tableRowsPerSheet('A4', 'portrait')).toBeLessThan(tableRowsPerSheet('A3', 'portrait'));
  });

  it('write the year figures and the selection list as printed tables', () => {
    const kpis = {
      selected: 16,
      assessed: 10,
      awaitingAssessment: 6,
      achieved: 7,
      notAchieved: 3,
      achievedPct: 70,
      targetPct: 60,
      achievedTargetMet: true,
      carryOvers: 3,
      monitored: 20,
      relapsed: 1,
      sustainedPct: 95,
      sustainedTargetPct: 85,
      sustainedTargetMet: true,
      window: { from: '2023-12-15', to: '2024-12-14' },
    } as ProgrammeYearKpis;
    const table = kpiTable(kpis);
    expect(table.rows.find((row) => row[0] === 'Tỷ lệ chuyển hóa đạt')).toEqual([
      'Tỷ lệ chuyển hóa đạt',
      '70 %',
      '≥ 60 %',
      'Đạt',
    ]);
    expect(table.note).toBe('Kỳ đánh giá: 15/12/2023 – 14/12/2024');
    const cycle = (code: string, fullName: string, district: string) =>
      ({
        unit: { code, fullName, district },
        status: 'selected',
        since: '2024-04-12',
      }) as ProgrammeCycleAnswer;
    const list = selectionTable([cycle('2', 'Xã Bình An', 'Huyện B'), cycle('1', 'Xã An Hòa', 'Huyện A')]);
    expect(list.rows.map((row) => row.slice(0, 3))).toEqual([
      ['1', '1', 'Xã An Hòa'],
      ['2', '2', 'Xã Bình An'],
    ]);
    expect(list.rows[0]?.[5]).toBe('12/04/2024');
    expect(vietnameseDate('2024-05-07')).toBe('07/05/2024');
  });
});
