import { todayInVietnam } from '@domain/dates/calendar-date';
import type { ClassificationMethod } from '@domain/statistics/classification';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { useRoute } from 'vue-router';
import { type ApiError, isAbort, toApiError } from '../api/http';
import {
  fetchCategoryTaxonomy,
  fetchUnitSeries,
  fetchUnitStatistics,
  type UnitIncidentSeries,
  type UnitIncidentStatistics,
} from '../api/incident-statistics';
import type { IncidentFilterQuery, IncidentTaxonomy } from '../api/types';
import {
  type IncidentFilter,
  type IncidentViewState,
  type Measure,
  reportingMonthCount,
  reportingMonthsEndingAt,
  resolvePeriod,
} from '../format/incident-filter';
import { buildChoropleth, type Choropleth } from '../map/choropleth-classes';
import { useBoundariesStore } from './boundaries';
import { useSessionStore } from './session';
import { useViewStore } from './view';

/** How the time slider adds months up: each month alone, or everything up to it. */
export type PlaybackMode = 'window' | 'cumulative';

// The slider plays at most this many reporting months (five years), whatever the filter's window.
const MAXIMUM_PLAYBACK_MONTHS = 60;

/**
 * THE incident filter, one for the map, the lists and the charts, kept in the URL through the view store;
 * the figures per commune for it, and the choropleth made of them; the month the time slider shows.
 */
export const useIncidentsStore = defineStore('incidents', () => {
  const view = useViewStore();
  const boundaries = useBoundariesStore();
  const session = useSessionStore();
  const route = useRoute();

  const taxonomy = shallowRef<IncidentTaxonomy | null>(null);
  const statistics = shallowRef<UnitIncidentStatistics | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** Today in Vietnam, for the presets; read again whenever the filter changes. */
  const today = ref(todayInVietnam(new Date()));

  const state = computed(() => view.incidentView);
  const filter = computed(() => state.value.filter);
  const measure = computed(() => state.value.measure);
  const method = computed(() => state.value.method);
  const classCount = computed(() => state.value.classCount);
  const dates = computed(() => resolvePeriod(filter.value, today.value));
  const canRead = computed(() => session.can('incidents:read'));

  /** The filter as every incident endpoint takes it (the era of the map included). */
  const filterQuery = computed<IncidentFilterQuery>(() => {
    const current = filter.value;
    return {
      era: view.era,
      from: dates.value.from,
      to: dates.value.to,
      categories: current.categories.length > 0 ? current.categories.join(',') : null,
      severities: current.severities.length > 0 ? current.severities.join(',') : null,
      cleared: current.cleared === 'all' ? null : current.cleared,
    };
  });

  function update(changes: Partial<IncidentViewState>): void {
    today.value = todayInVietnam(new Date());
    view.setIncidentView({ ...state.value, ...changes });
  }

  function setFilter(changes: Partial<IncidentFilter>): void {
    const next = { ...filter.value, ...changes };
    // A preset keeps no dates of its own; custom starts from what the preset showed.
    if (next.period !== 'custom') {
      next.from = null;
      next.to = null;
    } else if (!next.from || !next.to) {
      next.from = dates.value.from;
      next.to = dates.value.to;
    }
    update({ filter: next });
  }

  function setMeasure(next: Measure): void {
    update({ measure: next });
  }

  function setClassification(nextMethod: ClassificationMethod, nextClassCount: number): void {
    update({ method: nextMethod, classCount: nextClassCount });
  }

  // Figures per commune for the filter; the previous year's too when the measure is the change.
  let statisticsRequest: AbortController | null = null;
  /** The filter the figures were fetched for. */
  let statisticsKey: string | null = null;
  /**
   * The figures only colour the map (the choropleth, its legend, the commune panel): they are asked for
   * while the map shows, and never for the other pages that share the filter (the hot spots, the list).
   */
  const choroplethShown = computed(() => route.name === 'map');

  async function loadStatistics(): Promise<void> {
    statisticsRequest?.abort();
    if (!canRead.value || !view.era) return;
    const request = new AbortController();
    statisticsRequest = request;
    loading.value = true;
    error.value = null;
    const key = JSON.stringify(filterQuery.value);
    try {
      statistics.value = await fetchUnitStatistics(
        filterQuery.value,
        measure.value === 'change',
        request.signal,
      );
      statisticsKey = key;
    } catch (caught) {
      if (isAbort(caught)) return;
      statistics.value = null;
      error.value = toApiError(caught);
    } finally {
      if (statisticsRequest === request) loading.value = false;
    }
  }

  async function loadTaxonomy(): Promise<void> {
    if (taxonomy.value || !canRead.value) return;
    try {
      taxonomy.value = await fetchCategoryTaxonomy();
    } catch (caught) {
      error.value = toApiError(caught);
    }
  }

  const comparing = computed(() => measure.value === 'change');
  watch(
    [filterQuery, canRead, choroplethShown],
    () => {
      if (!choroplethShown.value) {
        // Left the map: a request under way is of no use any more.
        statisticsRequest?.abort();
        return;
      }
      if (JSON.stringify(filterQuery.value) === statisticsKey && statistics.value) return;
      void loadStatistics();
    },
    { immediate: true },
  );
  // Figures fetched with last year's hold the counts too: only a switch to the change needs a new request.
  watch(comparing, (now) => {
    if (now && choroplethShown.value && !statistics.value?.previous) void loadStatistics();
  });

  // Playback: every month's counts per commune, fetched once per filter, then animated from memory.
  const playbackSeries = shallowRef<UnitIncidentSeries | null>(null);
  const playbackLoading = ref(false);
  /** The month shown (an index into the series' months), or null: the filter's whole window. */
  const playbackIndex = ref<number | null>(null);
  const playbackMode = ref<PlaybackMode>('window');
  let seriesRequest: AbortController | null = null;
  let seriesKey = '';

  const playbackMonthCount = computed(() =>
    Math.min(MAXIMUM_PLAYBACK_MONTHS, reportingMonthCount(dates.value)),
  );

  async function loadPlaybackSeries(): Promise<void> {
    const months = playbackMonthCount.value;
    // Whole reporting months: the first may start before the filter's first day.
    const query = { ...filterQuery.value, ...reportingMonthsEndingAt(dates.value.to, months) };
    const key = JSON.stringify([query, months]);
    if (key === seriesKey && playbackSeries.value) return;
    seriesRequest?.abort();
    const request = new AbortController();
    seriesRequest = request;
    playbackLoading.value = true;
    try {
      playbackSeries.value = await fetchUnitSeries(query, months, request.signal);
      seriesKey = key;
    } catch (caught) {
      if (isAbort(caught)) return;
      error.value = toApiError(caught);
    } finally {
      if (seriesRequest === request) playbackLoading.value = false;
    }
  }

  function showMonth(index: number | null): void {
    playbackIndex.value = index;
  }

  function setPlaybackMode(mode: PlaybackMode): void {
    playbackMode.value = mode;
  }

  // A new filter (or era) makes the cached months stale: back to the whole window.
  watch(filterQuery, () => {
    playbackIndex.value = null;
    playbackSeries.value = null;
    seriesKey = '';
  });

  /** What a commune's count becomes under the measure (the change is not defined for one month). */
  const unitFacts = computed(() => {
    const facts = new Map<string, { areaKm2: number; population: number | null }>();
    for (const feature of boundaries.units?.communes.features ?? []) {
      facts.set(feature.properties.code, {
        areaKm2: feature.properties.areaKm2,
        population: feature.properties.population,
      });
    }
    return facts;
  });

  function rateOf(code: string, count: number): number | null {
    const facts = unitFacts.value.get(code);
    if (measure.value === 'per1000') return facts?.population ? (count / facts.population) * 1000 : null;
    if (measure.value === 'perKm2') return facts && facts.areaKm2 > 0 ? count / facts.areaKm2 : null;
    return count;
  }

  /** The communes the area filter shows: classes are drawn from them alone. */
  const visibleCodes = computed(
    () => new Set(boundaries.visibleCommunes.map((feature) => feature.properties.code)),
  );

  /** Per-commune counts for every month of the series, in the playback mode. */
  const playbackFrames = computed(() => {
    const series = playbackSeries.value;
    if (!series) return null;
    return series.units
      .filter((unit) => visibleCodes.value.has(unit.code))
      .map((unit) => {
        if (playbackMode.value === 'window') return { code: unit.code, counts: unit.counts };
        const running: number[] = [];
        let total = 0;
        for (const count of unit.counts) {
          total += count;
          running.push(total);
        }
        return { code: unit.code, counts: running };
      });
  });

  // What the map shows while figures for a new measure are on their way: it stays, rather than flash grey.
  let lastChoropleth: Choropleth | null = null;

  const choropleth = computed<Choropleth | null>(() => {
    lastChoropleth = currentChoropleth();
    return lastChoropleth;
  });

  function currentChoropleth(): Choropleth | null {
    const frames = playbackFrames.value;
    const index = playbackIndex.value;
    if (frames && index !== null) {
      const values = new Map<string, number | null>();
      const pooled: (number | null)[] = [];
      for (const { code, counts } of frames) {
        values.set(code, rateOf(code, counts[index] ?? 0));
        for (const count of counts) pooled.push(rateOf(code, count));
      }
      return buildChoropleth(values, {
        method: method.value,
        classCount: classCount.value,
        diverging: false,
        classifyOver: pooled,
      });
    }
    const answer = statistics.value;
    if (!answer || answer.era !== view.era) return null;
    // The change needs last year's figures: until they come, the map keeps what it shows.
    if (measure.value === 'change' && answer.previous === null) return lastChoropleth;
    const values = new Map<string, number | null>();
    for (const unit of answer.units) {
      if (!visibleCodes.value.has(unit.code)) continue;
      const value = measure.value === 'change' ? unit.change : unit[measure.value];
      values.set(unit.code, value);
    }
    return buildChoropleth(values, {
      method: method.value,
      classCount: classCount.value,
      diverging: measure.value === 'change',
    });
  }

  /** The measure the map shows now: playback shows counts and rates, never the change. */
  const shownMeasure = computed<Measure>(() =>
    playbackIndex.value !== null && measure.value === 'change' ? 'count' : measure.value,
  );

  function categoryName(code: string, language: 'vi' | 'en'): string {
    const category = taxonomy.value?.categories.find((candidate) => candidate.code === code);
    if (!category) return code;
    return language === 'vi' ? category.nameVi : category.nameEn;
  }

  function severityName(code: string | null, language: 'vi' | 'en'): string {
    if (!code) return '';
    const severity = taxonomy.value?.severities.find((candidate) => candidate.code === code);
    if (!severity) return code;
    return language === 'vi' ? severity.nameVi : severity.nameEn;
  }

  function dismissError(): void {
    error.value = null;
  }

  return {
    taxonomy,
    statistics,
    loading,
    error,
    filter,
    measure,
    shownMeasure,
    method,
    classCount,
    dates,
    filterQuery,
    canRead,
    choropleth,
    playbackSeries,
    playbackLoading,
    playbackIndex,
    playbackMode,
    playbackMonthCount,
    setFilter,
    setMeasure,
    setClassification,
    loadStatistics,
    loadTaxonomy,
    loadPlaybackSeries,
    showMonth,
    setPlaybackMode,
    categoryName,
    severityName,
    dismissError,
  };
});
