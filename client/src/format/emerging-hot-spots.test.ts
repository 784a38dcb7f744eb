import { describe, expect, it } from 'vitest';
import type { EmergingUnit } from '../api/hot-spots';
import {
  EMERGING_CATEGORIES,
  emergingCategoryName,
  emergingTrendText,
  isHotCategory,
  monthsWindow,
  rankEmergingHotSpots,
  sparkline,
} from './emerging-hot-spots';

function unit(code: string, category: EmergingUnit['category'], lastZ: number): EmergingUnit {
  return {
    code,
    category,
    trend: { tau: 0, z: 0, p: 1, direction: 'none' },
    counts: [0, 0, 1],
    z: [0, 0, lastZ],
    bins: [0, 0, 0],
  };
}

describe('emerging hot spots in the view', () => {
  it('lists ArcGIS’s eight patterns hot then cold, then no pattern, named in both languages', () => {
    expect(EMERGING_CATEGORIES).toHaveLength(17);
    expect(EMERGING_CATEGORIES.slice(0, 3)).toEqual([
      'new-hot-spot',
      'consecutive-hot-spot',
      'intensifying-hot-spot',
    ]);
    expect(EMERGING_CATEGORIES[8]).toBe('new-cold-spot');
    expect(EMERGING_CATEGORIES.at(-1)).toBe('no-pattern');
    expect(emergingCategoryName('new-hot-spot', 'vi')).toBe('Điểm nóng mới');
    expect(emergingCategoryName('new-hot-spot', 'en')).toBe('New hot spot');
    expect(emergingCategoryName('intensifying-cold-spot', 'vi')).toBe('Điểm lạnh tăng dần');
    expect(emergingCategoryName('historical-cold-spot', 'en')).toBe('Historical cold spot');
    expect(emergingCategoryName('no-pattern', 'vi')).toBe('Không có xu hướng');
    expect(new Set(EMERGING_CATEGORIES.map((category) => emergingCategoryName(category, 'vi'))).size).toBe(
      17,
    );
    expect(isHotCategory('sporadic-hot-spot')).toBe(true);
    expect(isHotCategory('sporadic-cold-spot')).toBe(false);
  });

  it('ranks communes with a pattern: hot before cold, new and intensifying first, hottest now first', () => {
    const ranked = rankEmergingHotSpots([
      unit('a', 'no-pattern', 5),
      unit('b', 'persistent-hot-spot', 9),
      unit('c', 'new-hot-spot', 3),
      unit('d', 'new-hot-spot', 4),
      unit('e', 'new-cold-spot', -2),
      unit('f', 'new-cold-spot', -3),
      unit('g', 'intensifying-hot-spot', 1),
      unit('h', 'historical-hot-spot', 2),
    ]);
    expect(ranked.map((entry) => entry.code)).toEqual(['d', 'c', 'g', 'b', 'h', 'f', 'e']);
  });

  it('says the Mann–Kendall trend with an arrow, z and a tooltip', () => {
    expect(emergingTrendText({ tau: 0.2712, z: 2.314, p: 0.0207, direction: 'up' }, 'vi', 'vi-VN')).toEqual({
      direction: 'up',
      arrow: '↑',
      z: '2,31',
      title: 'Mann–Kendall: τ = 0,27; z = 2,31; p = 0,021 (tăng có ý nghĩa)',
    });
    expect(emergingTrendText({ tau: -0.5, z: -3.2, p: 0.0001, direction: 'down' }, 'en', 'en-GB')).toEqual({
      direction: 'down',
      arrow: '↓',
      z: '−3.20',
      title: 'Mann–Kendall: τ = −0.50, z = −3.20, p < 0.001 (significant fall)',
    });
    expect(emergingTrendText({ tau: 0.03, z: 0, p: 1, direction: 'none' }, 'en', 'en-GB').arrow).toBe('→');
  });

  it('gives the dates the reporting months cover, 15th to 14th', () => {
    expect(monthsWindow(['2024-04', '2024-05', '2025-03'])).toEqual({ from: '2024-03-15', to: '2025-03-14' });
    expect(monthsWindow(['2025-01'])).toEqual({ from: '2024-12-15', to: '2025-01-14' });
    expect(monthsWindow([])).toBeNull();
  });

  it('draws a sparkline from the bottom line to the top one', () => {
    const line = sparkline([0, 2, 4], 100, 20, 0);
    expect(line).toEqual({ points: '0,20 50,10 100,0', last: { x: 100, y: 0 }, maximum: 4 });
    // All zeros lie flat on the bottom; a single value sits in the middle.
    expect(sparkline([0, 0], 10, 10, 1).points).toBe('1,9 9,9');
    expect(sparkline([3], 10, 10, 1)).toEqual({ points: '5,1', last: { x: 5, y: 1 }, maximum: 3 });
    expect(sparkline([], 10, 10).last).toBeNull();
  });
});
