import { boundingBoxOf, unionOfBoundingBoxes } from '@domain/geometry/bounding-box';
import type { BoundingBox } from '@domain/geometry/types';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { UnitFeature } from '../api/types';
import type { MapCamera } from '../format/view-state';

/** The map's centre and zoom, as the view store and the URL keep them. */
export function cameraOf(map: MapLibreMap): MapCamera {
  const { lng, lat } = map.getCenter();
  return { longitude: lng, latitude: lat, zoom: map.getZoom() };
}

/** Whether the map already shows this camera, to the precision the URL keeps (about a metre). */
export function showsCamera(map: MapLibreMap, camera: MapCamera): boolean {
  const current = cameraOf(map);
  return (
    Math.abs(current.longitude - camera.longitude) < 1e-5 &&
    Math.abs(current.latitude - camera.latitude) < 1e-5 &&
    Math.abs(current.zoom - camera.zoom) < 0.01
  );
}

export function jumpToCamera(map: MapLibreMap, camera: MapCamera): void {
  map.jumpTo({ center: [camera.longitude, camera.latitude], zoom: camera.zoom });
}

export function boundsOfUnits(units: readonly UnitFeature[]): BoundingBox | null {
  return unionOfBoundingBoxes(units.map((unit) => boundingBoxOf(unit.geometry.coordinates)));
}

/** Whether the map's current view overlaps a box at all (after an era switch: is the new era in sight?). */
export function viewOverlaps(map: MapLibreMap, box: BoundingBox): boolean {
  const bounds = map.getBounds();
  return !(
    bounds.getEast() < box[0] ||
    bounds.getWest() > box[2] ||
    bounds.getNorth() < box[1] ||
    bounds.getSouth() > box[3]
  );
}

export interface FitOptions {
  animate: boolean;
  /** Pixels hidden by panels floating over the map's sides. */
  leftInset: number;
  rightInset: number;
}

const FIT_PADDING = 40;
// A single small ward should not fill the screen at street level.
const FIT_MAXIMUM_ZOOM = 14;

export function fitToBox(map: MapLibreMap, box: BoundingBox, options: FitOptions): void {
  const { width, height } = map.getContainer().getBoundingClientRect();
  // Padding larger than the map leaves MapLibre nothing to fit into; small screens get less of it.
  const padding = Math.min(FIT_PADDING, width / 8, height / 8);
  // Panels are kept out of the frame only while that leaves at least half the map to frame in.
  const sparesPanels = options.leftInset + options.rightInset <= width / 2;
  const left = padding + (sparesPanels ? options.leftInset : 0);
  const right = padding + (sparesPanels ? options.rightInset : 0);
  map.fitBounds(
    [
      [box[0], box[1]],
      [box[2], box[3]],
    ],
    {
      padding: { top: padding, bottom: padding, left, right },
      maxZoom: FIT_MAXIMUM_ZOOM,
      animate: options.animate,
      duration: options.animate ? 600 : 0,
    },
  );
}
