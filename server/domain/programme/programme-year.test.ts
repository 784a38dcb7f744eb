import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import {
  assertValidProgrammePhase,
  defaultProgrammePhase,
  evaluationWindow,
  type ProgrammePhase,
  phaseOfYear,
  programmePhaseProblems,
  programmeYear,
} from './programme-year';

/** The 2021–2025 phase with Kiên Giang's 2021 window (Kế hoạch 121/KH-BCĐ: 15/4/2021 to 14/12/2021). */
function kienGiangPhase(): ProgrammePhase {
  return {
    ...defaultProgrammePhase(),
    years: [
      {
        year: 2021,
        window: { from: '2021-04-15', to: '2021-12-14' },
        source: 'Kế hoạch 121/KH-BCĐ ngày 14/6/2021',
      },
      { year: 2024, targets: { transformedPct: 70 } },
    ],
  };
}

describe('programme phases and years', () => {
  it('defaults to the published targets and the reporting year', () => {
    const phase = defaultProgrammePhase();
    expect(programmePhaseProblems(phase)).toEqual([]);
    expect(programmeYear(phase, 2023)).toEqual({
      year: 2023,
      phaseCode: '2021-2025',
      window: { from: '2022-12-15', to: '2023-12-14' },
      windowIsDefault: true,
      monitoringPeriod: { from: '2022-12-15', to: '2023-12-14' },
      targets: { transformedPct: 60, notRelapsedPct: 85 },
    });
  });

  it("takes a plan's own window, and keeps the monitoring period without gaps", () => {
    const phase = kienGiangPhase();
    expect(programmePhaseProblems(phase)).toEqual([]);
    const year2021 = programmeYear(phase, 2021);
    expect(year2021.window).toEqual({ from: '2021-04-15', to: '2021-12-14' });
    expect(year2021.windowIsDefault).toBe(false);
    // The year before the phase has the default window, ending 14/12/2020.
    expect(year2021.monitoringPeriod).toEqual({ from: '2020-12-15', to: '2021-12-14' });
    expect(programmeYear(phase, 2022).monitoringPeriod).toEqual({ from: '2021-12-15', to: '2022-12-14' });
  });

  it('overrides only the targets a year sets', () => {
    expect(programmeYear(kienGiangPhase(), 2024).targets).toEqual({ transformedPct: 70, notRelapsedPct: 85 });
  });

  it('refuses a year outside the phase in both languages', () => {
    expect(() => programmeYear(defaultProgrammePhase(), 2026)).toThrow(BilingualError);
    try {
      programmeYear(defaultProgrammePhase(), 2020);
    } catch (error) {
      expect((error as BilingualError).text.vi).toMatch(/không thuộc giai đoạn 2021–2025/);
      expect((error as BilingualError).text.en).toMatch(/not in the phase 2021–2025/);
    }
  });

  it('finds the phase of a year and the default window outside any setting', () => {
    const phases = [defaultProgrammePhase(2016, 2020), defaultProgrammePhase()];
    expect(phaseOfYear(phases, 2021)?.code).toBe('2021-2025');
    expect(phaseOfYear(phases, 2020)?.code).toBe('2016-2020');
    expect(phaseOfYear(phases, 2030)).toBeUndefined();
    expect(evaluationWindow(kienGiangPhase(), 2019)).toEqual({ from: '2018-12-15', to: '2019-12-14' });
  });

  it.each([
    [{ code: 'Giai đoạn 1' }, /Mã giai đoạn/, /Invalid phase code/],
    [{ nameEn: ' ' }, /tên tiếng Việt và tiếng Anh/, /English name/],
    [{ firstYear: 2026 }, /sau năm cuối/, /after the last year/],
    [{ lastYear: 2025.5 }, /từ 2000 đến 2100/, /from 2000 to 2100/],
    [{ targets: { transformedPct: 0, notRelapsedPct: 85 } }, /lớn hơn 0/, /above 0/],
    [{ targets: { transformedPct: 60, notRelapsedPct: 120 } }, /không quá 100/, /at most 100/],
    [{ years: [{ year: 2020 }] }, /Năm 2020 không thuộc/, /2020 is not in the phase/],
    [{ years: [{ year: 2022 }, { year: 2022 }] }, /hai lần/, /set twice/],
    [{ years: [{ year: 2022, targets: { notRelapsedPct: -5 } }] }, /năm 2022/, /the year 2022/],
    [
      { years: [{ year: 2022, window: { from: '2022-02-30', to: '2022-12-14' } }] },
      /ngày có thật/,
      /real dates/,
    ],
    [
      { years: [{ year: 2022, window: { from: '2022-12-14', to: '2022-04-15' } }] },
      /bắt đầu sau khi kết thúc/,
      /starts after it ends/,
    ],
    [
      { years: [{ year: 2022, window: { from: '2022-04-15', to: '2023-01-14' } }] },
      /kết thúc trong năm 2022/,
      /must end in 2022/,
    ],
    [
      { years: [{ year: 2022, window: { from: '2021-01-01', to: '2022-12-14' } }] },
      /dài hơn một năm/,
      /longer than a reporting year/,
    ],
    [
      { years: [{ year: 2022, window: { from: '2021-12-10', to: '2022-12-09' } }] },
      /chồng lên kỳ năm 2021/,
      /overlaps the 2021 window/,
    ],
  ] as [Partial<ProgrammePhase>, RegExp, RegExp][])('refuses %j', (change, vi, en) => {
    const phase = { ...defaultProgrammePhase(), ...change };
    const problems = programmePhaseProblems(phase);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((problem) => problem.vi).join('; ')).toMatch(vi);
    expect(problems.map((problem) => problem.en).join('; ')).toMatch(en);
    expect(() => assertValidProgrammePhase(phase)).toThrow(BilingualError);
  });

  it('accepts a window in a leap year that is a whole reporting year', () => {
    const phase = {
      ...defaultProgrammePhase(),
      years: [{ year: 2024, window: { from: '2023-12-15', to: '2024-12-14' } }],
    };
    expect(programmePhaseProblems(phase)).toEqual([]);
  });
});
