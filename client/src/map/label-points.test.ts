import { describe, expect, it } from 'vitest';
import type { UnitFeature } from '../api/types';
import { communeLabelPoints, groupLabelPoints } from './label-points';

function commune(
  code: string,
  district: string | null,
  label: [number, number],
  areaKm2: number,
): UnitFeature {
  return Object.freeze({
    type: 'Feature',
    id: Number(code),
    geometry: { type: 'MultiPolygon', coordinates: [] },
    properties: {
      code,
      name: `Tên ${code}`,
      fullName: `Xã Tên ${code}`,
      kind: 'Xã',
      district,
      districtCode: null,
      province: 'Tỉnh Giả Định',
      provinceCode: '99',
      areaKm2,
      population: null,
      labelLongitude: label[0],
      labelLatitude: label[1],
    },
  }) as UnitFeature;
}

describe('label points', () => {
  it('puts each commune label at its label point, with the name without its kind', () => {
    const points = communeLabelPoints([commune('00001', 'Huyện A', [105.1, 10.2], 12)]);
    expect(points.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [105.1, 10.2] },
        properties: {
          code: '00001',
          name: 'Tên 00001',
          district: 'Huyện A',
          province: 'Tỉnh Giả Định',
          areaKm2: 12,
        },
      },
    ]);
  });

  it('labels a district at the member label point nearest its area-weighted middle', () => {
    // A crescent: the weighted mean (105.1, 10.1) lies between the horns, outside every commune.
    const communes = [
      commune('00001', 'Huyện A', [105.0, 10.0], 10),
      commune('00002', 'Huyện A', [105.2, 10.0], 10),
      commune('00003', 'Huyện A', [105.1, 10.2], 20),
      commune('00004', 'Huyện B', [106.0, 11.0], 5),
    ];
    const points = groupLabelPoints(communes, 'district');
    expect(points.features).toHaveLength(2);
    const [districtA, districtB] = points.features;
    expect(districtA?.properties).toEqual({
      code: null,
      name: 'Huyện A',
      district: 'Huyện A',
      province: 'Tỉnh Giả Định',
      areaKm2: 40,
    });
    expect(districtA?.geometry.coordinates).toEqual([105.1, 10.2]);
    expect(districtB?.geometry.coordinates).toEqual([106.0, 11.0]);
  });

  it('keeps a province name off its islets, on the larger communes of the mainland', () => {
    // The area-weighted mean lies at sea, nearest to the label point of a tiny island commune.
    const communes = [
      commune('00001', null, [104.9, 10.0], 40),
      commune('00002', null, [105.3, 10.0], 40),
      commune('00003', null, [105.1, 10.01], 0.5),
      commune('00004', null, [105.25, 10.1], 30),
    ];
    const [province] = groupLabelPoints(communes, 'province').features;
    expect(province?.geometry.coordinates).toEqual([105.25, 10.1]);
  });

  it('skips communes with no district, as in eras after 1 July 2025', () => {
    expect(groupLabelPoints([commune('00001', null, [105, 10], 3)], 'district').features).toEqual([]);
  });

  it('groups by province too', () => {
    const points = groupLabelPoints(
      [commune('00001', null, [105, 10], 3), commune('00002', null, [105.2, 10], 0)],
      'province',
    );
    expect(points.features.map((feature) => feature.properties.name)).toEqual(['Tỉnh Giả Định']);
  });
});
