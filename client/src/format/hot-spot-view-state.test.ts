import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOT_SPOT_VIEW,
  type HotSpotViewState,
  parseHotSpotsQuery,
  parseHotSpotViewState,
  parseWeights,
  serialiseHotSpotsQuery,
  serialiseHotSpotViewState,
} from './hot-spot-view-state';
import { DEFAULT_INCIDENT_VIEW } from './incident-filter';

const everything: HotSpotViewState = {
  method: 'lisa',
  measure: 'per1000',
  weights: { rule: 'knn', neighbours: 6 },
  correction: 'bonferroni',
  permutations: 499,
  seed: 7,
  province: 'Tỉnh Kiên Giang',
  compare: true,
  compareWindow: { from: '2024-03-01', to: '2024-03-14' },
  unit: '31006',
  mode: 'grid',
  shape: 'square',
  cellSize: 500,
  distanceBand: 2000,
  hotOnly: true,
  months: 24,
  overlays: ['density', 'clusters'],
  bandwidth: 2000,
  clusterDistance: 300,
  clusterMinimum: 4,
};

describe('hot-spot view state in the URL', () => {
  it('leaves every default out', () => {
    expect(serialiseHotSpotViewState(DEFAULT_HOT_SPOT_VIEW)).toEqual({});
    expect(parseHotSpotViewState({})).toEqual(DEFAULT_HOT_SPOT_VIEW);
  });

  it('round-trips every setting', () => {
    const query = serialiseHotSpotViewState(everything);
    expect(query).toEqual({
      method: 'lisa',
      measure: 'per1000',
      weights: 'knn:6',
      correction: 'bonferroni',
      permutations: '499',
      seed: '7',
      province: 'Tỉnh Kiên Giang',
      compare: 'on',
      compareFrom: '2024-03-01',
      compareTo: '2024-03-14',
      unit: '31006',
      mode: 'grid',
      shape: 'square',
      cellSize: '500',
      distanceBand: '2000',
      hotOnly: 'on',
      months: '24',
      overlays: 'density,clusters',
      bandwidth: '2000',
      clusterDistance: '300',
      clusterMinimum: '4',
    });
    expect(parseHotSpotViewState(query)).toEqual(everything);
  });

  it('compares with the same window a year earlier unless a window is given', () => {
    const state = { ...DEFAULT_HOT_SPOT_VIEW, compare: true };
    expect(serialiseHotSpotViewState(state)).toEqual({ compare: 'on' });
    expect(parseHotSpotViewState({ compare: 'on' })).toEqual(state);
  });

  it('writes distance bands in metres and reads them back', () => {
    const state = { ...DEFAULT_HOT_SPOT_VIEW, weights: { rule: 'distance' as const, threshold: 5000 } };
    expect(serialiseHotSpotViewState(state)).toEqual({ weights: 'distance:5000' });
    expect(parseHotSpotViewState({ weights: 'distance:5000' }).weights).toEqual(state.weights);
    expect(parseHotSpotViewState({ weights: 'rook' }).weights).toEqual({ rule: 'rook' });
  });

  it('drops what makes no sense and keeps the rest', () => {
    expect(
      parseHotSpotViewState({
        method: 'kriging',
        measure: 'change',
        weights: 'knn:0',
        correction: 'holm',
        permutations: '100000',
        seed: '-1',
        compareFrom: '2024-03-01',
        compareTo: '2024-03-14',
      }),
    ).toEqual(DEFAULT_HOT_SPOT_VIEW);
    // A window in the wrong order, or half a window, is no window: the same period a year earlier it is.
    expect(
      parseHotSpotViewState({ compare: 'on', compareFrom: '2024-03-14', compareTo: '2024-03-01' })
        .compareWindow,
    ).toBeNull();
    expect(parseHotSpotViewState({ compare: 'on', compareFrom: '2024-03-01' }).compareWindow).toBeNull();
    expect(parseHotSpotViewState({ permutations: '1e3', seed: '0x10' })).toMatchObject({
      permutations: 999,
      seed: 12345,
    });
    expect(parseHotSpotViewState({ permutations: '0', seed: '0' })).toMatchObject({
      permutations: 0,
      seed: 0,
    });
  });

  it('reads the mode, the grid, the months and the overlays within what the API takes', () => {
    expect(parseHotSpotViewState({ mode: 'emerging', months: '60' })).toMatchObject({
      mode: 'emerging',
      months: 60,
    });
    expect(
      parseHotSpotViewState({
        mode: 'kernel',
        shape: 'triangle',
        cellSize: '5',
        distanceBand: '2000000',
        hotOnly: 'yes',
        months: '5',
        overlays: 'heatmap',
        bandwidth: '49',
        clusterDistance: '60000',
        clusterMinimum: '1',
      }),
    ).toEqual(DEFAULT_HOT_SPOT_VIEW);
    expect(parseHotSpotViewState({ months: '61' }).months).toBe(12);
    // Overlays in any order, repeated or padded, come back in their own order.
    expect(parseHotSpotViewState({ overlays: ' clusters,density,clusters' }).overlays).toEqual([
      'density',
      'clusters',
    ]);
    expect(
      serialiseHotSpotViewState({ ...DEFAULT_HOT_SPOT_VIEW, overlays: ['clusters', 'density'] }),
    ).toEqual({ overlays: 'density,clusters' });
    // A size chosen from the data is the default, and so written nowhere.
    expect(serialiseHotSpotViewState({ ...DEFAULT_HOT_SPOT_VIEW, mode: 'grid', months: 12 })).toEqual({
      mode: 'grid',
    });
  });

  it('keeps neighbour rules within what a commune analysis can use', () => {
    expect(parseWeights('knn:8')).toEqual({ rule: 'knn', neighbours: 8 });
    expect(parseWeights('knn:101')).toBeNull();
    expect(parseWeights('knn:2.5')).toBeNull();
    expect(parseWeights('distance:0')).toBeNull();
    expect(parseWeights('distance:600000')).toBeNull();
    expect(parseWeights('hexagon')).toBeNull();
    expect(parseWeights(null)).toBeNull();
  });

  it('shares the incident filter but not the choropleth settings, whose names mean other things here', () => {
    const filter = {
      ...DEFAULT_INCIDENT_VIEW.filter,
      period: 'custom' as const,
      from: '2025-03-01',
      to: '2025-03-14',
      categories: ['danh-bac'],
    };
    const query = serialiseHotSpotsQuery('demo-2020', filter, { ...DEFAULT_HOT_SPOT_VIEW, method: 'lisa' });
    expect(query).toEqual({
      era: 'demo-2020',
      period: 'custom',
      from: '2025-03-01',
      to: '2025-03-14',
      categories: 'danh-bac',
      method: 'lisa',
    });
    expect(parseHotSpotsQuery(query)).toEqual({
      era: 'demo-2020',
      filter,
      state: { ...DEFAULT_HOT_SPOT_VIEW, method: 'lisa' },
    });
    expect(serialiseHotSpotsQuery(null, DEFAULT_INCIDENT_VIEW.filter, DEFAULT_HOT_SPOT_VIEW)).toEqual({});
  });
});
