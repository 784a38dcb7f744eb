import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { fetchCommunes, fetchEras, fetchOutlines } from '../api/boundaries';
import { type ApiError, isAbort, toApiError } from '../api/http';
import { fetchFormerDistricts } from '../api/lineage';
import type { CommuneCollection, Era, OutlineCollection, UnitFeature } from '../api/types';
import { dateInEra, eraOnDate } from '../components/eras/era-date';
import { useViewStore } from './view';

/** The units of the era on screen: communes, and district and province lines. */
export interface EraUnits {
  era: string;
  communes: CommuneCollection;
  districts: OutlineCollection | null;
  provinces: OutlineCollection | null;
  /** For an era without districts: each commune's former districts (through the lineage), by code. */
  formerDistricts: ReadonlyMap<string, readonly string[]>;
}

export interface AreaOption {
  name: string;
  code: string | null;
}

const collator = new Intl.Collator('vi');

/** Official lists run in code order (GSO); names without a code follow, alphabetically. */
function compareAreas(first: AreaOption, second: AreaOption): number {
  if (first.code && second.code) return first.code.localeCompare(second.code);
  if (first.code || second.code) return first.code ? -1 : 1;
  return collator.compare(first.name, second.name);
}

function areaOptions(pairs: Iterable<[string | null, string | null]>): AreaOption[] {
  const byName = new Map<string, AreaOption>();
  for (const [name, code] of pairs) {
    if (name && !byName.has(name)) byName.set(name, { name, code });
  }
  return [...byName.values()].sort(compareAreas);
}

/** Eras, the units of the one on screen, and the selected commune. Selection and filters live in the view. */
export const useBoundariesStore = defineStore('boundaries', () => {
  const view = useViewStore();

  const eras = ref<Era[]>([]);
  const defaultEra = ref<string | null>(null);
  const units = shallowRef<EraUnits | null>(null);
  const erasLoaded = ref(false);
  const loadingEras = ref(false);
  const loadingUnits = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let unitsRequest: AbortController | null = null;

  const loading = computed(() => loadingEras.value || loadingUnits.value);
  const currentEra = computed(() => eras.value.find((era) => era.label === view.era) ?? null);
  const communes = computed<UnitFeature[]>(() => units.value?.communes.features ?? []);
  const communesByCode = computed(
    () => new Map(communes.value.map((feature) => [feature.properties.code, feature])),
  );
  const selectedUnit = computed(() => (view.unit ? (communesByCode.value.get(view.unit) ?? null) : null));

  const provinces = computed(() =>
    areaOptions(communes.value.map(({ properties }) => [properties.province, properties.provinceCode])),
  );
  /**
   * In an era without districts (after 1 July 2025) the district filter offers the former districts, the
   * grouping planners still speak in: a commune belongs to each district its predecessors lay in.
   */
  const byFormerDistrict = computed(
    () => currentEra.value?.hasDistricts === false && (units.value?.formerDistricts.size ?? 0) > 0,
  );
  function districtsOf(feature: UnitFeature): readonly string[] {
    if (feature.properties.district) return [feature.properties.district];
    return units.value?.formerDistricts.get(feature.properties.code) ?? [];
  }
  const districts = computed(() =>
    areaOptions(
      communes.value
        .filter(({ properties }) => !view.province || properties.province === view.province)
        .flatMap((feature): [string | null, string | null][] =>
          feature.properties.district
            ? [[feature.properties.district, feature.properties.districtCode]]
            : districtsOf(feature).map((name) => [name, null]),
        ),
    ),
  );
  const hasDistricts = computed(
    () => (currentEra.value?.hasDistricts ?? false) && districts.value.length > 0,
  );
  const hasFormerDistricts = computed(() => byFormerDistrict.value && districts.value.length > 0);
  /** The communes the province and district filters let through. */
  const visibleCommunes = computed(() =>
    communes.value.filter(
      (feature) =>
        (!view.province || feature.properties.province === view.province) &&
        (!view.district || districtsOf(feature).includes(view.district)),
    ),
  );
  /** The codes a former district lets through, for the map's filter; null when no former district is chosen. */
  const formerDistrictCodes = computed(() =>
    byFormerDistrict.value && view.district
      ? visibleCommunes.value.map((feature) => feature.properties.code)
      : null,
  );

  async function loadEras(): Promise<void> {
    loadingEras.value = true;
    error.value = null;
    try {
      const answer = await fetchEras();
      eras.value = answer.eras;
      defaultEra.value = answer.defaultEra;
      erasLoaded.value = true;
      showEra();
    } catch (caught) {
      error.value = toApiError(caught);
    } finally {
      loadingEras.value = false;
    }
  }

  /** Loads the units of the era in the view; an era the server lacks gives way to its default. */
  function showEra(): void {
    if (eras.value.length === 0) return;
    if (!currentEra.value) {
      // A URL with a date and no era (or an era the server lacks) opens on the era of that date.
      const byDate = view.date ? eraOnDate(eras.value, view.date)?.label : undefined;
      const fallback = byDate ?? defaultEra.value ?? eras.value[0]?.label;
      // Setting the era calls this again through the watcher below.
      if (fallback && fallback !== view.era) view.setEra(fallback);
      return;
    }
    // The date goes with the era: one outside it moves to the era's nearest day.
    if (view.date && dateInEra(currentEra.value, view.date) !== view.date) {
      view.setEraAndDate(currentEra.value.label, dateInEra(currentEra.value, view.date));
    }
    if (currentEra.value.label !== units.value?.era) void loadUnits(currentEra.value.label);
  }

  async function loadUnits(era: string): Promise<void> {
    unitsRequest?.abort();
    const request = new AbortController();
    unitsRequest = request;
    loadingUnits.value = true;
    error.value = null;
    try {
      // Outlines are decoration: a failure there should not hide the communes.
      const hasDistricts = eras.value.find((candidate) => candidate.label === era)?.hasDistricts ?? true;
      const [communes, districts, provinces, formerDistricts] = await Promise.all([
        fetchCommunes(era, request.signal),
        fetchOutlines(era, 'district', request.signal).catch(ignoreUnlessAborted),
        fetchOutlines(era, 'province', request.signal).catch(ignoreUnlessAborted),
        // A grouping only: without it the era shows as it is, with no district filter.
        hasDistricts
          ? new Map<string, string[]>()
          : fetchFormerDistricts(era, request.signal).catch((caught: unknown) => {
              if (isAbort(caught)) throw caught;
              return new Map<string, string[]>();
            }),
      ]);
      units.value = { era, communes, districts, provinces, formerDistricts };
      forgetWhatThisEraLacks();
    } catch (caught) {
      if (isAbort(caught)) return;
      units.value = null;
      error.value = toApiError(caught);
    } finally {
      if (unitsRequest === request) loadingUnits.value = false;
    }
  }

  /** After an era switch, a selection or filter naming a unit the new era lacks would show nothing. */
  function forgetWhatThisEraLacks(): void {
    if (view.unit && !communesByCode.value.has(view.unit)) view.selectUnit(null);
    const province = provinces.value.some((option) => option.name === view.province) ? view.province : null;
    const district = districts.value.some((option) => option.name === view.district) ? view.district : null;
    if (province !== view.province || district !== view.district) view.setAreaFilter(province, district);
  }

  /** Narrows the map to a province and district; a selection left outside is dropped, what remains framed. */
  function filterArea(province: string | null, district: string | null): void {
    view.setAreaFilter(province, district);
    const selectedCode = view.unit;
    if (selectedCode && !visibleCommunes.value.some(({ properties }) => properties.code === selectedCode)) {
      view.selectUnit(null);
    }
    view.requestFit('visible-units');
  }

  function retry(): void {
    if (eras.value.length === 0) void loadEras();
    else if (view.era) void loadUnits(view.era);
  }

  function dismissError(): void {
    error.value = null;
  }

  watch(() => view.era, showEra);

  return {
    eras,
    erasLoaded,
    defaultEra,
    units,
    loading,
    error,
    currentEra,
    selectedUnit,
    provinces,
    districts,
    hasDistricts,
    hasFormerDistricts,
    visibleCommunes,
    formerDistrictCodes,
    loadEras,
    filterArea,
    retry,
    dismissError,
  };
});

function ignoreUnlessAborted(caught: unknown): null {
  if (isAbort(caught)) throw caught;
  return null;
}
