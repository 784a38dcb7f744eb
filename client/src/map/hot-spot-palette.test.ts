import { describe, expect, it } from 'vitest';
import { EMERGING_COLOURS, hotSpotClasses, hotSpotClassKey, hotSpotColour } from './hot-spot-palette';

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

  it('gives every emerging pattern its own colour, reds for hot, blues for cold, grey for none', () => {
    const colours = Object.values(EMERGING_COLOURS);
    expect(colours).toHaveLength(17);
    expect(new Set(colours).size).toBe(17);
    expect(hotSpotColour('new-hot-spot')).toBe('#e4181c');
    expect(hotSpotColour('no-pattern')).toBe(hotSpotColour('0'));
    const redder = (colour: string) =>
      Number.parseInt(colour.slice(1, 3), 16) > Number.parseInt(colour.slice(5, 7), 16);
    for (const [category, colour] of Object.entries(EMERGING_COLOURS)) {
      if (category.endsWith('-hot-spot')) expect(redder(colour), category).toBe(true);
      if (category.endsWith('-cold-spot')) expect(redder(colour), category).toBe(false);
    }
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
