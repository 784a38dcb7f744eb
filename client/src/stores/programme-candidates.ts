import type { Position } from '@domain/geometry/types';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { fetchCommunes, fetchEras, fetchOutlines } from '../api/boundaries';
import { type ApiError, toApiError } from '../api/http';
import { fetchProgrammeCycles, fetchProgrammePhases, type ProgrammePhase } from '../api/programme';
import {
  type CandidatesAnswer,
  fetchCandidates,
  fetchSuggestion,
  proposeCommune,
  type SuggestionAnswer,
  type SuggestionOptions,
} from '../api/programme-candidates';
import type { EraList } from '../api/types';
import {
  type CandidateViewState,
  candidateBody,
  closedRing,
  defaultCandidateState,
  defaultCandidateYear,
  hasConstraints,
  type ListEntry,
  lassoIntoList,
  removeFromList,
  scoreClass,
  toggleInList,
} from '../format/programme-candidates';
import type { ProgrammeUnits } from './programme';

/** What saving the list as proposals did, commune by commune. */
export interface SaveReport {
  created: string[];
  /** Communes that already had a cycle that year: left as they are. */
  existing: string[];
  refused: { code: string; error: ApiError }[];
}

/** How long the ranking waits after a change before asking: a slider sends many changes. */
const SETTLE_MILLISECONDS = 250;

/**
 * The candidate-selection view: the ranking for the state in the URL (views/ProgrammeCandidatesView.vue),
 * the era's communes it lies on, the polygon the planner draws, the suggested list and the planner's edits
 * of it, and what saving it as proposals did.
 */
export const useProgrammeCandidatesStore = defineStore('programme-candidates', () => {
  const state = ref<CandidateViewState>(defaultCandidateState());
  const phases = shallowRef<ProgrammePhase[]>([]);
  const eras = shallowRef<EraList | null>(null);
  /** The era each year's ranking lies on when the URL names none (null: the server's default). */
  const eraByYear = new Map<number, string | null>();
  const answer = shallowRef<CandidatesAnswer | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const units = shallowRef<ProgrammeUnits | null>(null);
  /** How many answers arrived: the view and the tests know when the list is current. */
  const revision = ref(0);

  const vertices = ref<Position[]>([]);
  const drawing = ref(false);
  /** Whether the finished polygon limits the ranking (constraint "inside the polygon"). */
  const withinPolygon = ref(false);

  const list = ref<ListEntry[]>([]);
  const suggestion = shallowRef<SuggestionAnswer | null>(null);
  const suggesting = ref(false);
  const suggestionError = shallowRef<ApiError | null>(null);
  const saving = ref(false);
  const saveReport = shallowRef<SaveReport | null>(null);
  const saveError = shallowRef<ApiError | null>(null);

  const year = computed(
    () => state.value.year ?? defaultCandidateYear(phases.value, new Date().getFullYear()),
  );
  const polygonClosed = computed(() => !drawing.value && vertices.value.length >= 3);
  const body = computed(() =>
    candidateBody(
      state.value,
      year.value,
      withinPolygon.value && polygonClosed.value ? vertices.value : null,
    ),
  );
  const candidatesByCode = computed(
    () => new Map((answer.value?.candidates ?? []).map((candidate) => [candidate.code, candidate])),
  );
  /** Per commune of the map: its score class 0–4, or "failed" when a constraint rules it out. */
  const mapClasses = computed(() => {
    const classes = new Map<string, number | 'failed'>();
    const candidates = answer.value?.candidates ?? [];
    if (candidates.length > 0) {
      const scores = candidates.map((candidate) => candidate.score);
      const minimum = Math.min(...scores);
      const maximum = Math.max(...scores);
      for (const candidate of candidates)
        classes.set(candidate.code, scoreClass(candidate.score, minimum, maximum));
    }
    if (answer.value && hasConstraints(body.value)) {
      for (const feature of units.value?.communes.features ?? [])
        if (!classes.has(feature.properties.code)) classes.set(feature.properties.code, 'failed');
    }
    return classes;
  });
  const listed = computed(() => new Set(list.value.map((entry) => entry.code)));

  let active = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let requestNumber = 0;

  async function loadUnits(era: string): Promise<void> {
    if (units.value?.era === era) return;
    const [communes, districts] = await Promise.all([
      fetchCommunes(era),
      fetchOutlines(era, 'district').catch(() => null),
    ]);
    units.value = { era, communes, districts };
  }

  /**
   * The era of the programme around a year: the one most of the year's cycles lie on, else the previous
   * year's (carry-overs and "not selected lately" are read on it); null leaves it to the server.
   */
  async function eraOfYear(shown: number): Promise<string | null> {
    if (eraByYear.has(shown)) return eraByYear.get(shown) ?? null;
    let era: string | null = null;
    for (const candidateYear of [shown, shown - 1]) {
      const counts = new Map<string, number>();
      for (const cycle of await fetchProgrammeCycles({ year: candidateYear }))
        counts.set(cycle.era, (counts.get(cycle.era) ?? 0) + 1);
      const [mostUsed] = [...counts].sort((first, second) => second[1] - first[1]);
      if (mostUsed) {
        era = mostUsed[0];
        break;
      }
    }
    eraByYear.set(shown, era);
    return era;
  }

  async function rank(): Promise<void> {
    if (!active) return;
    const number = ++requestNumber;
    loading.value = true;
    error.value = null;
    try {
      const era = state.value.era ?? (await eraOfYear(year.value));
      const ranked = await fetchCandidates({ ...body.value, ...(era ? { era } : {}) });
      await loadUnits(ranked.computation.era);
      if (number !== requestNumber) return;
      answer.value = ranked;
      revision.value++;
    } catch (caught) {
      if (number !== requestNumber) return;
      error.value = toApiError(caught);
      answer.value = null;
    } finally {
      if (number === requestNumber) loading.value = false;
    }
  }

  function scheduleRank(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void rank();
    }, SETTLE_MILLISECONDS);
  }

  watch([body, () => state.value.era], (next, previous) => {
    if (JSON.stringify(next) !== JSON.stringify(previous)) scheduleRank();
  });

  async function activate(): Promise<void> {
    active = true;
    // Cycles change between visits (proposals saved): the era of a year is asked afresh.
    eraByYear.clear();
    if (phases.value.length === 0 || !eras.value) {
      try {
        [phases.value, eras.value] = await Promise.all([fetchProgrammePhases(), fetchEras()]);
      } catch {
        // Without phases the year is this year, and the era the server's; the ranking still works.
      }
    }
    await rank();
  }

  function deactivate(): void {
    active = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    requestNumber++;
  }

  function setState(next: CandidateViewState): void {
    if (JSON.stringify(next) !== JSON.stringify(state.value)) state.value = next;
  }

  // Drawing: click adds a vertex, double-click or the button finishes, another button clears.
  function startDrawing(): void {
    vertices.value = [];
    drawing.value = true;
  }

  function addVertex(position: Position): void {
    if (!drawing.value) return;
    // A double-click's clicks land on the same point: one vertex.
    const last = vertices.value.at(-1);
    if (
      last &&
      Math.abs((last[0] as number) - (position[0] as number)) < 1e-9 &&
      Math.abs((last[1] as number) - (position[1] as number)) < 1e-9
    )
      return;
    vertices.value = [...vertices.value, position];
  }

  function finishDrawing(): void {
    drawing.value = false;
    if (vertices.value.length < 3) vertices.value = [];
  }

  function clearPolygon(): void {
    drawing.value = false;
    vertices.value = [];
    withinPolygon.value = false;
  }

  function entryOf(code: string): Omit<ListEntry, 'reason' | 'explanation'> | null {
    const candidate = candidatesByCode.value.get(code);
    if (candidate) {
      return {
        code,
        name: candidate.fullName,
        district: candidate.district,
        score: candidate.score,
        rank: candidate.rank,
      };
    }
    const feature = units.value?.communes.features.find((unit) => unit.properties.code === code);
    if (!feature) return null;
    return {
      code,
      name: feature.properties.fullName,
      district: feature.properties.district,
      score: 0,
      rank: 0,
    };
  }

  /** A commune clicked on the map: out of the list when in it, else in. */
  function toggle(code: string): void {
    const entry = entryOf(code);
    if (entry) list.value = toggleInList(list.value, entry);
  }

  function remove(code: string): void {
    list.value = removeFromList(list.value, code);
  }

  /** Every commune of the ranking whose label point lies in the drawn polygon joins the list. */
  function lasso(): void {
    const ring = closedRing(vertices.value);
    if (!ring || !units.value) return;
    const communes = units.value.communes.features.flatMap((feature) => {
      const entry = entryOf(feature.properties.code);
      return entry
        ? [{ ...entry, point: [feature.properties.labelLongitude, feature.properties.labelLatitude] }]
        : [];
    });
    list.value = lassoIntoList(
      list.value,
      ring,
      communes.filter((commune) => candidatesByCode.value.has(commune.code)),
    );
  }

  async function suggest(options: SuggestionOptions): Promise<void> {
    suggesting.value = true;
    suggestionError.value = null;
    saveReport.value = null;
    try {
      const era = answer.value?.computation.era;
      const suggested = await fetchSuggestion({ ...body.value, ...(era ? { era } : {}), ...options });
      suggestion.value = suggested;
      list.value = suggested.communes.map((commune) => ({
        code: commune.code,
        name: commune.fullName,
        district: commune.district,
        score: commune.score,
        rank: commune.rank,
        reason: commune.reason,
        explanation: commune.explanation,
      }));
    } catch (caught) {
      suggestionError.value = toApiError(caught);
    } finally {
      suggesting.value = false;
    }
  }

  function clearList(): void {
    list.value = [];
    suggestion.value = null;
    saveReport.value = null;
  }

  /** Proposes each commune of the list that has no cycle yet that year; reports each outcome. */
  async function saveAsProposals(): Promise<void> {
    const era = answer.value?.computation.era ?? units.value?.era;
    if (!era || list.value.length === 0) return;
    saving.value = true;
    saveError.value = null;
    saveReport.value = null;
    const shownYear = year.value;
    try {
      const cycles = await fetchProgrammeCycles({ year: shownYear, era });
      const existingCodes = new Set(cycles.map((cycle) => cycle.unit.code));
      const report: SaveReport = { created: [], existing: [], refused: [] };
      for (const entry of list.value) {
        if (existingCodes.has(entry.code)) {
          report.existing.push(entry.code);
          continue;
        }
        try {
          await proposeCommune(era, entry.code, shownYear);
          report.created.push(entry.code);
        } catch (caught) {
          report.refused.push({ code: entry.code, error: toApiError(caught) });
        }
      }
      saveReport.value = report;
    } catch (caught) {
      saveError.value = toApiError(caught);
    } finally {
      saving.value = false;
    }
  }

  return {
    state,
    phases,
    eras,
    year,
    answer,
    loading,
    error,
    units,
    revision,
    vertices,
    drawing,
    withinPolygon,
    polygonClosed,
    body,
    candidatesByCode,
    mapClasses,
    list,
    listed,
    suggestion,
    suggesting,
    suggestionError,
    saving,
    saveReport,
    saveError,
    activate,
    deactivate,
    setState,
    rank,
    startDrawing,
    addVertex,
    finishDrawing,
    clearPolygon,
    toggle,
    remove,
    lasso,
    suggest,
    clearList,
    saveAsProposals,
  };
});
