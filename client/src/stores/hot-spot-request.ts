import { type Ref, ref, type ShallowRef, shallowRef, watch } from 'vue';
import { type ApiError, isAbort, toApiError } from '../api/http';

export interface KeyedRequest<T> {
  /** The latest answer, kept while another is on its way (the map keeps what it shows). */
  value: ShallowRef<T | null>;
  /** The key `value` was asked with. */
  valueKey: Ref<string | null>;
  loading: Ref<boolean>;
  error: ShallowRef<ApiError | null>;
  /** Asks again for the current key, even when its answer is there. */
  retry(): Promise<void>;
}

/**
 * One answer the hot-spot view asks the API for. The key says what is wanted (the filter and the options,
 * as text) or null for nothing (another mode, an overlay switched off, the view not shown): a new key asks
 * again and aborts the older request, null only aborts it, and a key already answered asks nothing. An
 * answer is only ever stored for the key it was asked with, so a slow old answer never replaces a newer one.
 */
export function useKeyedRequest<T>(
  key: () => string | null,
  fetchAnswer: (signal: AbortSignal) => Promise<T>,
): KeyedRequest<T> {
  const value = shallowRef<T | null>(null);
  const valueKey = ref<string | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let request: AbortController | null = null;

  async function load(again: boolean): Promise<void> {
    const asked = key();
    if (asked === null) {
      request?.abort();
      request = null;
      loading.value = false;
      return;
    }
    if (!again && asked === valueKey.value && value.value !== null) return;
    request?.abort();
    const controller = new AbortController();
    request = controller;
    loading.value = true;
    error.value = null;
    try {
      const answer = await fetchAnswer(controller.signal);
      if (request !== controller) return;
      value.value = answer;
      valueKey.value = asked;
    } catch (caught) {
      if (isAbort(caught) || request !== controller) return;
      value.value = null;
      valueKey.value = null;
      error.value = toApiError(caught);
    } finally {
      if (request === controller) {
        loading.value = false;
        request = null;
      }
    }
  }

  watch(key, () => void load(false), { immediate: true });

  return { value, valueKey, loading, error, retry: () => load(true) };
}
