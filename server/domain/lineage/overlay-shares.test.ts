import { describe, expect, it } from 'vitest';
import type { MultiPolygonCoordinates } from '../geometry/types';
import { DEFAULT_OVERLAY_OPTIONS, overlayShares } from './overlay-shares';

/** A longitude/latitude rectangle as a MultiPolygon (one exterior ring, counter-clockwise). */
function box(west: number, south: number, east: number, north: number): MultiPolygonCoordinates {
  return [
    [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  ];
}

const sharesOf = (result: ReturnType<typeof overlayShares>) =>
  Object.fromEntries(
    result.shares.map((share) => [`${share.oldUnitCode}>${share.newUnitCode}`, share.share]),
  );

describe('overlayShares', () => {
  it('gives each old unit the part of its area in each new unit', () => {
    // Near Rạch Giá. On the sphere the area of a longitude/latitude box is proportional to its width in
    // longitude, so cutting a box at 3/4 of its width gives shares 0.75 and 0.25 exactly.
    const result = overlayShares(
      [
        { code: 'old-split', polygons: box(105.0, 10.0, 105.04, 10.04) },
        { code: 'old-whole', polygons: box(105.1, 10.0, 105.12, 10.02) },
      ],
      [
        { code: 'new-west', polygons: box(105.0, 9.99, 105.03, 10.05) },
        { code: 'new-east', polygons: box(105.03, 9.99, 105.2, 10.05) },
      ],
    );
    const shares = sharesOf(result);
    expect(shares['old-split>new-west']).toBeCloseTo(0.75, 6);
    expect(shares['old-split>new-east']).toBeCloseTo(0.25, 6);
    expect(shares['old-whole>new-east']).toBeCloseTo(1, 6);
    expect(result.shares.map((share) => share.newUnitCode)).toEqual(['new-west', 'new-east', 'new-east']);
    // 0.04° × 0.04° at 10° N is about 4.38 km × 4.42 km.
    expect(result.oldAreaKm2.get('old-split')).toBeCloseTo(19.4, 0);
    expect(result.unmatched).toEqual([]);
  });

  it('drops slivers along a boundary drawn twice, but keeps the largest piece of a tiny unit', () => {
    const result = overlayShares(
      [
        // 0.5 % of this unit lies east of 105.0398, where the new boundary was drawn.
        { code: 'old-edge', polygons: box(105.0, 10.0, 105.04, 10.04) },
        // About 0.001 km²: below the area threshold, but all of it lies in one new unit.
        { code: 'old-islet', polygons: box(105.01, 10.01, 105.0103, 10.0103) },
        { code: 'old-at-sea', polygons: box(104.0, 9.0, 104.01, 9.01) },
      ],
      [
        { code: 'new-main', polygons: box(104.99, 9.99, 105.0398, 10.05) },
        { code: 'new-next', polygons: box(105.0398, 9.99, 105.1, 10.05) },
      ],
    );
    const shares = sharesOf(result);
    expect(Object.keys(shares).sort()).toEqual(['old-edge>new-main', 'old-islet>new-main']);
    expect(shares['old-edge>new-main']).toBeCloseTo(0.995, 6);
    expect(shares['old-islet>new-main']).toBeCloseTo(1, 6);
    expect(result.sliversDropped).toBe(1);
    expect(result.unmatched).toEqual(['old-at-sea']);
  });

  it('measures around holes: a commune inside a ring-shaped one', () => {
    const ring: MultiPolygonCoordinates = [
      [
        (box(105.0, 10.0, 105.06, 10.06)[0] as number[][][])[0] as number[][],
        // The hole, clockwise.
        [
          [105.02, 10.02],
          [105.02, 10.04],
          [105.04, 10.04],
          [105.04, 10.02],
          [105.02, 10.02],
        ],
      ],
    ];
    const result = overlayShares(
      [{ code: 'old', polygons: box(105.0, 10.0, 105.06, 10.06) }],
      [
        { code: 'new-ring', polygons: ring },
        { code: 'new-core', polygons: box(105.02, 10.02, 105.04, 10.04) },
      ],
      { ...DEFAULT_OVERLAY_OPTIONS, simplifyTolerance: 0 },
    );
    const shares = sharesOf(result);
    // The core is a ninth of the box (a third of its width and about a third of its height).
    expect(shares['old>new-core']).toBeCloseTo(1 / 9, 3);
    expect((shares['old>new-ring'] as number) + (shares['old>new-core'] as number)).toBeCloseTo(1, 6);
  });

  it('answers an old era with no new units as unmatched', () => {
    const result = overlayShares([{ code: 'old', polygons: box(105, 10, 105.01, 10.01) }], []);
    expect(result).toMatchObject({ shares: [], unmatched: ['old'] });
  });
});
