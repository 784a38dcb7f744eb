import { Hono } from 'hono';
import { z } from 'zod';
import { trackProgramme } from '../services/programme-tracking';
import { type AppEnv, accountOf, permit } from './access';
import { type AppContext, requireEra, today } from './context';
import {
  eraField,
  PROGRAMME_EXPECTATIONS,
  requireCommune,
  unitField,
  yearParameter,
} from './programme-helpers';
import { validQuery } from './query-validation';

const trackingQuery = z
  .object({ year: yearParameter, era: eraField.optional(), unit: unitField.optional() })
  .strict();

/**
 * /api/programme/tracking: the year's communes of the area (and those transformed earlier and still
 * watched) with their computed criteria over the evaluation window so far and their risk flags. See
 * server/services/programme-tracking.ts for how each value and flag is computed.
 */
export function programmeTrackingRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  return new Hono<AppEnv>().get('/', canRead, validQuery(trackingQuery, PROGRAMME_EXPECTATIONS), (c) => {
    const query = c.req.valid('query');
    const era = requireEra(context, query.era);
    // A named commune must exist in the era (404) and lie in the area (403, audited).
    if (query.unit)
      requireCommune(c, context, era, query.unit, `programme-tracking:${era.label}/${query.unit}`);
    return c.json(
      trackProgramme(context.database, context.locator, context.incidents.forEra(era), {
        era,
        year: query.year,
        scope: accountOf(c).scope,
        today: today(context),
        unitCode: query.unit,
      }),
    );
  });
}
