import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { ApiError } from '../api/http';
import { useKeyedRequest } from './hot-spot-request';

/** A fetcher whose answers the test releases one by one, recording what was asked and what was aborted. */
function controlledFetcher() {
  const pending: {
    key: string;
    signal: AbortSignal;
    resolve: (value: string) => void;
    reject: (error: unknown) => void;
  }[] = [];
  const wanted = ref<string | null>(null);
  const fetcher = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      pending.push({ key: wanted.value as string, signal, resolve, reject });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { pending, wanted, fetcher };
}

const settle = async () => {
  await nextTick();
  await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('a keyed request of the hot-spot view', () => {
  it('asks nothing without a key, asks once per key, and aborts an older request for a newer one', async () => {
    const { pending, wanted, fetcher } = controlledFetcher();
    const request = useKeyedRequest(() => wanted.value, fetcher);
    await settle();
    expect(pending).toHaveLength(0);

    wanted.value = 'a';
    await settle();
    expect(request.loading.value).toBe(true);
    wanted.value = 'b';
    await settle();
    expect(pending.map((entry) => entry.key)).toEqual(['a', 'b']);
    expect(pending[0]?.signal.aborted).toBe(true);
    pending[1]?.resolve('answer b');
    await settle();
    expect(request.value.value).toBe('answer b');
    expect(request.valueKey.value).toBe('b');
    expect(request.loading.value).toBe(false);

    // Switched off and on again: the answer for the same key is still there, nothing is asked.
    wanted.value = null;
    await settle();
    wanted.value = 'b';
    await settle();
    expect(pending).toHaveLength(2);
    expect(request.value.value).toBe('answer b');
  });

  it('keeps the answer shown while the next one comes, and stores a failure as an ApiError', async () => {
    const { pending, wanted, fetcher } = controlledFetcher();
    const request = useKeyedRequest(() => wanted.value, fetcher);
    wanted.value = 'a';
    await settle();
    pending[0]?.resolve('answer a');
    await settle();
    wanted.value = 'c';
    await settle();
    expect(request.value.value).toBe('answer a');
    pending[1]?.reject(new ApiError(400, 'invalid_parameter', { vi: 'Sai', en: 'Wrong' }));
    await settle();
    expect(request.value.value).toBeNull();
    expect(request.error.value?.text.en).toBe('Wrong');

    // Asking again clears the error and asks for the same key.
    void request.retry();
    await settle();
    expect(request.error.value).toBeNull();
    expect(pending.map((entry) => entry.key)).toEqual(['a', 'c', 'c']);
    pending[2]?.resolve('answer c');
    await settle();
    expect(request.value.value).toBe('answer c');
  });

  it('switching off aborts the request under way', async () => {
    const { pending, wanted, fetcher } = controlledFetcher();
    const request = useKeyedRequest(() => wanted.value, fetcher);
    wanted.value = 'a';
    await settle();
    wanted.value = null;
    await settle();
    expect(pending[0]?.signal.aborted).toBe(true);
    expect(request.loading.value).toBe(false);
    expect(request.error.value).toBeNull();
  });
});
