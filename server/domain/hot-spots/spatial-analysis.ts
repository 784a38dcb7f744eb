import { bilingual } from '../bilingual';
import { projectToLocalMetres } from '../projections/local-metres';
import { seededRandom } from '../random/seeded-random';
import {
  DEFAULT_PERMUTATION_SEED,
  DEFAULT_PERMUTATIONS,
} from '../spatial-statistics/conditional-permutation';
import {
  type GlobalTestResult,
  gearyC,
  globalG,
  globalMoran,
} from '../spatial-statistics/global-autocorrelation';
import { localGetisOrd } from '../spatial-statistics/local-getis-ord';
import { type LisaCluster, localMoran } from '../spatial-statistics/local-moran';
import type { Correction } from '../spatial-statistics/multiple-testing';
import { contiguityWeights } from '../spatial-weights/contiguity-weights';
import { distanceBandWeights, nearestNeighbourWeights } from '../spatial-weights/distance-weights';
import { polygonCentroids } from '../spatial-weights/polygon-centroids';
import type { SpatialWeights } from '../spatial-weights/spatial-weights';
import { describeWeights, rowStandardised } from '../spatial-weights/weights-operations';
import { type AnalysisFeatures, AnalysisInputError } from './analysis-features';
import {
  type AnalysisMethod,
  describeWeightsSpecification,
  type WeightsSpecification,
  type WeightsTransform,
} from './analysis-options';

export { DEFAULT_PERMUTATIONS };
/** The seed used when none is given, so that the same data give the same pseudo p-values every time. */
export const DEFAULT_SEED = DEFAULT_PERMUTATION_SEED;
/** Significance level of LISA clusters (GeoDa's default). */
const LISA_ALPHA = 0.05;
/** Neighbours per point when the weights are not given (points have no contiguity). */
const DEFAULT_POINT_NEIGHBOURS = 8;

export interface SpatialAnalysisOptions {
  method: AnalysisMethod;
  /** Queen for polygons and 8 nearest neighbours (fewer when there are fewer points) unless given. */
  weights?: WeightsSpecification | undefined;
  /** Row-standardised for Moran, Geary and LISA; binary for G and G_i* (ArcGIS) unless given. */
  transform?: WeightsTransform | undefined;
  permutations?: number | undefined;
  seed?: number | undefined;
  correction?: Correction | undefined;
  /**
   * The coordinates are WGS 84 longitude/latitude: distances (distance bands, nearest neighbours) are then
   * taken in metres, in the UTM zone of the data. Otherwise coordinates are planar and distances in their unit.
   */
  geographic?: boolean | undefined;
}

/** How a result was computed, for a briefing to cite. */
export interface AnalysisComputation {
  method: AnalysisMethod;
  weights: string;
  transform: WeightsTransform;
  /** Directed links, islands (by feature id) and neighbour counts of the weights used. */
  links: number;
  minimumNeighbours: number;
  maximumNeighbours: number;
  meanNeighbours: number;
  islands: (string | number)[];
  /** Where distances were measured: "planar" or the projected system. */
  distances: string;
  permutations: number;
  seed: number;
  correction: Correction;
  /** Which side the global analytic p-values test (esda's conventions); local ones are always two-sided. */
  globalPValues: 'two-sided' | 'one-sided';
}

/** The global figures; all null where they are undefined (the general G of G_i* over negative values). */
export type GlobalAnalysisResult = {
  [Figure in Exclude<keyof GlobalTestResult, 'method' | 'n'>]: GlobalTestResult[Figure] | null;
} & {
  method: AnalysisMethod;
  n: number;
  computation: AnalysisComputation;
};

export interface LocalFeatureResult {
  id: string | number;
  value: number;
  statistic: number;
  z: number;
  p: number;
  pSim: number | null;
  /** G_i*: −3 … 3 (99 / 95 / 90 % cold or hot) under the correction. */
  bin?: number;
  /** LISA: HH, LL, HL, LH where significant under the correction, else ns. */
  cluster?: LisaCluster;
}

export interface LocalAnalysisResult extends GlobalAnalysisResult {
  /** One per input feature, in input order. */
  features: LocalFeatureResult[];
}

export type SpatialAnalysisResult = GlobalAnalysisResult | LocalAnalysisResult;

/**
 * Runs one statistic on features the way an analyst asks for it on the command line or in the hot-spot
 * view. Local results carry the global statistic of the same family as their header: global Moran's I
 * for LISA, the general G for G_i*.
 */
export function runSpatialAnalysis(
  features: AnalysisFeatures,
  options: SpatialAnalysisOptions,
): SpatialAnalysisResult {
  const specification: WeightsSpecification =
    options.weights ??
    (features.polygons
      ? { rule: 'queen' }
      : { rule: 'knn', neighbours: Math.min(DEFAULT_POINT_NEIGHBOURS, features.ids.length - 1) });
  const { weights, distances } = buildWeights(features, specification, options.geographic ?? false);
  return analyseWithWeights(
    { ids: features.ids, values: features.values, weights, specification, distances },
    options,
  );
}

/** Values over weights built already (binary, without self), e.g. an era's communes kept in memory. */
export interface WeightedValues {
  ids: readonly (string | number)[];
  values: Float64Array;
  weights: SpatialWeights;
  specification: WeightsSpecification;
  /** Where distances were measured: "planar" or the projected system. */
  distances: string;
}

/**
 * `runSpatialAnalysis` once the weights are there. Values that are all the same (a window without
 * incidents) leave nothing to test: refused by default, or, with `uniformValues: 'nothing-significant'`,
 * answered with every feature not significant (z 0, p 1) and null global figures, as a map needs.
 */
export function analyseWithWeights(
  { ids, values, weights: binary, specification, distances }: WeightedValues,
  options: Omit<SpatialAnalysisOptions, 'weights' | 'geographic'> & {
    uniformValues?: 'refuse' | 'nothing-significant';
  },
): SpatialAnalysisResult {
  const { method } = options;
  const transform = options.transform ?? (method === 'g' || method === 'gistar' ? 'binary' : 'row');
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const correction = options.correction ?? 'none';
  const weights = transform === 'row' ? rowStandardised(binary) : binary;
  const description = describeWeights(binary);
  const computation: AnalysisComputation = {
    method,
    weights: describeWeightsSpecification(specification),
    transform,
    links: description.links,
    minimumNeighbours: description.minimumNeighbours,
    maximumNeighbours: description.maximumNeighbours,
    meanNeighbours: description.meanNeighbours,
    islands: description.islands.map((index) => ids[index] as string | number),
    distances,
    permutations,
    seed,
    correction,
    globalPValues: method === 'moran' || method === 'lisa' ? 'two-sided' : 'one-sided',
  };
  const permutationOptions = { permutations, random: seededRandom(seed) };

  if (options.uniformValues === 'nothing-significant' && values.every((value) => value === values[0])) {
    return {
      ...withoutFigures(ids.length),
      method,
      computation,
      ...(method === 'lisa' || method === 'gistar'
        ? {
            features: ids.map((id, index) => ({
              id,
              value: values[index] as number,
              statistic: 0,
              z: 0,
              p: 1,
              pSim: null,
              ...(method === 'lisa' ? { cluster: 'ns' as const } : { bin: 0 }),
            })),
          }
        : {}),
    };
  }

  const header = (global: GlobalTestResult): GlobalAnalysisResult => ({ ...global, method, computation });
  if (method === 'moran') return header(globalMoran(values, weights, permutationOptions));
  if (method === 'geary') return header(gearyC(values, weights, permutationOptions));
  if (method === 'g') return header(globalG(values, weights, permutationOptions));
  if (method === 'lisa') {
    const global = globalMoran(values, weights, permutationOptions);
    const local = localMoran(values, weights, {
      permutations,
      random: seededRandom(seed),
      alpha: LISA_ALPHA,
      correction,
    });
    return {
      ...header(global),
      features: ids.map((id, index) => ({
        id,
        value: values[index] as number,
        statistic: local.statistic[index] as number,
        z: local.z[index] as number,
        p: local.p[index] as number,
        pSim: local.pSim ? (local.pSim[index] as number) : null,
        cluster: local.cluster[index] as LisaCluster,
      })),
    };
  }
  // G_i*: the general G of the same weights as its header, defined only for non-negative values of which
  // at least two are not zero.
  const global =
    values.some((value) => value < 0) || values.filter((value) => value !== 0).length < 2
      ? { ...withoutFigures(ids.length), method, computation }
      : header(globalG(values, weights, permutationOptions));
  const local = localGetisOrd(values, weights, {
    star: true,
    permutations,
    random: seededRandom(seed),
    correction,
  });
  return {
    ...global,
    features: ids.map((id, index) => ({
      id,
      value: values[index] as number,
      statistic: local.statistic[index] as number,
      z: local.z[index] as number,
      p: local.p[index] as number,
      pSim: local.pSim ? (local.pSim[index] as number) : null,
      bin: local.bin[index] as number,
    })),
  };
}

function withoutFigures(n: number): Omit<GlobalAnalysisResult, 'method' | 'computation'> {
  return {
    n,
    statistic: null,
    expected: null,
    varianceNormality: null,
    varianceRandomisation: null,
    zNormality: null,
    zRandomisation: null,
    pNormality: null,
    pRandomisation: null,
    pSim: null,
  };
}

function buildWeights(
  features: AnalysisFeatures,
  specification: WeightsSpecification,
  geographic: boolean,
): { weights: SpatialWeights; distances: string } {
  if (specification.rule === 'queen' || specification.rule === 'rook') {
    if (!features.polygons) {
      throw new AnalysisInputError(
        bilingual(
          `Trọng số ${specification.rule} cần đa giác; với điểm hãy dùng knn:K hoặc distance:D`,
          `${specification.rule} weights need polygons; for points use knn:K or distance:D`,
        ),
      );
    }
    return { weights: contiguityWeights(features.polygons, specification.rule), distances: 'planar' };
  }
  let { x, y } = features.points ?? polygonCentroids(features.polygons ?? []);
  let distances = 'planar';
  if (geographic) {
    const projected = projectToLocalMetres(x, y);
    x = projected.x;
    y = projected.y;
    distances = projected.system;
  }
  const weights =
    specification.rule === 'knn'
      ? nearestNeighbourWeights(x, y, specification.neighbours)
      : distanceBandWeights(x, y, specification.threshold);
  return { weights, distances };
}
