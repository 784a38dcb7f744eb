import { BilingualError, bilingual } from '../domain/bilingual';
import { dateOfDayNumber } from '../domain/dates/day-number';
import type { ReportingMonth } from '../domain/dates/reporting-months';
import type { DateWindow } from '../domain/dates/reporting-period';
import {
  describeWeightsSpecification,
  type WeightsSpecification,
} from '../domain/hot-spots/analysis-options';
import type {
  CommuneHotSpot,
  CommuneHotSpotResult,
  HotSpotMeasure,
  HotSpotMethod,
} from '../domain/hot-spots/commune-hot-spot-answer';
import { spaceTimeHotSpots } from '../domain/hot-spots/space-time-hot-spots';
import { analyseWithWeights, type LocalAnalysisResult } from '../domain/hot-spots/spatial-analysis';
import type { Correction } from '../domain/spatial-statistics/multiple-testing';
import { distanceBandWeights, nearestNeighbourWeights } from '../domain/spatial-weights/distance-weights';
import type { SpatialWeights } from '../domain/spatial-weights/spatial-weights';
import { subsetWeights } from '../domain/spatial-weights/weights-operations';
import type { EraCommuneGeometry } from './commune-geometry';
import type { EraIncidents, IncidentFilter } from './incident-cube';

export interface CommuneHotSpotRequest {
  /** The incidents counted; `units` lists the communes analysed (the account's area, a province). */
  filter: IncidentFilter & { from: string; to: string; units: readonly number[] | null };
  /** The same window a year earlier, for each commune's trend (so với cùng kỳ). */
  previous: DateWindow;
  method: HotSpotMethod;
  measure: HotSpotMeasure;
  /** Distances in metres. */
  weights: WeightsSpecification;
  correction: Correction;
  permutations: number;
  seed: number;
}

/**
 * Hot spots among an era's communes for a window of incidents: each commune's count (or rate) tested with
 * G_i* or local Moran's I against its neighbours inside the area analysed, with its count in the same
 * window a year earlier and its latest incident, so that a commander can rank and drill down.
 */
export function communeHotSpots(
  incidents: EraIncidents,
  geometry: EraCommuneGeometry,
  request: CommuneHotSpotRequest,
): CommuneHotSpotResult {
  const analysed = request.filter.units ?? incidents.units.map((_, index) => index);
  requireEnoughCommunes(analysed);
  const { counts } = incidents.countByUnit(request.filter);
  const previous = incidents.countByUnit({ ...request.filter, ...request.previous }).counts;
  const lastDays = incidents.lastDayByUnit(request.filter);
  const values = Float64Array.from(analysed, (index) =>
    measured(request.measure, counts[index] ?? 0, incidents.units[index] as (typeof incidents.units)[number]),
  );
  const result = analyseWithWeights(
    {
      ids: analysed.map((index) => incidents.units[index]?.code ?? ''),
      values,
      weights: communeWeights(geometry, analysed, request.weights),
      specification: request.weights,
      distances:
        request.weights.rule === 'queen' || request.weights.rule === 'rook' ? 'planar' : geometry.distances,
    },
    {
      method: request.method,
      correction: request.correction,
      permutations: request.permutations,
      seed: request.seed,
      uniformValues: 'nothing-significant',
    },
  ) as LocalAnalysisResult;

  const classes: Record<string, number> = {};
  const units = result.features.map((feature, position): CommuneHotSpot => {
    const index = analysed[position] as number;
    const count = counts[index] ?? 0;
    const previousCount = previous[index] ?? 0;
    const lastDay = lastDays[index] ?? -1;
    const label = String(feature.bin ?? feature.cluster);
    classes[label] = (classes[label] ?? 0) + 1;
    return {
      code: String(feature.id),
      count,
      value: feature.value,
      z: feature.z,
      p: feature.p,
      pSim: feature.pSim,
      ...(feature.bin === undefined ? { cluster: feature.cluster } : { bin: feature.bin }),
      previousCount,
      change: count - previousCount,
      lastIncident: lastDay >= 0 ? dateOfDayNumber(lastDay) : null,
    };
  });
  const { method: _method, computation, features: _features, ...global } = result;
  return {
    computation: { ...computation, method: request.method, measure: request.measure },
    global,
    units,
    classes,
  };
}

function measured(
  measure: HotSpotMeasure,
  count: number,
  unit: { code: string; areaKm2: number; population: number | null },
): number {
  if (measure === 'count') return count;
  if (measure === 'perKm2') return unit.areaKm2 > 0 ? count / unit.areaKm2 : 0;
  if (!unit.population) {
    throw new BilingualError(
      bilingual(
        `Xã ${unit.code} chưa có số dân: không tính được tỉ lệ trên 1.000 dân; hãy nhập dân số hoặc chọn số vụ`,
        `Commune ${unit.code} has no population: no rate per 1,000 residents; import the population or analyse counts`,
      ),
    );
  }
  return (count / unit.population) * 1000;
}

export interface EmergingHotSpotRequest {
  filter: IncidentFilter & { units: readonly number[] | null };
  /** The time steps, oldest first: consecutive reporting months. */
  months: readonly ReportingMonth[];
  weights: WeightsSpecification;
  correction: Correction;
  /** Earlier months in each month's neighbourhood (ArcGIS's neighbourhood time step). */
  timeStepNeighbours: number;
}

/**
 * Emerging hot spots among an era's communes (ArcGIS's Emerging Hot Spot Analysis over a space-time cube of
 * reporting months): each commune's monthly counts, G_i* per commune and month with its neighbours in
 * space and the previous months, the Mann–Kendall trend of its z-scores, and its category (new,
 * intensifying, persistent, diminishing… hot or cold spot, or no pattern).
 */
export function communeEmergingHotSpots(
  incidents: EraIncidents,
  geometry: EraCommuneGeometry,
  request: EmergingHotSpotRequest,
) {
  const analysed = request.filter.units ?? incidents.units.map((_, index) => index);
  requireEnoughCommunes(analysed);
  const steps = request.months.length;
  const byUnit = incidents.countByWindow({ ...request.filter, from: null, to: null }, request.months, true);
  const counts = new Float64Array(analysed.length * steps);
  analysed.forEach((index, position) => {
    counts.set(byUnit.subarray(index * steps, (index + 1) * steps), position * steps);
  });
  const result = spaceTimeHotSpots(counts, steps, communeWeights(geometry, analysed, request.weights), {
    correction: request.correction,
    timeStepNeighbours: request.timeStepNeighbours,
  });
  const classes: Record<string, number> = {};
  const units = analysed.map((index, position) => {
    const category = result.category[position] as string;
    classes[category] = (classes[category] ?? 0) + 1;
    const series = result.series(position);
    const trend = result.trend[position] as (typeof result.trend)[number];
    return {
      code: incidents.units[index]?.code ?? '',
      category,
      trend: { tau: trend.tau, z: trend.z, p: trend.p, direction: trend.trend },
      counts: Array.from(counts.subarray(position * steps, (position + 1) * steps)),
      z: Array.from(series.z, (value) => Math.round(value * 1e4) / 1e4),
      bins: Array.from(series.bin),
    };
  });
  return {
    months: request.months.map((month) => month.month),
    computation: {
      ...result.computation,
      weights: describeWeightsSpecification(request.weights),
      distances:
        request.weights.rule === 'queen' || request.weights.rule === 'rook' ? 'planar' : geometry.distances,
    },
    units,
    classes,
  };
}

function requireEnoughCommunes(analysed: readonly number[]): void {
  // The global statistic reported beside the local ones needs four (its variance divides by n − 3).
  if (analysed.length < 4) {
    throw new BilingualError(
      bilingual(
        'Cần ít nhất 4 xã trong khu vực để phân tích điểm nóng',
        'At least 4 communes are needed in the area for a hot-spot analysis',
      ),
    );
  }
}

/** Contiguity from the era's weights, cut to the area; distances among the area's centroids alone. */
function communeWeights(
  geometry: EraCommuneGeometry,
  analysed: readonly number[],
  specification: WeightsSpecification,
): SpatialWeights {
  if (specification.rule === 'queen' || specification.rule === 'rook') {
    return subsetWeights(geometry[specification.rule], analysed);
  }
  const x = Float64Array.from(analysed, (index) => geometry.x[index] as number);
  const y = Float64Array.from(analysed, (index) => geometry.y[index] as number);
  return specification.rule === 'knn'
    ? nearestNeighbourWeights(x, y, specification.neighbours)
    : distanceBandWeights(x, y, specification.threshold);
}
