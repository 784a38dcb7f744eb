import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { signedRingArea } from '../geometry/orient-rings';
import type { MultiPolygonCoordinates } from '../geometry/types';
import { seededRandom } from '../random/seeded-random';
import { densityContours, kernelDensityContours, kernelDensityGrid } from './kernel-density';

function randomPoints(count: number, size: number, seed: number) {
  const random = seededRandom(seed);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let point = 0; point < count; point++) {
    x[point] = random() * size;
    y[point] = random() * size;
  }
  return { x, y };
}

/** Even–odd ray casting over every ring. */
function insideMultiPolygon(polygons: MultiPolygonCoordinates, px: number, py: number): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let k = 0, j = ring.length - 2; k < ring.length - 1; j = k++) {
        const [xi, yi] = ring[k] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

describe('kernelDensityGrid', () => {
  it('integrates to the number of points', () => {
    const { x, y } = randomPoints(300, 1000, 5);
    const grid = kernelDensityGrid(x, y, { bandwidth: 100, cellSize: 5 });
    let sum = 0;
    for (const value of grid.values) sum += value;
    expect((sum * 5 * 5) / 300).toBeCloseTo(1, 3);
  });

  it('integrates to the sum of the weights', () => {
    const { x, y } = randomPoints(50, 500, 6);
    const weights = Float64Array.from({ length: 50 }, (_, index) => index % 3);
    const grid = kernelDensityGrid(x, y, { bandwidth: 60, cellSize: 3, weights });
    let sum = 0;
    for (const value of grid.values) sum += value;
    const total = weights.reduce((a, b) => a + b, 0);
    expect((sum * 9) / total).toBeCloseTo(1, 3);
  });

  it('puts the quartic kernel peak 3 / (π h²) at the cell of a single point', () => {
    // With h / cellSize = 10.5 the point lies exactly on the centre of cell (11, 11).
    const grid = kernelDensityGrid(Float64Array.of(1000), Float64Array.of(2000), {
      bandwidth: 10.5,
      cellSize: 1,
    });
    const peak = 3 / (Math.PI * 10.5 * 10.5);
    expect(grid.originX + 11.5).toBe(1000);
    expect(grid.values[11 * grid.width + 11]).toBeCloseTo(peak, 15);
    expect(grid.maximum).toBeCloseTo(peak, 15);
    // One cell east, d = 1: (1 − 1/h²)² of the peak; at or beyond h, nothing.
    expect(grid.values[11 * grid.width + 12]).toBeCloseTo(peak * (1 - 1 / 110.25) ** 2, 15);
    expect(grid.values[11 * grid.width + 22]).toBe(0);
    expect(grid.values[11 * grid.width]).toBe(0);
  });

  it('is zero along the border of the grid', () => {
    const { x, y } = randomPoints(100, 300, 8);
    const grid = kernelDensityGrid(x, y, { bandwidth: 40, cellSize: 7 });
    for (let column = 0; column < grid.width; column++) {
      expect(grid.values[column]).toBe(0);
      expect(grid.values[(grid.height - 1) * grid.width + column]).toBe(0);
    }
    for (let row = 0; row < grid.height; row++) {
      expect(grid.values[row * grid.width]).toBe(0);
      expect(grid.values[row * grid.width + grid.width - 1]).toBe(0);
    }
  });

  it('rejects bad input with bilingual messages', () => {
    const x = Float64Array.of(0, 10);
    const y = Float64Array.of(0, 10);
    expect(() => kernelDensityGrid(x, y, { bandwidth: 0, cellSize: 1 })).toThrow(BilingualError);
    expect(() => kernelDensityGrid(x, y, { bandwidth: 10, cellSize: Number.NaN })).toThrow(BilingualError);
    expect(() => kernelDensityGrid(x, y, { bandwidth: 10, cellSize: -1 })).toThrow(BilingualError);
    expect(() =>
      kernelDensityGrid(new Float64Array(), new Float64Array(), { bandwidth: 10, cellSize: 1 }),
    ).toThrow(BilingualError);
    expect(() =>
      kernelDensityGrid(x, y, { bandwidth: 10, cellSize: 1, weights: Float64Array.of(1) }),
    ).toThrow(BilingualError);
    expect(() =>
      kernelDensityGrid(x, y, { bandwidth: 10, cellSize: 1, weights: Float64Array.of(1, -1) }),
    ).toThrow(BilingualError);
    // 100 km by 100 km at 1 cm cells: far beyond the cell limit.
    expect(() =>
      kernelDensityGrid(Float64Array.of(0, 100_000), Float64Array.of(0, 100_000), {
        bandwidth: 10,
        cellSize: 0.01,
      }),
    ).toThrow(/larger cell size/);
  });
});

describe('kernelDensityContours', () => {
  it('draws the contour of a single point as a circle of the right radius, in input coordinates', () => {
    const h = 200;
    const peak = 3 / (Math.PI * h * h);
    const level = peak / 4;
    // K(r) = peak · (1 − r²/h²)² = level  ⇒  r = h · √(1 − √(level / peak)).
    const radius = h * Math.sqrt(1 - Math.sqrt(level / peak));
    const result = kernelDensityContours(Float64Array.of(500_000), Float64Array.of(1_200_000), {
      bandwidth: h,
      cellSize: 2,
      levels: [level],
    });
    const contour = result.contours[0];
    expect(contour?.level).toBe(level);
    expect(contour?.coordinates).toHaveLength(1);
    const ring = contour?.coordinates[0]?.[0] ?? [];
    expect(ring.length).toBeGreaterThan(50);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [px, py] of ring as [number, number][]) {
      expect(Math.abs(Math.hypot(px - 500_000, py - 1_200_000) - radius)).toBeLessThan(1);
    }
    expect(signedRingArea(ring)).toBeGreaterThan(0);
  });

  it('nests contours and winds rings as RFC 7946 asks', () => {
    const random = seededRandom(11);
    const count = 400;
    const x = new Float64Array(count);
    const y = new Float64Array(count);
    for (let point = 0; point < count; point++) {
      // Three clusters and a background, so that contours have several parts and holes.
      const cluster = point % 4;
      const centreX = [200, 800, 500, 0][cluster] as number;
      const centreY = [300, 700, 200, 0][cluster] as number;
      const spread = cluster === 3 ? 1000 : 80;
      x[point] = centreX + (cluster === 3 ? random() * spread : (random() - 0.5) * spread);
      y[point] = centreY + (cluster === 3 ? random() * spread : (random() - 0.5) * spread);
    }
    const result = kernelDensityContours(x, y, { bandwidth: 120, cellSize: 10, levelCount: 6 });
    expect(result.levels).toHaveLength(6);
    expect(result.contours.map((contour) => contour.level)).toEqual(result.levels);
    for (let k = 1; k < result.contours.length; k++) {
      const lower = result.contours[k - 1]?.coordinates as MultiPolygonCoordinates;
      const higher = result.contours[k]?.coordinates as MultiPolygonCoordinates;
      expect(higher.length).toBeGreaterThan(0);
      for (const polygon of higher) {
        for (const ring of polygon) {
          for (const [px, py] of ring as [number, number][])
            expect(insideMultiPolygon(lower, px, py)).toBe(true);
        }
      }
    }
    for (const contour of result.contours) {
      for (const polygon of contour.coordinates) {
        polygon.forEach((ring, index) => {
          expect(signedRingArea(ring) > 0).toBe(index === 0);
        });
      }
    }
  });

  it('accepts explicit levels in any order and returns them ascending', () => {
    const { x, y } = randomPoints(100, 100, 3);
    const grid = kernelDensityGrid(x, y, { bandwidth: 20, cellSize: 2 });
    const contours = densityContours(grid, [grid.maximum / 2, grid.maximum / 4]);
    expect(contours.map((contour) => contour.level)).toEqual([grid.maximum / 4, grid.maximum / 2]);
    // Above the peak there is nothing to draw.
    expect(densityContours(grid, [grid.maximum * 2])[0]?.coordinates).toEqual([]);
    expect(() => densityContours(grid, [0])).toThrow(BilingualError);
    expect(() => kernelDensityContours(x, y, { bandwidth: 20, cellSize: 2, levelCount: 0 })).toThrow(
      BilingualError,
    );
  });
});
