import type { BilingualText } from '@domain/bilingual';
import { formatVietnameseDate } from '@domain/dates/calendar-date';
import {
  FLASHPOINT_KIND_NAMES,
  FLASHPOINT_SEVERITY_NAMES,
  statusName,
  VICE_SPOT_KIND_NAMES,
} from '@domain/records/record-vocabulary';
import type { Position } from 'geojson';
import { type Map as MapLibreMap, type MapMouseEvent, Popup } from 'maplibre-gl';
import { computed, onBeforeUnmount, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { fetchIncidentHistory } from '../../api/records';
import type { FlashpointProperties, IncidentFilterQuery, ViceSpotProperties } from '../../api/types';
import { currentLanguage } from '../../i18n';
import {
  addIncidentLayers,
  CLUSTER_LAYER,
  INCIDENT_LAYER,
  setHeatmapRadius,
  setIncidentData,
  setIncidentLayerVisibility,
  zoomIntoCluster,
} from '../../map/points-incidents';
import { fillPopupValue, type PopupContent, popupElement } from '../../map/points-popups';
import {
  addSiteLayers,
  FLASHPOINT_CLICK_LAYERS,
  highlightSite,
  setDraft,
  setSiteData,
  setSiteLayerVisibility,
  VICE_SPOT_CLICK_LAYERS,
} from '../../map/points-sites';
import { useBoundariesStore } from '../../stores/boundaries';
import { useIncidentsStore } from '../../stores/incidents';
import { useRecordsStore } from '../../stores/records';
import { useViewStore } from '../../stores/view';
import { formatOccurredAt } from './record-format';

// Two clicks this close (in pixels) are one vertex: a double-click to finish also clicks twice.
const SAME_VERTEX_PIXELS = 4;
// Labels stay above every record layer.
const LABEL_LAYER = 'commune-labels';

/**
 * The record layers of the map view: incident heatmap, clusters and single incidents, flashpoints and vice
 * spots, their popups, and placing new records by clicking. MapView calls `attach` once its layers exist
 * and asks `handleClick` first on every click (a click on a record or while placing is not a commune pick).
 */
export function useRecordMap() {
  const { t } = useI18n();
  const incidents = useIncidentsStore();
  const records = useRecordsStore();
  const view = useViewStore();
  const boundaries = useBoundariesStore();

  let map: MapLibreMap | null = null;
  let popup: Popup | null = null;
  let vertices: Position[] = [];

  const show = computed(() => ({
    heatmap: view.layers.includes('heatmap'),
    incidents: view.layers.includes('incidents'),
    flashpoints: view.layers.includes('flashpoints'),
    viceSpots: view.layers.includes('viceSpots'),
  }));

  /** The filter bar's filter, the one the choropleth, lists and charts follow too. */
  const incidentFilter = computed<IncidentFilterQuery>(() => incidents.filterQuery);

  function attach(target: MapLibreMap): void {
    map = target;
    const beforeId = target.getLayer(LABEL_LAYER) ? LABEL_LAYER : undefined;
    addIncidentLayers(target, beforeId);
    addSiteLayers(target, beforeId);
    target.on('mousemove', onPointerMove);
    target.on('dblclick', onDoubleClick);
    void incidents.loadTaxonomy();
    showVisibility();
    showSites();
    showIncidents();
    showRadius();
    highlightSite(target, siteSelection());
  }

  function showVisibility(): void {
    if (!map) return;
    setIncidentLayerVisibility(map, show.value);
    setSiteLayerVisibility(map, show.value);
  }

  function showSites(): void {
    if (map) setSiteData(map, records.flashpoints, records.viceSpots);
  }

  function showIncidents(): void {
    if (map) setIncidentData(map, records.incidentPoints, show.value);
  }

  function showRadius(): void {
    if (!map) return;
    const box = boundaries.currentEra?.boundingBox;
    const latitude = records.incidentPoints?.latitude ?? (box ? (box[1] + box[3]) / 2 : 16);
    setHeatmapRadius(map, records.heatmapMetres, latitude);
  }

  function siteSelection() {
    const selected = records.selected;
    return selected && selected.kind !== 'incident' ? { kind: selected.kind, id: selected.id } : null;
  }

  function loadPointsIfShown(): void {
    if (show.value.heatmap || show.value.incidents) void records.loadIncidentPoints(incidentFilter.value);
  }

  // ---- Clicks ----

  /** Handles a click meant for records; answers whether it did (and the commune pick must not happen). */
  function handleClick(event: MapMouseEvent): boolean {
    if (!map) return false;
    if (records.placement) {
      place(event);
      return true;
    }
    const layers = [
      ...VICE_SPOT_CLICK_LAYERS,
      INCIDENT_LAYER,
      CLUSTER_LAYER,
      ...FLASHPOINT_CLICK_LAYERS,
    ].filter((layer) => map?.getLayer(layer) && map.getLayoutProperty(layer, 'visibility') !== 'none');
    const [feature] = map.queryRenderedFeatures(event.point, { layers });
    if (!feature) return false;
    const properties = feature.properties as Record<string, unknown>;
    const layer = feature.layer.id;
    if (layer === CLUSTER_LAYER) {
      const center: [number, number] =
        feature.geometry.type === 'Point'
          ? [feature.geometry.coordinates[0] ?? 0, feature.geometry.coordinates[1] ?? 0]
          : [event.lngLat.lng, event.lngLat.lat];
      void zoomIntoCluster(map, Number(properties.cluster_id), center);
    } else if (VICE_SPOT_CLICK_LAYERS.includes(layer)) {
      openPopup(event, viceSpotPopup(properties as unknown as ViceSpotProperties));
    } else if (layer === INCIDENT_LAYER) {
      openIncidentPopup(event, properties);
    } else {
      openPopup(event, flashpointPopup(properties as unknown as FlashpointProperties));
    }
    return true;
  }

  function openPopup(event: MapMouseEvent, content: PopupContent): HTMLElement {
    popup?.remove();
    const element = popupElement(content);
    popup = new Popup({ maxWidth: '300px', closeButton: true, focusAfterOpen: false })
      .setLngLat(event.lngLat)
      .setDOMContent(element)
      .addTo(event.target);
    return element;
  }

  function closePopup(): void {
    popup?.remove();
    popup = null;
  }

  const name = (text: BilingualText | undefined, fallback: string) => text?.[currentLanguage()] ?? fallback;

  function detailsAction(kind: 'flashpoint' | 'viceSpot' | 'incident', id: number) {
    return {
      label: t('records.details'),
      testId: 'record-popup-details',
      run: () => {
        closePopup();
        records.select({ kind, id });
      },
    };
  }

  function flashpointPopup(properties: FlashpointProperties): PopupContent {
    const rows = [
      {
        label: t('records.fields.status'),
        value: name(statusName('flashpoint', properties.status), properties.status),
        testId: 'record-popup-status',
      },
      { label: t('records.fields.since'), value: formatVietnameseDate(properties.statusSince) },
      {
        label: t('records.fields.severity'),
        value: name(
          FLASHPOINT_SEVERITY_NAMES[properties.severity as keyof typeof FLASHPOINT_SEVERITY_NAMES],
          properties.severity,
        ),
      },
    ];
    if (properties.peopleInvolved != null) {
      rows.push({ label: t('records.fields.peopleInvolved'), value: String(properties.peopleInvolved) });
    }
    if (properties.areaHa != null)
      rows.push({ label: t('records.fields.areaHa'), value: String(properties.areaHa) });
    return {
      testId: 'flashpoint-popup',
      heading: properties.title,
      subheading: name(FLASHPOINT_KIND_NAMES[properties.kind], properties.kind),
      rows,
      actions: [detailsAction('flashpoint', Number(properties.id))],
    };
  }

  function viceSpotPopup(properties: ViceSpotProperties): PopupContent {
    return {
      testId: 'vice-spot-popup',
      heading: properties.title,
      subheading: name(VICE_SPOT_KIND_NAMES[properties.kind], properties.kind),
      rows: [
        {
          label: t('records.fields.status'),
          value: name(statusName('vice-spot', properties.status), properties.status),
          testId: 'record-popup-status',
        },
        { label: t('records.fields.since'), value: formatVietnameseDate(properties.statusSince) },
      ],
      actions: [detailsAction('viceSpot', Number(properties.id))],
    };
  }

  function openIncidentPopup(event: MapMouseEvent, properties: Record<string, unknown>): void {
    const language = currentLanguage();
    const id = Number(properties.id);
    const cleared = properties.cleared;
    const element = openPopup(event, {
      testId: 'incident-popup',
      heading: incidents.categoryName(String(properties.category), language),
      rows: [
        {
          label: t('records.fields.occurredAt'),
          value: formatOccurredAt(String(properties.occurredAt)),
          testId: 'incident-popup-time',
        },
        {
          label: t('records.fields.severity'),
          value:
            incidents.severityName((properties.severity as string | null) ?? null, language) ||
            t('records.unknown'),
        },
        {
          label: t('records.fields.cleared'),
          value:
            cleared === true ? t('records.yes') : cleared === false ? t('records.no') : t('records.unknown'),
        },
        { label: t('records.fields.reference'), value: '…', testId: 'incident-popup-reference' },
      ],
      actions: [detailsAction('incident', id)],
    });
    // The compact points carry no reference number: it is fetched for the one incident clicked.
    fetchIncidentHistory(id)
      .then((history) =>
        fillPopupValue(element, 'incident-popup-reference', history.incident.reference || '—'),
      )
      .catch(() => fillPopupValue(element, 'incident-popup-reference', '—'));
  }

  // ---- Placing new records ----

  function place(event: MapMouseEvent): void {
    const placement = records.placement;
    if (!placement || !map) return;
    const position: Position = [event.lngLat.lng, event.lngLat.lat];
    if (placement.shape === 'point') {
      finishPlacing({ type: 'Point', coordinates: position });
      return;
    }
    const last = vertices.at(-1);
    if (last && closeOnScreen(last, position)) return;
    vertices = [...vertices, position];
    setDraft(map, vertices, null);
  }

  function closeOnScreen(first: Position, second: Position): boolean {
    if (!map) return false;
    const a = map.project(first as [number, number]);
    const b = map.project(second as [number, number]);
    return Math.hypot(a.x - b.x, a.y - b.y) < SAME_VERTEX_PIXELS;
  }

  /** Finishes the area being drawn; fewer than three corners is no area, and drawing goes on. */
  function finishPolygon(): void {
    if (records.placement?.shape !== 'polygon' || vertices.length < 3) return;
    const ring = [...vertices, vertices[0] as Position];
    finishPlacing({ type: 'Polygon', coordinates: [ring] });
  }

  function finishPlacing(geometry: Parameters<typeof records.placed>[0]): void {
    records.placed(geometry);
    clearDraft();
  }

  function clearDraft(): void {
    vertices = [];
    if (map) setDraft(map, [], null);
  }

  function onPointerMove(event: MapMouseEvent): void {
    if (!map || !records.placement) return;
    map.getCanvas().style.cursor = 'crosshair';
    if (records.placement.shape === 'polygon' && vertices.length > 0) {
      setDraft(map, vertices, [event.lngLat.lng, event.lngLat.lat]);
    }
  }

  function onDoubleClick(event: MapMouseEvent): void {
    if (records.placement?.shape !== 'polygon') return;
    event.preventDefault();
    finishPolygon();
  }

  function onKey(event: KeyboardEvent): void {
    if (!records.placement) return;
    if (event.key === 'Escape') {
      records.cancelPlacing();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      finishPolygon();
    }
  }

  window.addEventListener('keydown', onKey);

  // ---- Keeping the map in step with the stores ----

  watch(
    () => records.placement,
    (placement) => {
      if (!map) return;
      closePopup();
      if (!placement) {
        clearDraft();
        map.getCanvas().style.cursor = '';
      }
      // A double-click while drawing an area finishes it instead of zooming.
      if (placement?.shape === 'polygon') map.doubleClickZoom.disable();
      else map.doubleClickZoom.enable();
    },
  );
  watch(() => [records.flashpoints, records.viceSpots], showSites);
  watch(
    () => records.incidentPoints,
    () => {
      showIncidents();
      showRadius();
    },
  );
  watch(() => records.heatmapMetres, showRadius);
  watch(() => boundaries.currentEra, showRadius);
  watch(
    () => records.selected,
    () => {
      if (map) highlightSite(map, siteSelection());
    },
  );
  watch(show, (next, previous) => {
    showVisibility();
    const wanted = next.heatmap || next.incidents;
    if (wanted && !records.incidentPoints && !records.loadingPoints) loadPointsIfShown();
    else if (next.heatmap !== previous.heatmap || next.incidents !== previous.incidents) showIncidents();
  });
  watch(() => [JSON.stringify(incidentFilter.value), records.incidentsRevision] as const, loadPointsIfShown, {
    immediate: true,
  });

  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey);
    closePopup();
    map = null;
  });

  return { attach, handleClick, finishPolygon };
}
