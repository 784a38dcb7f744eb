import { describe, expect, it } from 'vitest';
import { defaultProgrammeYear, formatPercent, parseProgrammeYear, phaseYears } from './programme-figures';

describe('programme figures', () => {
  it('write percentages in each language, and null as a dash', () => {
    expect(formatPercent((2 / 3) * 100, 'vi-VN')).toBe('66,7 %');
    expect(formatPercent((2 / 3) * 100, 'en-GB')).toBe('66.7%');
    expect(formatPercent(100, 'vi-VN')).toBe('100 %');
    expect(formatPercent(null, 'vi-VN')).toBe('—');
  });

  it('open on this year when a phase covers it, else the latest past year', () => {
    const phases = [{ firstYear: 2021, lastYear: 2025 }];
    expect(defaultProgrammeYear(phases, 2023)).toBe(2023);
    expect(defaultProgrammeYear(phases, 2026)).toBe(2025);
    expect(defaultProgrammeYear(phases, 2019)).toBe(2021);
    expect(defaultProgrammeYear([], 2026)).toBeNull();
  });

  it('list a phase years and read the year in the URL', () => {
    expect(phaseYears({ firstYear: 2021, lastYear: 2023 })).toEqual([2021, 2022, 2023]);
    expect(phaseYears(undefined)).toEqual([]);
    expect(parseProgrammeYear('2024')).toBe(2024);
    expect(parseProgrammeYear(['2022'])).toBe(2022);
    expect(parseProgrammeYear('24')).toBeNull();
    expect(parseProgrammeYear(undefined)).toBeNull();
  });
});
