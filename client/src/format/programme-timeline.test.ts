import { describe, expect, it } from 'vitest';
import { buildTimeline } from './programme-timeline';

const selection = { kind: 'selection' as const, number: '93/QĐ-BCĐ', date: '2021-05-14' };
const recognition = { kind: 'recognition' as const, number: '18/QĐ-BCĐ', date: '2022-03-02' };

describe('a commune timeline', () => {
  it('lists years and steps newest first, with decisions and the designations of each year', () => {
    const timeline = buildTimeline(
      [
        {
          year: 2021,
          status: 'relapsed',
          carryOver: false,
          history: [
            { status: 'selected', date: '2021-05-14', decision: selection, reason: null },
            { status: 'in-progress', date: '2021-05-28', decision: null, reason: null },
            { status: 'assessed-achieved', date: '2022-03-02', decision: recognition, reason: null },
            { status: 'monitoring', date: '2022-03-02', decision: null, reason: null },
            { status: 'relapsed', date: '2023-09-12', decision: null, reason: 'Tụ điểm ma túy mới' },
          ],
        },
        {
          year: 2024,
          status: 'selected',
          carryOver: false,
          history: [{ status: 'selected', date: '2024-04-12', decision: null, reason: null }],
        },
      ],
      [
        { year: 2021, kind: 'area-type', level: '4', reference: null },
        { year: 2021, kind: 'transformation-list', level: null, reference: '93/QĐ-BCĐ' },
        { year: 2022, kind: 'drug-rating', level: 'II', reference: null },
      ],
      ['transformation-list', 'drug-rating', 'area-type'],
    );
    expect(timeline.map((entry) => [entry.year, entry.status])).toEqual([
      [2024, 'selected'],
      [2022, null],
      [2021, 'relapsed'],
    ]);
    const steps = timeline[2]?.steps ?? [];
    expect(steps.map((step) => step.status)).toEqual([
      'relapsed',
      'monitoring',
      'assessed-achieved',
      'in-progress',
      'selected',
    ]);
    expect(steps[0]?.reason).toBe('Tụ điểm ma túy mới');
    expect(steps[2]?.decision).toEqual(recognition);
    expect(timeline[2]?.designations.map((entry) => entry.kind)).toEqual([
      'transformation-list',
      'area-type',
    ]);
    expect(timeline[1]?.designations).toEqual([{ kind: 'drug-rating', level: 'II', reference: null }]);
  });

  it('puts the entered criteria of each year in it, newest first', () => {
    const entry = (year: number, code: string, enteredAt: string, inForce: boolean) => ({
      year,
      criterion: { code, nameVi: `Tiêu chí ${code}`, nameEn: `Criterion ${code}` },
      value: true,
      notApplicable: false,
      evidence: ['Biên bản số 12/BB-CAX ngày 03/11/2025'],
      enteredAt,
      enteredBy: 'planner',
      inForce,
    });
    const timeline = buildTimeline(
      [],
      [],
      [],
      [
        entry(2025, 'a', '2025-11-03T02:00:00.000Z', false),
        entry(2025, 'a', '2025-11-04T02:00:00.000Z', true),
        entry(2024, 'b', '2024-10-01T02:00:00.000Z', true),
      ],
    );
    expect(
      timeline.map((year) => [year.year, year.criteria.map((item) => [item.code, item.inForce])]),
    ).toEqual([
      [
        2025,
        [
          ['a', true],
          ['a', false],
        ],
      ],
      [2024, [['b', true]]],
    ]);
    expect(timeline[0]?.criteria[0]).toMatchObject({
      nameVi: 'Tiêu chí a',
      evidence: ['Biên bản số 12/BB-CAX ngày 03/11/2025'],
      enteredBy: 'planner',
    });
  });

  it('is empty for a commune never in the programme', () => {
    expect(buildTimeline([], [])).toEqual([]);
  });
});
