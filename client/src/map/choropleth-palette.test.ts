import { describe, expect, it } from 'vitest';
import { colourAlong, divergingColours, NO_CHANGE_COLOUR, sequentialColours } from './choropleth-palette';

describe('choropleth colours', () => {
  it('blends between the stops of a ramp', () => {
    expect(colourAlong(['#000000', '#ffffff'], 0)).toBe('#000000');
    expect(colourAlong(['#000000', '#ffffff'], 0.5)).toBe('#808080');
    expect(colourAlong(['#000000', '#ffffff'], 1)).toBe('#ffffff');
  });

  it('spreads sequential classes from light to dark', () => {
    const colours = sequentialColours(5);
    expect(colours).toHaveLength(5);
    expect(colours[0]).toBe('#ffffcc');
    expect(colours[4]).toBe('#800026');
    expect(new Set(colours).size).toBe(5);
    expect(sequentialColours(0)).toEqual([]);
  });

  it('paints a lone class (every commune alike, e.g. none with incidents) in the lightest colour', () => {
    expect(sequentialColours(1)).toEqual(['#ffffcc']);
  });

  it('colours decreases blue, increases red and a class holding zero neutral', () => {
    const colours = divergingColours([
      { lower: -20, upper: -10 },
      { lower: -9, upper: -1 },
      { lower: 0, upper: 0 },
      { lower: 1, upper: 5 },
    ]);
    expect(colours[0]).toBe('#053061');
    expect(colours[1]).toBe('#d1e5f0');
    expect(colours[2]).toBe(NO_CHANGE_COLOUR);
    // A lone class on one side takes the middle of that side's ramp.
    expect(colours[3]).toBe('#d6604d');
  });
});
