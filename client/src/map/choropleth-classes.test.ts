import { describe, expect, it } from 'vitest';
import { buildChoropleth } from './choropleth-classes';
import { NO_DATA_COLOUR } from './choropleth-palette';

describe('choropleth classes', () => {
  const values = new Map<string, number | null>([
    ['a', 0],
    ['b', 2],
    ['c', 5],
    ['d', 40],
    ['e', null],
  ]);

  it('gives every commune a colour, grey without data, and counts communes per class', () => {
    const choropleth = buildChoropleth(values, { method: 'natural-breaks', classCount: 2, diverging: false });
    expect(choropleth.classes.map(({ lower, upper, count }) => [lower, upper, count])).toEqual([
      [0, 5, 3],
      [40, 40, 1],
    ]);
    expect(choropleth.noData).toBe(1);
    expect(choropleth.colours.get('e')).toBe(NO_DATA_COLOUR);
    expect(choropleth.colours.get('a')).toBe(choropleth.colours.get('c'));
    expect(choropleth.colours.get('d')).not.toBe(choropleth.colours.get('a'));
  });

  it('draws classes from other values when asked (playback), counting the shown ones', () => {
    const choropleth = buildChoropleth(new Map([['a', 3]]), {
      method: 'equal-interval',
      classCount: 2,
      diverging: false,
      classifyOver: [0, 10, 3, 7],
    });
    expect(choropleth.classes.map(({ lower, upper, count }) => [lower, upper, count])).toEqual([
      [0, 5, 1],
      [5, 10, 0],
    ]);
  });
});
