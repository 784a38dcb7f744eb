import { describe, expect, it } from 'vitest';
import {
  formatGeneratedAt,
  metresPerPixel,
  paperSize,
  parseBoundingBox,
  parsePrintQuery,
  scaleBar,
  scaleFraction,
  splitLocation,
} from './print-layout';

describe('print layout', () => {
  it('reads the print query, falling back to A4 landscape at 150 dpi', () => {
    expect(
      parsePrintQuery({
        view: '/map?era=x',
        paper: 'A3',
        orientation: 'portrait',
        dpi: '300',
        marking: ' MẬT ',
        language: 'en',
      }),
    ).toEqual({
      view: '/map?era=x',
      paper: 'A3',
      orientation: 'portrait',
      dpi: 300,
      title: null,
      subtitle: null,
      marking: 'MẬT',
      language: 'en',
    });
    const fallback = parsePrintQuery({ view: 'hotspots', paper: 'A5', dpi: '72', language: 'fr' });
    expect(fallback).toMatchObject({
      view: '/hotspots',
      paper: 'A4',
      orientation: 'landscape',
      dpi: 150,
      language: 'vi',
    });
  });

  it('turns the paper for landscape', () => {
    expect(paperSize('A4', 'landscape')).toEqual({ width: 297, height: 210 });
    expect(paperSize('A3', 'portrait')).toEqual({ width: 297, height: 420 });
  });

  it('splits a view address', () => {
    expect(splitLocation('/map?era=2021&unit=31006')).toEqual({
      path: '/map',
      query: { era: '2021', unit: '31006' },
    });
    expect(splitLocation('/programme')).toEqual({ path: '/programme', query: {} });
  });

  it('measures the ground as MapLibre does', () => {
    // Zoom 0 at the equator: the whole world in 512 px.
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.5, 0);
    expect(metresPerPixel(60, 1)).toBeCloseTo(78_271.5 / 4, 0);
  });

  it('picks a round scale-bar length that fits', () => {
    const bar = scaleBar(30, 150, 'vi-VN');
    expect(bar.metres).toBe(2000);
    expect(bar.label).toBe('2 km');
    expect(bar.pixels).toBeCloseTo(2000 / 30);
    expect(scaleBar(1.2, 150, 'vi-VN')).toMatchObject({ metres: 100, label: '100 m' });
    expect(scaleBar(0.03, 120, 'en-GB')).toMatchObject({ metres: 2, label: '2 m' });
  });

  it('writes the representative fraction', () => {
    // 66.1 m per CSS pixel is 250,000 times 0.2646 mm.
    expect(scaleFraction(66.146, 'vi-VN')).toBe('1 : 250.000');
  });

  it('stamps the time in Vietnam', () => {
    expect(formatGeneratedAt(new Date('2026-11-22T07:05:00Z'))).toBe('22/11/2026 14:05');
  });

  it('reads the area the screen showed', () => {
    expect(parseBoundingBox('104.5,9.8,105.6,10.6')).toEqual([104.5, 9.8, 105.6, 10.6]);
    expect(parseBoundingBox('105.6,9.8,104.5,10.6')).toBeNull();
    expect(parseBoundingBox('1,2,3')).toBeNull();
    expect(parseBoundingBox('a,b,c,d')).toBeNull();
    expect(parseBoundingBox(undefined)).toBeNull();
  });
});
