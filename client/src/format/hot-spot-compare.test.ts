import { describe, expect, it } from 'vitest';
import type { UnitHotSpot } from '../api/hot-spots';
import { classifyChange, compareHotSpots } from './hot-spot-compare';

function unit(code: string, fields: Partial<UnitHotSpot>): UnitHotSpot {
  return {
    code,
    count: 0,
    value: 0,
    z: 0,
    p: 1,
    pSim: null,
    previousCount: 0,
    change: 0,
    lastIncident: null,
    ...fields,
  };
}

describe('comparing two windows', () => {
  it('classifies a commune by its heat in each window', () => {
    expect(classifyChange(2, 0)).toBe('emerged');
    // A cold spot turned hot was no hot spot before.
    expect(classifyChange(1, 0)).toBe('emerged');
    expect(classifyChange(3, 1)).toBe('intensified');
    expect(classifyChange(0, 2)).toBe('faded');
    expect(classifyChange(2, 2)).toBe('persistent');
    // Hot in both, at a lower confidence now: still hot, not faded.
    expect(classifyChange(1, 3)).toBe('persistent');
    expect(classifyChange(0, 0)).toBe('none');
  });

  it('counts what emerged, intensified and faded among G_i* bins', () => {
    const current = [
      unit('a', { bin: 3 }),
      unit('b', { bin: 3 }),
      unit('c', { bin: 0 }),
      unit('d', { bin: 2 }),
      unit('e', { bin: -2 }),
      unit('f', { bin: 1 }),
    ];
    const earlier = [
      unit('a', { bin: 0 }),
      unit('b', { bin: 1 }),
      unit('c', { bin: 3 }),
      unit('d', { bin: 2 }),
      unit('e', { bin: 0 }),
      unit('f', { bin: -1 }),
    ];
    const { changes, counts } = compareHotSpots(current, earlier);
    expect(Object.fromEntries(changes)).toEqual({
      a: 'emerged',
      b: 'intensified',
      c: 'faded',
      d: 'persistent',
      e: 'none',
      f: 'emerged',
    });
    expect(counts).toEqual({ emerged: 2, intensified: 1, faded: 1, persistent: 1, none: 1 });
  });

  it('treats LISA high–high as hot, with one level, and a commune missing earlier as not hot', () => {
    const { changes, counts } = compareHotSpots(
      [
        unit('a', { cluster: 'HH' }),
        unit('b', { cluster: 'ns' }),
        unit('c', { cluster: 'HH' }),
        unit('d', { cluster: 'HH' }),
      ],
      [unit('a', { cluster: 'HL' }), unit('b', { cluster: 'HH' }), unit('c', { cluster: 'HH' })],
    );
    expect(Object.fromEntries(changes)).toEqual({ a: 'emerged', b: 'faded', c: 'persistent', d: 'emerged' });
    expect(counts.intensified).toBe(0);
  });
});
