import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { COMMUNE_FILL_LAYER, COMMUNE_SOURCE } from './boundary-layers';

/** The feature-state key holding a commune's choropleth colour ("#rrggbb"), absent when not coloured. */
export const CHOROPLETH_STATE = 'choropleth';

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const coloured: ExpressionSpecification = ['==', ['typeof', ['feature-state', CHOROPLETH_STATE]], 'string'];

/**
 * Colours the commune fill from feature-state: a filter change sets a colour per commune and never touches
 * the geometry, which stays uploaded once per era. Communes without a colour keep the plain fill, with its
 * hover and selection tints; coloured ones show selection by the selection outline.
 */
export function createChoroplethPainter(map: MapLibreMap) {
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-color', [
    'case',
    coloured,
    ['to-color', ['feature-state', CHOROPLETH_STATE]],
    selected,
    '#f3c46b',
    hovered,
    '#fbe6b4',
    '#f7f4ea',
  ]);

  /** What is on the map now, so that only communes whose colour changed are sent to MapLibre. */
  let shown = new Map<string, string>();
  let revision = 0;

  function setColour(code: string, colour: string | null): void {
    map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { [CHOROPLETH_STATE]: colour });
  }

  return {
    /** Shows these colours; communes left out lose theirs. Tests read `data-choropleth-*` on <html>. */
    paint(colours: ReadonlyMap<string, string> | null): void {
      const next = colours ?? new Map<string, string>();
      for (const code of shown.keys()) if (!next.has(code)) setColour(code, null);
      for (const [code, colour] of next) if (shown.get(code) !== colour) setColour(code, colour);
      shown = new Map(next);
      const paintedRevision = ++revision;
      map.once('idle', () => {
        // Only the latest paint reports; an older one's idle may come first.
        if (paintedRevision !== revision) return;
        const root = document.documentElement;
        root.dataset.choroplethRevision = String(paintedRevision);
        root.dataset.choroplethIdleAt = String(performance.now());
        root.dataset.choroplethCommunes = String(next.size);
      });
      map.triggerRepaint();
    },
    /** The source's feature-state was wiped (another era's units): nothing is shown any more. */
    forget(): void {
      shown = new Map();
    },
  };
}

export type ChoroplethPainter = ReturnType<typeof createChoroplethPainter>;
