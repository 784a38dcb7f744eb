import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { type EmergingHotSpotCategory, emergingHotSpotCategory } from './emerging-hot-spots';
import { mannKendall, type TrendDirection } from './mann-kendall';

/** One character per time step, oldest first: H significant hot spot, C significant cold spot, . neither. */
function classify(pattern: string, trend: TrendDirection = 'none'): EmergingHotSpotCategory {
  const z = [...pattern].map((step) => (step === 'H' ? 3 : step === 'C' ? -3 : 0.5));
  const p = [...pattern].map((step) => (step === '.' ? 0.6 : 0.001));
  return emergingHotSpotCategory(z, p, trend);
}

describe('emergingHotSpotCategory', () => {
  it.each([
    ['.........H', 'none', 'new-hot-spot'],
    ['.......HHH', 'none', 'consecutive-hot-spot'],
    ['HHHHHHHHHH', 'up', 'intensifying-hot-spot'],
    ['.HHHHHHHHH', 'up', 'intensifying-hot-spot'],
    ['HHHHHHHHHH', 'none', 'persistent-hot-spot'],
    ['HHHHHHHHHH', 'down', 'diminishing-hot-spot'],
    ['H..H.H...H', 'none', 'sporadic-hot-spot'],
    ['HH......HH', 'none', 'sporadic-hot-spot'],
    ['C...H....H', 'none', 'oscillating-hot-spot'],
    ['C........H', 'none', 'oscillating-hot-spot'],
    ['HHHHHHHHH.', 'none', 'historical-hot-spot'],
    ['.........C', 'none', 'new-cold-spot'],
    ['........CC', 'none', 'consecutive-cold-spot'],
    ['CCCCCCCCCC', 'down', 'intensifying-cold-spot'],
    ['CCCCCCCCCC', 'none', 'persistent-cold-spot'],
    ['CCCCCCCCCC', 'up', 'diminishing-cold-spot'],
    ['.C..C....C', 'none', 'sporadic-cold-spot'],
    ['H..C.....C', 'none', 'oscillating-cold-spot'],
    ['CCCCCCCCC.', 'none', 'historical-cold-spot'],
    ['..........', 'none', 'no-pattern'],
    ['H.C.H.....', 'none', 'no-pattern'],
  ] as const)('%s with trend %s is %s', (pattern, trend, expected) => {
    expect(classify(pattern, trend)).toBe(expected);
  });

  it('needs 90 % of the steps for the trend patterns', () => {
    // 8 of 10 hot with the final one: below 90 %, and the earlier spell makes it sporadic, whatever the trend.
    expect(classify('H.HHHHHH.H', 'up')).toBe('sporadic-hot-spot');
    // 9 of 10, the last step included.
    expect(classify('HHHH.HHHHH', 'up')).toBe('intensifying-hot-spot');
    // 18 of 20 is exactly 90 %.
    expect(classify(`..${'H'.repeat(18)}`, 'none')).toBe('persistent-hot-spot');
    expect(classify(`...${'H'.repeat(17)}`, 'none')).toBe('consecutive-hot-spot');
  });

  it('classifies with the Mann–Kendall trend of the z-scores', () => {
    const z = [2.0, 2.2, 2.1, 2.6, 2.9, 3.1, 3.0, 3.5, 3.8, 4.2];
    const p = z.map(() => 0.01);
    expect(emergingHotSpotCategory(z, p, mannKendall(z).trend)).toBe('intensifying-hot-spot');
    const falling = [...z].reverse();
    expect(emergingHotSpotCategory(falling, p, mannKendall(falling).trend)).toBe('diminishing-hot-spot');
    const negative = z.map((value) => -value);
    expect(emergingHotSpotCategory(negative, p, mannKendall(negative).trend)).toBe('intensifying-cold-spot');
  });

  it('uses alpha for the significance of each time step', () => {
    const z = [1.8, 0.2, 0.1, 0.3, 1.8];
    const p = [0.07, 0.8, 0.9, 0.7, 0.07];
    expect(emergingHotSpotCategory(z, p, 'none', 0.05)).toBe('no-pattern');
    expect(emergingHotSpotCategory(z, p, 'none', 0.1)).toBe('sporadic-hot-spot');
  });

  it('rejects mismatched, short or broken series in both languages', () => {
    expect(() => emergingHotSpotCategory([1, 2, 3], [0.1, 0.2], 'none')).toThrow(BilingualError);
    expect(() => emergingHotSpotCategory([1, 2], [0.1, 0.2], 'none')).toThrow(BilingualError);
    expect(() => emergingHotSpotCategory([1, Number.NaN, 3], [0.1, 0.2, 0.3], 'none')).toThrow(
      BilingualError,
    );
    expect(() => emergingHotSpotCategory([1, 2, 3], [0.1, 0.2, 0.3], 'none', 0)).toThrow(BilingualError);
  });
});
