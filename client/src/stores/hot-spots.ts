import { type DateWindow, sameWindowLastYear } from '@domain/dates/reporting-period';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { fetchUnitHotSpots, type UnitHotSpotOptions, type UnitHotSpots } from '../api/hot-spots';
import { type ApiError, isAbort, toApiError } from '../api/http';
import { compareHotSpots, type HotSpotComparison, type ReportedChange } from '../format/hot-spot-compare';
import { hotSpotClass, rankHotSpots } from '../format/hot-spot-ranking';
import { DEFAULT_HOT_SPOT_VIEW, type HotSpotViewState, weightsText } from '../format/hot-spot-view-state';
import { useIncidentsStore } from './incidents';
import { useViewStore } from './view';

/** Which communes the ranked list shows: all, or those that changed so between the two windows. */
export type HotSpotListFilter = 'all' | ReportedChange;

/**
 * The hot-spot view: its settings (in the URL through the view), the analysis of the incident filter's
 * window and, when comparing, of a second window analysed alike; the ranked list and what changed.
 * The incident filter is the map's own (stores/incidents.ts). The analysis here is over communes; the grid
 * of optimized hot spots and the emerging categories would be further answers beside `result`, each with
 * its own request, sharing the filter, the weights and the correction.
 */
export const useHotSpotsStore = defineStore('hotSpots', () => {
  const view = useViewStore();
  const incidents = useIncidentsStore();

  const state = shallowRef<HotSpotViewState>(DEFAULT_HOT_SPOT_VIEW);
  /** Requests are made only while the view shows: a filter changed on the map must not start analyses. */
  const active = ref(false);
  const result = shallowRef<UnitHotSpots | null>(null);
  const comparison = shallowRef<UnitHotSpots | null>(null);
  const loading = ref(false);
  const comparisonLoading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const comparisonError = shallowRef<ApiError | null>(null);
  const listFilter = ref<HotSpotListFilter>('all');

  const options = computed<UnitHotSpotOptions>(() => ({
    method: state.value.method,
    measure: state.value.measure,
    weights: weightsText(state.value.weights),
    correction: state.value.correction,
    permutations: state.value.permutations,
    seed: state.value.seed,
    province: state.value.province,
  }));

  /** The second window: the one chosen, else the same window a year earlier (as the API's `previous`). */
  const comparisonWindow = computed<DateWindow | null>(() => {
    if (!state.value.compare) return null;
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
    if (!active.value || !incidents.canRead || !view.era) return;
    if (key === loadedResultKey && result.value) return;
    resultRequest?.abort();
    const request = new AbortController();
    resultRequest = request;
    loading.value = true;
    error.value = null;
    const askedOptions = optionsKey.value;
    try {
      result.value = await fetchUnitHotSpots(incidents.filterQuery, options.value, request.signal);
      loadedResultKey = key;
      resultOptionsKey.value = askedOptions;
    } catch (caught) {
      if (isAbort(caught)) return;
      result.value = null;
      loadedResultKey = null;
      error.value = toApiError(caught);
    } finally {
      if (resultRequest === request) loading.value = false;
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
    if (!active.value || !incidents.canRead || !view.era) return;
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

  watch([resultKey, active], () => void load(), { immediate: true });
  watch([comparisonKey, active], () => void loadComparison(), { immediate: true });

  /** The answer for the era on screen, or null (an era switch under way). */
  const shownResult = computed(() => (result.value?.era === view.era ? result.value : null));
  const shownComparison = computed(() =>
    state.value.compare && comparison.value?.era === view.era ? comparison.value : null,
  );

  function classesOf(answer: UnitHotSpots | null): ReadonlyMap<string, string> | null {
    return answer ? new Map(answer.units.map((unit) => [unit.code, hotSpotClass(unit)])) : null;
  }

  const classes = computed(() => classesOf(shownResult.value));
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

  /** A window without any incident: nothing can be a hot spot, and the view says so plainly. */
  const empty = computed(() => shownResult.value?.units.every((unit) => unit.count === 0) ?? false);

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
    active.value = shown;
  }

  function retry(): void {
    loadedResultKey = null;
    loadedComparisonKey = null;
    void load();
    void loadComparison();
  }

  return {
    state,
    result: shownResult,
    comparison: shownComparison,
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
