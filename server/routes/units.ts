import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type EraRecord, erasValidOn } from '../db/queries/eras';
import {
  countUnits,
  findUnit,
  findUnitById,
  listOutlines,
  listUnits,
  type UnitRecord,
} from '../db/queries/units';
import { type Scope, scopeCovers } from '../domain/access/scope';
import { bilingual } from '../domain/bilingual';
import { formatVietnameseDate } from '../domain/dates/calendar-date';
import { type AppEnv, accountOf, outOfScope, permit } from './access';
import { notFound } from './api-error';
import { type AppContext, erasToSearch, requireEra, today } from './context';
import {
  dateParameter,
  EXPECTATIONS,
  eraParameter,
  levelParameter,
  numberParameter,
  validQuery,
} from './query-validation';
import { eraProperties, outlineFeatureJson, unitFeatureJson } from './unit-features';

const listQuery = z.object({
  era: eraParameter,
  level: levelParameter,
  province: z.string().trim().min(1).max(100).optional(),
  district: z.string().trim().min(1).max(100).optional(),
});

const atQuery = z.object({
  lon: numberParameter(-180, 180),
  lat: numberParameter(-90, 90),
  date: dateParameter.optional(),
  era: eraParameter,
  level: levelParameter,
});

const oneQuery = z.object({ era: eraParameter, level: levelParameter });

const GEOJSON = 'application/geo+json; charset=utf-8';

/** /api/units: an era's boundaries, the unit at a point, one unit by code. */
export function unitRoutes(context: AppContext) {
  const canRead = permit(context, 'boundaries:read');
  return new Hono<AppEnv>()
    .get('/', canRead, validQuery(listQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const { scope } = accountOf(c);
      const era = requireEra(context, query.era);
      if (query.province && !provinceInScope(scope, query.province)) {
        throw outOfScope(c, context, `province ${query.province}`);
      }
      const filter = {
        eraId: era.id,
        level: query.level,
        province: query.province,
        district: query.district,
        scope,
      };
      // The scope is part of the key: two accounts asking for the same URL may be shown different units.
      const filterHash = createHash('sha1')
        .update(JSON.stringify([query.province ?? '', query.district ?? '', scope]))
        .digest('hex');
      const etag = `W/"${era.id}.${era.revision}.${query.level}.${filterHash.slice(0, 12)}"`;
      const headers = { ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Accept-Encoding, Cookie' };
      if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);

      const body = context.boundaryResponses.get(etag, () => {
        // District and province boundaries not imported as units of their own come from the communes.
        const features =
          query.level !== 'commune' && countUnits(context.database, filter) === 0
            ? listOutlines(context.database, era.id, query.level, { province: query.province, scope }).map(
                outlineFeatureJson,
              )
            : listUnits(context.database, filter).map((unit) => unitFeatureJson(unit));
        return `{"type":"FeatureCollection","era":${JSON.stringify(era.label)},"level":"${query.level}","features":[${features.join(',')}]}`;
      });
      const accepted = c.req.header('Accept-Encoding') ?? '';
      if (/\bbr\b/.test(accepted)) {
        return c.body(body.brotli, 200, { ...headers, 'Content-Type': GEOJSON, 'Content-Encoding': 'br' });
      }
      if (/\bgzip\b/.test(accepted)) {
        return c.body(body.gzip, 200, { ...headers, 'Content-Type': GEOJSON, 'Content-Encoding': 'gzip' });
      }
      return c.body(body.identity, 200, { ...headers, 'Content-Type': GEOJSON });
    })
    .get('/at', canRead, validQuery(atQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const date = query.date ?? today(context);
      const eras = query.era ? [requireEra(context, query.era)] : erasValidOn(context.database, date);
      for (const era of eras) {
        const unitId = context.locator.locate(era, query.level, query.lon, query.lat);
        const unit = unitId === null ? undefined : findUnitById(context.database, unitId);
        if (unit) return unitResponse(c, context, unit, era);
      }
      const where = `${query.lon}, ${query.lat}`;
      throw notFound(
        query.era
          ? bilingual(
              `Không có đơn vị nào của thời kỳ "${query.era}" chứa điểm (${where})`,
              `No unit of era "${query.era}" contains (${where})`,
            )
          : bilingual(
              `Không có đơn vị nào chứa điểm (${where}) vào ngày ${formatVietnameseDate(date)}`,
              `No unit contains (${where}) on ${date}`,
            ),
      );
    })
    .get('/:code', canRead, validQuery(oneQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const code = c.req.param('code');
      const eras = erasToSearch(context, query.era);
      const unit =
        code.length <= 64
          ? findUnit(
              context.database,
              eras.map((era) => era.id),
              query.level,
              code,
            )
          : undefined;
      const era = eras.find((candidate) => candidate.id === unit?.eraId);
      if (!unit || !era)
        throw notFound(bilingual(`Không có đơn vị mã "${code}"`, `There is no unit with code "${code}"`));
      return unitResponse(c, context, unit, era);
    });
}

/** One unit with its era, or a 403 when it is outside the account's scope. */
function unitResponse(c: Context<AppEnv>, context: AppContext, unit: UnitRecord, era: EraRecord) {
  if (!scopeCovers(accountOf(c).scope, unit))
    throw outOfScope(c, context, `unit ${era.label}/${unit.level}/${unit.code}`);
  return c.body(unitFeatureJson(unit, eraProperties(era)), 200, { 'Content-Type': GEOJSON });
}

function provinceInScope(scope: Scope, province: string): boolean {
  return scope.kind !== 'provinces' || scope.provinces.includes(province);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((value) => value.trim() === etag || value.trim() === '*');
}
