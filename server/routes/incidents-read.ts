import { Hono } from 'hono';
import { z } from 'zod';
import { incidentsByIds } from '../db/queries/incident-statistics';
import { listAllIncidentCategories } from '../db/queries/incidents';
import { SEVERITIES, SEVERITY_NAMES } from '../domain/incidents/incident-taxonomy';
import { POINT_FIELDS } from '../services/incident-cube';
import { type AppEnv, permit } from './access';
import type { AppContext } from './context';
import { INCIDENT_FILTER_EXPECTATIONS, incidentFilterFields, resolveIncidentFilter } from './incident-filter';
import { dateParameter, validQuery, wholeNumberParameter } from './query-validation';

const listQuery = z.object({
  ...incidentFilterFields,
  limit: wholeNumberParameter(1, 1000).default(100),
  offset: wholeNumberParameter(0, 1_000_000_000).default(0),
});

/** Points need a window: a whole database of points is more than a map should draw. */
const pointsQuery = z.object({ ...incidentFilterFields, from: dateParameter, to: dateParameter });

/**
 * Reading incidents, within the account's area, from the in-memory incident index:
 * - GET /api/incidents: a page of the filter's incidents, newest first, with the total;
 * - GET /api/incidents/points: every incident of the window as compact rows (fields named once), for
 *   heatmaps and clusters.
 * Writing them is another router on the same prefix (incidents-write.ts).
 */
export function incidentReadRoutes(context: AppContext) {
  return new Hono<AppEnv>()
    .get('/', permit(context, 'incidents:read'), validQuery(listQuery, INCIDENT_FILTER_EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const { incidents, filter } = resolveIncidentFilter(c, context, query);
      const { total, positions } = incidents.list(filter, query.offset, query.limit);
      const unitCodes = new Map(
        positions.map((position) => [incidents.idAt(position), incidents.unitCodeAt(position)]),
      );
      const details = incidentsByIds(
        context.database,
        positions.map((position) => incidents.idAt(position)),
      );
      return c.json({
        total,
        incidents: details.map((incident) => ({ ...incident, unitCode: unitCodes.get(incident.id) ?? null })),
      });
    })
    .get(
      '/points',
      permit(context, 'incidents:read'),
      validQuery(pointsQuery, INCIDENT_FILTER_EXPECTATIONS),
      (c) => {
        const query = c.req.valid('query');
        const { incidents, filter } = resolveIncidentFilter(c, context, query);
        const rows = incidents.points(filter);
        return c.json({ count: rows.length, fields: POINT_FIELDS, rows });
      },
    );
}

/**
 * GET /api/incident-categories: the categories (editable data, taxonomy order; retired ones with
 * `active: false`) and the severities. Administrators edit them in taxonomies.ts.
 */
export function incidentCategoryRoutes(context: AppContext) {
  return new Hono<AppEnv>().get('/', permit(context, 'incidents:read'), (c) =>
    c.json({
      categories: listAllIncidentCategories(context.database).map((category) => ({
        code: category.code,
        group: category.groupCode,
        nameVi: category.nameVi,
        nameEn: category.nameEn,
        aliases: JSON.parse(category.aliases) as string[],
        sortOrder: category.sortOrder,
        active: category.active,
      })),
      severities: SEVERITIES.map((code) => ({
        code,
        nameVi: SEVERITY_NAMES[code].vi,
        nameEn: SEVERITY_NAMES[code].en,
      })),
    }),
  );
}
