import { describe, expect, it } from 'vitest';
import {
  areaTypeBreakdown,
  atRiskCommunes,
  checkCriterionEntryForm,
  checkStepForm,
  criterionValueText,
  parseEnteredNumber,
  thresholdText,
} from './programme-tracking';

const commune = (
  code: string,
  name: string,
  status: 'proposed' | 'in-progress' | 'assessed-achieved' | 'assessed-not-achieved' | 'monitoring',
  areaTypes: string[],
  reasons: number,
  role: 'year' | 'monitoring' = 'year',
) => ({
  role,
  status,
  unit: { code, name },
  areaTypes,
  risk: { atRisk: reasons > 0, reasons: Array.from({ length: reasons }, () => ({})) },
});

describe('programme tracking helpers', () => {
  it('lists the communes at risk, the most reasons first, then by name', () => {
    const list = atRiskCommunes([
      commune('1', 'Vĩnh Thạnh', 'in-progress', [], 1),
      commune('2', 'An Bình', 'in-progress', [], 1),
      commune('3', 'Tân Lập', 'in-progress', [], 0),
      commune('4', 'Đông Hòa', 'monitoring', [], 3, 'monitoring'),
    ]);
    expect(list.map((entry) => entry.unit.code)).toEqual(['4', '2', '1']);
  });

  it('counts the year by area type, a commune of two types in both, communes watched left out', () => {
    const rows = areaTypeBreakdown([
      commune('1', 'A', 'assessed-achieved', ['1', '2'], 0),
      commune('2', 'B', 'assessed-not-achieved', ['2'], 1),
      commune('3', 'C', 'proposed', [], 0),
      commune('4', 'D', 'monitoring', ['1'], 1, 'monitoring'),
    ]);
    expect(rows).toEqual([
      { areaType: '1', communes: 1, selected: 1, assessed: 1, achieved: 1, achievedPct: 100, atRisk: 0 },
      { areaType: '2', communes: 2, selected: 2, assessed: 2, achieved: 1, achievedPct: 50, atRisk: 1 },
      { areaType: null, communes: 1, selected: 0, assessed: 0, achieved: 0, achievedPct: null, atRisk: 0 },
    ]);
  });

  it('writes values and thresholds with their units', () => {
    const rate = { comparison: 'at-least', threshold: 80, unitVi: '%', unitEn: '%', value: 66.666 };
    expect(criterionValueText(rate, 'vi', 'vi-VN')).toBe('66,7 %');
    expect(thresholdText(rate, 'vi', 'vi-VN')).toBe('≥ 80 %');
    const points = { comparison: 'equal', threshold: 0, unitVi: 'điểm', unitEn: 'flashpoints', value: 2 };
    expect(thresholdText(points, 'en', 'en-GB')).toBe('= 0 flashpoints');
    expect(criterionValueText({ ...points, value: null }, 'en', 'en-GB')).toBe('—');
    const yesNo = { comparison: 'yes-no', threshold: null, unitVi: null, unitEn: null, value: true };
    expect(criterionValueText(yesNo, 'vi', 'vi-VN')).toBe('có');
    expect(thresholdText(yesNo, 'en', 'en-GB')).toBe('yes/no');
  });

  it('checks a step: status, date dd/mm/yyyy not after today, decision, reason of a relapse', () => {
    const next = [
      { code: 'half-year-review' as const, decision: null },
      { code: 'removed' as const, decision: 'removal' },
    ];
    const form = { status: 'half-year-review', date: '20/07/2025', decisionId: null, reason: '' };
    expect(checkStepForm(form, next, '2025-08-01')).toEqual({
      step: { status: 'half-year-review', date: '2025-07-20' },
    });
    expect(checkStepForm({ ...form, status: 'sustained' }, next, '2025-08-01')).toEqual({
      problem: 'status',
    });
    expect(checkStepForm({ ...form, date: '2025-07-20' }, next, '2025-08-01')).toEqual({ problem: 'date' });
    expect(checkStepForm(form, next, '2025-07-19')).toEqual({ problem: 'date' });
    expect(checkStepForm({ ...form, status: 'removed' }, next, '2025-08-01')).toEqual({
      problem: 'decision',
    });
    expect(checkStepForm({ ...form, status: 'removed', decisionId: 7 }, next, '2025-08-01')).toEqual({
      step: { status: 'removed', date: '2025-07-20', decisionId: 7 },
    });
    const relapse = [{ code: 'relapsed' as const, decision: null }];
    expect(checkStepForm({ ...form, status: 'relapsed' }, relapse, '2025-08-01')).toEqual({
      problem: 'reason',
    });
  });
});

describe('the form of an entered criterion', () => {
  const form = { answer: null, number: '', notApplicable: false, evidence: '', note: '' };
  const evidence = ' Biên bản số 12/BB-CAX ngày 03/11/2025 \n\n  Báo cáo số 45/BC-UBND';

  it('reads numbers with a decimal comma or point, and nothing else', () => {
    expect(parseEnteredNumber('12,5')).toBe(12.5);
    expect(parseEnteredNumber(' 12.5 ')).toBe(12.5);
    expect(parseEnteredNumber('-3')).toBe(-3);
    expect(parseEnteredNumber('100')).toBe(100);
    for (const text of ['', 'abc', '1.000,5', '12%', '1e3', '--1'])
      expect(parseEnteredNumber(text)).toBeNull();
  });

  it('asks for an answer or a number unless the criterion does not apply, and for evidence', () => {
    expect(checkCriterionEntryForm({ ...form, evidence }, 'yes-no')).toEqual({ problem: 'answer' });
    expect(checkCriterionEntryForm({ ...form, answer: true }, 'yes-no')).toEqual({ problem: 'evidence' });
    expect(checkCriterionEntryForm({ ...form, answer: true, evidence: ' \n ' }, 'yes-no')).toEqual({
      problem: 'evidence',
    });
    expect(
      checkCriterionEntryForm({ ...form, answer: false, evidence, note: ' Đã rà soát ' }, 'yes-no'),
    ).toEqual({
      entry: {
        value: false,
        notApplicable: false,
        evidence: ['Biên bản số 12/BB-CAX ngày 03/11/2025', 'Báo cáo số 45/BC-UBND'],
        note: 'Đã rà soát',
      },
    });
    expect(checkCriterionEntryForm({ ...form, number: 'mười', evidence }, 'less-than')).toEqual({
      problem: 'number',
    });
    expect(checkCriterionEntryForm({ ...form, number: '9,5', evidence }, 'less-than')).toMatchObject({
      entry: { value: 9.5, notApplicable: false },
    });
    expect(
      checkCriterionEntryForm({ ...form, number: 'x', notApplicable: true, evidence }, 'at-least'),
    ).toMatchObject({
      entry: { value: null, notApplicable: true },
    });
  });
});
