import { Hono } from 'hono';
import packageJson from '../../package.json' with { type: 'json' };
import { countEras } from '../db/queries/eras';
import type { AppContext } from './context';

/** /api/health: for monitoring; open without signing in, so it says nothing about the data. */
export function healthRoutes(context: AppContext) {
  return new Hono().get('/', (c) => {
    // Answers only when the database does.
    countEras(context.database);
    return c.json({ status: 'ok', version: packageJson.version });
  });
}
