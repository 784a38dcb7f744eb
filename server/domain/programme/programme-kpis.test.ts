import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { type CycleTransition, type ProgrammeCycle, replayCycleHistory } from './cycle-status';
import { carryOverUnitIds, computeProgrammeKpis, recentlySelectedUnitIds } from './programme-kpis';
import { defaultProgrammePhase, type ProgrammePhase } from './programme-year';

/**
 * A hand-made history of 2021–2025 with known outcomes. Every cycle of year Y is selected on 14/5/Y,
 * starts on 14/6/Y, is reviewed on 20/11/Y and recognised on 15/3/(Y+1); monitoring starts the next day.
 * 2021 uses Kiên Giang's window 15/4–14/12/2021; the monitoring periods are 15/12/(Y−1)–14/12/Y.
 *
 *  unit  2020      2021            2022            2023          2024            2025
 *  1               đạt ─ watched, sustained 1/12/2022, never relapses ────────────────────────────
 *  2               đạt ─ watched ─ relapses 10/8/2023  │         selected again: đạt ─ watched ────
 *  3               chưa đạt        carry-over: đạt ─ watched ─────────────────────────────────────
 *  4               chưa đạt        carry-over: chưa đạt  carry-over: đạt ─ watched ───────────────
 *  5               removed 1/9/2021
 *  6                               đạt ─ watched ─────────────── relapses 10/1/2024
 *  7                                               đạt ─ watched ─ relapses 20/12/2024 (in 2025's period)
 *  8                                                             chưa đạt        carry-over, in progress
 *  9                               removed 1/10/2022
 *  10                                                                            in progress
 *  11                                              proposed, never selected
 *  12              đạt ─ watched ─ taken off the watch 1/7/2023 (commune merged)
 *  13    đạt (previous phase) ─ relapses 1/6/2021
 */

const TODAY = '2025-06-30';

function selectedUntilReview(year: number): CycleTransition[] {
  return [
    { status: 'proposed', date: `${year - 1}-11-01` },
    {
      status: 'selected',
      date: `${year}-05-14`,
      decision: { kind: 'selection', number: `${year}/QĐ-BCĐ`, date: `${year}-05-14` },
    },
    { status: 'in-progress', date: `${year}-06-14` },
    { status: 'half-year-review', date: `${year}-11-20` },
  ];
}

function recognition(year: number): CycleTransition['decision'] {
  return { kind: 'recognition', number: `${year + 1}/QĐ-CN`, date: `${year + 1}-03-15` };
}

function achieved(unitId: number, year: number, after: CycleTransition[] = []): ProgrammeCycle {
  return {
    unitId,
    year,
    transitions: [
      ...selectedUntilReview(year),
      { status: 'assessed-achieved', date: `${year + 1}-03-15`, decision: recognition(year) },
      { status: 'monitoring', date: `${year + 1}-03-16` },
      ...after,
    ],
  };
}

function notAchieved(unitId: number, year: number): ProgrammeCycle {
  return {
    unitId,
    year,
    transitions: [
      ...selectedUntilReview(year),
      { status: 'assessed-not-achieved', date: `${year + 1}-03-15`, decision: recognition(year) },
    ],
  };
}

function inProgress(unitId: number, year: number): ProgrammeCycle {
  return { unitId, year, transitions: selectedUntilReview(year).slice(0, 3) };
}

function removed(unitId: number, year: number, date: string): ProgrammeCycle {
  return {
    unitId,
    year,
    transitions: [
      ...selectedUntilReview(year).slice(0, 3),
      { status: 'removed', date, decision: { kind: 'removal', number: 'RM/QĐ-BCĐ', date } },
    ],
  };
}

function relapse(date: string): CycleTransition {
  return { status: 'relapsed', date, reason: 'Phát sinh tụ điểm ma túy' };
}

const CYCLES: readonly ProgrammeCycle[] = Object.freeze([
  achieved(1, 2021, [{ status: 'sustained', date: '2022-12-01' }]),
  achieved(2, 2021, [relapse('2023-08-10')]),
  achieved(2, 2024),
  notAchieved(3, 2021),
  achieved(3, 2022),
  notAchieved(4, 2021),
  notAchieved(4, 2022),
  achieved(4, 2023),
  removed(5, 2021, '2021-09-01'),
  achieved(6, 2022, [relapse('2024-01-10')]),
  achieved(7, 2023, [relapse('2024-12-20')]),
  notAchieved(8, 2024),
  inProgress(8, 2025),
  removed(9, 2022, '2022-10-01'),
  inProgress(10, 2025),
  { unitId: 11, year: 2023, transitions: [{ status: 'proposed', date: '2022-11-01' }] },
  achieved(12, 2021, [
    {
      status: 'removed',
      date: '2023-07-01',
      decision: { kind: 'removal', number: '77/QĐ-BCĐ', date: '2023-07-01' },
      reason: 'Sáp nhập đơn vị hành chính',
    },
  ]),
  achieved(13, 2020, [relapse('2021-06-01')]),
]);

function kienGiangPhase(): ProgrammePhase {
  return {
    ...defaultProgrammePhase(),
    years: [{ year: 2021, window: { from: '2021-04-15', to: '2021-12-14' } }],
  };
}

describe('programme figures', () => {
  it('stands on legal histories', () => {
    for (const cycle of CYCLES) {
      expect(replayCycleHistory(cycle.year, cycle.transitions, TODAY).illegalStep).toBeNull();
    }
  });

  it('computes 2021 by hand', () => {
    // Selected 2021: units 1, 2, 3, 4, 5, 12 → 6. Removed before recognition: 5 → 1.
    // Achieved: 1, 2, 12 → 3. Not achieved: 3, 4 → 2. Assessed 3 + 2 = 5; awaiting 6 − 1 − 5 = 0.
    // achievedPct = 3 / 5 = 60 % ≥ 60 %: met. No 2020 cycle "chưa đạt": 0 carry-overs.
    // Monitored: cycles from 2021 (the phase's first year) to 2020: none, so unit 13 (2020) is left out.
    expect(computeProgrammeKpis(kienGiangPhase(), 2021, CYCLES)).toEqual({
      year: 2021,
      phaseCode: '2021-2025',
      window: { from: '2021-04-15', to: '2021-12-14' },
      monitoringPeriod: { from: '2020-12-15', to: '2021-12-14' },
      selected: 6,
      removed: 1,
      assessed: 5,
      awaitingAssessment: 0,
      achieved: 3,
      notAchieved: 2,
      achievedPct: 60,
      targetPct: 60,
      achievedTargetMet: true,
      carryOvers: 0,
      monitored: 0,
      relapsed: 0,
      sustainedPct: null,
      sustainedTargetPct: 85,
      sustainedTargetMet: null,
    });
  });

  it('computes 2022 by hand', () => {
    // Selected 2022: 3, 4, 6, 9 → 4. Removed: 9 → 1. Achieved: 3, 6 → 2. Not achieved: 4 → 1.
    // Assessed 3; achievedPct = 2 / 3 = 66.67 % ≥ 60 %. Carry-overs: 2021 "chưa đạt" 3 and 4, both
    // selected again → 2.
    // Period 15/12/2021–14/12/2022. Monitored: the 2021 "đạt" cycles recognised 15/3/2022 — 1, 2, 12 → 3
    // (2's relapse and 12's removal come in 2023). Relapsed within the period: none → 0; sustained 3 / 3.
    const kpis = computeProgrammeKpis(kienGiangPhase(), 2022, CYCLES);
    expect(kpis).toMatchObject({
      selected: 4,
      removed: 1,
      assessed: 3,
      awaitingAssessment: 0,
      achieved: 2,
      notAchieved: 1,
      carryOvers: 2,
      monitored: 3,
      relapsed: 0,
      sustainedPct: 100,
      sustainedTargetMet: true,
    });
    expect(kpis.achievedPct).toBeCloseTo(200 / 3, 10);
    expect(kpis.achievedTargetMet).toBe(true);
  });

  it('computes 2023 by hand, with the relapse two years after the transformation', () => {
    // Selected 2023: 4, 7 → 2 (11 was only proposed). Both "đạt": achievedPct = 2 / 2 = 100 %.
    // Carry-overs: 2022 "chưa đạt" 4, selected again → 1.
    // Period 15/12/2022–14/12/2023. Monitored: 2021 cycles 1, 2, 12 (12 is taken off the watch on
    // 1/7/2023, inside the period, so it was watched part of the year) and 2022 cycles 3, 6 recognised
    // 15/3/2023 → 5. Relapsed: 2 on 10/8/2023, transformed in 2021 → 1.
    // sustainedPct = (5 − 1) / 5 = 80 % < 85 %: not met.
    expect(computeProgrammeKpis(kienGiangPhase(), 2023, CYCLES)).toMatchObject({
      selected: 2,
      removed: 0,
      assessed: 2,
      achieved: 2,
      notAchieved: 0,
      achievedPct: 100,
      achievedTargetMet: true,
      carryOvers: 1,
      monitored: 5,
      relapsed: 1,
      sustainedPct: 80,
      sustainedTargetMet: false,
    });
  });

  it('computes 2024 by hand, with a relapsed commune selected again', () => {
    // Selected 2024: 2 (again after its relapse) and 8 → 2. Achieved: 2; not achieved: 8.
    // achievedPct = 1 / 2 = 50 % < 60 %. Carry-overs: no 2023 "chưa đạt" → 0 (2 relapsed, it is no
    // carry-over).
    // Period 15/12/2023–14/12/2024. Monitored: 1; 3 and 6 (2022); 4 and 7 (2023, recognised 15/3/2024).
    // Left out: 2's 2021 cycle relapsed on 10/8/2023 and 12 left the watch on 1/7/2023, both before the
    // period; 2's 2024 cycle is recognised only in 2025. → 5. Relapsed: 6 on 10/1/2024 → 1 (7's relapse
    // on 20/12/2024 is after 14/12/2024). sustainedPct = 4 / 5 = 80 %.
    expect(computeProgrammeKpis(kienGiangPhase(), 2024, CYCLES)).toMatchObject({
      selected: 2,
      assessed: 2,
      achieved: 1,
      notAchieved: 1,
      achievedPct: 50,
      achievedTargetMet: false,
      carryOvers: 0,
      monitored: 5,
      relapsed: 1,
      sustainedPct: 80,
    });
  });

  it('computes 2025 by hand, before its recognition', () => {
    // Selected 2025: 8 (carry-over) and 10, both in progress → assessed 0, awaiting 2, achievedPct null.
    // Carry-overs: 2024 "chưa đạt" 8 → 1.
    // Period 15/12/2024–14/12/2025. Monitored: 1, 3, 4, 7, and 2 through its 2024 cycle recognised on
    // 15/3/2025 → 5 (6 relapsed on 10/1/2024, before the period). Relapsed: 7 on 20/12/2024 → 1.
    // sustainedPct = 4 / 5 = 80 %.
    expect(computeProgrammeKpis(kienGiangPhase(), 2025, CYCLES)).toMatchObject({
      selected: 2,
      removed: 0,
      assessed: 0,
      awaitingAssessment: 2,
      achievedPct: null,
      achievedTargetMet: null,
      carryOvers: 1,
      monitored: 5,
      relapsed: 1,
      sustainedPct: 80,
      sustainedTargetMet: false,
    });
  });

  it('counts a carry-over across the 2025 reorganisation through its predecessors', () => {
    // Unit 20 of the new era is selected in 2025. Came from old unit 4 (last cycle 2023, đạt): not a
    // carry-over, the count stays at unit 8's 1. Came from old unit 8 ("chưa đạt" in 2024): it is one.
    const successor = inProgress(20, 2025);
    const withoutCarry = computeProgrammeKpis(kienGiangPhase(), 2025, [...CYCLES, successor], {
      predecessors: new Map([[20, [4]]]),
    });
    const withCarry = computeProgrammeKpis(kienGiangPhase(), 2025, [...CYCLES, successor], {
      predecessors: new Map([[20, [8]]]),
    });
    expect([withoutCarry.carryOvers, withCarry.carryOvers]).toEqual([1, 2]);
  });

  it('counts transformations of the previous phase when asked', () => {
    // From 2020: unit 13, recognised 15/3/2021, relapses 1/6/2021 inside 2021's period → 1 of 1.
    expect(
      computeProgrammeKpis(kienGiangPhase(), 2021, CYCLES, { transformedSinceYear: 2020 }),
    ).toMatchObject({ monitored: 1, relapsed: 1, sustainedPct: 0 });
  });

  it('uses the targets the year sets', () => {
    const phase = { ...defaultProgrammePhase(), years: [{ year: 2024, targets: { transformedPct: 50 } }] };
    expect(computeProgrammeKpis(phase, 2024, CYCLES)).toMatchObject({
      targetPct: 50,
      achievedTargetMet: true,
    });
  });

  it('refuses two cycles of one commune in one year and a year outside the phase', () => {
    expect(() =>
      computeProgrammeKpis(defaultProgrammePhase(), 2022, [...CYCLES, inProgress(3, 2022)]),
    ).toThrow(/Unit 3 has two cycles for 2022/);
    expect(() => computeProgrammeKpis(defaultProgrammePhase(), 2026, CYCLES)).toThrow(BilingualError);
  });

  it('lists carry-overs and recently selected communes for the next list', () => {
    expect(carryOverUnitIds(CYCLES, 2022)).toEqual([3, 4]);
    expect(carryOverUnitIds(CYCLES, 2025)).toEqual([8]);
    expect(carryOverUnitIds(CYCLES, 2026)).toEqual([]);
    // Selected in 2023 or 2024: 4, 7 (2023), 2, 8 (2024); 11 was only proposed.
    expect(recentlySelectedUnitIds(CYCLES, 2025, 2)).toEqual([2, 4, 7, 8]);
  });
});
