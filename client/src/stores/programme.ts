import { programmeYear } from '@domain/programme/programme-year';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { fetchCommunes, fetchEras, fetchOutlines } from '../api/boundaries';
import { type ApiError, isAbort, toApiError } from '../api/http';
import {
  type CycleStatus,
  type DesignationKind,
  fetchDesignationKinds,
  fetchProgrammeCycles,
  fetchProgrammeDecisions,
  fetchProgrammeDesignations,
  fetchProgrammeKpis,
  fetchProgrammePhases,
  fetchProgrammeTracking,
  type ProgrammeCycleAnswer,
  type ProgrammeDecision,
  type ProgrammeDesignation,
  type ProgrammePhase,
  type ProgrammeTracking,
  type ProgrammeYearKpis,
  postCycleStep,
  uploadDecisionDocument,
} from '../api/programme';
import {
  type CriterionEntryView,
  fetchCriterionEntries,
  type NewCriterionEntry,
  postCriterionEntry,
} from '../api/programme-criterion-entries';
import type { CommuneCollection, EraList, OutlineCollection } from '../api/types';
import { districtBreakdown } from '../format/programme-districts';
import { defaultProgrammeYear, phaseYears } from '../format/programme-figures';
import { countStatuses, statusesByCommune } from '../format/programme-status';
import { buildTimeline } from '../format/programme-timeline';
import { areaTypeBreakdown, atRiskCommunes } from '../format/programme-tracking';

/** The units the map draws for the year: the era its cycles lie on. */
export interface ProgrammeUnits {
  era: string;
  communes: CommuneCollection;
  districts: OutlineCollection | null;
}

/**
 * The programme dashboard: the phases, the figures of every year of the shown year's phase (the cards and
 * the trend), the year's cycles (the map, its legend and the district table) on the units of their era,
 * and the timeline of the commune chosen. The year and commune come from the URL (views/ProgrammeView.vue).
 * Beside them the year's tracking (criteria values and risk flags, GET /api/programme/tracking), the
 * year's decisions for a planner's step form, and the step itself, after which everything shown reloads.
 */
export const useProgrammeStore = defineStore('programme', () => {
  const phases = shallowRef<ProgrammePhase[]>([]);
  const kinds = shallowRef<DesignationKind[]>([]);
  const eras = shallowRef<EraList | null>(null);
  const settingsLoading = ref(false);
  const settingsError = shallowRef<ApiError | null>(null);

  /** The year asked for (the URL); null: the default year once the phases are known. */
  const requestedYear = ref<number | null>(null);
  const kpisByYear = shallowRef<ReadonlyMap<number, ProgrammeYearKpis>>(new Map());
  const kpiErrors = shallowRef<ReadonlyMap<number, ApiError>>(new Map());
  const kpisLoading = ref(false);

  const cycles = shallowRef<ProgrammeCycleAnswer[]>([]);
  const cyclesYear = ref<number | null>(null);
  const cyclesLoading = ref(false);
  const cyclesError = shallowRef<ApiError | null>(null);
  const units = shallowRef<ProgrammeUnits | null>(null);

  const selectedUnit = ref<string | null>(null);
  const unitCycles = shallowRef<ProgrammeCycleAnswer[]>([]);
  const unitDesignations = shallowRef<ProgrammeDesignation[]>([]);
  /** The chosen commune's entered criteria of every year, newest first (the timeline). */
  const unitCriterionEntries = shallowRef<CriterionEntryView[]>([]);
  const unitLoading = ref(false);
  const unitError = shallowRef<ApiError | null>(null);

  const tracking = shallowRef<ProgrammeTracking | null>(null);
  const trackingError = shallowRef<ApiError | null>(null);
  const decisions = shallowRef<ProgrammeDecision[]>([]);
  const decisionsYear = ref<number | null>(null);
  const decisionsError = shallowRef<ApiError | null>(null);

  const year = computed(
    () => requestedYear.value ?? defaultProgrammeYear(phases.value, new Date().getFullYear()),
  );
  const phase = computed(() => {
    const shown = year.value;
    return shown === null
      ? undefined
      : phases.value.find((entry) => entry.firstYear <= shown && shown <= entry.lastYear);
  });
  const years = computed(() => phaseYears(phase.value));
  const yearSettings = computed(() =>
    phase.value && year.value !== null ? programmeYear(phase.value, year.value) : null,
  );
  const kpis = computed(() => (year.value === null ? null : (kpisByYear.value.get(year.value) ?? null)));
  const trend = computed(() =>
    years.value.flatMap((entry) => {
      const figures = kpisByYear.value.get(entry);
      return figures
        ? [
            {
              year: entry,
              achievedPct: figures.achievedPct,
              targetPct: figures.targetPct,
              sustainedPct: figures.sustainedPct,
              sustainedTargetPct: figures.sustainedTargetPct,
            },
          ]
        : [];
    }),
  );
  const statuses = computed(() => statusesByCommune(cycles.value));
  const legendCounts = computed(() =>
    countStatuses(
      statuses.value,
      (units.value?.communes.features ?? []).map((feature) => feature.properties.code),
    ),
  );
  const districts = computed(() => districtBreakdown(cycles.value));
  /** The tracking of the year shown; the previous year's stays hidden while the new one loads. */
  const yearTracking = computed(() => (tracking.value?.year === year.value ? tracking.value : null));
  const atRisk = computed(() => atRiskCommunes(yearTracking.value?.communes ?? []));
  const areaTypes = computed(() => areaTypeBreakdown(yearTracking.value?.communes ?? []));
  /** The chosen commune's tracking entry (its cycle of the year, or the earlier one still watched). */
  const unitTracking = computed(
    () => yearTracking.value?.communes.find((commune) => commune.unit.code === selectedUnit.value) ?? null,
  );
  /** The chosen commune's cycle a planner moves on: the latest up to the year shown. */
  const unitCycle = computed(() => {
    const shown = year.value ?? Number.POSITIVE_INFINITY;
    const candidates = unitCycles.value.filter((cycle) => cycle.year <= shown);
    return candidates.reduce<ProgrammeCycleAnswer | null>(
      (latest, cycle) => (latest === null || cycle.year > latest.year ? cycle : latest),
      null,
    );
  });
  const timeline = computed(() =>
    buildTimeline(
      unitCycles.value,
      unitDesignations.value,
      kinds.value.map((kind) => kind.code),
      unitCriterionEntries.value,
    ),
  );
  const selectedName = computed(() => {
    const code = selectedUnit.value;
    if (!code) return null;
    const cycle = [...unitCycles.value, ...cycles.value].find((entry) => entry.unit.code === code);
    if (cycle) return cycle.unit.fullName;
    return units.value?.communes.features.find((feature) => feature.properties.code === code)?.properties
      .fullName;
  });

  const error = computed(
    () =>
      settingsError.value ??
      cyclesError.value ??
      (year.value === null ? null : (kpiErrors.value.get(year.value) ?? null)),
  );
  const loading = computed(() => settingsLoading.value || kpisLoading.value || cyclesLoading.value);

  let active = false;
  let yearRequest: AbortController | null = null;
  let unitRequest: AbortController | null = null;

  async function loadSettings(): Promise<void> {
    settingsLoading.value = true;
    settingsError.value = null;
    try {
      const [phaseList, kindList, eraList] = await Promise.all([
        fetchProgrammePhases(),
        fetchDesignationKinds(),
        fetchEras(),
      ]);
      phases.value = phaseList;
      kinds.value = kindList;
      eras.value = eraList;
    } catch (caught) {
      settingsError.value = toApiError(caught);
    } finally {
      settingsLoading.value = false;
    }
  }

  /** The era of the year's units: the one most of its cycles lie on, else the one in force at the window's end. */
  function eraOfYear(list: readonly ProgrammeCycleAnswer[]): string | null {
    const counts = new Map<string, number>();
    for (const cycle of list) counts.set(cycle.era, (counts.get(cycle.era) ?? 0) + 1);
    const [mostUsed] = [...counts].sort((first, second) => second[1] - first[1]);
    if (mostUsed) return mostUsed[0];
    const end = yearSettings.value?.window.to;
    const inForce = eras.value?.eras.find(
      (era) => end !== undefined && era.validFrom <= end && (era.validTo === null || end <= era.validTo),
    );
    return inForce?.label ?? eras.value?.defaultEra ?? null;
  }

  async function loadUnits(era: string, signal: AbortSignal): Promise<void> {
    if (units.value?.era === era) return;
    const [communes, districtLines] = await Promise.all([
      fetchCommunes(era, signal),
      fetchOutlines(era, 'district', signal).catch(() => null),
    ]);
    units.value = { era, communes, districts: districtLines };
  }

  /** The figures of every year of the phase (once each), and the shown year's cycles on their units. */
  async function loadYear(): Promise<void> {
    const shown = year.value;
    if (!active || shown === null || !phase.value) return;
    yearRequest?.abort();
    const request = new AbortController();
    yearRequest = request;
    const missingYears = years.value.filter((entry) => !kpisByYear.value.has(entry));
    kpisLoading.value = missingYears.length > 0;
    cyclesLoading.value = true;
    cyclesError.value = null;
    kpiErrors.value = new Map();
    const kpiWork = Promise.all(
      missingYears.map(async (entry) => {
        try {
          const figures = await fetchProgrammeKpis(entry, request.signal);
          kpisByYear.value = new Map([...kpisByYear.value, [entry, figures]]);
        } catch (caught) {
          if (!isAbort(caught)) kpiErrors.value = new Map([...kpiErrors.value, [entry, toApiError(caught)]]);
        }
      }),
    ).finally(() => {
      if (yearRequest === request) kpisLoading.value = false;
    });
    try {
      const list = await fetchProgrammeCycles({ year: shown }, request.signal);
      const era = eraOfYear(list);
      if (era) await loadUnits(era, request.signal);
      if (yearRequest !== request) return;
      cycles.value = list;
      cyclesYear.value = shown;
      if (era) void loadTracking(shown, era, request);
    } catch (caught) {
      if (isAbort(caught)) return;
      cyclesError.value = toApiError(caught);
      cycles.value = [];
      cyclesYear.value = null;
    } finally {
      if (yearRequest === request) cyclesLoading.value = false;
    }
    await kpiWork;
  }

  /** The year's tracking; a failure shows beside the at-risk list and leaves the rest of the dashboard. */
  async function loadTracking(shown: number, era: string, request: AbortController): Promise<void> {
    trackingError.value = null;
    try {
      const answer = await fetchProgrammeTracking({ year: shown, era }, request.signal);
      if (yearRequest === request) tracking.value = answer;
    } catch (caught) {
      if (isAbort(caught) || yearRequest !== request) return;
      tracking.value = null;
      trackingError.value = toApiError(caught);
    }
  }

  /** The decisions of a cycle's year, for the step form's choice. */
  async function loadDecisions(decisionYear: number): Promise<void> {
    decisionsError.value = null;
    try {
      const list = await fetchProgrammeDecisions({ year: decisionYear });
      decisions.value = list;
      decisionsYear.value = decisionYear;
    } catch (caught) {
      decisionsError.value = toApiError(caught);
    }
  }

  /** A planner's step of a cycle; on success the figures, map, tracking and timeline reload. */
  async function takeStep(
    cycleId: number,
    step: { status: CycleStatus; date: string; decisionId?: number; reason?: string },
  ): Promise<ApiError | null> {
    try {
      await postCycleStep(cycleId, step);
    } catch (caught) {
      return toApiError(caught);
    }
    kpisByYear.value = new Map();
    await Promise.all([loadYear(), loadUnit()]);
    return null;
  }

  /** A planner's value of an entered criterion with its evidence; on success the tracking and timeline reload. */
  async function enterCriterion(entry: NewCriterionEntry): Promise<ApiError | null> {
    try {
      await postCriterionEntry(entry);
    } catch (caught) {
      return toApiError(caught);
    }
    await Promise.all([loadYear(), loadUnit()]);
    return null;
  }

  /** Attaches the signed PDF to a decision of the list. */
  async function attachDocument(decisionId: number, file: File): Promise<ApiError | null> {
    try {
      const updated = await uploadDecisionDocument(decisionId, file);
      decisions.value = decisions.value.map((decision) => (decision.id === decisionId ? updated : decision));
      return null;
    } catch (caught) {
      return toApiError(caught);
    }
  }

  /** The chosen commune's cycles and designations of every year, on the era of the map. */
  async function loadUnit(): Promise<void> {
    unitRequest?.abort();
    const code = selectedUnit.value;
    unitCycles.value = [];
    unitDesignations.value = [];
    unitCriterionEntries.value = [];
    unitError.value = null;
    if (!active || !code || !units.value) {
      unitLoading.value = false;
      return;
    }
    const request = new AbortController();
    unitRequest = request;
    unitLoading.value = true;
    const query = { era: units.value.era, unit: code };
    try {
      const [cycleList, designationList, entries] = await Promise.all([
        fetchProgrammeCycles(query, request.signal),
        fetchProgrammeDesignations(query, request.signal),
        fetchCriterionEntries(query, request.signal),
      ]);
      if (unitRequest !== request) return;
      unitCycles.value = cycleList;
      unitDesignations.value = designationList;
      unitCriterionEntries.value = entries.history;
    } catch (caught) {
      if (!isAbort(caught) && unitRequest === request) unitError.value = toApiError(caught);
    } finally {
      if (unitRequest === request) unitLoading.value = false;
    }
  }

  watch([year, phase], () => void loadYear());
  watch([selectedUnit, () => units.value?.era], () => void loadUnit());

  async function activate(): Promise<void> {
    active = true;
    // Figures change as cycles move: every visit asks afresh.
    kpisByYear.value = new Map();
    if (phases.value.length === 0 || settingsError.value) await loadSettings();
    await Promise.all([loadYear(), loadUnit()]);
  }

  function deactivate(): void {
    active = false;
    yearRequest?.abort();
    unitRequest?.abort();
  }

  function setYear(next: number | null): void {
    requestedYear.value = next;
  }

  function selectUnit(code: string | null): void {
    selectedUnit.value = code;
  }

  async function retry(): Promise<void> {
    if (settingsError.value) await loadSettings();
    kpisByYear.value = new Map([...kpisByYear.value].filter(([entry]) => !kpiErrors.value.has(entry)));
    await loadYear();
  }

  return {
    phases,
    kinds,
    year,
    years,
    phase,
    yearSettings,
    kpis,
    kpisByYear,
    trend,
    cycles,
    cyclesYear,
    units,
    statuses,
    legendCounts,
    districts,
    tracking: yearTracking,
    trackingError,
    atRisk,
    areaTypes,
    unitTracking,
    unitCycle,
    decisions,
    decisionsYear,
    decisionsError,
    loadDecisions,
    takeStep,
    enterCriterion,
    attachDocument,
    selectedUnit,
    selectedName,
    timeline,
    unitLoading,
    unitError,
    error,
    loading,
    activate,
    deactivate,
    setYear,
    selectUnit,
    retry,
    loadUnit,
  };
});
