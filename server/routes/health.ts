import { Hono } from 'hono';
import packageJson from '../../package.json' with { type: 'json' };
import { listEras } from '../db/queries/eras';
import type { AppContext } from './context';

/** /api/health: for monitoring and for the start-up check. */
export function healthRoutes(context: AppContext) {
  return new Hono().get('/', (c) => {
    const eras = listEras(context.database);
    return c.json({
      status: 'ok',
      version: packageJson.version,
      eras: eras.length,
      demo: eras.some((era) => era.isDemo),
    });
  });
}
