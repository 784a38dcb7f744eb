import { Hono } from 'hono';
import { z } from 'zod';
import { type EraRecord, erasValidOn } from '../db/queries/eras';
import { allEras } from '../db/queries/records';
import { type LineageLink, predecessorsOf, successorsOf } from '../db/queries/unit-lineage';
import { findUnit } from '../db/queries/units';
import { scopeCovers } from '../domain/access/scope';
import { bilingual } from '../domain/bilingual';
import { formatVietnameseDate } from '../domain/dates/calendar-date';
import {
  FIRST_DAY_AFTER_REORGANISATION,
  LAST_DAY_BEFORE_REORGANISATION,
  lineageReport,
} from '../services/lineage-derivation';
import { type AppEnv, accountOf, outOfScope, permit } from './access';
import { notFound } from './api-error';
import { type AppContext, erasToSearch, requireEra } from './context';
import { EXPECTATIONS, eraParameter, validQuery } from './query-validation';

const lineageQuery = z.object({ era: eraParameter });
const reportQuery = z.object({ from: eraParameter, to: eraParameter });

/** One linked unit as the API answers it: the other end of a link, with the link's shares. */
export interface LinkedUnitJson {
  era: string;
  code: string;
  name: string | null;
  areaShare: number | null;
  populationShare: number | null;
  partial: boolean;
  source: LineageLink['source'];
}

/**
 * /api/units/:code/lineage (a unit's predecessors and successors across eras, with shares) and
 * /api/lineage/report (the official mapping against the lineage derived from geometry).
 */
export function lineageRoutes(context: AppContext) {
  const canRead = permit(context, 'boundaries:read');
  const eraLabels = () => new Map(allEras(context.database).map((era) => [era.id, era.label]));
  const linked = (link: LineageLink, end: 'old' | 'new', labels: Map<number, string>): LinkedUnitJson => {
    const eraId = end === 'old' ? link.oldEraId : link.newEraId;
    const code = end === 'old' ? link.oldUnitCode : link.newUnitCode;
    const unit = findUnit(context.database, [eraId], 'commune', code);
    return {
      era: labels.get(eraId) ?? String(eraId),
      code,
      name: unit?.fullName ?? null,
      areaShare: link.areaShare,
      populationShare: link.populationShare,
      partial: link.partial,
      source: link.source,
    };
  };
  const defaultEra = (date: string): EraRecord => {
    const era = erasValidOn(context.database, date)[0];
    if (era) return era;
    throw notFound(
      bilingual(
        `Không có thời kỳ ranh giới nào còn hiệu lực ngày ${formatVietnameseDate(date)}`,
        `No boundary era is valid on ${date}`,
      ),
    );
  };

  return new Hono<AppEnv>()
    .get('/units/:code/lineage', canRead, validQuery(lineageQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const code = c.req.param('code');
      const eras = erasToSearch(context, query.era);
      const unit =
        code.length <= 64
          ? findUnit(
              context.database,
              eras.map((era) => era.id),
              'commune',
              code,
            )
          : undefined;
      const era = eras.find((candidate) => candidate.id === unit?.eraId);
      if (!unit || !era) {
        throw notFound(bilingual(`Không có đơn vị mã "${code}"`, `There is no unit with code "${code}"`));
      }
      if (!scopeCovers(accountOf(c).scope, unit)) {
        throw outOfScope(c, context, `unit ${era.label}/${unit.level}/${unit.code}`);
      }
      const labels = eraLabels();
      return c.json({
        unit: { era: era.label, code: unit.code, name: unit.fullName },
        predecessors: predecessorsOf(context.database, era.id, unit.code).map((link) =>
          linked(link, 'old', labels),
        ),
        successors: successorsOf(context.database, era.id, unit.code).map((link) =>
          linked(link, 'new', labels),
        ),
      });
    })
    .get('/lineage/report', canRead, validQuery(reportQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const oldEra = query.from
        ? requireEra(context, query.from)
        : defaultEra(LAST_DAY_BEFORE_REORGANISATION);
      const newEra = query.to ? requireEra(context, query.to) : defaultEra(FIRST_DAY_AFTER_REORGANISATION);
      return c.json(lineageReport(context.database, { oldEra, newEra }, accountOf(c).scope));
    });
}
