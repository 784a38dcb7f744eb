import { type DateWindow, sameWindowLastYear } from '@domain/dates/reporting-period';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import {
  type EmergingHotSpotOptions,
  fetchEmergingHotSpots,
  fetchGridHotSpots,
  fetchIncidentDensity,
  fetchSiteClusters,
  fetchUnitHotSpots,
  type GridHotSpotOptions,
  type UnitHotSpotOptions,
  type UnitHotSpots,
} from '../api/hot-spots';
import { type ApiError, isAbort, toApiError } from '../api/http';
import { monthsWindow, rankEmergingHotSpots } from '../format/emerging-hot-spots';
import { rankGridCells } from '../format/grid-hot-spots';
import { compareHotSpots, type HotSpotComparison, type ReportedChange } from '../format/hot-spot-compare';
import { hotSpotClass, rankHotSpots } from '../format/hot-spot-ranking';
import { DEFAULT_HOT_SPOT_VIEW, type HotSpotViewState, weightsText } from '../format/hot-spot-view-state';
import { useKeyedRequest } from './hot-spot-request';
import { useIncidentsStore } from './incidents';
import { useViewStore } from './view';

/** Which communes the ranked list shows: all, or those that changed so between the two windows. */
export type HotSpotListFilter = 'all' | ReportedChange;

/**
 * The hot-spot view: its settings (in the URL through the view), the analysis of the incident filter's
 * window in the chosen mode — communes (and, when comparing, a second window analysed alike, with what
 * changed), the optimized grid of incident points, or emerging hot spots over the reporting months ending
 * with the filter's `to` — the ranked list, and the overlays (density contours, clusters of flashpoints and
 * vice spots). The incident filter is the map's own (stores/incidents.ts). Each answer is asked for only
 * while its mode or overlay is shown, and only while the view is.
 */
export const useHotSpotsStore = defineStore('hotSpots', () => {
  const view = useViewStore();
  const incidents = useIncidentsStore();

  const state = shallowRef<HotSpotViewState>(DEFAULT_HOT_SPOT_VIEW);
  /** Requests are made only while the view shows: a filter changed on the map must not start analyses. */
  const active = ref(false);
  const result = shallowRef<UnitHotSpots | null>(null);
  const comparison = shallowRef<UnitHotSpots | null>(null);
  const unitsLoading = ref(false);
  const comparisonLoading = ref(false);
  const unitsError = shallowRef<ApiError | null>(null);
  const comparisonError = shallowRef<ApiError | null>(null);
  const listFilter = ref<HotSpotListFilter>('all');
  /** Times the view was opened: clusters are asked again on each visit, as sites change on the map. */
  const visits = ref(0);

  const mode = computed(() => state.value.mode);
  /** Whether the API may be asked now at all. */
  const asking = computed(() => active.value && incidents.canRead && view.era !== null);

  const options = computed<UnitHotSpotOptions>(() => ({
    method: state.value.method,
    measure: state.value.measure,
    weights: weightsText(state.value.weights),
    correction: state.value.correction,
    permutations: state.value.permutations,
    seed: state.value.seed,
    province: state.value.province,
  }));

  /** Communes compared over two windows: in the commune mode only. */
  const comparing = computed(() => state.value.compare && mode.value === 'units');

  /** The second window: the one chosen, else the same window a year earlier (as the API's `previous`). */
  const comparisonWindow = computed<DateWindow | null>(() => {
    if (!comparing.value) return null;
    return state.value.compareWindow ?? sameWindowLastYear(incidents.dates);
  });

  const optionsKey = computed(() => JSON.stringify(options.value));
  const resultKey = computed(() => JSON.stringify([incidents.filterQuery, options.value]));
  const comparisonKey = computed(() =>
    comparisonWindow.value
      ? JSON.stringify([{ ...incidents.filterQuery, ...comparisonWindow.value }, options.value])
      : null,
  );

  // The key each answer was asked with: an answer is shown only for the options it was computed with.
  let loadedResultKey: string | null = null;
  let loadedComparisonKey: string | null = null;
  const resultOptionsKey = ref<string | null>(null);
  const comparisonOptionsKey = ref<string | null>(null);
  let resultRequest: AbortController | null = null;
  let comparisonRequest: AbortController | null = null;

  async function load(): Promise<void> {
    const key = resultKey.value;
    if (!asking.value || mode.value !== 'units') return;
    if (key === loadedResultKey && result.value) return;
    resultRequest?.abort();
    const request = new AbortController();
    resultRequest = request;
    unitsLoading.value = true;
    unitsError.value = null;
    const askedOptions = optionsKey.value;
    try {
      result.value = await fetchUnitHotSpots(incidents.filterQuery, options.value, request.signal);
      loadedResultKey = key;
      resultOptionsKey.value = askedOptions;
    } catch (caught) {
      if (isAbort(caught)) return;
      result.value = null;
      loadedResultKey = null;
      unitsError.value = toApiError(caught);
    } finally {
      if (resultRequest === request) unitsLoading.value = false;
    }
  }

  async function loadComparison(): Promise<void> {
    const key = comparisonKey.value;
    const window = comparisonWindow.value;
    if (!key || !window) {
      comparisonRequest?.abort();
      comparisonLoading.value = false;
      return;
    }
    if (!asking.value) return;
    if (key === loadedComparisonKey && comparison.value) return;
    comparisonRequest?.abort();
    const request = new AbortController();
    comparisonRequest = request;
    comparisonLoading.value = true;
    comparisonError.value = null;
    const askedOptions = optionsKey.value;
    try {
      comparison.value = await fetchUnitHotSpots(
        { ...incidents.filterQuery, ...window },
        options.value,
        request.signal,
      );
      loadedComparisonKey = key;
      comparisonOptionsKey.value = askedOptions;
    } catch (caught) {
      if (isAbort(caught)) return;
      comparison.value = null;
      loadedComparisonKey = null;
      comparisonError.value = toApiError(caught);
    } finally {
      if (comparisonRequest === request) comparisonLoading.value = false;
    }
  }

  watch([resultKey, asking, mode], () => void load(), { immediate: true });
  watch([comparisonKey, asking], () => void loadComparison(), { immediate: true });

  // The optimized grid of the filter's incidents.
  const gridOptions = computed<GridHotSpotOptions>(() => ({
    shape: state.value.shape,
    cellSize: state.value.cellSize,
    distanceBand: state.value.distanceBand,
    correction: state.value.correction,
  }));
  const grid = useKeyedRequest(
    () =>
      asking.value && mode.value === 'grid'
        ? JSON.stringify([incidents.filterQuery, gridOptions.value])
        : null,
    (signal) => fetchGridHotSpots(incidents.filterQuery, gridOptions.value, signal),
  );

  // Emerging hot spots: the months end with the filter's `to`; its `from` plays no part.
  const emergingOptions = computed<EmergingHotSpotOptions>(() => ({
    months: state.value.months,
    weights: weightsText(state.value.weights),
    correction: state.value.correction,
    province: state.value.province,
  }));
  const emerging = useKeyedRequest(
    () => {
      if (!asking.value || mode.value !== 'emerging') return null;
      const { from: _from, ...filter } = incidents.filterQuery;
      return JSON.stringify([filter, emergingOptions.value]);
    },
    (signal) => fetchEmergingHotSpots(incidents.filterQuery, emergingOptions.value, signal),
  );

  // Overlays, in every mode.
  const density = useKeyedRequest(
    () =>
      asking.value && state.value.overlays.includes('density')
        ? JSON.stringify([incidents.filterQuery, state.value.bandwidth])
        : null,
    (signal) => fetchIncidentDensity(incidents.filterQuery, state.value.bandwidth, signal),
  );
  const clusterOptions = computed(() => ({
    distance: state.value.clusterDistance,
    minimumPoints: state.value.clusterMinimum,
  }));
  const clusters = useKeyedRequest(
    () =>
      asking.value && state.value.overlays.includes('clusters')
        ? JSON.stringify([view.era, clusterOptions.value, visits.value])
        : null,
    (signal) => fetchSiteClusters(view.era, clusterOptions.value, signal),
  );

  /** The answer for the era on screen, or null (an era switch under way). */
  const shownResult = computed(() => (result.value?.era === view.era ? result.value : null));
  const shownComparison = computed(() =>
    comparing.value && comparison.value?.era === view.era ? comparison.value : null,
  );
  const shownGrid = computed(() => (grid.value.value?.era === view.era ? grid.value.value : null));
  const shownEmerging = computed(() =>
    emerging.value.value?.era === view.era ? emerging.value.value : null,
  );
  const shownDensity = computed(() =>
    state.value.overlays.includes('density') && density.value.value?.era === view.era
      ? density.value.value
      : null,
  );
  const shownClusters = computed(() =>
    state.value.overlays.includes('clusters') && clusters.value.value?.flashpoints.era === view.era
      ? clusters.value.value
      : null,
  );

  function classesOf(answer: UnitHotSpots | null): ReadonlyMap<string, string> | null {
    return answer ? new Map(answer.units.map((unit) => [unit.code, hotSpotClass(unit)])) : null;
  }

  /** What each commune is drawn as: its class (communes), its pattern (emerging), nothing (grid). */
  const classes = computed<ReadonlyMap<string, string> | null>(() => {
    if (mode.value === 'units') return classesOf(shownResult.value);
    if (mode.value === 'emerging') {
      const answer = shownEmerging.value;
      return answer ? new Map(answer.units.map((unit) => [unit.code, unit.category])) : null;
    }
    return null;
  });
  const comparisonClasses = computed(() => classesOf(shownComparison.value));

  /** What changed between the windows, once both answers are for the same options. */
  const changes = computed<HotSpotComparison | null>(() => {
    const current = shownResult.value;
    const earlier = shownComparison.value;
    if (!current || !earlier || resultOptionsKey.value !== comparisonOptionsKey.value) return null;
    return compareHotSpots(current.units, earlier.units);
  });

  const ranked = computed(() => {
    const answer = shownResult.value;
    if (!answer) return [];
    const ranking = rankHotSpots(answer.units, answer.computation.method);
    const filter = listFilter.value;
    const found = changes.value;
    if (filter === 'all' || !found) return ranking;
    return ranking.filter((unit) => found.changes.get(unit.code) === filter);
  });

  const rankedCells = computed(() => rankGridCells(shownGrid.value?.features ?? []));
  const rankedEmerging = computed(() => rankEmergingHotSpots(shownEmerging.value?.units ?? []));
  /** The dates the emerging months cover. */
  const emergingWindow = computed(() => monthsWindow(shownEmerging.value?.months ?? []));

  /** A window without any incident: nothing can be a hot spot, and the view says so plainly. */
  const empty = computed(() => {
    if (mode.value === 'emerging') {
      return shownEmerging.value?.units.every((unit) => unit.counts.every((count) => count === 0)) ?? false;
    }
    if (mode.value === 'grid') return shownGrid.value?.computation.incidents === 0;
    return shownResult.value?.units.every((unit) => unit.count === 0) ?? false;
  });

  /** The current mode's request. */
  const loading = computed(() => {
    if (mode.value === 'grid') return grid.loading.value;
    if (mode.value === 'emerging') return emerging.loading.value;
    return unitsLoading.value;
  });
  const error = computed(() => {
    if (mode.value === 'grid') return grid.error.value;
    if (mode.value === 'emerging') return emerging.error.value;
    return unitsError.value;
  });
  /** The overlays' requests: shown apart, so that a failed overlay never hides the analysis. */
  const overlayLoading = computed(() => density.loading.value || clusters.loading.value);
  const overlayError = computed(() => density.error.value ?? clusters.error.value);

  function update(changesToState: Partial<HotSpotViewState>): void {
    const next = { ...state.value, ...changesToState };
    if (!next.compare) next.compareWindow = null;
    if (JSON.stringify(next) !== JSON.stringify(state.value)) state.value = next;
    if (!next.compare) listFilter.value = 'all';
  }

  function setState(next: HotSpotViewState): void {
    update(next);
  }

  function selectUnit(code: string | null): void {
    update({ unit: code });
  }

  function setListFilter(filter: HotSpotListFilter): void {
    listFilter.value = filter;
  }

  function setActive(shown: boolean): void {
    if (shown && !active.value) visits.value++;
    active.value = shown;
  }

  function retry(): void {
    loadedResultKey = null;
    loadedComparisonKey = null;
    void load();
    void loadComparison();
    if (grid.error.value) void grid.retry();
    if (emerging.error.value) void emerging.retry();
    if (density.error.value) void density.retry();
    if (clusters.error.value) void clusters.retry();
  }

  return {
    state,
    result: shownResult,
    comparison: shownComparison,
    grid: shownGrid,
    emerging: shownEmerging,
    emergingWindow,
    density: shownDensity,
    clusters: shownClusters,
    comparing,
    rankedCells,
    rankedEmerging,
    overlayLoading,
    overlayError,
    loading,
    comparisonLoading,
    error,
    comparisonError,
    comparisonWindow,
    classes,
    comparisonClasses,
    changes,
    ranked,
    empty,
    listFilter,
    update,
    setState,
    selectUnit,
    setListFilter,
    setActive,
    retry,
  };
});
