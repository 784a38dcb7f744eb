/**
 * The map view as it is written in the URL, so a view can be shared and reloaded:
 * `#/map?era=2021&date=2024-05-01&lng=105.12&lat=10.01&z=9.5&unit=31006&layers=fill,districts&province=…&district=…`.
 * `date` is the day the map is "as on": it picks the era valid that day (components/eras/era-date.ts).
 * Parsing never throws: a value that makes no sense is dropped and the view falls back to its default.
 * The incident filter and the choropleth's settings share the query (format/incident-filter.ts).
 */
import { isIsoDate } from '@domain/dates/calendar-date';
import {
  type IncidentViewState,
  parseIncidentViewState,
  serialiseIncidentViewState,
} from './incident-filter';

/** The layers a user can switch on and off, in the order they are written in the URL. */
export const LAYER_NAMES = [
  'basemap',
  'fill',
  'districts',
  'provinces',
  'labels',
  'heatmap',
  'incidents',
  'flashpoints',
  'viceSpots',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export interface MapCamera {
  longitude: number;
  latitude: number;
  zoom: number;
}

export interface ViewState {
  era: string | null;
  /** YYYY-MM-DD: the day the map shows the units of; null: not chosen, the era alone says. */
  date: string | null;
  /** Null: no view in the URL, so the map fits the era's extent. */
  camera: MapCamera | null;
  /** The selected commune's code. */
  unit: string | null;
  /** Null: the URL does not say, so the default layers show. */
  layers: LayerName[] | null;
  province: string | null;
  district: string | null;
}

/** A URL query as vue-router hands it over: a value may be missing, null or repeated. */
export type QueryInput = Record<string, string | null | (string | null)[] | undefined>;

// Web Mercator stops at ±85.05°; MapLibre's zoom range is 0–24.
const LATITUDE_LIMIT = 85;
const ZOOM_LIMIT = 24;
const MAXIMUM_TEXT_LENGTH = 200;
// About a metre at the equator, and a hundredth of a zoom level: finer than anyone can see.
const COORDINATE_DECIMALS = 5;
const ZOOM_DECIMALS = 2;

export function parseViewState(query: QueryInput): ViewState {
  return {
    era: textParameter(query.era),
    date: dateParameter(query.date),
    camera: parseCamera(query),
    unit: textParameter(query.unit),
    layers: parseLayers(query.layers),
    province: textParameter(query.province),
    district: textParameter(query.district),
  };
}

/** The query for a view; empty values are left out, numbers rounded to what can be seen. */
export function serialiseViewState(state: ViewState): Record<string, string> {
  const query: Record<string, string> = {};
  if (state.era) query.era = state.era;
  if (state.date) query.date = state.date;
  if (state.camera) {
    query.lng = roundedText(state.camera.longitude, COORDINATE_DECIMALS);
    query.lat = roundedText(state.camera.latitude, COORDINATE_DECIMALS);
    query.z = roundedText(state.camera.zoom, ZOOM_DECIMALS);
  }
  if (state.unit) query.unit = state.unit;
  if (state.layers) query.layers = LAYER_NAMES.filter((name) => state.layers?.includes(name)).join(',');
  if (state.province) query.province = state.province;
  if (state.district) query.district = state.district;
  return query;
}

/** The map's whole query: the view, then the incident filter; their parameter names never overlap. */
export function serialiseMapQuery(view: ViewState, incidents: IncidentViewState): Record<string, string> {
  return { ...serialiseViewState(view), ...serialiseIncidentViewState(incidents) };
}

export function parseMapQuery(query: QueryInput): { view: ViewState; incidents: IncidentViewState } {
  return { view: parseViewState(query), incidents: parseIncidentViewState(query) };
}

function firstValue(value: QueryInput[string]): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : null;
}

function textParameter(value: QueryInput[string]): string | null {
  const text = firstValue(value)?.trim();
  return text && text.length <= MAXIMUM_TEXT_LENGTH ? text : null;
}

function dateParameter(value: QueryInput[string]): string | null {
  const text = firstValue(value)?.trim();
  return text && isIsoDate(text) ? text : null;
}

function numberParameter(value: QueryInput[string], limit: number, lowest = -limit): number | null {
  const text = firstValue(value)?.trim();
  // Number('') is 0 and Number('0x1f') is 31: only plain decimals count.
  if (!text || !/^-?\d+(\.\d+)?$/.test(text)) return null;
  const number = Number(text);
  return number >= lowest && number <= limit ? number : null;
}

/** A camera needs all three numbers: half a view is no view. */
function parseCamera(query: QueryInput): MapCamera | null {
  const longitude = numberParameter(query.lng, 180);
  const latitude = numberParameter(query.lat, LATITUDE_LIMIT);
  const zoom = numberParameter(query.z, ZOOM_LIMIT, 0);
  if (longitude === null || latitude === null || zoom === null) return null;
  return { longitude, latitude, zoom };
}

function parseLayers(value: QueryInput[string]): LayerName[] | null {
  const text = firstValue(value);
  if (text === null) return null;
  // An empty list is a real choice (every layer off); a list of nothing but unknown names is not.
  if (text.trim() === '') return [];
  const names = text.split(',').map((name) => name.trim());
  const layers = LAYER_NAMES.filter((name) => names.includes(name));
  return layers.length > 0 ? layers : null;
}

function roundedText(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
