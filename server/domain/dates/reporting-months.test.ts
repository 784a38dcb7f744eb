import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumber } from './day-number';
import { reportingMonthsBetween, reportingMonthsEndingWith, reportingMonthWindow } from './reporting-months';

describe('reporting month series', () => {
  it('names a month by the month it ends in', () => {
    expect(reportingMonthWindow(2024, 5)).toEqual({ month: '2024-05', from: '2024-04-15', to: '2024-05-14' });
    expect(reportingMonthWindow(2024, 1)).toEqual({ month: '2024-01', from: '2023-12-15', to: '2024-01-14' });
  });

  it('ends with the month containing the date, across a year end', () => {
    expect(reportingMonthsEndingWith('2024-05-14', 3).map((month) => month.month)).toEqual([
      '2024-03',
      '2024-04',
      '2024-05',
    ]);
    expect(reportingMonthsEndingWith('2024-05-15', 1)).toEqual([
      { month: '2024-06', from: '2024-05-15', to: '2024-06-14' },
    ]);
    expect(reportingMonthsEndingWith('2024-01-20', 3).map((month) => month.month)).toEqual([
      '2023-12',
      '2024-01',
      '2024-02',
    ]);
  });

  it('tiles the calendar: consecutive months, each day in exactly one, the last holding the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 120 }), (day, count) => {
        const date = dateOfDayNumber(day);
        const months = reportingMonthsEndingWith(date, count);
        expect(months).toHaveLength(count);
        const last = months[count - 1];
        expect(last && last.from <= date && date <= last.to).toBe(true);
        for (let index = 1; index < months.length; index++) {
          expect(dayNumber(months[index]?.from ?? '')).toBe(dayNumber(months[index - 1]?.to ?? '') + 1);
        }
        const first = months[0];
        expect(reportingMonthsBetween(first?.from ?? '', date)).toBe(count);
      }),
    );
  });

  it('counts the months a window touches', () => {
    expect(reportingMonthsBetween('2024-04-15', '2024-05-14')).toBe(1);
    expect(reportingMonthsBetween('2024-04-14', '2024-05-14')).toBe(2);
    expect(reportingMonthsBetween('2023-12-15', '2024-12-14')).toBe(12);
  });
});
