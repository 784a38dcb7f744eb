import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { onBeforeUnmount, onMounted, type Ref, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { CommuneCollection, OutlineCollection } from '../api/types';
import type { MapCamera } from '../format/view-state';
import { baseStyle } from './base-style';
import { addBoundaryLayers, COMMUNE_FILL_LAYER, setBoundaryData } from './boundary-layers';
import { boundsOfUnits, cameraOf, fitToBox } from './camera';
import { createMap } from './create-map';
import { type CommuneHighlighter, createCommuneHighlighter } from './feature-state';
import { loadMapFonts } from './fonts';

/** What a view's commune map is given: the era's communes and districts, once per era. */
export interface CommuneMapUnits {
  era: string;
  communes: CommuneCollection;
  districts: OutlineCollection | null;
}

export interface CommuneMapOptions {
  container: Ref<HTMLElement | undefined>;
  /** Where tests find the map (`window[name]`). */
  globalName: 'diabanProgrammeMap' | 'diabanCandidatesMap';
  /** The view's own layers and painters, once the boundary layers are there. */
  onLoad(map: MapLibreMap, element: HTMLElement): void;
  /** A click on the map, with the commune under it (or null). */
  onClick(event: MapMouseEvent, code: string | null): void;
  /** The cursor over a commune and elsewhere. */
  cursor?: () => { overCommune: string; elsewhere: string };
  /** Where the map opens (from the view's URL); the first era shown is then not framed. */
  initialCamera?: MapCamera | null;
  /** The camera after the user moved the map (not after framing), for the view's URL. */
  onMove?: (camera: MapCamera) => void;
}

/**
 * A map of an era's communes for a view of its own (the programme dashboard, choosing communes): the
 * offline style, the main map's boundary layers, hover highlighting, a click that reports the commune, and
 * framing the era when its communes first arrive. The view colours the communes through its own painter.
 */
export function useCommuneMap(options: CommuneMapOptions) {
  const { t } = useI18n();
  const failed = ref(false);
  let map: MapLibreMap | null = null;
  let highlighter: CommuneHighlighter | null = null;
  let layersReady = false;
  let framedEra: string | null = null;
  let keepInitialCamera = Boolean(options.initialCamera);

  onMounted(() => {
    const fontsLoaded = loadMapFonts();
    const element = options.container.value;
    if (!element) return;
    try {
      map = createMap(element, baseStyle(), options.initialCamera ?? null, {
        zoomIn: t('map.zoomIn'),
        zoomOut: t('map.zoomOut'),
        map: t('map.label'),
      });
    } catch {
      failed.value = true;
      return;
    }
    const created = map;
    window[options.globalName] = created;
    created.on('error', (event) => console.error(event.error));
    let movedByUser = false;
    created.on('move', (event) => {
      if (event.originalEvent) movedByUser = true;
    });
    created.on('moveend', () => {
      if (movedByUser) options.onMove?.(cameraOf(created));
      movedByUser = false;
    });
    created.on('load', async () => {
      await fontsLoaded;
      if (map !== created) return;
      addBoundaryLayers(created);
      highlighter = createCommuneHighlighter(created);
      layersReady = true;
      options.onLoad(created, element);
      const cursor = options.cursor ?? (() => ({ overCommune: 'pointer', elsewhere: '' }));
      created.on('mousemove', COMMUNE_FILL_LAYER, (event) => {
        const code = event.features?.[0]?.properties.code;
        highlighter?.hover(typeof code === 'string' ? code : null);
        created.getCanvas().style.cursor = cursor().overCommune;
      });
      created.on('mouseleave', COMMUNE_FILL_LAYER, () => {
        highlighter?.hover(null);
        created.getCanvas().style.cursor = cursor().elsewhere;
      });
      created.on('click', (event) => {
        const [feature] = created.queryRenderedFeatures(event.point, { layers: [COMMUNE_FILL_LAYER] });
        const code = feature?.properties.code;
        options.onClick(event, typeof code === 'string' ? code : null);
      });
    });
  });

  onBeforeUnmount(() => {
    map?.remove();
    map = null;
    delete window[options.globalName];
  });

  return {
    failed,
    /** The map once its layers are ready, else null. */
    ready: (): MapLibreMap | null => (layersReady ? map : null),
    highlighter: () => highlighter,
    /** Uploads the era's units (the geometry only changes with the era) and frames a newly shown era. */
    showUnits(units: CommuneMapUnits | null): void {
      if (!map || !layersReady) return;
      setBoundaryData(map, units?.communes ?? null, units?.districts ?? null, null);
      highlighter?.reset();
      if (units && keepInitialCamera) {
        framedEra = units.era;
        keepInitialCamera = false;
      } else if (units && units.era !== framedEra) {
        const box = boundsOfUnits(units.communes.features);
        if (box) {
          map.resize();
          fitToBox(map, box, { animate: false, leftInset: 0, rightInset: 0 });
          framedEra = units.era;
        }
      }
    },
  };
}
