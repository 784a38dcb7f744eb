import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** The map, for browser tests and server-side snapshots; set once the map view has created it. */
    diabanMap: MapLibreMap;
  }
}
