import {
  Map as MapLibreMap,
  type MapOptions,
  NavigationControl,
  ScaleControl,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapCamera } from '../format/view-state';

// The worker does not load from a Vite bundle on its own ("Worker failed to load").
setWorkerUrl(workerUrl);

/** Vietnam as a whole, for the moment before the era's units arrive. */
const VIETNAM: MapCamera = { longitude: 106, latitude: 16, zoom: 4.6 };

export interface MapLabels {
  zoomIn: string;
  zoomOut: string;
  map: string;
}

/**
 * A north-up 2D map (no rotation or tilt: planners compare it with paper maps), a metric scale bar, zoom
 * buttons, and no attribution until a basemap needs one. The drawing buffer is kept for snapshot export.
 */
export function createMap(
  container: HTMLElement,
  style: StyleSpecification,
  camera: MapCamera | null,
  labels: MapLabels,
): MapLibreMap {
  const start = camera ?? VIETNAM;
  const options: MapOptions = {
    container,
    style,
    center: [start.longitude, start.latitude],
    zoom: start.zoom,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
    fadeDuration: 150,
    locale: {
      'NavigationControl.ZoomIn': labels.zoomIn,
      'NavigationControl.ZoomOut': labels.zoomOut,
      'Map.Title': labels.map,
    },
  };
  const map = new MapLibreMap(options);
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  return map;
}
