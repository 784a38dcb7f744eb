import { Hono } from 'hono';
import { z } from 'zod';
import { searchUnits } from '../db/queries/units';
import { bilingual } from '../domain/bilingual';
import { foldText } from '../domain/text/fold-text';
import { type AppEnv, accountOf, permit } from './access';
import { ApiError } from './api-error';
import { type AppContext, erasToSearch } from './context';
import { EXPECTATIONS, eraParameter, validQuery } from './query-validation';

const searchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  era: eraParameter,
  limit: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .pipe(z.number().min(1).max(50))
    .default(20),
});

/** /api/search: units by name or code, blind to accents and case ("vinh thanh" finds "Vĩnh Thạnh"). */
export function searchRoutes(context: AppContext) {
  return new Hono<AppEnv>().get(
    '/',
    permit(context, 'boundaries:read'),
    validQuery(searchQuery, EXPECTATIONS),
    (c) => {
      const query = c.req.valid('query');
      const terms = foldText(query.q).split(' ').filter(Boolean);
      if (terms.length === 0) {
        throw new ApiError(
          400,
          'invalid_parameter',
          bilingual('Từ khóa tìm kiếm cần có chữ hoặc số', 'The search text needs letters or digits'),
        );
      }
      const eras = erasToSearch(context, query.era);
      const labels = new Map(eras.map((era) => [era.id, era.label]));
      const units = searchUnits(context.database, {
        eraIds: eras.map((era) => era.id),
        terms,
        limit: query.limit,
        scope: accountOf(c).scope,
      });
      return c.json({
        results: units.map((unit) => ({
          code: unit.code,
          name: unit.name,
          fullName: unit.fullName,
          kind: unit.kind,
          district: unit.districtName,
          province: unit.provinceName,
          era: labels.get(unit.eraId),
          level: unit.level,
          boundingBox: [unit.minLongitude, unit.minLatitude, unit.maxLongitude, unit.maxLatitude],
          label: [unit.labelLongitude, unit.labelLatitude],
        })),
      });
    },
  );
}
