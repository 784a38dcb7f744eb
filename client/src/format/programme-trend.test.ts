import { describe, expect, it } from 'vitest';
import { type TrendPoint, trendChart } from './programme-trend';

const box = { width: 240, height: 120, left: 20, right: 20, top: 10, bottom: 10 };
const point = (year: number, achievedPct: number | null, sustainedPct: number | null): TrendPoint => ({
  year,
  achievedPct,
  targetPct: 60,
  sustainedPct,
  sustainedTargetPct: 85,
});

describe('the trend chart', () => {
  it('spreads the years across and scales 0–100 % up the plot', () => {
    const chart = trendChart([point(2022, 50, 100), point(2021, 100, null), point(2023, 0, 80)], box);
    expect(chart.years).toEqual([
      { year: 2021, x: 20 },
      { year: 2022, x: 120 },
      { year: 2023, x: 220 },
    ]);
    expect(chart.achieved).toBe('M20 10 L120 60 L220 110');
    expect(chart.achievedTarget).toBe('M20 50 L120 50 L220 50');
    expect(chart.gridLines[0]).toEqual({ value: 0, y: 110 });
    expect(chart.gridLines[4]).toEqual({ value: 100, y: 10 });
  });

  it('breaks a line where a year has no figure', () => {
    const chart = trendChart([point(2021, 60, null), point(2022, null, 90), point(2023, 75, 85)], box);
    expect(chart.achieved).toBe('M20 50 M220 35');
    expect(chart.sustained).toBe('M120 20 L220 25');
    expect(chart.sustainedMarkers.map((marker) => marker.year)).toEqual([2022, 2023]);
  });

  it('centres a single year', () => {
    expect(trendChart([point(2021, 100, null)], box).years).toEqual([{ year: 2021, x: 120 }]);
  });
});
