import { describe, expect, it } from 'vitest';
import {
  countStatuses,
  mapStatusOf,
  PROGRAMME_MAP_STATUSES,
  PROGRAMME_STATUS_COLOURS,
  statusesByCommune,
} from './programme-status';

describe('programme map statuses', () => {
  it('show the two reviews of a running cycle as one, and no cycle as none', () => {
    expect(mapStatusOf('in-progress')).toBe('in-progress');
    expect(mapStatusOf('half-year-review')).toBe('in-progress');
    expect(mapStatusOf('assessed-achieved')).toBe('achieved');
    expect(mapStatusOf('assessed-not-achieved')).toBe('not-achieved');
    expect(mapStatusOf(null)).toBe('none');
  });

  it('have a distinct colour each', () => {
    const colours = PROGRAMME_MAP_STATUSES.map((status) => PROGRAMME_STATUS_COLOURS[status]);
    expect(new Set(colours).size).toBe(PROGRAMME_MAP_STATUSES.length);
  });

  it('count every status, with the communes left out as none', () => {
    const statuses = statusesByCommune([
      { unit: { code: 'A' }, status: 'sustained' },
      { unit: { code: 'B' }, status: 'half-year-review' },
      { unit: { code: 'C' }, status: 'relapsed' },
      { unit: { code: 'C' }, status: 'selected' },
      { unit: { code: 'Z' }, status: 'sustained' },
    ]);
    expect([...statuses]).toEqual([
      ['A', 'sustained'],
      ['B', 'in-progress'],
      ['C', 'relapsed'],
      ['Z', 'sustained'],
    ]);
    const counts = countStatuses(statuses, ['A', 'B', 'C', 'D', 'E']);
    expect(counts).toMatchObject({ sustained: 2, 'in-progress': 1, relapsed: 1, none: 2, achieved: 0 });
    expect(Object.keys(counts)).toEqual([...PROGRAMME_MAP_STATUSES]);
  });
});
