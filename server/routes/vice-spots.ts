import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import {
  addViceSpotStatus,
  changesOf,
  findViceSpot,
  insertViceSpot,
  listViceSpots,
  updateViceSpot,
  type ViceSpotRecord,
  viceSpotStatusHistory,
} from '../db/queries/records';
import { bilingual } from '../domain/bilingual';
import { checkRecordGeometry } from '../domain/records/record-geometry';
import {
  INITIAL_STATUSES,
  isOpenStatus,
  namedCodes,
  nextStatuses,
  OPEN_STATUSES,
  VICE_SPOT_KIND_NAMES,
  VICE_SPOT_KINDS,
  VICE_SPOT_STATUS_NAMES,
  VICE_SPOT_STATUSES,
} from '../domain/records/record-vocabulary';
import { checkInitialStatus, checkStatusChange, checkStatusDate } from '../domain/records/status-change';
import { placePoints } from '../services/record-location';
import { type AppEnv, accountOf, audit, permit } from './access';
import { type AppContext, today } from './context';
import { validBody, validQuery } from './query-validation';
import {
  eraOrDefault,
  geometryField,
  invalidInput,
  listQuery,
  missing,
  oneQuery,
  optionalText,
  RECORD_EXPECTATIONS,
  recordId,
  requirePointInScope,
  statusBody,
} from './record-helpers';

const VICE_SPOT = bilingual('tụ điểm', 'vice spot');

const fields = {
  geometry: geometryField,
  kind: z.enum(VICE_SPOT_KINDS),
  title: z.string().trim().min(1).max(200),
  notes: optionalText(4000),
};

const newViceSpot = z
  .object({
    ...fields,
    status: z.string().trim().min(1).max(40).optional(),
    statusDate: z.string().trim().min(1).max(20).optional(),
  })
  .strict();

const viceSpotChanges = z
  .object({
    geometry: fields.geometry.optional(),
    kind: fields.kind.optional(),
    title: fields.title.optional(),
    notes: fields.notes,
    // The status changes only through POST /:id/status, which keeps its history.
    status: z.never().optional(),
  })
  .strict();

const EXPECTATIONS = {
  ...RECORD_EXPECTATIONS,
  kind: bilingual(`một trong ${VICE_SPOT_KINDS.join(', ')}`, `one of ${VICE_SPOT_KINDS.join(', ')}`),
  geometry: bilingual(
    'một điểm GeoJSON {"type": "Point", "coordinates": [kinh độ, vĩ độ]}',
    'a GeoJSON point {"type": "Point", "coordinates": [longitude, latitude]}',
  ),
};

const CHANGE_EXPECTATIONS = {
  ...EXPECTATIONS,
  status: bilingual(
    'không đổi ở đây; dùng POST /api/vice-spots/:id/status',
    'not changed here; use POST /api/vice-spots/:id/status',
  ),
};

/** What the audit trail keeps of a vice spot, before and after each change. */
function snapshot(record: ViceSpotRecord) {
  return {
    kind: record.kind,
    title: record.title,
    geometry: { type: 'Point', coordinates: [record.longitude, record.latitude] },
    status: record.status,
    statusSince: record.statusSince,
    notes: record.notes,
  };
}

function feature(record: ViceSpotRecord, unitCode: string | null) {
  return {
    type: 'Feature' as const,
    id: record.id,
    geometry: { type: 'Point' as const, coordinates: [record.longitude, record.latitude] },
    properties: {
      id: record.id,
      kind: record.kind,
      title: record.title,
      status: record.status,
      statusSince: record.statusSince,
      open: isOpenStatus('vice-spot', record.status),
      unitCode,
      notes: record.notes,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      updatedAt: record.updatedAt,
      updatedBy: record.updatedBy,
    },
  };
}

/**
 * /api/vice-spots: recurring vice spots ("tụ điểm": drugs, gambling, prostitution) as GeoJSON points, with
 * the same pattern as /api/flashpoints: placed in the era's communes, limited to the account's area,
 * statuses active → eliminated ("triệt xóa") → re-formed, every change audited.
 */
export function viceSpotRoutes(context: AppContext) {
  const canRead = permit(context, 'incidents:read');
  const canWrite = permit(context, 'incidents:write');
  const { database, locator } = context;
  const target = (id: number) => `vice-spot:${id}`;
  const actor = (c: Context<AppEnv>) => accountOf(c).user.username;
  const unitCodeOf = (c: Context<AppEnv>, record: ViceSpotRecord, eraLabel?: string) =>
    placePoints(database, locator, eraOrDefault(context, eraLabel), accountOf(c).scope, [
      [record.longitude, record.latitude],
    ])[0]?.unitCode ?? null;
  const load = (c: Context<AppEnv>): ViceSpotRecord => {
    const id = recordId(c, VICE_SPOT);
    const record = findViceSpot(database, id);
    if (!record) throw missing(VICE_SPOT, id);
    requirePointInScope(c, context, target(id), [record.longitude, record.latitude]);
    return record;
  };

  return new Hono<AppEnv>()
    .get('/vocabulary', canRead, (c) =>
      c.json({
        kinds: namedCodes(VICE_SPOT_KINDS, VICE_SPOT_KIND_NAMES),
        statuses: namedCodes(VICE_SPOT_STATUSES, VICE_SPOT_STATUS_NAMES).map((status) => ({
          ...status,
          open: (OPEN_STATUSES['vice-spot'] as readonly string[]).includes(status.code),
          initial: (INITIAL_STATUSES['vice-spot'] as readonly string[]).includes(status.code),
          next: nextStatuses('vice-spot', status.code),
        })),
      }),
    )
    .get('/', canRead, validQuery(listQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const era = eraOrDefault(context, query.era);
      const records = listViceSpots(
        database,
        query.status === 'open' ? OPEN_STATUSES['vice-spot'] : undefined,
      );
      const placements = placePoints(
        database,
        locator,
        era,
        accountOf(c).scope,
        records.map((record) => [record.longitude, record.latitude] as const),
      );
      const features = records.flatMap((record, index) => {
        const placement = placements[index];
        return placement?.inScope ? [feature(record, placement.unitCode)] : [];
      });
      return c.json({ type: 'FeatureCollection', era: era?.label ?? null, features });
    })
    .post('/', canWrite, validBody(newViceSpot, EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const checked = checkRecordGeometry(body.geometry, false);
      if (!checked.ok) throw invalidInput(checked.problem);
      const status = body.status ?? 'active';
      const statusDate = body.statusDate ?? today(context);
      const problem = checkInitialStatus('vice-spot', status) ?? checkStatusDate(statusDate, today(context));
      if (problem) throw invalidInput(problem);
      requirePointInScope(c, context, `vice-spot at ${checked.anchor.join(',')}`, checked.anchor);
      const now = context.now().toISOString();
      const record = inTransaction(database, () => {
        const stored = insertViceSpot(database, {
          kind: body.kind,
          title: body.title,
          longitude: checked.anchor[0],
          latitude: checked.anchor[1],
          status,
          statusSince: statusDate,
          notes: body.notes ?? null,
          createdAt: now,
          createdBy: actor(c),
          updatedAt: now,
          updatedBy: actor(c),
        });
        addViceSpotStatus(database, stored.id, {
          status,
          date: statusDate,
          note: null,
          actor: actor(c),
          at: now,
        });
        audit(c, context, { action: 'vice-spot.create', target: target(stored.id), after: snapshot(stored) });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)), 201);
    })
    .get('/:id', canRead, validQuery(oneQuery, EXPECTATIONS), (c) => {
      const record = load(c);
      return c.json({
        ...feature(record, unitCodeOf(c, record, c.req.valid('query').era)),
        nextStatuses: nextStatuses('vice-spot', record.status),
        statusHistory: viceSpotStatusHistory(database, record.id),
        changes: changesOf(database, target(record.id)),
      });
    })
    .patch('/:id', canWrite, validBody(viceSpotChanges, CHANGE_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const before = load(c);
      const changes: Partial<ViceSpotRecord> = {};
      if (body.geometry !== undefined) {
        const checked = checkRecordGeometry(body.geometry, false);
        if (!checked.ok) throw invalidInput(checked.problem);
        requirePointInScope(c, context, target(before.id), checked.anchor);
        changes.longitude = checked.anchor[0];
        changes.latitude = checked.anchor[1];
      }
      if (body.kind !== undefined) changes.kind = body.kind;
      if (body.title !== undefined) changes.title = body.title;
      if (body.notes !== undefined) changes.notes = body.notes;
      if (Object.keys(changes).length === 0) {
        throw invalidInput(bilingual('Không có gì để thay đổi', 'Nothing to change'));
      }
      const record = inTransaction(database, () => {
        const stored = updateViceSpot(database, before.id, {
          ...changes,
          updatedAt: context.now().toISOString(),
          updatedBy: actor(c),
        });
        audit(c, context, {
          action: 'vice-spot.update',
          target: target(before.id),
          before: snapshot(before),
          after: snapshot(stored),
        });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)));
    })
    .post('/:id/status', canWrite, validBody(statusBody, EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const before = load(c);
      const problem = checkStatusChange(
        'vice-spot',
        { status: before.status, since: before.statusSince },
        body.status,
        body.date,
        today(context),
      );
      if (problem) throw invalidInput(problem);
      const now = context.now().toISOString();
      const record = inTransaction(database, () => {
        const stored = updateViceSpot(database, before.id, {
          status: body.status,
          statusSince: body.date,
          updatedAt: now,
          updatedBy: actor(c),
        });
        addViceSpotStatus(database, before.id, {
          status: body.status,
          date: body.date,
          note: body.note ?? null,
          actor: actor(c),
          at: now,
        });
        audit(c, context, {
          action: 'vice-spot.status',
          target: target(before.id),
          before: { status: before.status, statusSince: before.statusSince },
          after: { status: body.status, statusSince: body.date, note: body.note ?? null },
        });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)));
    });
}
