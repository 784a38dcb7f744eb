import { describe, expect, it } from 'vitest';
import { outlineGroups } from './outline-groups';
import { buildPolygonIndex } from './polygon-index';
import type { MultiPolygonCoordinates } from './types';

const square = (x: number, y: number): MultiPolygonCoordinates => [
  [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
];

function totalLength(lines: number[][][]): number {
  let length = 0;
  for (const line of lines) {
    for (let k = 0; k < line.length - 1; k++) {
      const a = line[k] as number[];
      const b = line[k + 1] as number[];
      length += Math.hypot((b[0] as number) - (a[0] as number), (b[1] as number) - (a[1] as number));
    }
  }
  return length;
}

describe('outlineGroups', () => {
  it('drops edges shared inside a group and keeps those between groups', () => {
    // A 3 × 1 strip: the first two squares form group A, the third group B.
    const polygons = [square(0, 0), square(1, 0), square(2, 0)];
    const outlines = outlineGroups(polygons, ['A', 'A', 'B']);
    expect(totalLength(outlines.get('A') ?? [])).toBe(6); // the 2 × 1 rectangle
    expect(totalLength(outlines.get('B') ?? [])).toBe(4);
    // One closed line each: the walk joins the segments end to end.
    expect(outlines.get('A')).toHaveLength(1);
    const line = outlines.get('A')?.[0] ?? [];
    expect(line[0]).toEqual(line[line.length - 1]);
  });

  it('leaves out polygons without a group', () => {
    const outlines = outlineGroups([square(0, 0), square(1, 0)], ['A', null]);
    expect([...outlines.keys()]).toEqual(['A']);
    expect(totalLength(outlines.get('A') ?? [])).toBe(4);
  });

  it('outlines a whole tessellation as one ring when every polygon is in the same group', () => {
    const polygons = [];
    for (let x = 0; x < 4; x++) for (let y = 0; y < 3; y++) polygons.push(square(x, y));
    const outlines = outlineGroups(
      polygons,
      polygons.map(() => 'province'),
    );
    expect(totalLength(outlines.get('province') ?? [])).toBe(14);
  });
});

describe('outlineGroups where neighbours do not share vertices', () => {
  it('drops a common boundary drawn differently by the two neighbours', () => {
    // Two squares whose common side x = 1 is one edge on the left and two edges on the right.
    const left: MultiPolygonCoordinates = [
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    ];
    const right: MultiPolygonCoordinates = [
      [
        [
          [1, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 0.5],
          [1, 0],
        ],
      ],
    ];
    const index = buildPolygonIndex([left, right]);
    const locate = (x: number, y: number) => index.findPolygon(x, y);
    expect(totalLength(outlineGroups([left, right], ['A', 'A']).get('A') ?? [])).toBe(8);
    expect(totalLength(outlineGroups([left, right], ['A', 'A'], locate).get('A') ?? [])).toBe(6);
    // Between groups the boundary stays, drawn by both.
    const apart = outlineGroups([left, right], ['A', 'B'], locate);
    expect(totalLength(apart.get('A') ?? [])).toBe(4);
    expect(totalLength(apart.get('B') ?? [])).toBe(4);
  });
});
