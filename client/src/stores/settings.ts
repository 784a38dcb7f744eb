import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { fetchSettings } from '../api/settings';
import type { BasemapSettings } from '../api/types';

/** Installation settings. Without them the map still works, just with no basemap. */
export const useSettingsStore = defineStore('settings', () => {
  const basemap = shallowRef<BasemapSettings | null>(null);
  const loaded = ref(false);
  /** Set by the map when the configured basemap fails to load (offline, wrong URL). */
  const basemapFailed = ref(false);

  async function loadSettings(): Promise<void> {
    try {
      basemap.value = (await fetchSettings()).basemap;
    } catch {
      basemap.value = null;
    } finally {
      loaded.value = true;
    }
  }

  function reportBasemapFailure(): void {
    basemapFailed.value = true;
  }

  return { basemap, loaded, basemapFailed, loadSettings, reportBasemapFailure };
});
