import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analysisFeaturesFromGeoJson } from '../server/domain/hot-spots/analysis-features';
import { type LocalAnalysisResult, runSpatialAnalysis } from '../server/domain/hot-spots/spatial-analysis';
import { diaban, sharedPath } from './helpers';

// The published values of ../shared/validation/columbus/README.md, reproduced end to end: GeoJSON in, the
// `diaban stats` command or the analysis it runs, figures out.
const columbusPath = sharedPath('validation/columbus/columbus.geojson');
const present = existsSync(columbusPath);
const title = present
  ? 'spatial statistics on Columbus'
  : 'spatial statistics on Columbus — skipped: ../shared/validation/columbus is not present';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function writeGeoJson(collection: unknown): string {
  const directory = mkdtempSync(join(tmpdir(), 'diaban-stats-'));
  directories.push(directory);
  const path = join(directory, 'features.geojson');
  writeFileSync(path, JSON.stringify(collection));
  return path;
}

function pointCollection(points: { x: number; y: number; properties: Record<string, unknown> }[]) {
  return {
    type: 'FeatureCollection',
    features: points.map(({ x, y, properties }) => ({
      type: 'Feature',
      properties,
      geometry: { type: 'Point', coordinates: [x, y] },
    })),
  };
}

/** Runs `diaban stats … --json` and returns the one object it prints. */
function statsJson(args: string[]) {
  const result = diaban(['stats', ...args, '--json']);
  expect(result.stderr.replace(/npm warn.*\n/g, '')).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown> & { features?: Record<string, unknown>[] };
}

describe.skipIf(!present)(title, () => {
  const columbus = () =>
    JSON.parse(readFileSync(columbusPath, 'utf8')) as {
      features: { properties: Record<string, number> }[];
    };

  it("gives Moran's I on queen weights as spdep and esda, with the issue's JSON fields", () => {
    const result = statsJson(['--input', columbusPath, '--field', 'CRIME', '--method', 'moran']);
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'method',
        'n',
        'statistic',
        'expected',
        'varianceNormality',
        'varianceRandomisation',
        'zNormality',
        'zRandomisation',
        'pNormality',
        'pRandomisation',
        'pSim',
      ]),
    );
    expect(result.method).toBe('moran');
    expect(result.n).toBe(49);
    expect(Math.abs((result.statistic as number) - 0.500188557)).toBeLessThan(1e-9);
    expect(Math.abs((result.expected as number) - -1 / 48)).toBeLessThan(1e-15);
    expect(Math.abs((result.varianceRandomisation as number) - 0.008689289)).toBeLessThan(1e-9);
    expect(Math.abs((result.zRandomisation as number) - 5.5894)).toBeLessThan(1e-4);
    expect(result.pSim).toBe(0.001);
    expect(result.computation).toMatchObject({
      weights: 'queen',
      transform: 'row',
      links: 236,
      permutations: 999,
      seed: 12345,
    });
  });

  it("gives Moran's I on 4 nearest neighbours of the X, Y columns as spdep", () => {
    const points = columbus().features.map((feature) => ({
      x: feature.properties.X as number,
      y: feature.properties.Y as number,
      properties: { CRIME: feature.properties.CRIME },
    }));
    const path = writeGeoJson(pointCollection(points));
    const result = statsJson([
      '--input',
      path,
      '--field',
      'CRIME',
      '--method',
      'moran',
      '--weights',
      'knn:4',
    ]);
    expect(Math.abs((result.statistic as number) - 0.624933667)).toBeLessThan(1e-9);
    expect(Math.abs((result.zRandomisation as number) - 7.2183)).toBeLessThan(1e-4);
  });

  it("gives Geary's C on rook weights as esda, under normality and randomisation", () => {
    const features = analysisFeaturesFromGeoJson(columbus(), 'CRIME');
    const result = runSpatialAnalysis(features, {
      method: 'geary',
      weights: { rule: 'rook' },
      permutations: 0,
    });
    expect(Math.abs((result.statistic as number) - 0.5154408058652411)).toBeLessThan(1e-12);
    expect(Math.abs((result.varianceNormality as number) - 0.011403109626)).toBeLessThan(1e-11);
    expect(Math.abs((result.zNormality as number) - -4.5376938)).toBeLessThan(1e-6);
    expect(Math.abs((result.varianceRandomisation as number) - 0.0108488828)).toBeLessThan(1e-9);
    expect(Math.abs((result.zRandomisation as number) - -4.6521567)).toBeLessThan(1e-6);
    expect(result.pSim).toBeNull();
  });

  it('reports LISA per feature in input order, by the --id field, the local values averaging to the global I', () => {
    const result = statsJson([
      '--input',
      columbusPath,
      '--field',
      'CRIME',
      '--method',
      'lisa',
      '--id',
      'POLYID',
    ]);
    const features = result.features ?? [];
    expect(features).toHaveLength(49);
    expect(features.map((feature) => feature.id)).toEqual(
      columbus().features.map((feature) => feature.properties.POLYID),
    );
    const mean = features.reduce((sum, feature) => sum + (feature.statistic as number), 0) / 49;
    expect(Math.abs(mean - (result.statistic as number))).toBeLessThan(1e-12);
    for (const feature of features) {
      expect(Object.keys(feature).sort()).toEqual(['cluster', 'id', 'p', 'pSim', 'statistic', 'value', 'z']);
      expect(['HH', 'LL', 'HL', 'LH', 'ns']).toContain(feature.cluster);
    }
    // The high-crime core of Columbus is a high–high cluster.
    expect(features.filter((feature) => feature.cluster === 'HH').length).toBeGreaterThan(5);
  });

  it('repeats its pseudo p-values for a seed, and a correction changes only the bins', () => {
    const features = analysisFeaturesFromGeoJson(columbus(), 'CRIME');
    const run = (seed: number, correction: 'none' | 'fdr' | 'bonferroni') =>
      runSpatialAnalysis(features, { method: 'gistar', seed, correction }) as LocalAnalysisResult;
    const first = run(7, 'none');
    expect(run(7, 'none').features).toEqual(first.features);
    expect(run(8, 'none').features.map((feature) => feature.pSim)).not.toEqual(
      first.features.map((feature) => feature.pSim),
    );
    for (const correction of ['fdr', 'bonferroni'] as const) {
      const corrected = run(7, correction);
      corrected.features.forEach((feature, index) => {
        const plain = first.features[index] as (typeof first.features)[number];
        expect(feature.z).toBe(plain.z);
        expect(feature.p).toBe(plain.p);
        expect(feature.pSim).toBe(plain.pSim);
        expect(Math.abs(feature.bin as number)).toBeLessThanOrEqual(Math.abs(plain.bin as number));
      });
      expect(corrected.computation.correction).toBe(correction);
    }
  });
});

describe('diaban stats on small published cases and bad input', () => {
  // PySAL esda's six points with a binary distance band of 15.
  const sixPoints = pointCollection(
    [
      [10, 10, 2],
      [20, 10, 3],
      [40, 10, 3.2],
      [15, 20, 5],
      [30, 20, 8],
      [30, 30, 7],
    ].map(([x, y, value]) => ({ x: x as number, y: y as number, properties: { y: value } })),
  );

  it('gives the general G and G_i* of esda', () => {
    const path = writeGeoJson(sixPoints);
    const global = statsJson(['--input', path, '--field', 'y', '--method', 'g', '--weights', 'distance:15']);
    expect(Math.abs((global.statistic as number) - 0.55709779)).toBeLessThan(1e-8);
    expect(Math.abs((global.pNormality as number) - 0.172936)).toBeLessThan(1e-6);
    const local = statsJson([
      '--input',
      path,
      '--field',
      'y',
      '--method',
      'gistar',
      '--weights',
      'distance:15',
    ]);
    expect(Math.abs((local.features?.[0]?.z as number) - -1.39727626)).toBeLessThan(1e-8);
    expect(local.features?.[0]?.bin).toBe(0);
    expect(local.features?.map((feature) => feature.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a missing field, a wrong method and bad weights in both languages', () => {
    const path = writeGeoJson(sixPoints);
    const missing = diaban(['stats', '--input', path, '--field', 'count', '--method', 'moran']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Không đối tượng nào có thuộc tính "count"');
    expect(missing.stderr).toContain('No feature has a property "count"; the properties are: y');
    const contiguity = diaban(['stats', '--input', path, '--field', 'y', '--method', 'moran']);
    expect(contiguity.status).toBe(0);
    const queenOnPoints = diaban([
      'stats',
      '--input',
      path,
      '--field',
      'y',
      '--method',
      'moran',
      '--weights',
      'queen',
    ]);
    expect(queenOnPoints.status).toBe(1);
    expect(queenOnPoints.stderr).toContain('queen weights need polygons');
    const method = diaban(['stats', '--input', path, '--field', 'y', '--method', 'kriging']);
    expect(method.status).toBe(2);
    const weights = diaban(['stats', '--input', path, '--field', 'y', '--method', 'g', '--weights', 'knn:0']);
    expect(weights.status).toBe(2);
    expect(weights.stderr).toContain('Trọng số "knn:0" không hợp lệ');
    const notJson = writeGeoJson('');
    writeFileSync(notJson, '{"type": "FeatureCollection", ');
    const broken = diaban(['stats', '--input', notJson, '--field', 'y', '--method', 'g']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('is not valid JSON');
  });
});
