import { describe, expect, it } from 'vitest';
import type { EmergingHotSpots, GridHotSpots, UnitHotSpots } from '../api/hot-spots';
import {
  describeEmergingComputation,
  describeGridComputation,
  describeHotSpotComputation,
  formatPValue,
  formatZScore,
  monthText,
} from './hot-spot-computation';

function answer(changes: Partial<UnitHotSpots> = {}): UnitHotSpots {
  return {
    era: 'kien-giang',
    from: '2024-03-01',
    to: '2024-03-14',
    categories: [],
    previous: { from: '2023-03-01', to: '2023-03-14' },
    computation: {
      method: 'gistar',
      weights: 'queen',
      transform: 'binary',
      links: 760,
      minimumNeighbours: 0,
      maximumNeighbours: 11,
      meanNeighbours: 5.277,
      islands: ['91001', '91002'],
      distances: 'planar',
      permutations: 999,
      seed: 12345,
      correction: 'fdr',
      globalPValues: 'one-sided',
      measure: 'count',
    },
    global: {
      n: 144,
      statistic: 0.041234,
      expected: 0.0367,
      varianceNormality: 1e-6,
      varianceRandomisation: 1e-6,
      zNormality: 3.2149,
      zRandomisation: 3.2149,
      pNormality: 0.00065,
      pRandomisation: 0.00065,
      pSim: 0.002,
    },
    units: [
      {
        code: '91001',
        count: 3,
        value: 3,
        z: 1,
        p: 0.3,
        pSim: 0.3,
        bin: 0,
        previousCount: 1,
        change: 2,
        lastIncident: '2024-03-09',
      },
    ],
    classes: { '0': 144 },
    ...changes,
  };
}

describe('how a hot-spot result was computed', () => {
  it('cites a G_i* result in Vietnamese, numbers written the Vietnamese way', () => {
    expect(describeHotSpotComputation(answer(), 'vi', 'vi-VN')).toBe(
      'Getis-Ord Gi* trên số vụ việc của 144 xã, phường, 01/03/2024 – 14/03/2024 (thời kỳ ranh giới kien-giang); ' +
        'trọng số: kề chung đỉnh (queen), nhị phân, tính cả chính xã, mỗi xã có 0–11 xã lân cận (trung bình 5,3), ' +
        '2 xã không có xã lân cận; 999 hoán vị, hạt giống 12345; hiệu chỉnh FDR (Benjamini–Hochberg). ' +
        'G tổng thể = 0,04123 (z = 3,21; p < 0,001, một phía; p hoán vị = 0,002).',
    );
  });

  it('cites a LISA result in English with its distance weights, rate and categories', () => {
    const lisa = answer({
      computation: {
        ...answer().computation,
        method: 'lisa',
        weights: 'distance:5000',
        transform: 'row',
        minimumNeighbours: 3,
        maximumNeighbours: 3,
        meanNeighbours: 3,
        islands: [],
        distances: 'EPSG:32648 WGS 84 / UTM 48N',
        permutations: 0,
        correction: 'bonferroni',
        globalPValues: 'two-sided',
        measure: 'per1000',
      },
      global: {
        ...answer().global,
        statistic: 0.5,
        zRandomisation: -1.234,
        pRandomisation: 0.2171,
        pSim: null,
      },
    });
    expect(describeHotSpotComputation(lisa, 'en', 'en-GB', ['Gambling', 'Theft'])).toBe(
      "Local Moran's I (LISA) on incidents per 1,000 residents (Gambling, Theft) in 144 communes, " +
        '01/03/2024 – 14/03/2024 (boundary era kien-giang); weights: a distance band of 5,000 m (distances in ' +
        'EPSG:32648 WGS 84 / UTM 48N), row-standardised, 3 neighbours per commune (mean 3); ' +
        "no permutations; Bonferroni correction. Global Moran's I = 0.5 (z = −1.23, p = 0.217, two-sided).",
    );
  });

  it('says plainly when the global statistic is undefined', () => {
    const empty = answer({
      global: {
        n: 4,
        statistic: null,
        expected: null,
        varianceNormality: null,
        varianceRandomisation: null,
        zNormality: null,
        zRandomisation: null,
        pNormality: null,
        pRandomisation: null,
        pSim: null,
      },
      units: [
        {
          code: 'a',
          count: 0,
          value: 0,
          z: 0,
          p: 1,
          pSim: null,
          bin: 0,
          previousCount: 0,
          change: 0,
          lastIncident: null,
        },
      ],
    });
    expect(describeHotSpotComputation(empty, 'vi', 'vi-VN')).toMatch(
      /hiệu chỉnh FDR \(Benjamini–Hochberg\)\. G tổng thể không xác định: không có vụ việc nào trong thời gian này\.$/,
    );
    expect(describeHotSpotComputation(empty, 'en', 'en-GB')).toMatch(
      /General G is undefined: there are no incidents in this window\.$/,
    );
    const uniform = { ...empty, units: [{ ...(empty.units[0] as UnitHotSpots['units'][number]), count: 2 }] };
    expect(describeHotSpotComputation(uniform, 'en', 'en-GB')).toMatch(/every commune has the same value\.$/);
  });

  it('writes p-values and z-scores as statisticians print them', () => {
    expect(formatPValue(0.0004, 'en-GB')).toBe('< 0.001');
    expect(formatPValue(0.04567, 'vi-VN')).toBe('0,046');
    expect(formatPValue(1, 'en-GB')).toBe('1.000');
    expect(formatZScore(-2.567, 'en-GB')).toBe('−2.57');
    expect(formatZScore(-0.001, 'en-GB')).toBe('0.00');
    expect(formatZScore(12.3, 'vi-VN')).toBe('12,30');
  });
});

const grid: GridHotSpots = {
  type: 'FeatureCollection',
  era: 'demo-2020',
  from: '2025-03-01',
  to: '2025-03-14',
  categories: [],
  features: [],
  classes: { '0': 31, '3': 3 },
  computation: {
    method: 'optimized',
    shape: 'hexagon',
    cellSize: 11381.12,
    cellSizeChosenBy: 'nearest-neighbour-distance',
    cellArea: 112176184.5,
    distanceBand: 11381.12,
    bandChosenBy: 'incremental-autocorrelation-peak',
    incidents: 1229,
    outliers: 2,
    outlierDistance: 8049.1,
    sampledIncidents: 1229,
    cells: 34,
    correction: 'fdr',
    thresholds: { confidence90: 0.0088, confidence95: 0.0044, confidence99: 0.00088 },
    incrementalPeaks: [],
    distances: 'EPSG:32648 WGS 84 / UTM 48N',
  },
};

describe('how the optimized grid was computed', () => {
  it('names the shape, the cell size, the band, how each was chosen, incidents, cells and correction', () => {
    expect(describeGridComputation(grid, 'vi', 'vi-VN')).toBe(
      'Điểm nóng tối ưu (Getis-Ord Gi*) của 1.229 vụ việc, 01/03/2025 – 14/03/2025 (thời kỳ ranh giới demo-2020): ' +
        'lưới ô lục giác cao 11.381 m (chọn theo khoảng cách giữa các vụ việc gần nhau nhất), khoảng lân cận ' +
        '11.381 m (đỉnh đầu tiên của I Moran khi tăng dần khoảng cách); 34 ô (các ô có vụ việc và vành ô ' +
        'kề quanh chúng), 2 vụ ở vị trí biệt lập không tính vào cỡ ô; khoảng cách đo trong EPSG:32648 WGS 84 / UTM ' +
        '48N; hiệu chỉnh FDR (Benjamini–Hochberg).',
    );
    const given = {
      ...grid,
      computation: {
        ...grid.computation,
        shape: 'square' as const,
        cellSize: 500,
        cellSizeChosenBy: 'given' as const,
        distanceBand: 2000,
        bandChosenBy: 'given' as const,
        outliers: null,
        correction: 'bonferroni' as const,
      },
    };
    expect(describeGridComputation(given, 'en', 'en-GB', ['Gambling'])).toBe(
      'Optimized hot spots (Getis-Ord Gi*) of 1,229 incidents (Gambling), 01/03/2025 – 14/03/2025 (boundary era ' +
        'demo-2020): a grid of squares of 500 m (as given), a distance band of 2,000 m (as given); 34 cells (those ' +
        'with incidents and the ring around them); distances in EPSG:32648 WGS 84 / UTM 48N; Bonferroni correction.',
    );
  });
});

const emerging: EmergingHotSpots = {
  era: 'demo-2020',
  to: '2025-03-14',
  categories: [],
  months: ['2024-04', '2024-05', '2025-03'],
  units: [],
  classes: { 'new-hot-spot': 14, 'no-pattern': 25 },
  computation: {
    method: 'emerging',
    locations: 39,
    steps: 12,
    timeStepNeighbours: 1,
    correction: 'fdr',
    alpha: 0.05,
    globalWindow: 'entire-cube',
    thresholds: { confidence90: 0.0032, confidence95: 0.0015, confidence99: 0.0002 },
    significanceThreshold: 0.0015,
    weights: 'queen',
    distances: 'planar',
  },
};

describe('how emerging hot spots were computed', () => {
  it('names the months and their dates, the time step, the weights and the correction', () => {
    const window = { from: '2024-03-15', to: '2025-03-14' };
    expect(describeEmergingComputation(emerging, window, 'vi', 'vi-VN')).toBe(
      'Điểm nóng mới nổi (Gi* không gian – thời gian, xu hướng Mann–Kendall) của 39 xã, phường qua 12 tháng báo ' +
        'cáo 04/2024 – 03/2025 (15/03/2024 – 14/03/2025, thời kỳ ranh giới demo-2020); bước thời gian: một tháng ' +
        'báo cáo (15 → 14), lân cận gồm tháng đó và 1 tháng trước; trọng số: kề chung đỉnh (queen), nhị phân, tính ' +
        'cả chính xã; hiệu chỉnh FDR (Benjamini–Hochberg) trên mọi ô của khối không gian – thời gian, mức ý nghĩa 0,05.',
    );
    const knn = {
      ...emerging,
      computation: { ...emerging.computation, weights: 'knn:6', timeStepNeighbours: 2 },
    };
    const english = describeEmergingComputation(knn, window, 'en', 'en-GB', ['Gambling']);
    expect(english).toContain('in 39 communes (Gambling) over 12 reporting months 04/2024 – 03/2025');
    expect(english).toContain('each neighbourhood spanning it and 2 months before');
    expect(english).toContain('weights: 6 nearest neighbours (distances in planar), binary, self included');
    expect(english).toContain('significance level 0.05.');
  });

  it('writes reporting months as people do', () => {
    expect(monthText('2024-04')).toBe('04/2024');
  });
});
