/**
 * The camera of a view that is not the main map (hot spots, the programme) in its URL, with the main map's
 * parameter names (`lng`, `lat`, `z`) and rounding, so that a saved view or a shared link opens where the
 * map was left rather than on the whole area.
 */
import { type MapCamera, parseViewState, type QueryInput } from '../../format/view-state';

export function cameraInQuery(query: QueryInput): MapCamera | null {
  return parseViewState(query).camera;
}

export function cameraQuery(camera: MapCamera | null): Record<string, string> {
  if (!camera) return {};
  return {
    lng: String(Number(camera.longitude.toFixed(5))),
    lat: String(Number(camera.latitude.toFixed(5))),
    z: String(Number(camera.zoom.toFixed(2))),
  };
}
