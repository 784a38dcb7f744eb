import type { BoundingBox } from '@domain/geometry/types';
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { stringifyQuery, useRoute, useRouter } from 'vue-router';
import { type IncidentViewState, parseIncidentViewState } from '../format/incident-filter';
import {
  type LayerName,
  type MapCamera,
  parseViewState,
  serialiseMapQuery,
  type ViewState,
} from '../format/view-state';

/** What the map shows when the URL does not say. */
// The incident heatmap and points download every incident of the filter: switched on by choice.
export const DEFAULT_LAYERS: readonly LayerName[] = [
  'basemap',
  'fill',
  'districts',
  'provinces',
  'labels',
  'flashpoints',
  'viceSpots',
];

/** A request to the map to frame something: a box, the selected commune, or what the area filter shows. */
export type FitTarget = BoundingBox | 'selected-unit' | 'visible-units';

// Long enough that a pan or zoom gesture writes the URL once, short enough that a quick copy gets it.
const URL_WRITE_DELAY_MS = 400;

/**
 * The view the user is looking at, mirrored in the URL (hash routing) so it can be shared and reloaded.
 * The store holds the state; the URL follows it with `router.replace`, and a URL typed or pasted in
 * is read back into it.
 */
export const useViewStore = defineStore('view', () => {
  const route = useRoute();
  const router = useRouter();

  const era = ref<string | null>(null);
  /** The day the map is "as on" (YYYY-MM-DD), which chose the era; null until one is picked. */
  const date = ref<string | null>(null);
  const camera = shallowRef<MapCamera | null>(null);
  const unit = ref<string | null>(null);
  const layers = ref<LayerName[]>([...DEFAULT_LAYERS]);
  const province = ref<string | null>(null);
  const district = ref<string | null>(null);
  /** A framing the map should do once, then clear. */
  const fitRequest = shallowRef<FitTarget | null>(null);
  /** The incident filter and choropleth settings (stores/incidents.ts works on them), in the URL too. */
  const incidentView = shallowRef<IncidentViewState>(parseIncidentViewState({}));

  const state = computed<ViewState>(() => ({
    era: era.value,
    date: date.value,
    camera: camera.value,
    unit: unit.value,
    layers: layers.value,
    province: province.value,
    district: district.value,
  }));

  function applyState(next: ViewState): void {
    era.value = next.era;
    date.value = next.date;
    camera.value = next.camera;
    unit.value = next.unit;
    layers.value = next.layers ?? [...DEFAULT_LAYERS];
    province.value = next.province;
    district.value = next.district;
  }

  function setIncidentView(next: IncidentViewState): void {
    incidentView.value = next;
  }

  function setEra(label: string): void {
    era.value = label;
  }

  /** The day and the era valid on it, together (components/eras/era-date.ts chooses them). */
  function setEraAndDate(label: string, day: string | null): void {
    era.value = label;
    date.value = day;
  }

  function setCamera(next: MapCamera): void {
    camera.value = next;
  }

  function selectUnit(code: string | null): void {
    unit.value = code;
  }

  function setLayerVisible(name: LayerName, visible: boolean): void {
    const others = layers.value.filter((layer) => layer !== name);
    layers.value = visible ? [...others, name] : others;
  }

  function setAreaFilter(nextProvince: string | null, nextDistrict: string | null): void {
    province.value = nextProvince;
    district.value = nextDistrict;
  }

  function requestFit(target: FitTarget): void {
    fitRequest.value = target;
  }

  /**
   * The incident view a URL holds. `#/hotspots` shares only the filter: its `measure` and `method` are the
   * analysis's own (per 1,000 residents, LISA), not the choropleth's, which keeps its defaults there.
   */
  function incidentViewOf(query: typeof route.query): IncidentViewState {
    const parsed = parseIncidentViewState(query);
    return route.name === 'hotspots' ? { ...parseIncidentViewState({}), filter: parsed.filter } : parsed;
  }

  function clearFitRequest(): void {
    fitRequest.value = null;
  }

  applyState(parseViewState(route.query));
  incidentView.value = incidentViewOf(route.query);

  // The URL follows the state. Our own writes come back through the route watcher below and are
  // recognised by their text, so a write that lands after a newer change cannot undo that change.
  let lastWrittenQuery = stringifyQuery(route.query);
  let writeTimer: ReturnType<typeof setTimeout> | undefined;
  const query = computed(() => serialiseMapQuery(state.value, incidentView.value));

  // Only the map's URL holds the view: other pages (sign-in, administration) have queries of their own,
  // and a write due as the user leaves the map must not bring it back.
  const onMap = () => route.name === 'map';

  watch(query, (next) => {
    clearTimeout(writeTimer);
    writeTimer = setTimeout(() => {
      if (!onMap()) return;
      lastWrittenQuery = stringifyQuery(next);
      if (lastWrittenQuery !== stringifyQuery(route.query))
        void router.replace({ path: '/map', query: next });
    }, URL_WRITE_DELAY_MS);
  });

  watch(
    () => route.query,
    (next) => {
      if (!onMap()) return;
      const text = stringifyQuery(next);
      if (text === lastWrittenQuery || text === stringifyQuery(query.value)) return;
      lastWrittenQuery = text;
      applyState(parseViewState(next));
      incidentView.value = parseIncidentViewState(next);
      if (!camera.value) requestFit(unit.value ? 'selected-unit' : 'visible-units');
    },
  );

  onScopeDispose(() => clearTimeout(writeTimer));

  return {
    era,
    date,
    camera,
    unit,
    layers,
    province,
    district,
    fitRequest,
    incidentView,
    setEra,
    setEraAndDate,
    setCamera,
    selectUnit,
    setLayerVisible,
    setAreaFilter,
    requestFit,
    clearFitRequest,
    setIncidentView,
  };
});
