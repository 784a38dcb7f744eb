import { describe, expect, it } from 'vitest';
import { cameraInQuery, cameraQuery } from './view-camera';

describe('a view camera in the URL', () => {
  it('is written rounded and read back', () => {
    const query = cameraQuery({ longitude: 105.123456789, latitude: 10.987654321, zoom: 9.87654 });
    expect(query).toEqual({ lng: '105.12346', lat: '10.98765', z: '9.88' });
    expect(cameraInQuery(query)).toEqual({ longitude: 105.12346, latitude: 10.98765, zoom: 9.88 });
  });

  it('is absent when the URL has none, or only part of one', () => {
    expect(cameraQuery(null)).toEqual({});
    expect(cameraInQuery({ year: '2024' })).toBeNull();
    expect(cameraInQuery({ lng: '105', lat: '10' })).toBeNull();
  });
});
