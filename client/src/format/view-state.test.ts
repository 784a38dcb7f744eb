import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_VIEW, type IncidentViewState } from './incident-filter';
import {
  parseMapQuery,
  parseViewState,
  serialiseMapQuery,
  serialiseViewState,
  type ViewState,
} from './view-state';

const fullView: ViewState = {
  era: '2021',
  date: '2024-05-01',
  camera: { longitude: 105.12345, latitude: 10.01, zoom: 9.5 },
  unit: '31006',
  layers: ['fill', 'districts', 'provinces', 'labels'],
  province: 'Tỉnh Kiên Giang',
  district: 'Huyện An Biên',
};

const emptyView: ViewState = {
  era: null,
  date: null,
  camera: null,
  unit: null,
  layers: null,
  province: null,
  district: null,
};

describe('view state in the URL', () => {
  it('round-trips a full view', () => {
    const query = serialiseViewState(fullView);
    expect(query).toEqual({
      era: '2021',
      date: '2024-05-01',
      lng: '105.12345',
      lat: '10.01',
      z: '9.5',
      unit: '31006',
      layers: 'fill,districts,provinces,labels',
      province: 'Tỉnh Kiên Giang',
      district: 'Huyện An Biên',
    });
    expect(parseViewState(query)).toEqual(fullView);
  });

  it('round-trips an empty view to an empty query', () => {
    expect(serialiseViewState(emptyView)).toEqual({});
    expect(parseViewState({})).toEqual(emptyView);
  });

  it('rounds the camera to what can be seen', () => {
    const query = serialiseViewState({
      ...emptyView,
      camera: { longitude: 105.123456789, latitude: 9.999999999, zoom: 10.126 },
    });
    expect(query).toMatchObject({ lng: '105.12346', lat: '10', z: '10.13' });
  });

  it('writes layers in one order, whatever order they were switched on in', () => {
    const query = serialiseViewState({ ...emptyView, layers: ['labels', 'fill', 'basemap'] });
    expect(query.layers).toBe('basemap,fill,labels');
  });

  it('keeps an empty layer list: every layer switched off', () => {
    expect(serialiseViewState({ ...emptyView, layers: [] }).layers).toBe('');
    expect(parseViewState({ layers: '' }).layers).toEqual([]);
  });

  it('ignores unknown layer names, and a list of nothing else', () => {
    expect(parseViewState({ layers: 'fill,roads,labels' }).layers).toEqual(['fill', 'labels']);
    expect(parseViewState({ layers: 'roads,rivers' }).layers).toBeNull();
  });

  it('drops a camera with any missing or impossible number', () => {
    const camera = { lng: '105', lat: '10', z: '9' };
    expect(parseViewState(camera).camera).toEqual({ longitude: 105, latitude: 10, zoom: 9 });
    expect(parseViewState({ ...camera, z: undefined }).camera).toBeNull();
    expect(parseViewState({ ...camera, lng: '200' }).camera).toBeNull();
    expect(parseViewState({ ...camera, lat: '-90' }).camera).toBeNull();
    expect(parseViewState({ ...camera, z: '-1' }).camera).toBeNull();
    expect(parseViewState({ ...camera, z: '30' }).camera).toBeNull();
    expect(parseViewState({ ...camera, lng: 'abc' }).camera).toBeNull();
    expect(parseViewState({ ...camera, lng: '' }).camera).toBeNull();
    expect(parseViewState({ ...camera, lng: '0x10' }).camera).toBeNull();
    expect(parseViewState({ ...camera, lat: 'Infinity' }).camera).toBeNull();
    expect(parseViewState({ ...camera, lat: null }).camera).toBeNull();
  });

  it('takes the first of repeated values and ignores blank or overlong text', () => {
    const view = parseViewState({
      era: ['2025', '2021'],
      unit: '   ',
      province: 'x'.repeat(500),
      district: [null, 'Huyện An Biên'],
    });
    expect(view.era).toBe('2025');
    expect(view.unit).toBeNull();
    expect(view.province).toBeNull();
    expect(view.district).toBeNull();
  });

  it('keeps Vietnamese names as they are', () => {
    const query = serialiseViewState({ ...emptyView, province: 'Thành phố Cần Thơ' });
    expect(parseViewState(query).province).toBe('Thành phố Cần Thơ');
  });

  it('carries the incident filter beside the view, neither disturbing the other', () => {
    const incidents: IncidentViewState = {
      filter: {
        period: 'last-30-days',
        from: null,
        to: null,
        categories: ['ma-tuy'],
        severities: ['dac-biet-nghiem-trong'],
        cleared: 'yes',
      },
      measure: 'change',
      method: 'equal-interval',
      classCount: 4,
    };
    const query = serialiseMapQuery(fullView, incidents);
    expect(query).toMatchObject(serialiseViewState(fullView));
    expect(query).toMatchObject({ period: 'last-30-days', categories: 'ma-tuy', measure: 'change' });
    expect(parseMapQuery(query)).toEqual({ view: fullView, incidents });
    // The view's own parser ignores the filter's parameters.
    expect(parseViewState(query)).toEqual(fullView);
    expect(serialiseMapQuery(emptyView, DEFAULT_INCIDENT_VIEW)).toEqual({});
  });
});
