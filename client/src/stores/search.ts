import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { searchUnits } from '../api/boundaries';
import { type ApiError, isAbort, toApiError } from '../api/http';
import type { SearchResult } from '../api/types';
import { useViewStore } from './view';

/** Unit search in the era on screen. The server ignores case and diacritics ("vinh thanh" → "Vĩnh Thạnh"). */
export const useSearchStore = defineStore('search', () => {
  const view = useViewStore();

  const text = ref('');
  const results = shallowRef<SearchResult[]>([]);
  const searching = ref(false);
  /** Whether the results are for the text as it is now (so "no results" can be told apart from "not yet"). */
  const answered = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let request: AbortController | null = null;

  async function search(query: string): Promise<void> {
    request?.abort();
    text.value = query;
    answered.value = false;
    error.value = null;
    if (!query.trim()) {
      results.value = [];
      searching.value = false;
      return;
    }
    const controller = new AbortController();
    request = controller;
    searching.value = true;
    try {
      results.value = await searchUnits(query.trim(), view.era, controller.signal);
      answered.value = true;
    } catch (caught) {
      if (isAbort(caught)) return;
      results.value = [];
      error.value = toApiError(caught);
    } finally {
      if (request === controller) searching.value = false;
    }
  }

  /** Selects a result's commune, in its era, and asks the map to frame it; other levels are only framed. */
  function choose(result: SearchResult): void {
    if (result.era !== view.era) view.setEra(result.era);
    view.selectUnit(result.level === 'commune' ? result.code : null);
    view.requestFit(result.boundingBox);
    clear();
  }

  function clear(): void {
    request?.abort();
    text.value = '';
    results.value = [];
    searching.value = false;
    answered.value = false;
    error.value = null;
  }

  return { text, results, searching, answered, error, search, choose, clear };
});
