import { Hono } from 'hono';
import { z } from 'zod';
import { bilingual } from '../domain/bilingual';
import { basemapView, changeBasemap, readBasemap } from '../services/basemap-setting';
import { type AppEnv, accountOf, clientAddress, permit } from './access';
import type { AppContext } from './context';
import { validBody } from './query-validation';

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
  const view = () => ({ basemap: basemapView(readBasemap(context.database)) });
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
        const actor = { name: accountOf(c).user.username, address: clientAddress(c) };
        changeBasemap(
          context.database,
          basemap
            ? { url: basemap.url, ...(basemap.attribution ? { attribution: basemap.attribution } : {}) }
            : null,
          actor,
          context.now(),
        );
        return c.json(view());
      },
    );
}
