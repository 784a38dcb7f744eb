import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { BilingualError, bilingual } from './domain/bilingual';
import { type AppEnv, loadAccount } from './routes/access';
import { ApiError, errorBody, INTERNAL_ERROR } from './routes/api-error';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { briefingPackRoutes, briefingRenderRoutes } from './routes/briefing-packs';
import { carriedAggregateRoutes } from './routes/carried-aggregates';
import type { AppContext } from './routes/context';
import { eraRoutes } from './routes/eras';
import { flashpointRoutes } from './routes/flashpoints';
import { healthRoutes } from './routes/health';
import { hotSpotRoutes } from './routes/hot-spots';
import { INCIDENT_UPLOAD_PATH, incidentImportRoutes } from './routes/incident-imports';
import { incidentCategoryRoutes, incidentReadRoutes } from './routes/incidents-read';
import { incidentWriteRoutes } from './routes/incidents-write';
import { indicatorRoutes } from './routes/indicators';
import { lineageRoutes } from './routes/lineage';
import { programmeRoutes } from './routes/programme';
import { isDecisionDocumentUpload } from './routes/programme-decisions';
import { savedViewRoutes } from './routes/saved-views';
import { searchRoutes } from './routes/search';
import { securityHeaders } from './routes/security-headers';
import { settingsRoutes } from './routes/settings';
import { snapshotRoutes } from './routes/snapshots';
import { statsRoutes } from './routes/stats';
import { taxonomyRoutes } from './routes/taxonomies';
import { unitRoutes } from './routes/units';
import { userRoutes } from './routes/users';
import { viceSpotRoutes } from './routes/vice-spots';
import { AccountError } from './services/accounts';

/** Request bodies are small JSON documents; anything larger is refused before it is read. */
const MAXIMUM_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  /** The built client (dist/client) to serve beside the API; the API alone without it. */
  clientDirectory?: string;
}

/**
 * Builds the web application: the JSON API under /api and, when given, the client. Every API route but
 * /api/health and /api/auth/login needs a session; each declares the permission it needs (see
 * server/domain/access/PERMISSIONS.md) and filters by the account's scope.
 */
export function createApp(context: AppContext, options: AppOptions = {}) {
  const smallBodies = bodyLimit({
    maxSize: MAXIMUM_BODY_BYTES,
    onError: (c) =>
      c.json(
        errorBody('payload_too_large', bilingual('Dữ liệu gửi lên quá lớn', 'The request body is too large')),
        413,
      ),
  });
  const app = new Hono<AppEnv>()
    .use('*', securityHeaders(context))
    .use('*', compress())
    // Incident files and decision PDFs are uploaded whole; those routes set their own, larger limits.
    .use('/api/*', (c, next) =>
      c.req.path === INCIDENT_UPLOAD_PATH || isDecisionDocumentUpload(c.req.method, c.req.path)
        ? next()
        : smallBodies(c, next),
    )
    .use('/api/*', loadAccount(context))
    .route('/api/health', healthRoutes(context))
    .route('/api/auth', authRoutes(context))
    .route('/api/eras', eraRoutes(context))
    .route('/api/units', unitRoutes(context))
    // A unit's predecessors and successors across eras (/api/units/:code/lineage) and the lineage report.
    .route('/api', lineageRoutes(context))
    .route('/api/search', searchRoutes(context))
    .route('/api/settings', settingsRoutes(context))
    .route('/api/users', userRoutes(context))
    .route('/api/audit', auditRoutes(context))
    .route('/api/stats', statsRoutes(context))
    .route('/api/hotspots', hotSpotRoutes(context))
    .route('/api/incident-categories', incidentCategoryRoutes(context))
    // Lists and points, before the writes so that /points is never taken for an incident id.
    .route('/api/incidents', incidentReadRoutes(context))
    .route('/api/flashpoints', flashpointRoutes(context))
    .route('/api/vice-spots', viceSpotRoutes(context))
    .route('/api/indicators', indicatorRoutes(context))
    // Indicators and programme outcomes of an older era's units, carried to the newer era's through the lineage.
    .route('/api/carried', carriedAggregateRoutes(context))
    // Administrators' edits of the incident categories and indicator definitions (full paths inside).
    .route('/api', taxonomyRoutes(context))
    // Writes and history only; the incident lists are a router of their own on the same prefix.
    .route('/api/incidents', incidentWriteRoutes(context))
    .route('/api/incident-imports', incidentImportRoutes(context))
    .route('/api/programme', programmeRoutes(context))
    .route('/api/snapshots', snapshotRoutes(context, options.clientDirectory))
    .route('/api/saved-views', savedViewRoutes(context))
    .route('/api/briefing-packs', briefingPackRoutes(context))
    .route('/api/briefing-renders', briefingRenderRoutes(context));

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
    if (error instanceof AccountError) {
      const code = error.status === 404 ? 'not_found' : error.status === 409 ? 'conflict' : 'invalid_request';
      return c.json(errorBody(code, error.text), error.status);
    }
    if (error instanceof BilingualError) return c.json(errorBody('invalid_request', error.text), 400);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, such as a body that is not JSON.
      return c.json(
        errorBody(
          'bad_request',
          bilingual('Yêu cầu không đúng định dạng (JSON)', 'The request is malformed (expected JSON)'),
        ),
        error.status,
      );
    }
    console.error(error);
    return c.json(errorBody('internal_error', INTERNAL_ERROR), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
