import { Hono } from 'hono';
import { defaultEra, listEras } from '../db/queries/eras';
import { type AppEnv, accountOf, permit } from './access';
import { type AppContext, today } from './context';

/** /api/eras: the boundary eras, with their validity dates and what they hold. */
export function eraRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', permit(context, 'boundaries:read'), (c) => {
    const date = today(context);
    const eras = listEras(context.database, accountOf(c).scope).map((era) => ({
      label: era.label,
      validFrom: era.validFrom,
      validTo: era.validTo,
      demo: era.isDemo,
      current: era.validFrom <= date && (era.validTo === null || date <= era.validTo),
      unitCounts: era.unitCounts,
      boundingBox: era.boundingBox,
      hasDistricts: era.hasDistricts,
    }));
    return c.json({ eras, defaultEra: defaultEra(context.database, date)?.label ?? null, today: date });
  });
}
