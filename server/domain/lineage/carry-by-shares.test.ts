import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryByShares, carryBySharesInDetail, largestRemainder } from './carry-by-shares';
import type { LineageLink } from './lineage-link';

function link(
  oldUnitCode: string,
  newUnitCode: string,
  areaShare: number | null,
  populationShare: number | null = null,
  source: LineageLink['source'] = 'official',
): LineageLink {
  return {
    source,
    oldEraId: 1,
    oldUnitCode,
    newEraId: 2,
    newUnitCode,
    areaShare,
    populationShare,
    partial: false,
  };
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

describe('largestRemainder', () => {
  it('gives the leftover units to the largest remainders', () => {
    // Quotas 3.5, 2.1, 1.4 of 7: floors 3, 2, 1 and one unit left, to the 0.5 remainder.
    expect(largestRemainder(7, [0.5, 0.3, 0.2])).toEqual([4, 2, 1]);
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(-5, [1, 1])).toEqual([-3, -2]);
    expect(largestRemainder(0, [1, 2])).toEqual([0, 0]);
  });

  it('refuses fractions and weights that add up to nothing', () => {
    expect(() => largestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => largestRemainder(3, [0, 0])).toThrow(RangeError);
  });
});

describe('carryByShares', () => {
  it('moves whole units as they are and splits the split ones by share, marked estimated', () => {
    const links = [link('A', 'X', 1, 1), link('B', 'X', 1, 1), link('C', 'X', 0.25), link('C', 'Y', 0.75)];
    const carried = carryByShares(
      new Map([
        ['A', 3],
        ['B', 4],
        ['C', 10],
      ]),
      links,
      { integers: true },
    );
    // C: quotas 2.5 and 7.5; the tie of remainders goes to the larger share.
    expect(carried.get('X')).toEqual({ value: 3 + 4 + 2, estimated: true });
    expect(carried.get('Y')).toEqual({ value: 8, estimated: true });
    expect(sum([...carried.values()].map((entry) => entry.value))).toBe(17);
  });

  it('prefers population shares, then area shares, then equal parts, and says so', () => {
    const details = carryBySharesInDetail(
      new Map([
        ['P', 100],
        ['Q', 100],
        ['R', 9],
      ]),
      [
        link('P', 'X', 0.9, 0.2),
        link('P', 'Y', 0.1, 0.8),
        link('Q', 'X', 0.6),
        link('Q', 'Y', 0.4),
        link('R', 'X', null),
        link('R', 'Y', null),
        link('R', 'Z', null),
      ],
      { integers: true },
    );
    expect(details.carried.get('X')?.value).toBe(20 + 60 + 3);
    expect(details.carried.get('Y')?.value).toBe(80 + 40 + 3);
    expect(details.carried.get('Z')?.value).toBe(3);
    expect(details.carriedByArea).toEqual(['Q']);
    expect(details.carriedEqually).toEqual(['R']);
  });

  it('uses the official links of an old unit that has both, and reports unlinked units', () => {
    const details = carryBySharesInDetail(
      new Map([
        ['A', 5],
        ['Lost', 2],
      ]),
      [
        link('A', 'X', 1, 1, 'official'),
        link('A', 'Y', 0.6, null, 'geometry'),
        link('A', 'X', 0.4, null, 'geometry'),
      ],
      { integers: true },
    );
    expect(details.carried).toEqual(new Map([['X', { value: 5, estimated: false }]]));
    expect(details.unlinked).toEqual(['Lost']);
  });

  it('marks a split unit estimated even when its whole area lies in one successor', () => {
    const links = [
      { ...link('S', 'X', 0), partial: true },
      { ...link('S', 'Y', 1), partial: true },
    ];
    const carried = carryByShares(new Map([['S', 7]]), links, { integers: true });
    expect(carried).toEqual(
      new Map([
        ['X', { value: 0, estimated: true }],
        ['Y', { value: 7, estimated: true }],
      ]),
    );
  });

  it('splits real values so that their parts add up to the value', () => {
    const carried = carryByShares(
      new Map([['A', 1]]),
      [link('A', 'X', 0.1), link('A', 'Y', 0.2), link('A', 'Z', 0.7)],
      {
        integers: false,
      },
    );
    expect(sum([...carried.values()].map((entry) => entry.value))).toBe(1);
    expect(carried.get('X')?.value).toBeCloseTo(0.1, 12);
  });

  it('preserves the total exactly for any counts and shares (property)', () => {
    const shares = fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), shares), { minLength: 1, maxLength: 30 }),
        (units) => {
          const values = new Map<string, number>();
          const links: LineageLink[] = [];
          units.forEach(([value, unitShares], index) => {
            values.set(`old-${index}`, value);
            unitShares.forEach((share, part) => {
              links.push(link(`old-${index}`, `new-${(index + part) % 7}`, share));
            });
          });
          const carried = carryByShares(values, links, { integers: true });
          const total = sum([...carried.values()].map((entry) => entry.value));
          expect(total).toBe(sum(values.values()));
          for (const entry of carried.values()) expect(Number.isInteger(entry.value)).toBe(true);
        },
      ),
    );
  });
});
