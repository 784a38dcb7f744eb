import { Hono } from 'hono';
import { readSetting } from '../db/queries/settings';
import type { AppContext } from './context';

export interface BasemapSetting {
  url: string;
  attribution?: string;
}

export const BASEMAP_SETTING = 'basemap';

/** /api/settings: what the client needs to know about this installation. */
export function settingsRoutes(context: AppContext) {
  return new Hono().get('/', (c) => {
    const basemap = readSetting<BasemapSetting>(context.database, BASEMAP_SETTING);
    return c.json({
      basemap: basemap
        ? {
            url: basemap.url,
            // A URL template with {z}/{x}/{y} is raster tiles; anything else a MapLibre style document.
            kind: basemap.url.includes('{z}') ? 'raster' : 'style',
            attribution: basemap.attribution ?? '',
          }
        : null,
    });
  });
}
