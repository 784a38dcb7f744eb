import { Hono } from 'hono';
import { z } from 'zod';
import { deleteSetting, readSetting, writeSetting } from '../db/queries/settings';
import { bilingual } from '../domain/bilingual';
import { type AppEnv, audit, permit } from './access';
import type { AppContext } from './context';
import { validBody } from './query-validation';

export interface BasemapSetting {
  url: string;
  attribution?: string;
}

export const BASEMAP_SETTING = 'basemap';

const settingsBody = z.object({
  basemap: z
    .object({
      url: z
        .string()
        .trim()
        .max(500)
        .regex(/^https?:\/\//),
      attribution: z.string().trim().max(200).optional(),
    })
    .nullable(),
});

/** /api/settings: what the client needs to know about this installation, and the admin's changes to it. */
export function settingsRoutes(context: AppContext) {
  const view = () => {
    const basemap = readSetting<BasemapSetting>(context.database, BASEMAP_SETTING);
    return {
      basemap: basemap
        ? {
            url: basemap.url,
            // A URL template with {z}/{x}/{y} is raster tiles; anything else a MapLibre style document.
            kind: basemap.url.includes('{z}') ? 'raster' : 'style',
            attribution: basemap.attribution ?? '',
          }
        : null,
    };
  };
  return new Hono<AppEnv>()
    .get('/', permit(context, 'boundaries:read'), (c) => c.json(view()))
    .put(
      '/',
      permit(context, 'settings:manage'),
      validBody(settingsBody, {
        basemap: bilingual(
          'null hoặc {url: "http(s)://…", attribution}',
          'null or {url: "http(s)://…", attribution}',
        ),
      }),
      (c) => {
        const { basemap } = c.req.valid('json');
        const before = view();
        if (basemap) writeSetting(context.database, BASEMAP_SETTING, basemap);
        else deleteSetting(context.database, BASEMAP_SETTING);
        const after = view();
        audit(c, context, { action: 'settings.update', target: 'basemap', before, after });
        return c.json(after);
      },
    );
}
