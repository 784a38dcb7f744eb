import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MultiPolygonCoordinates } from '../geometry/types';
import { contiguityWeights } from './contiguity-weights';
import { nearestNeighbourWeights } from './distance-weights';
import { parseGal } from './gal-format';
import { polygonCentroids } from './polygon-centroids';
import type { SpatialWeights } from './spatial-weights';
import { describeWeights, fromNeighbourLists, rowStandardised, withSelf } from './weights-operations';

/*
 * Columbus (Anselin 1988) from the shared validation folder next to the repository (../shared, never copied
 * in). Without it the suite is skipped and its title says why.
 */
const folder = fileURLToPath(new URL('../../../../shared/validation/columbus/', import.meta.url));
const available = existsSync(`${folder}columbus.geojson`) && existsSync(`${folder}columbus.gal`);
const title = available
  ? 'spatial weights on Columbus'
  : 'spatial weights on Columbus — skipped: ../shared/validation/columbus is not present';

interface ColumbusFeature {
  properties: { CRIME: number; X: number; Y: number };
  geometry:
    | { type: 'Polygon'; coordinates: MultiPolygonCoordinates[number] }
    | { type: 'MultiPolygon'; coordinates: MultiPolygonCoordinates };
}

function loadColumbus() {
  const features = (
    JSON.parse(readFileSync(`${folder}columbus.geojson`, 'utf8')) as { features: ColumbusFeature[] }
  ).features;
  return {
    polygons: features.map((feature) =>
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates,
    ),
    crime: features.map((feature) => feature.properties.CRIME),
    x: Float64Array.from(features, (feature) => feature.properties.X),
    y: Float64Array.from(features, (feature) => feature.properties.Y),
  };
}

function row(weights: SpatialWeights, observation: number): number[] {
  return Array.from(
    weights.neighbours.subarray(weights.offsets[observation], weights.offsets[observation + 1]),
  );
}

/** Global Moran's I (Cliff & Ord), only to tie these weights to published values. */
function moranI(values: number[], weights: SpatialWeights): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let crossProducts = 0;
  let weightSum = 0;
  let squares = 0;
  for (let observation = 0; observation < weights.count; observation++) {
    const deviation = (values[observation] as number) - mean;
    squares += deviation * deviation;
    for (
      let position = weights.offsets[observation] as number;
      position < (weights.offsets[observation + 1] as number);
      position++
    ) {
      const weight = weights.weights[position] as number;
      crossProducts +=
        weight * deviation * ((values[weights.neighbours[position] as number] as number) - mean);
      weightSum += weight;
    }
  }
  return (values.length / weightSum) * (crossProducts / squares);
}

describe.skipIf(!available)(title, () => {
  it('queen contiguity from the polygons reproduces libpysal’s columbus.gal exactly (236 links)', () => {
    const { polygons, crime } = loadColumbus();
    const queen = contiguityWeights(polygons, 'queen');
    const gal = fromNeighbourLists(parseGal(readFileSync(`${folder}columbus.gal`, 'utf8')), 'gal');
    expect(Array.from(queen.offsets)).toEqual(Array.from(gal.offsets));
    expect(Array.from(queen.neighbours)).toEqual(Array.from(gal.neighbours));
    expect(describeWeights(queen)).toMatchObject({
      count: 49,
      links: 236,
      minimumNeighbours: 2,
      maximumNeighbours: 10,
      islands: [],
    });
    // spdep moran.test on poly2nb(columbus), row-standardised.
    expect(moranI(crime, rowStandardised(queen))).toBeCloseTo(0.500188557, 9);
  });

  it('rook contiguity is a subset of queen with 200 links, and gives esda’s Geary’s C', () => {
    const { polygons, crime } = loadColumbus();
    const queen = contiguityWeights(polygons, 'queen');
    const rook = contiguityWeights(polygons, 'rook');
    expect(describeWeights(rook)).toMatchObject({
      links: 200,
      minimumNeighbours: 2,
      maximumNeighbours: 9,
      islands: [],
    });
    for (let observation = 0; observation < 49; observation++) {
      expect(row(queen, observation)).toEqual(expect.arrayContaining(row(rook, observation)));
    }
    // Geary's C with row-standardised rook weights, PySAL esda test_geary.py: 0.5154408058652411.
    const standardised = rowStandardised(rook);
    const mean = crime.reduce((sum, value) => sum + value, 0) / crime.length;
    let differences = 0;
    for (let observation = 0; observation < 49; observation++) {
      for (
        let position = standardised.offsets[observation] as number;
        position < (standardised.offsets[observation + 1] as number);
        position++
      ) {
        const difference =
          (crime[observation] as number) - (crime[standardised.neighbours[position] as number] as number);
        differences += (standardised.weights[position] as number) * difference * difference;
      }
    }
    const squares = crime.reduce((sum, value) => sum + (value - mean) ** 2, 0);
    expect((48 * differences) / (2 * 49 * squares)).toBeCloseTo(0.5154408058652411, 12);
  });

  it('4 nearest neighbours on X and Y are spdep’s knearneigh(k = 4)', () => {
    const { x, y, crime } = loadColumbus();
    const knn = nearestNeighbourWeights(x, y, 4);
    expect(describeWeights(knn)).toMatchObject({ links: 196, minimumNeighbours: 4, maximumNeighbours: 4 });
    // Spot checks by brute force.
    for (const observation of [0, 20, 48]) {
      const byDistance = Array.from(x, (_, other) => other)
        .filter((other) => other !== observation)
        .sort(
          (first, second) =>
            Math.hypot(
              (x[first] as number) - (x[observation] as number),
              (y[first] as number) - (y[observation] as number),
            ) -
              Math.hypot(
                (x[second] as number) - (x[observation] as number),
                (y[second] as number) - (y[observation] as number),
              ) || first - second,
        );
      expect(row(knn, observation)).toEqual(byDistance.slice(0, 4).sort((first, second) => first - second));
    }
    // spdep's documentation: moran.test(CRIME, nb2listw(knn2nb(knearneigh(coords, 4)))) gives 0.624933667.
    expect(moranI(crime, rowStandardised(knn))).toBeCloseTo(0.624933667, 9);
  });

  it('self-inclusion adds the diagonal, and centroids fall inside the layer’s extent', () => {
    const { polygons } = loadColumbus();
    const queen = contiguityWeights(polygons, 'queen');
    const self = withSelf(queen);
    expect(self.offsets[49]).toBe(236 + 49);
    for (let observation = 0; observation < 49; observation++)
      expect(row(self, observation)).toContain(observation);
    const centroids = polygonCentroids(polygons);
    for (let observation = 0; observation < 49; observation++) {
      expect(centroids.x[observation]).toBeGreaterThan(5.8);
      expect(centroids.x[observation]).toBeLessThan(11.4);
      expect(centroids.y[observation]).toBeGreaterThan(10.7);
      expect(centroids.y[observation]).toBeLessThan(15.1);
    }
  });
});
