import { onBeforeUnmount, ref, shallowRef } from 'vue';
import { type ApiError, isAbort, toApiError } from './http';

/**
 * A component's data from the API, the latest request winning: each load aborts the one under way, so an
 * answer arriving late never overwrites a newer one, and leaving the page aborts it too. Failures other
 * than an abort land in `error` (bilingual, as the server wrote it); `data` keeps its last value.
 */
export function useLatestLoad<Data>(initial: Data, fetchData: (signal: AbortSignal) => Promise<Data>) {
  const data = shallowRef<Data>(initial);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let request: AbortController | null = null;

  async function load(): Promise<void> {
    request?.abort();
    const current = new AbortController();
    request = current;
    loading.value = true;
    error.value = null;
    try {
      const loaded = await fetchData(current.signal);
      if (request === current) data.value = loaded;
    } catch (caught) {
      if (!isAbort(caught) && request === current) error.value = toApiError(caught);
    } finally {
      if (request === current) loading.value = false;
    }
  }

  onBeforeUnmount(() => request?.abort());
  return { data, loading, error, load };
}
