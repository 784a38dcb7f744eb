import { dbscan, NOISE } from '../domain/point-patterns/dbscan';
import { projectToLocalMetres } from '../domain/projections/local-metres';

/**
 * Clusters of flashpoints or vice spots (DBSCAN, Ester et al. 1996) by the distance between their anchor
 * points in metres: groups of sites close enough to be handled as one area, largest first, each with its
 * sites, their kinds and centre; sites in no cluster are counted as isolated.
 */
export function siteClusters(
  sites: readonly { id: number; kind: string; anchor: readonly [number, number] }[],
  options: { distanceMetres: number; minimumPoints: number },
) {
  const computation = {
    method: 'dbscan',
    distanceMetres: options.distanceMetres,
    minimumPoints: options.minimumPoints,
    sites: sites.length,
  };
  if (sites.length === 0) return { computation, clusters: [], isolated: 0 };
  const { x, y } = projectToLocalMetres(
    sites.map((site) => site.anchor[0]),
    sites.map((site) => site.anchor[1]),
  );
  const labels = dbscan(x, y, options.distanceMetres, options.minimumPoints);
  const clusters = new Map<
    number,
    { ids: number[]; kinds: Record<string, number>; longitude: number; latitude: number }
  >();
  let isolated = 0;
  sites.forEach((site, index) => {
    const label = labels[index] as number;
    if (label === NOISE) {
      isolated++;
      return;
    }
    const cluster = clusters.get(label) ?? { ids: [], kinds: {}, longitude: 0, latitude: 0 };
    cluster.ids.push(site.id);
    cluster.kinds[site.kind] = (cluster.kinds[site.kind] ?? 0) + 1;
    cluster.longitude += site.anchor[0];
    cluster.latitude += site.anchor[1];
    clusters.set(label, cluster);
  });
  return {
    computation,
    clusters: [...clusters.values()]
      .map((cluster) => ({
        count: cluster.ids.length,
        ids: cluster.ids,
        kinds: cluster.kinds,
        centre: [
          Math.round((cluster.longitude / cluster.ids.length) * 1e6) / 1e6,
          Math.round((cluster.latitude / cluster.ids.length) * 1e6) / 1e6,
        ],
      }))
      .sort((a, b) => b.count - a.count),
    isolated,
  };
}
