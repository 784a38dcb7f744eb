import type { CycleStatus } from '@domain/programme/cycle-status';
import { describe, expect, it } from 'vitest';
import { districtBreakdown } from './programme-districts';

function cycle(code: string, district: string | null, statuses: CycleStatus[]) {
  return {
    unit: { code, name: `Xã ${code}`, district },
    status: statuses[statuses.length - 1] ?? null,
    history: statuses.map((status) => ({ status })),
  };
}

const RUN: CycleStatus[] = ['selected', 'in-progress', 'half-year-review'];

describe('the district breakdown', () => {
  it('counts selected, assessed and đạt per former district, % đạt over the assessed', () => {
    const rows = districtBreakdown([
      cycle('B2', 'Huyện Bắc', [...RUN, 'assessed-achieved', 'monitoring', 'relapsed']),
      cycle('B1', 'Huyện Bắc', [...RUN, 'assessed-not-achieved']),
      cycle('B3', 'Huyện Bắc', [...RUN, 'assessed-achieved']),
      cycle('A1', 'Huyện An', RUN),
      cycle('A2', 'Huyện An', ['proposed']),
      cycle('N1', null, ['selected', 'removed']),
    ]);
    expect(
      rows.map((row) => [row.district, row.selected, row.assessed, row.achieved, row.achievedPct]),
    ).toEqual([
      ['Huyện An', 1, 0, 0, null],
      ['Huyện Bắc', 3, 3, 2, (2 / 3) * 100],
      [null, 1, 0, 0, null],
    ]);
    expect(rows[1]?.communes.map((commune) => commune.code)).toEqual(['B1', 'B2', 'B3']);
    expect(rows[0]?.communes.map((commune) => commune.status)).toEqual(['half-year-review', 'proposed']);
  });
});

describe('the district breakdown after 1 July 2025', () => {
  it('groups communes without a district by their former district', () => {
    const rows = districtBreakdown([
      {
        ...cycle('M1', null, RUN),
        unit: { code: 'M1', name: 'Xã M1', district: null, formerDistrict: 'Huyện An' },
      },
      {
        ...cycle('M2', null, RUN),
        unit: { code: 'M2', name: 'Xã M2', district: null, formerDistrict: null },
      },
      cycle('A1', 'Huyện An', RUN),
    ]);
    expect(rows.map((row) => [row.district, row.communes.map((commune) => commune.code)])).toEqual([
      ['Huyện An', ['A1', 'M1']],
      [null, ['M2']],
    ]);
  });
});
