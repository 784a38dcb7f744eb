import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { bilingual } from './domain/bilingual';
import { ApiError, errorBody, INTERNAL_ERROR } from './routes/api-error';
import type { AppContext } from './routes/context';
import { eraRoutes } from './routes/eras';
import { healthRoutes } from './routes/health';
import { searchRoutes } from './routes/search';
import { settingsRoutes } from './routes/settings';
import { unitRoutes } from './routes/units';

export interface AppOptions {
  /** The built client (dist/client) to serve beside the API; the API alone without it. */
  clientDirectory?: string;
}

/** Builds the web application: the JSON API under /api and, when given, the client. */
export function createApp(context: AppContext, options: AppOptions = {}) {
  const app = new Hono()
    .use('*', compress())
    .route('/api/health', healthRoutes(context))
    .route('/api/eras', eraRoutes(context))
    .route('/api/units', unitRoutes(context))
    .route('/api/search', searchRoutes(context))
    .route('/api/settings', settingsRoutes(context));

  app.all('/api/*', (c) =>
    c.json(
      errorBody('not_found', bilingual(`Không có API ${c.req.path}`, `No such API: ${c.req.path}`)),
      404,
    ),
  );

  const clientDirectory = options.clientDirectory;
  if (clientDirectory && existsSync(join(clientDirectory, 'index.html'))) {
    // Built assets have content hashes in their names, so they never change: cache them for a year.
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root: clientDirectory, precompressed: true }));
    app.get('*', serveStatic({ root: clientDirectory, path: 'index.html', precompressed: true }));
  }

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.text), error.status);
    console.error(error);
    return c.json(errorBody('internal_error', INTERNAL_ERROR), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
