import { describe, expect, it } from 'vitest';
import { compareLineage } from './compare-lineage';

describe('compareLineage', () => {
  it('agrees when the largest derived share lies in an official successor, and lists every disagreement', () => {
    const comparison = compareLineage(
      [
        { oldUnitCode: 'A', newUnitCode: 'X' },
        { oldUnitCode: 'B', newUnitCode: 'X' },
        { oldUnitCode: 'C', newUnitCode: 'X' },
        { oldUnitCode: 'C', newUnitCode: 'Y' },
        { oldUnitCode: 'D', newUnitCode: 'Z' },
      ],
      [
        { oldUnitCode: 'A', newUnitCode: 'X', share: 0.97 },
        { oldUnitCode: 'B', newUnitCode: 'Y', share: 0.6 },
        { oldUnitCode: 'B', newUnitCode: 'X', share: 0.4 },
        { oldUnitCode: 'C', newUnitCode: 'Y', share: 0.7 },
        { oldUnitCode: 'C', newUnitCode: 'X', share: 0.2 },
        { oldUnitCode: 'C', newUnitCode: 'W', share: 0.1 },
        { oldUnitCode: 'E', newUnitCode: 'Z', share: 1 },
      ],
    );
    expect(comparison).toMatchObject({ compared: 4, agreeing: 2, agreement: 0.5, derivedOnly: ['E'] });
    expect(comparison.disagreements).toEqual([
      {
        oldUnitCode: 'B',
        officialSuccessors: ['X'],
        derived: [
          { newUnitCode: 'Y', share: 0.6 },
          { newUnitCode: 'X', share: 0.4 },
        ],
        shareInOfficial: 0.4,
      },
      // D: the geometry finds no successor at all.
      { oldUnitCode: 'D', officialSuccessors: ['Z'], derived: [], shareInOfficial: 0 },
    ]);
    expect(comparison.splits).toHaveLength(1);
    expect(comparison.splits[0]).toMatchObject({
      oldUnitCode: 'C',
      sharesInOfficial: [
        { newUnitCode: 'X', share: 0.2 },
        { newUnitCode: 'Y', share: 0.7 },
      ],
    });
    expect(comparison.splits[0]?.shareElsewhere).toBeCloseTo(0.1, 12);
  });

  it('counts full agreement when nothing is compared', () => {
    expect(compareLineage([], [])).toMatchObject({ compared: 0, agreement: 1, disagreements: [] });
  });
});
