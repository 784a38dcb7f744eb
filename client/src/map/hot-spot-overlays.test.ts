import { describe, expect, it } from 'vitest';
import type { SiteClusters } from '../api/hot-spots';
import { clusterPoints, densityKey } from './hot-spot-overlays';

function answer(clusters: SiteClusters['clusters']): SiteClusters {
  return {
    era: 'demo-2020',
    computation: { method: 'dbscan', distanceMetres: 500, minimumPoints: 3, sites: 9 },
    clusters,
    isolated: 0,
  };
}

describe('cluster points for the hot-spot map', () => {
  it('puts flashpoint and vice-spot clusters at their centres, the largest drawn last', () => {
    const points = clusterPoints({
      flashpoints: answer([
        {
          count: 5,
          ids: [1, 2, 3, 4, 5],
          kinds: { 'land-dispute': 4, 'mass-complaint': 1 },
          centre: [105.5, 10.2],
        },
      ]),
      viceSpots: answer([{ count: 3, ids: [7, 8, 9], kinds: { gambling: 3 }, centre: [105.6, 10.1] }]),
    });
    expect(points.features.map((feature) => feature.properties)).toEqual([
      { type: 'viceSpot', count: 3, label: '3', kinds: '{"gambling":3}' },
      { type: 'flashpoint', count: 5, label: '5', kinds: '{"land-dispute":4,"mass-complaint":1}' },
    ]);
    expect(points.features[1]?.geometry.coordinates).toEqual([105.5, 10.2]);
    expect(clusterPoints(null).features).toEqual([]);
  });
});

describe('the density key', () => {
  it('labels each level and darkens its swatch as the contours pile up', () => {
    const key = densityKey([0.5, 2, 8], 'vi-VN');
    expect(key.map((entry) => entry.text)).toEqual(['≥ 0,5', '≥ 2,0', '≥ 8,0']);
    const greens = key.map((entry) => Number(/rgb\(\d+, (\d+)/.exec(entry.colour)?.[1]));
    expect(greens[0]).toBeGreaterThan(greens[1] as number);
    expect(greens[1]).toBeGreaterThan(greens[2] as number);
    expect(densityKey([12, 40], 'en-GB').map((entry) => entry.text)).toEqual(['≥ 12', '≥ 40']);
  });
});
