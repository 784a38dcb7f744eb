import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { COMMUNE_FILL_LAYER, COMMUNE_SOURCE } from './boundary-layers';
import { EMERGING_COLOURS, GISTAR_COLOURS, LISA_COLOURS } from './hot-spot-palette';

declare global {
  interface Window {
    /** The hot-spot view's maps by the window they show, for browser tests; set while the view shows them. */
    diabanHotSpotMaps?: Partial<Record<'current' | 'compare', MapLibreMap>>;
  }
}

/**
 * The feature-state key holding a commune's hot-spot class: a G_i* bin ("-3" … "3"), a LISA cluster or an
 * emerging pattern ("new-hot-spot" …).
 */
export const HOT_SPOT_STATE = 'hotSpot';

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

/** Each class's colour, read from feature-state; communes without a class keep the plain fill and its tints. */
function fillColour(): ExpressionSpecification {
  const arms = Object.entries({ ...GISTAR_COLOURS, ...LISA_COLOURS, ...EMERGING_COLOURS }).flat();
  return [
    'match',
    ['to-string', ['feature-state', HOT_SPOT_STATE]],
    ...arms,
    ['case', selected, '#f3c46b', hovered, '#fbe6b4', '#f7f4ea'],
  ] as unknown as ExpressionSpecification;
}

/**
 * Colours a map's communes by hot-spot class through feature-state: a new analysis (another method, window or
 * correction) sets one state per commune whose class changed and never touches the geometry, uploaded once
 * per era. After each paint, once the map is idle, `reportTo` gets `data-hot-spot-revision` (counting up)
 * and `data-hot-spot-communes`, for tests.
 */
export function createHotSpotPainter(map: MapLibreMap, reportTo: HTMLElement) {
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-color', fillColour());
  // Coloured classes are read at full strength; the selection shows by its outline.
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-opacity', 0.9);

  let shown = new Map<string, string>();
  let revision = 0;

  function setClass(code: string, className: string | null): void {
    map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { [HOT_SPOT_STATE]: className });
  }

  return {
    /** Shows these classes by commune code; communes left out lose theirs. */
    paint(classes: ReadonlyMap<string, string> | null): void {
      const next = classes ?? new Map<string, string>();
      for (const code of shown.keys()) if (!next.has(code)) setClass(code, null);
      for (const [code, className] of next) if (shown.get(code) !== className) setClass(code, className);
      shown = new Map(next);
      const paintedRevision = ++revision;
      map.once('idle', () => {
        // Only the latest paint reports; an older one's idle may come first.
        if (paintedRevision !== revision) return;
        reportTo.dataset.hotSpotRevision = String(paintedRevision);
        reportTo.dataset.hotSpotCommunes = String(next.size);
      });
      map.triggerRepaint();
    },
    /** The source's feature-state was wiped (another era's units): nothing is shown any more. */
    forget(): void {
      shown = new Map();
    },
  };
}

export type HotSpotPainter = ReturnType<typeof createHotSpotPainter>;
