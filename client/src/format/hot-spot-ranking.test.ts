import { describe, expect, it } from 'vitest';
import type { UnitHotSpot } from '../api/hot-spots';
import { hotLevel, hotSpotClass, rankHotSpots, trendOf } from './hot-spot-ranking';

function unit(code: string, z: number, fields: Partial<UnitHotSpot> = {}): UnitHotSpot {
  return {
    code,
    count: 0,
    value: 0,
    z,
    p: 0.5,
    pSim: null,
    previousCount: 0,
    change: 0,
    lastIncident: null,
    ...fields,
  };
}

describe('ranking hot spots', () => {
  it('puts G_i* hot spots first, each group by z descending', () => {
    const ranked = rankHotSpots(
      [
        unit('a', 1.2, { bin: 0 }),
        unit('b', 2.1, { bin: 2 }),
        unit('c', -3.1, { bin: -3 }),
        unit('d', 3.4, { bin: 3 }),
        // A z above a hot spot's that did not pass the correction still ranks after every hot spot.
        unit('e', 1.9, { bin: 0 }),
        unit('f', 1.7, { bin: 1 }),
      ],
      'gistar',
    );
    expect(ranked.map((item) => item.code)).toEqual(['d', 'b', 'f', 'e', 'a', 'c']);
  });

  it('puts LISA high–high clusters first, then high outliers, then the rest', () => {
    const ranked = rankHotSpots(
      [
        unit('a', 4.0, { cluster: 'LL' }),
        unit('b', 2.0, { cluster: 'HH' }),
        unit('c', -1.0, { cluster: 'HL' }),
        unit('d', 3.0, { cluster: 'HH' }),
        unit('e', 0.5, { cluster: 'ns' }),
      ],
      'lisa',
    );
    expect(ranked.map((item) => item.code)).toEqual(['d', 'b', 'c', 'a', 'e']);
  });

  it('breaks ties by count, then by code, and leaves its input alone', () => {
    const input = [
      unit('b', 0, { bin: 0, count: 1 }),
      unit('a', 0, { bin: 0, count: 1 }),
      unit('c', 0, { bin: 0, count: 5 }),
    ];
    expect(rankHotSpots(input, 'gistar').map((item) => item.code)).toEqual(['c', 'a', 'b']);
    expect(input.map((item) => item.code)).toEqual(['b', 'a', 'c']);
  });
});

describe('a commune’s class, heat and trend', () => {
  it('names the class by bin or cluster', () => {
    expect(hotSpotClass({ bin: -2 })).toBe('-2');
    expect(hotSpotClass({ bin: 0 })).toBe('0');
    expect(hotSpotClass({ cluster: 'HL' })).toBe('HL');
    expect(hotSpotClass({})).toBe('ns');
  });

  it('counts only hot classes as heat', () => {
    expect([3, 2, 1, 0, -1, -3].map((bin) => hotLevel({ bin }))).toEqual([3, 2, 1, 0, 0, 0]);
    expect((['HH', 'HL', 'LH', 'LL', 'ns'] as const).map((cluster) => hotLevel({ cluster }))).toEqual([
      1, 0, 0, 0, 0,
    ]);
  });

  it('shows the change against the same window a year earlier with an arrow', () => {
    expect(trendOf({ change: 7 })).toEqual({ direction: 'up', arrow: '↑', change: '+7' });
    expect(trendOf({ change: -3 })).toEqual({ direction: 'down', arrow: '↓', change: '−3' });
    expect(trendOf({ change: 0 })).toEqual({ direction: 'same', arrow: '→', change: '0' });
  });
});
