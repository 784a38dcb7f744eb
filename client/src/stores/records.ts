import type { Point, Polygon } from 'geojson';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { type ApiError, isAbort, toApiError } from '../api/http';
import { fetchFlashpoints, fetchIncidentPoints, fetchViceSpots, type SiteKind } from '../api/records';
import type { FlashpointCollection, IncidentFilterQuery, ViceSpotCollection } from '../api/types';
import { DEFAULT_HEATMAP_METRES, type IncidentPoints, incidentPointsFromRows } from '../map/points-incidents';
import { useIncidentsStore } from './incidents';
import { useSessionStore } from './session';
import { useViewStore } from './view';

/** What can be created, edited and closed from the map. */
export type RecordKind = SiteKind | 'incident';

export interface RecordReference {
  kind: RecordKind;
  id: number;
}

/** A form in the side panel: a new record at a placed geometry, or an existing one being edited. */
export interface RecordDraft {
  kind: RecordKind;
  /** Null for a new record. */
  id: number | null;
  geometry: Point | Polygon;
}

/** Placing a new record on the map: one click for a point; clicked vertices for a flashpoint's area. */
export interface Placement {
  kind: RecordKind;
  shape: 'point' | 'polygon';
}

/**
 * Flashpoints, vice spots and incident points on the map, and the record being placed, viewed or edited.
 * Data is loaded for the era in the view; every save bumps a revision, which reloads what it changed.
 */
export const useRecordsStore = defineStore('records', () => {
  const view = useViewStore();
  const session = useSessionStore();
  const incidents = useIncidentsStore();

  const flashpoints = shallowRef<FlashpointCollection | null>(null);
  const viceSpots = shallowRef<ViceSpotCollection | null>(null);
  const incidentPoints = shallowRef<IncidentPoints | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loadingPoints = ref(false);
  const heatmapMetres = ref(DEFAULT_HEATMAP_METRES);

  const selected = shallowRef<RecordReference | null>(null);
  const placement = shallowRef<Placement | null>(null);
  const draft = shallowRef<RecordDraft | null>(null);
  /** Moved on by every save: sites reload, and the record panel reloads its history. */
  const sitesRevision = ref(0);
  const incidentsRevision = ref(0);

  const canWrite = computed(() => session.can('incidents:write'));
  /** The side panel shows a record (details or a form). */
  const panelOpen = computed(() => draft.value !== null || selected.value !== null);

  let sitesRequest: AbortController | null = null;
  let pointsRequest: AbortController | null = null;

  async function loadSites(): Promise<void> {
    sitesRequest?.abort();
    const request = new AbortController();
    sitesRequest = request;
    try {
      const [nextFlashpoints, nextViceSpots] = await Promise.all([
        fetchFlashpoints(view.era, request.signal),
        fetchViceSpots(view.era, request.signal),
      ]);
      flashpoints.value = nextFlashpoints;
      viceSpots.value = nextViceSpots;
    } catch (caught) {
      if (!isAbort(caught)) error.value = toApiError(caught);
    }
  }

  /** Every incident of the filter, converted to GeoJSON once per answer. */
  async function loadIncidentPoints(filter: IncidentFilterQuery): Promise<void> {
    pointsRequest?.abort();
    const request = new AbortController();
    pointsRequest = request;
    loadingPoints.value = true;
    try {
      incidentPoints.value = incidentPointsFromRows(await fetchIncidentPoints(filter, request.signal));
    } catch (caught) {
      if (!isAbort(caught)) error.value = toApiError(caught);
    } finally {
      if (pointsRequest === request) loadingPoints.value = false;
    }
  }

  function startPlacing(next: Placement): void {
    draft.value = null;
    selected.value = null;
    placement.value = next;
  }

  /** The geometry is placed: the form opens. */
  function placed(geometry: Point | Polygon): void {
    const kind = placement.value?.kind;
    placement.value = null;
    if (kind) draft.value = { kind, id: null, geometry };
  }

  function cancelPlacing(): void {
    placement.value = null;
  }

  function select(reference: RecordReference | null): void {
    placement.value = null;
    draft.value = null;
    selected.value = reference;
  }

  function edit(next: RecordDraft): void {
    placement.value = null;
    draft.value = next;
  }

  /** Leaves the form: back to the record's details when it exists, else nothing. */
  function closeForm(): void {
    draft.value = null;
  }

  function closePanel(): void {
    draft.value = null;
    selected.value = null;
  }

  /** A record was saved: the map reloads what changed and the panel shows the record. */
  function saved(reference: RecordReference): void {
    if (reference.kind === 'incident') {
      incidentsRevision.value += 1;
      // The choropleth, the legend and the commune panel count incidents too.
      void incidents.loadStatistics();
    } else sitesRevision.value += 1;
    draft.value = null;
    selected.value = reference;
  }

  function dismissError(): void {
    error.value = null;
  }

  watch(
    () => [view.era, sitesRevision.value, session.user] as const,
    ([, , user]) => {
      if (user) void loadSites();
    },
    { immediate: true },
  );

  return {
    flashpoints,
    viceSpots,
    incidentPoints,
    error,
    loadingPoints,
    heatmapMetres,
    selected,
    placement,
    draft,
    sitesRevision,
    incidentsRevision,
    canWrite,
    panelOpen,
    loadSites,
    loadIncidentPoints,
    startPlacing,
    placed,
    cancelPlacing,
    select,
    edit,
    closeForm,
    closePanel,
    saved,
    dismissError,
  };
});
