import { describe, expect, it } from 'vitest';
import { incidentPointsFromRows } from './points-incidents';

describe('incident points from compact rows', () => {
  it('finds columns by name and builds one feature per placed incident', () => {
    const points = incidentPointsFromRows({
      count: 3,
      fields: ['id', 'longitude', 'latitude', 'category', 'severity', 'cleared', 'occurredAt'],
      rows: [
        [7, 105.1, 10.0, 'trom-cap', 'nghiem-trong', true, '2025-03-05T08:30'],
        [8, 105.3, 10.4, 'danh-bac', null, false, '2025-03-06T21:00'],
        [9, null, null, 'danh-bac', null, null, '2025-03-07T00:00'],
      ],
    });
    expect(points.collection.features).toHaveLength(2);
    expect(points.collection.features[0]).toEqual({
      type: 'Feature',
      id: 7,
      geometry: { type: 'Point', coordinates: [105.1, 10.0] },
      properties: {
        id: 7,
        category: 'trom-cap',
        severity: 'nghiem-trong',
        cleared: true,
        occurredAt: '2025-03-05T08:30',
      },
    });
    expect(points.collection.features[1]?.properties.cleared).toBe(false);
    expect(points.latitude).toBeCloseTo(10.2, 9);
  });

  it('reads fields in any order, and cleared given as 1 and 0', () => {
    const points = incidentPointsFromRows({
      count: 1,
      fields: ['occurredAt', 'cleared', 'latitude', 'longitude', 'id', 'category'],
      rows: [['2025-01-01T00:00', 1, 21, 105.8, 3, 'khac']],
    });
    expect(points.collection.features[0]?.geometry.coordinates).toEqual([105.8, 21]);
    expect(points.collection.features[0]?.properties).toMatchObject({ id: 3, cleared: true, severity: null });
  });

  it('has no latitude without points', () => {
    expect(incidentPointsFromRows({ count: 0, fields: ['id'], rows: [] }).latitude).toBeNull();
  });
});
