import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { seededRandom } from '../random/seeded-random';
import { globalMoran } from '../spatial-statistics/global-autocorrelation';
import { localGetisOrd } from '../spatial-statistics/local-getis-ord';
import { distanceBandWeights } from '../spatial-weights/distance-weights';
import { rowStandardised, withSelf } from '../spatial-weights/weights-operations';
import { type OptimizedHotSpotsOptions, optimizedHotSpots } from './optimized-hot-spots';

const CLUSTER_X = 5_000;
const CLUSTER_Y = 5_000;
const CLUSTER_SIGMA = 400;

/** 1,500 incidents in a Gaussian cluster (σ = 400 m) over 3,000 spread across a 20 km × 20 km district. */
function plantedCluster(seed: number): { x: Float64Array; y: Float64Array } {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const count = 4_500;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let incident = 0; incident < count; incident++) {
    if (incident < 1_500) {
      x[incident] = CLUSTER_X + CLUSTER_SIGMA * gaussian();
      y[incident] = CLUSTER_Y + CLUSTER_SIGMA * gaussian();
    } else {
      x[incident] = random() * 20_000;
      y[incident] = random() * 20_000;
    }
  }
  return { x, y };
}

/** 40,000 incidents spread over 48 km × 48 km, a quarter of them in a 4 km square. */
function widePattern(): { x: Float64Array; y: Float64Array } {
  const random = seededRandom(12);
  const x = Float64Array.from({ length: 40_000 }, () => random() * 47_999);
  const y = Float64Array.from({ length: 40_000 }, () => random() * 47_999);
  for (let incident = 0; incident < 10_000; incident++) {
    x[incident] = 20_000 + random() * 4_000;
    y[incident] = 30_000 + random() * 4_000;
  }
  return { x, y };
}

function distanceToCluster(result: { centreX: Float64Array; centreY: Float64Array }, cell: number): number {
  return Math.hypot(
    (result.centreX[cell] as number) - CLUSTER_X,
    (result.centreY[cell] as number) - CLUSTER_Y,
  );
}

function significantCells(bin: Int8Array): number {
  return bin.reduce((total, value) => total + (value !== 0 ? 1 : 0), 0);
}

function expectBilingualError(run: () => unknown): BilingualError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BilingualError);
    const text = (error as BilingualError).text;
    expect(text.vi.length).toBeGreaterThan(10);
    expect(text.en.length).toBeGreaterThan(10);
    expect(text.vi).not.toBe(text.en);
    return error as BilingualError;
  }
  throw new Error('expected a BilingualError');
}

describe('optimizedHotSpots', () => {
  it.each(['hexagon', 'square'] as const)(
    'finds a planted cluster as hot cells at 99 per cent and leaves far background cells cool (%s)',
    (shape) => {
      const { x, y } = plantedCluster(1);
      const result = optimizedHotSpots(x, y, { shape });
      let nearest = 0;
      for (let cell = 1; cell < result.cellCount; cell++) {
        if (distanceToCluster(result, cell) < distanceToCluster(result, nearest)) nearest = cell;
      }
      expect(result.bin[nearest]).toBe(3);
      // Every cell within one σ of the centre is a 99 % hot spot; nothing 4 km or more away is hot at all.
      for (let cell = 0; cell < result.cellCount; cell++) {
        const distance = distanceToCluster(result, cell);
        if (distance < CLUSTER_SIGMA) expect(result.bin[cell], `cell ${cell}`).toBe(3);
        if (distance > 4_000) expect(result.bin[cell], `cell ${cell}`).toBeLessThanOrEqual(0);
      }
      const { computation } = result;
      expect(computation.method).toBe('optimized');
      expect(computation.shape).toBe(shape);
      expect(computation.correction).toBe('fdr');
      expect(computation.incidents).toBe(4_500);
      expect(computation.cells).toBe(result.cellCount);
      expect(computation.cellSizeChosenBy).toBe('nearest-neighbour-distance');
      // Exact nearest-neighbour distances below 20,000 incidents.
      expect(computation.sampledIncidents).toBe(4_500);
      // The scale of analysis comes from the first peak of Moran's I z, at the cluster's own scale.
      expect(computation.bandChosenBy).toBe('incremental-autocorrelation-peak');
      expect(computation.distanceBand).toBeGreaterThan(CLUSTER_SIGMA);
      expect(computation.distanceBand).toBeLessThan(5 * CLUSTER_SIGMA);
      expect(computation.incrementalPeaks).toHaveLength(10);
      const firstPeak = computation.incrementalPeaks.find((distance) => distance.peak);
      expect(firstPeak?.distance).toBe(computation.distanceBand);
      expect(firstPeak?.z).toBeGreaterThan(1.65);
      // Distances start at the lattice spacing (the cell size) and grow by it.
      computation.incrementalPeaks.forEach((distance, step) => {
        expect(distance.distance).toBeCloseTo((step + 1) * computation.cellSize, 6);
      });
    },
  );

  it('counts every incident once and maps each to its cell', () => {
    const { x, y } = plantedCluster(2);
    const result = optimizedHotSpots(x, y, { shape: 'hexagon' });
    expect(result.count.reduce((total, count) => total + count, 0)).toBe(x.length);
    const recount = new Int32Array(result.cellCount);
    for (const cell of result.cellOfIncident) recount[cell] = (recount[cell] as number) + 1;
    expect(recount).toEqual(result.count);
    // The study area's empty cells are zeros next to occupied ones.
    expect(result.count.some((count) => count === 0)).toBe(true);
    const ring = result.ring(0);
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    // A hexagon sized by its height h has area (√3/2)·h².
    expect(result.computation.cellArea).toBeCloseTo((Math.sqrt(3) / 2) * result.computation.cellSize ** 2, 6);
  });

  it('gives the z-scores of localGetisOrd on binary distance-band weights with self', () => {
    const { x, y } = plantedCluster(3);
    for (const shape of ['hexagon', 'square'] as const) {
      const result = optimizedHotSpots(x, y, { shape, cellSize: 600, distanceBand: 1_500 });
      const values = Float64Array.from(result.count);
      // The same band, nudged past rounding in the centres' coordinates.
      const weights = withSelf(distanceBandWeights(result.centreX, result.centreY, 1_500 * (1 + 1e-9)));
      const reference = localGetisOrd(values, weights, { star: true, permutations: 0, correction: 'fdr' });
      for (let cell = 0; cell < result.cellCount; cell++) {
        expect(Math.abs((result.z[cell] as number) - (reference.z[cell] as number))).toBeLessThan(1e-9);
      }
      expect(result.neighbourCount).toEqual(reference.neighbourCount);
      expect(result.bin).toEqual(reference.bin);
    }
  });

  it.each([
    ['squares over a district', 'square', plantedCluster(4)],
    ['hexagons over a district', 'hexagon', plantedCluster(4)],
    // A wide, full grid: most cells lie more than 20 cells from its edge.
    ['a full 60 × 60 grid', 'square', widePattern()],
  ] as const)("gives the incremental Moran's I and z of globalMoran for %s", (_, shape, { x, y }) => {
    const result = optimizedHotSpots(x, y, { shape, cellSize: 800 });
    const values = Float64Array.from(result.count);
    for (const tried of result.computation.incrementalPeaks) {
      const weights = rowStandardised(
        distanceBandWeights(result.centreX, result.centreY, tried.distance * (1 + 1e-9)),
      );
      const reference = globalMoran(values, weights);
      expect(Math.abs(tried.moransI - reference.statistic)).toBeLessThan(1e-10);
      expect(Math.abs(tried.z - reference.zRandomisation)).toBeLessThan(1e-8);
    }
  });

  it('honours a given cell size and distance band', () => {
    const { x, y } = plantedCluster(5);
    const hexagons = optimizedHotSpots(x, y, { shape: 'hexagon', cellSize: 500, distanceBand: 1_500 });
    expect(hexagons.computation).toMatchObject({
      cellSize: 500,
      cellSizeChosenBy: 'given',
      distanceBand: 1_500,
      bandChosenBy: 'given',
      outliers: null,
      incrementalPeaks: [],
    });
    // Within three heights of a hexagon: itself, then rings of 6, 12 and 18 cells.
    expect(Math.max(...hexagons.neighbourCount)).toBe(37);
    const squares = optimizedHotSpots(x, y, { shape: 'square', cellSize: 500, distanceBand: 1_500 });
    // Lattice points within 3 of the origin: 29.
    expect(Math.max(...squares.neighbourCount)).toBe(29);
    expect(squares.computation.cellArea).toBe(250_000);
    // A given cell size with the band chosen from the data, and the other way round.
    const banded = optimizedHotSpots(x, y, { shape: 'square', cellSize: 500 });
    expect(banded.computation.cellSize).toBe(500);
    expect(banded.computation.bandChosenBy).not.toBe('given');
    const sized = optimizedHotSpots(x, y, { shape: 'square', distanceBand: 2_000 });
    expect(sized.computation.distanceBand).toBe(2_000);
    expect(sized.computation.cellSizeChosenBy).toBe('nearest-neighbour-distance');
  });

  it('never finds more significant cells with FDR than without a correction, nor with Bonferroni than FDR', () => {
    for (const seed of [1, 2, 3]) {
      const { x, y } = plantedCluster(seed);
      const options: OptimizedHotSpotsOptions = { shape: 'hexagon', cellSize: 400, distanceBand: 1_000 };
      const none = optimizedHotSpots(x, y, { ...options, correction: 'none' });
      const fdr = optimizedHotSpots(x, y, { ...options, correction: 'fdr' });
      const bonferroni = optimizedHotSpots(x, y, { ...options, correction: 'bonferroni' });
      expect(fdr.z).toEqual(none.z);
      expect(fdr.p).toEqual(none.p);
      expect(significantCells(fdr.bin)).toBeLessThanOrEqual(significantCells(none.bin));
      expect(significantCells(bonferroni.bin)).toBeLessThanOrEqual(significantCells(fdr.bin));
      expect(significantCells(none.bin)).toBeGreaterThan(significantCells(bonferroni.bin));
      expect(none.computation.thresholds.confidence95).toBe(0.05);
    }
  });

  it('reports locational outliers and keeps them out of the cell size', () => {
    // 900 incidents on a 100 m lattice: every nearest neighbour 100 m away, so none is an outlier.
    const x = Float64Array.from({ length: 900 }, (_, index) => (index % 30) * 100 + 50);
    const y = Float64Array.from({ length: 900 }, (_, index) => Math.floor(index / 30) * 100 + 50);
    const far = [
      [60_000, 0],
      [0, 60_000],
      [60_000, 60_000],
    ];
    const withFar = (values: Float64Array, axis: 0 | 1) =>
      Float64Array.from([...values, ...far.map((point) => point[axis] as number)]);
    const plain = optimizedHotSpots(x, y, { shape: 'square' });
    expect(plain.computation.outliers).toBe(0);
    expect(plain.computation.outlierDistance).toBeNull();
    const result = optimizedHotSpots(withFar(x, 0), withFar(y, 1), { shape: 'square' });
    expect(result.computation.outliers).toBe(3);
    expect(result.computation.outlierDistance).toBeGreaterThan(1_000);
    expect(result.computation.outlierDistance).toBeLessThan(60_000);
    // The outliers' distances are left out, so the cell size is the lattice's own.
    expect(result.computation.cellSize).toBe(plain.computation.cellSize);
    // ArcGIS's rule: the larger of mean and median (100 m) times 2.
    expect(result.computation.cellSize).toBe(200);
    // They still count: each far incident has its own cell.
    expect(result.computation.incidents).toBe(903);
    expect(result.count.reduce((total, count) => total + count, 0)).toBe(903);
  });

  it('keeps an automatic grid over a province within its cell limit, from a sample of the incidents', () => {
    const random = seededRandom(11);
    const count = 140_000;
    const x = Float64Array.from({ length: count }, () => random() * 100_000);
    const y = Float64Array.from({ length: count }, () => random() * 150_000);
    for (let incident = 0; incident < 20_000; incident++) {
      x[incident] = 30_000 + (random() - 0.5) * 2_000;
      y[incident] = 60_000 + (random() - 0.5) * 2_000;
    }
    // One incident placed 300 km away by a bad address.
    x[count - 1] = 400_000;
    y[count - 1] = 0;
    const result = optimizedHotSpots(x, y, { shape: 'hexagon' });
    expect(result.computation.sampledIncidents).toBe(20_000);
    expect(result.computation.outliers).toBeGreaterThanOrEqual(1);
    // At most 100,000 hexagons over the 100 km × 150 km box of the other incidents: area / (100,000 · √3/2) = h².
    expect(result.computation.cellSizeChosenBy).toBe('cell-limit');
    const limit = Math.sqrt((100_000 * 150_000) / (100_000 * (Math.sqrt(3) / 2)));
    expect(Math.abs(result.computation.cellSize / limit - 1)).toBeLessThan(0.001);
    // Those cells, the ring around the box's edge and the far incident's cell and ring.
    expect(result.cellCount).toBeLessThan(102_000);
    expect(result.cellCount).toBeGreaterThan(90_000);
  });

  it('rejects what a user can get wrong, in Vietnamese and English', () => {
    const { x, y } = plantedCluster(7);
    // Fewer than 30 incidents.
    expectBilingualError(() => optimizedHotSpots(x.subarray(0, 29), y.subarray(0, 29), { shape: 'hexagon' }));
    // All incidents at one place.
    const same = new Float64Array(40).fill(1_000);
    expect(expectBilingualError(() => optimizedHotSpots(same, same, { shape: 'square' })).text.en).toMatch(
      /same place/,
    );
    // Two places only: too few cells.
    const twoPlacesX = Float64Array.from({ length: 40 }, (_, index) => (index % 2) * 1_000);
    const twoPlacesY = new Float64Array(40);
    expectBilingualError(() => optimizedHotSpots(twoPlacesX, twoPlacesY, { shape: 'square' }));
    // A cell size making millions of cells, or so large that there are too few.
    expect(
      expectBilingualError(() => optimizedHotSpots(x, y, { shape: 'square', cellSize: 5 })).text.en,
    ).toMatch(/too small/);
    expectBilingualError(() => optimizedHotSpots(x, y, { shape: 'square', cellSize: 15_000 }));
    // Bands shorter than the cell spacing, longer than the area, or far too wide for the cells.
    expectBilingualError(() =>
      optimizedHotSpots(x, y, { shape: 'hexagon', cellSize: 500, distanceBand: 400 }),
    );
    expectBilingualError(() =>
      optimizedHotSpots(x, y, { shape: 'hexagon', cellSize: 500, distanceBand: 90_000 }),
    );
    expectBilingualError(() =>
      optimizedHotSpots(x, y, { shape: 'square', cellSize: 20, distanceBand: 19_000 }),
    );
    // Malformed options and coordinates.
    expectBilingualError(() => optimizedHotSpots(x, y, { shape: 'triangle' as 'square' }));
    expectBilingualError(() => optimizedHotSpots(x, y, { shape: 'square', cellSize: -1 }));
    expectBilingualError(() => optimizedHotSpots(x, y, { shape: 'square', distanceBand: Number.NaN }));
    expectBilingualError(() => optimizedHotSpots(x, y, { shape: 'square', correction: 'holm' as 'fdr' }));
    expectBilingualError(() => optimizedHotSpots(x, y.subarray(1), { shape: 'square' }));
  });
});
