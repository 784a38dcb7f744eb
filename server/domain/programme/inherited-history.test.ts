import { describe, expect, it } from 'vitest';
import type { LineageLink } from '../lineage/lineage-link';
import { heirsOfOldUnits } from './inherited-history';

function link(oldUnitCode: string, newUnitCode: string, shares: Partial<LineageLink> = {}): LineageLink {
  return {
    source: 'official',
    oldEraId: 1,
    oldUnitCode,
    newEraId: 2,
    newUnitCode,
    areaShare: null,
    populationShare: null,
    partial: false,
    ...shares,
  };
}

describe('heirsOfOldUnits', () => {
  it('gives a merged commune its whole history', () => {
    const heirs = heirsOfOldUnits([link('A', 'N', { areaShare: 1 }), link('B', 'N', { areaShare: 1 })]);
    expect(heirs).toEqual(
      new Map([
        ['A', ['N']],
        ['B', ['N']],
      ]),
    );
  });

  it('gives a split commune to the successor with the largest share, population first', () => {
    const byArea = heirsOfOldUnits([
      link('A', 'N1', { areaShare: 0.3, partial: true }),
      link('A', 'N2', { areaShare: 0.7, partial: true }),
    ]);
    expect(byArea.get('A')).toEqual(['N2']);
    const byPopulation = heirsOfOldUnits([
      link('A', 'N1', { areaShare: 0.3, populationShare: 0.8, partial: true }),
      link('A', 'N2', { areaShare: 0.7, populationShare: 0.2, partial: true }),
    ]);
    expect(byPopulation.get('A')).toEqual(['N1']);
  });

  it('gives a split commune without shares to every successor', () => {
    const heirs = heirsOfOldUnits([link('A', 'N2', { partial: true }), link('A', 'N1', { partial: true })]);
    expect(heirs.get('A')).toEqual(['N1', 'N2']);
  });
});
