import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { PROGRAMME_STATUS_COLOURS, type ProgrammeMapStatus } from '../format/programme-status';
import { COMMUNE_FILL_LAYER, COMMUNE_SOURCE } from './boundary-layers';

declare global {
  interface Window {
    /** The programme dashboard's map, for browser tests; set while the view shows it. */
    diabanProgrammeMap?: MapLibreMap;
  }
}

/** The feature-state key holding a commune's programme status of the year shown. */
export const PROGRAMME_STATE = 'programme';

const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];

function fillColour(): ExpressionSpecification {
  const { none, ...coloured } = PROGRAMME_STATUS_COLOURS;
  return [
    'match',
    ['to-string', ['feature-state', PROGRAMME_STATE]],
    ...Object.entries(coloured).flat(),
    ['case', selected, '#f3c46b', hovered, '#fbe6b4', none],
  ] as unknown as ExpressionSpecification;
}

/**
 * Colours the communes by the year's cycle status through feature-state: another year sets one state per
 * commune whose status changed, never the geometry. After each paint, once the map is idle, `reportTo`
 * gets `data-programme-revision` (counting up) and `data-programme-communes`, for tests.
 */
export function createProgrammePainter(map: MapLibreMap, reportTo: HTMLElement) {
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-color', fillColour());
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-opacity', 0.9);

  let shown = new Map<string, ProgrammeMapStatus>();
  let revision = 0;

  function setStatus(code: string, status: ProgrammeMapStatus | null): void {
    map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { [PROGRAMME_STATE]: status });
  }

  return {
    /** Shows these statuses by commune code; communes left out lose theirs. */
    paint(statuses: ReadonlyMap<string, ProgrammeMapStatus> | null): void {
      const next = statuses ?? new Map<string, ProgrammeMapStatus>();
      for (const code of shown.keys()) if (!next.has(code)) setStatus(code, null);
      for (const [code, status] of next) if (shown.get(code) !== status) setStatus(code, status);
      shown = new Map(next);
      const paintedRevision = ++revision;
      map.once('idle', () => {
        if (paintedRevision !== revision) return;
        reportTo.dataset.programmeRevision = String(paintedRevision);
        reportTo.dataset.programmeCommunes = String(next.size);
      });
      map.triggerRepaint();
    },
    /** The source's feature-state was wiped (another era's units). */
    forget(): void {
      shown = new Map();
    },
  };
}

export type ProgrammePainter = ReturnType<typeof createProgrammePainter>;
