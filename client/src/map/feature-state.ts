import type { Map as MapLibreMap } from 'maplibre-gl';
import { COMMUNE_SOURCE } from './boundary-layers';

/**
 * Hover and selection as feature-state on the commune source: the paint expressions read it, so
 * highlighting never re-uploads geometry.
 */
export function createCommuneHighlighter(map: MapLibreMap) {
  let hoveredCode: string | null = null;
  let selectedCode: string | null = null;

  function setState(code: string | null, state: Record<string, boolean>): void {
    if (code !== null) map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, state);
  }

  return {
    hover(code: string | null): void {
      if (code === hoveredCode) return;
      setState(hoveredCode, { hover: false });
      hoveredCode = code;
      setState(code, { hover: true });
    },
    select(code: string | null): void {
      setState(selectedCode, { selected: false });
      selectedCode = code;
      setState(code, { selected: true });
    },
    /** Forgets every state, e.g. when another era's units replace these. */
    reset(): void {
      map.removeFeatureState({ source: COMMUNE_SOURCE });
      hoveredCode = null;
      selectedCode = null;
    },
  };
}

export type CommuneHighlighter = ReturnType<typeof createCommuneHighlighter>;
