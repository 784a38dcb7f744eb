import type { Feature, FeatureCollection, Point } from 'geojson';
import type { UnitFeature } from '../api/types';

export interface LabelProperties {
  code: string | null;
  name: string;
  district: string | null;
  province: string | null;
  /** km², so larger units can claim their label's place first. */
  areaKm2: number;
}

export type LabelCollection = FeatureCollection<Point, LabelProperties>;

function labelPoint(
  position: [number, number],
  properties: LabelProperties,
): Feature<Point, LabelProperties> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties };
}

/**
 * One label per commune, at the point the server computed inside it (its pole of inaccessibility),
 * which stays inside odd shapes where a centroid would not. The text is the name without its kind.
 */
export function communeLabelPoints(communes: readonly UnitFeature[]): LabelCollection {
  return {
    type: 'FeatureCollection',
    features: communes.map(({ properties }) =>
      labelPoint([properties.labelLongitude, properties.labelLatitude], {
        code: properties.code,
        name: properties.name,
        district: properties.district,
        province: properties.province,
        areaKm2: properties.areaKm2,
      }),
    ),
  };
}

/**
 * One label per district or province, placed at one of its communes' label points: the one nearest to
 * the area-weighted mean of them all, among the larger half of its communes. A plain mean can fall outside
 * a crescent-shaped district, or in the sea between a coast and its islands; a commune's label point
 * cannot, and leaving out the small communes (islets, town wards) keeps a province's name on its mainland.
 */
export function groupLabelPoints(
  communes: readonly UnitFeature[],
  level: 'district' | 'province',
): LabelCollection {
  const groups = new Map<string, UnitFeature[]>();
  for (const commune of communes) {
    const name = commune.properties[level];
    if (!name) continue;
    const members = groups.get(name);
    if (members) members.push(commune);
    else groups.set(name, [commune]);
  }
  const features = [...groups].map(([name, members]) => {
    const anchor = labelAnchor(members);
    return labelPoint([anchor.properties.labelLongitude, anchor.properties.labelLatitude], {
      code: null,
      name,
      district: level === 'district' ? name : null,
      province: anchor.properties.province,
      areaKm2: members.reduce((sum, { properties }) => sum + properties.areaKm2, 0),
    });
  });
  return { type: 'FeatureCollection', features };
}

function labelAnchor(members: readonly UnitFeature[]): UnitFeature {
  const totalArea = members.reduce((sum, { properties }) => sum + properties.areaKm2, 0);
  const weight = (area: number) => (totalArea > 0 ? area / totalArea : 1 / members.length);
  let meanLongitude = 0;
  let meanLatitude = 0;
  for (const { properties } of members) {
    meanLongitude += properties.labelLongitude * weight(properties.areaKm2);
    meanLatitude += properties.labelLatitude * weight(properties.areaKm2);
  }
  // Degrees of longitude shrink with latitude; scaling them keeps "nearest" honest away from the equator.
  const longitudeScale = Math.cos((meanLatitude * Math.PI) / 180);
  const squaredDistance = ({ properties }: UnitFeature) =>
    ((properties.labelLongitude - meanLongitude) * longitudeScale) ** 2 +
    (properties.labelLatitude - meanLatitude) ** 2;
  const areas = members.map(({ properties }) => properties.areaKm2).sort((first, second) => first - second);
  const medianArea = areas[Math.floor((areas.length - 1) / 2)] ?? 0;
  const candidates = members.filter(({ properties }) => properties.areaKm2 >= medianArea);
  return candidates.reduce((best, member) =>
    squaredDistance(member) < squaredDistance(best) ? member : best,
  );
}
