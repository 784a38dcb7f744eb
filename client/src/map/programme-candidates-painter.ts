import type { Position } from '@domain/geometry/types';
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { FAILED_COLOUR, SCORE_COLOURS } from '../format/programme-candidates';
import { COMMUNE_FILL_LAYER, COMMUNE_SOURCE } from './boundary-layers';

declare global {
  interface Window {
    /** The candidate view's map, for browser tests; set while the view shows it. */
    diabanCandidatesMap?: MapLibreMap;
  }
}

/** Feature-state keys: the score class (0–4, −1 failing a constraint) and membership of the list. */
export const CANDIDATE_STATE = 'candidate';
export const LISTED_STATE = 'listed';

const LISTED_LAYER = 'candidates-listed';
const POLYGON_SOURCE = 'candidates-polygon';
const POLYGON_FILL_LAYER = 'candidates-polygon-fill';
const POLYGON_LINE_LAYER = 'candidates-polygon-line';
const POLYGON_VERTEX_LAYER = 'candidates-polygon-vertices';

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const listed: ExpressionSpecification = ['boolean', ['feature-state', LISTED_STATE], false];

function fillColour(): ExpressionSpecification {
  return [
    'match',
    ['to-number', ['feature-state', CANDIDATE_STATE], -2],
    -1,
    FAILED_COLOUR,
    ...SCORE_COLOURS.flatMap((colour, index) => [index, colour]),
    ['case', hovered, '#fbe6b4', '#f4f1ea'],
  ] as unknown as ExpressionSpecification;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The polygon being drawn (a line while open) and its vertices. */
function polygonData(vertices: readonly Position[], closed: boolean): FeatureCollection {
  if (vertices.length === 0) return EMPTY;
  const first = vertices[0] as Position;
  const outline =
    closed && vertices.length >= 3
      ? {
          type: 'Feature' as const,
          properties: {},
          geometry: { type: 'Polygon' as const, coordinates: [[...vertices, first]] },
        }
      : {
          type: 'Feature' as const,
          properties: {},
          geometry: { type: 'LineString' as const, coordinates: [...vertices] },
        };
  return {
    type: 'FeatureCollection',
    features: [
      ...(vertices.length >= 2 ? [outline] : []),
      ...vertices.map((vertex) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Point' as const, coordinates: vertex },
      })),
    ],
  };
}

/**
 * Colours the communes by score class through feature-state, greys those failing a constraint, outlines
 * those of the list, and draws the planner's polygon with GeoJSON layers. After each paint, once the map is
 * idle, `reportTo` gets `data-candidates-revision` and `data-candidates-listed`, for tests.
 */
export function createCandidatesPainter(map: MapLibreMap, reportTo: HTMLElement) {
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-color', fillColour());
  map.setPaintProperty(COMMUNE_FILL_LAYER, 'fill-opacity', 0.9);
  map.addLayer({
    id: LISTED_LAYER,
    type: 'line',
    source: COMMUNE_SOURCE,
    paint: {
      'line-color': '#173246',
      'line-width': ['case', listed, 3, 0],
      'line-opacity': ['case', listed, 1, 0],
    },
  });
  map.addSource(POLYGON_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: POLYGON_FILL_LAYER,
    type: 'fill',
    source: POLYGON_SOURCE,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': '#1f6f8b', 'fill-opacity': 0.12 },
  });
  map.addLayer({
    id: POLYGON_LINE_LAYER,
    type: 'line',
    source: POLYGON_SOURCE,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': '#1f6f8b', 'line-width': 2, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: POLYGON_VERTEX_LAYER,
    type: 'circle',
    source: POLYGON_SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 4,
      'circle-color': '#fff',
      'circle-stroke-color': '#1f6f8b',
      'circle-stroke-width': 2,
    },
  });

  let shownClasses = new Map<string, number>();
  let shownListed = new Set<string>();
  let revision = 0;

  function report(listedCount: number): void {
    const paintedRevision = ++revision;
    map.once('idle', () => {
      if (paintedRevision !== revision) return;
      reportTo.dataset.candidatesRevision = String(paintedRevision);
      reportTo.dataset.candidatesListed = String(listedCount);
    });
    map.triggerRepaint();
  }

  return {
    /** Score classes by commune code ("failed": greyed); communes left out lose theirs. */
    paint(classes: ReadonlyMap<string, number | 'failed'>, listedCodes: ReadonlySet<string>): void {
      const next = new Map([...classes].map(([code, value]) => [code, value === 'failed' ? -1 : value]));
      for (const code of shownClasses.keys())
        if (!next.has(code))
          map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { [CANDIDATE_STATE]: null });
      for (const [code, value] of next)
        if (shownClasses.get(code) !== value)
          map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { [CANDIDATE_STATE]: value });
      for (const code of shownListed)
        if (!listedCodes.has(code))
          map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { [LISTED_STATE]: false });
      for (const code of listedCodes)
        if (!shownListed.has(code))
          map.setFeatureState({ source: COMMUNE_SOURCE, id: code }, { [LISTED_STATE]: true });
      shownClasses = next;
      shownListed = new Set(listedCodes);
      report(listedCodes.size);
    },
    drawPolygon(vertices: readonly Position[], closed: boolean): void {
      map.getSource<GeoJSONSource>(POLYGON_SOURCE)?.setData(polygonData(vertices, closed));
    },
    /** The source's feature-state was wiped (another era's units). */
    forget(): void {
      shownClasses = new Map();
      shownListed = new Set();
    },
  };
}

export type CandidatesPainter = ReturnType<typeof createCandidatesPainter>;
