import { describe, expect, it } from 'vitest';
import { hotSpotClasses, hotSpotClassKey, hotSpotColour } from './hot-spot-palette';

describe('hot-spot colours', () => {
  it('gives every class of both methods its own colour, hottest first', () => {
    expect(hotSpotClasses('gistar')).toEqual(['3', '2', '1', '0', '-1', '-2', '-3']);
    expect(hotSpotClasses('lisa')).toEqual(['HH', 'HL', 'LH', 'LL', 'ns']);
    const gistar = hotSpotClasses('gistar').map(hotSpotColour);
    expect(new Set(gistar).size).toBe(7);
    expect(hotSpotColour('3')).toBe('#d62f27');
    expect(hotSpotColour('HH')).toBe('#ff0000');
    // Not significant reads the same grey under both methods.
    expect(hotSpotColour('0')).toBe(hotSpotColour('ns'));
  });

  it('names classes for messages without signs', () => {
    expect(['3', '0', '-2', 'HH', 'ns'].map(hotSpotClassKey)).toEqual([
      'bin3',
      'bin0',
      'binMinus2',
      'HH',
      'ns',
    ]);
  });
});
