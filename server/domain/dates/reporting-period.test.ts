import { describe, expect, it } from 'vitest';
import { reportingMonth, reportingMonthOf, reportingYear, sameWindowLastYear } from './reporting-period';

describe('reporting periods', () => {
  it('runs months from the 15th to the 14th', () => {
    expect(reportingMonth(2021, 5)).toEqual({ from: '2021-04-15', to: '2021-05-14' });
    expect(reportingMonth(2021, 1)).toEqual({ from: '2020-12-15', to: '2021-01-14' });
    expect(reportingMonth(2024, 3)).toEqual({ from: '2024-02-15', to: '2024-03-14' });
  });

  it('runs years from 15/12 to 14/12', () => {
    expect(reportingYear(2021)).toEqual({ from: '2020-12-15', to: '2021-12-14' });
  });

  it('finds the reporting month of a date', () => {
    expect(reportingMonthOf('2021-04-14')).toEqual([2021, 4]);
    expect(reportingMonthOf('2021-04-15')).toEqual([2021, 5]);
    expect(reportingMonthOf('2021-12-15')).toEqual([2022, 1]);
  });

  it('compares with the same window one year earlier', () => {
    // Kiên Giang's 2021 plan counted from 15/4/2021 to 14/12/2021.
    expect(sameWindowLastYear({ from: '2021-04-15', to: '2021-12-14' })).toEqual({
      from: '2020-04-15',
      to: '2020-12-14',
    });
    expect(sameWindowLastYear({ from: '2024-02-29', to: '2024-03-14' })).toEqual({
      from: '2023-02-28',
      to: '2023-03-14',
    });
  });
});
