import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import {
  addFlashpointStatus,
  changesOf,
  type FlashpointRecord,
  findFlashpoint,
  flashpointStatusHistory,
  insertFlashpoint,
  listFlashpoints,
  updateFlashpoint,
} from '../db/queries/records';
import { bilingual } from '../domain/bilingual';
import { checkRecordGeometry } from '../domain/records/record-geometry';
import {
  FLASHPOINT_KIND_NAMES,
  FLASHPOINT_KINDS,
  FLASHPOINT_SEVERITIES,
  FLASHPOINT_SEVERITY_NAMES,
  FLASHPOINT_STATUS_NAMES,
  FLASHPOINT_STATUSES,
  INITIAL_STATUSES,
  isOpenStatus,
  namedCodes,
  nextStatuses,
  OPEN_STATUSES,
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

const FLASHPOINT = bilingual('điểm nóng', 'flashpoint');

const fields = {
  geometry: geometryField,
  kind: z.enum(FLASHPOINT_KINDS),
  title: z.string().trim().min(1).max(200),
  peopleInvolved: z.number().int().min(0).max(10_000_000).nullable().optional(),
  areaHa: z.number().min(0).max(100_000_000).nullable().optional(),
  severity: z.enum(FLASHPOINT_SEVERITIES),
  notes: optionalText(4000),
};

const newFlashpoint = z
  .object({
    ...fields,
    status: z.string().trim().min(1).max(40).optional(),
    statusDate: z.string().trim().min(1).max(20).optional(),
  })
  .strict();

const flashpointChanges = z
  .object({
    geometry: fields.geometry.optional(),
    kind: fields.kind.optional(),
    title: fields.title.optional(),
    peopleInvolved: fields.peopleInvolved,
    areaHa: fields.areaHa,
    severity: fields.severity.optional(),
    notes: fields.notes,
    // The status changes only through POST /:id/status, which keeps its history.
    status: z.never().optional(),
  })
  .strict();

const EXPECTATIONS = {
  ...RECORD_EXPECTATIONS,
  kind: bilingual(`một trong ${FLASHPOINT_KINDS.join(', ')}`, `one of ${FLASHPOINT_KINDS.join(', ')}`),
  severity: bilingual(
    `một trong ${FLASHPOINT_SEVERITIES.join(', ')}`,
    `one of ${FLASHPOINT_SEVERITIES.join(', ')}`,
  ),
  peopleInvolved: bilingual('số người, số nguyên không âm', 'a number of people, a whole number, 0 or more'),
  areaHa: bilingual('diện tích (ha), số không âm', 'an area in hectares, 0 or more'),
};

const CHANGE_EXPECTATIONS = {
  ...EXPECTATIONS,
  status: bilingual(
    'không đổi ở đây; dùng POST /api/flashpoints/:id/status',
    'not changed here; use POST /api/flashpoints/:id/status',
  ),
};

/** What the audit trail keeps of a flashpoint, before and after each change. */
function snapshot(record: FlashpointRecord) {
  return {
    kind: record.kind,
    title: record.title,
    geometry: JSON.parse(record.geometry) as unknown,
    peopleInvolved: record.peopleInvolved,
    areaHa: record.areaHa,
    severity: record.severity,
    status: record.status,
    statusSince: record.statusSince,
    notes: record.notes,
  };
}

function feature(record: FlashpointRecord, unitCode: string | null) {
  return {
    type: 'Feature' as const,
    id: record.id,
    geometry: JSON.parse(record.geometry) as unknown,
    properties: {
      id: record.id,
      kind: record.kind,
      title: record.title,
      peopleInvolved: record.peopleInvolved,
      areaHa: record.areaHa,
      severity: record.severity,
      status: record.status,
      statusSince: record.statusSince,
      open: isOpenStatus('flashpoint', record.status),
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
 * /api/flashpoints: flashpoints ("điểm nóng") as GeoJSON, each placed in the commune of the era asked for
 * (the one in force today by default) and shown only within the account's area; created, edited and moved
 * through their statuses by commanders and analysts, every change in the audit trail.
 */
export function flashpointRoutes(context: AppContext) {
  const canRead = permit(context, 'incidents:read');
  const canWrite = permit(context, 'incidents:write');
  const { database, locator } = context;
  const target = (id: number) => `flashpoint:${id}`;
  const actor = (c: Context<AppEnv>) => accountOf(c).user.username;
  const unitCodeOf = (c: Context<AppEnv>, record: FlashpointRecord, eraLabel?: string) =>
    placePoints(database, locator, eraOrDefault(context, eraLabel), accountOf(c).scope, [
      [record.anchorLongitude, record.anchorLatitude],
    ])[0]?.unitCode ?? null;
  const load = (c: Context<AppEnv>): FlashpointRecord => {
    const id = recordId(c, FLASHPOINT);
    const record = findFlashpoint(database, id);
    if (!record) throw missing(FLASHPOINT, id);
    requirePointInScope(c, context, target(id), [record.anchorLongitude, record.anchorLatitude]);
    return record;
  };

  return new Hono<AppEnv>()
    .get('/vocabulary', canRead, (c) =>
      c.json({
        kinds: namedCodes(FLASHPOINT_KINDS, FLASHPOINT_KIND_NAMES),
        severities: namedCodes(FLASHPOINT_SEVERITIES, FLASHPOINT_SEVERITY_NAMES),
        statuses: namedCodes(FLASHPOINT_STATUSES, FLASHPOINT_STATUS_NAMES).map((status) => ({
          ...status,
          open: (OPEN_STATUSES.flashpoint as readonly string[]).includes(status.code),
          initial: (INITIAL_STATUSES.flashpoint as readonly string[]).includes(status.code),
          next: nextStatuses('flashpoint', status.code),
        })),
      }),
    )
    .get('/', canRead, validQuery(listQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const era = eraOrDefault(context, query.era);
      const records = listFlashpoints(
        database,
        query.status === 'open' ? OPEN_STATUSES.flashpoint : undefined,
      );
      const placements = placePoints(
        database,
        locator,
        era,
        accountOf(c).scope,
        records.map((record) => [record.anchorLongitude, record.anchorLatitude] as const),
      );
      const features = records.flatMap((record, index) => {
        const placement = placements[index];
        return placement?.inScope ? [feature(record, placement.unitCode)] : [];
      });
      return c.json({ type: 'FeatureCollection', era: era?.label ?? null, features });
    })
    .post('/', canWrite, validBody(newFlashpoint, EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const checked = checkRecordGeometry(body.geometry, true);
      if (!checked.ok) throw invalidInput(checked.problem);
      const status = body.status ?? 'arising';
      const statusDate = body.statusDate ?? today(context);
      const problem = checkInitialStatus('flashpoint', status) ?? checkStatusDate(statusDate, today(context));
      if (problem) throw invalidInput(problem);
      requirePointInScope(c, context, `flashpoint at ${checked.anchor.join(',')}`, checked.anchor);
      const now = context.now().toISOString();
      const record = inTransaction(database, () => {
        const stored = insertFlashpoint(database, {
          kind: body.kind,
          title: body.title,
          geometry: JSON.stringify(checked.geometry),
          anchorLongitude: checked.anchor[0],
          anchorLatitude: checked.anchor[1],
          peopleInvolved: body.peopleInvolved ?? null,
          areaHa: body.areaHa ?? checked.areaHa,
          severity: body.severity,
          status,
          statusSince: statusDate,
          notes: body.notes ?? null,
          createdAt: now,
          createdBy: actor(c),
          updatedAt: now,
          updatedBy: actor(c),
        });
        addFlashpointStatus(database, stored.id, {
          status,
          date: statusDate,
          note: null,
          actor: actor(c),
          at: now,
        });
        audit(c, context, {
          action: 'flashpoint.create',
          target: target(stored.id),
          after: snapshot(stored),
        });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)), 201);
    })
    .get('/:id', canRead, validQuery(oneQuery, EXPECTATIONS), (c) => {
      const record = load(c);
      return c.json({
        ...feature(record, unitCodeOf(c, record, c.req.valid('query').era)),
        nextStatuses: nextStatuses('flashpoint', record.status),
        statusHistory: flashpointStatusHistory(database, record.id),
        changes: changesOf(database, target(record.id)),
      });
    })
    .patch('/:id', canWrite, validBody(flashpointChanges, CHANGE_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const before = load(c);
      const changes: Partial<FlashpointRecord> = {};
      if (body.geometry !== undefined) {
        const checked = checkRecordGeometry(body.geometry, true);
        if (!checked.ok) throw invalidInput(checked.problem);
        requirePointInScope(c, context, target(before.id), checked.anchor);
        changes.geometry = JSON.stringify(checked.geometry);
        changes.anchorLongitude = checked.anchor[0];
        changes.anchorLatitude = checked.anchor[1];
        // A redrawn area is measured again unless the size is given.
        if (checked.areaHa !== null) changes.areaHa = checked.areaHa;
      }
      if (body.kind !== undefined) changes.kind = body.kind;
      if (body.title !== undefined) changes.title = body.title;
      if (body.peopleInvolved !== undefined) changes.peopleInvolved = body.peopleInvolved;
      if (body.areaHa !== undefined) changes.areaHa = body.areaHa;
      if (body.severity !== undefined) changes.severity = body.severity;
      if (body.notes !== undefined) changes.notes = body.notes;
      if (Object.keys(changes).length === 0) {
        throw invalidInput(bilingual('Không có gì để thay đổi', 'Nothing to change'));
      }
      const record = inTransaction(database, () => {
        const stored = updateFlashpoint(database, before.id, {
          ...changes,
          updatedAt: context.now().toISOString(),
          updatedBy: actor(c),
        });
        audit(c, context, {
          action: 'flashpoint.update',
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
        'flashpoint',
        { status: before.status, since: before.statusSince },
        body.status,
        body.date,
        today(context),
      );
      if (problem) throw invalidInput(problem);
      const now = context.now().toISOString();
      const record = inTransaction(database, () => {
        const stored = updateFlashpoint(database, before.id, {
          status: body.status,
          statusSince: body.date,
          updatedAt: now,
          updatedBy: actor(c),
        });
        addFlashpointStatus(database, before.id, {
          status: body.status,
          date: body.date,
          note: body.note ?? null,
          actor: actor(c),
          at: now,
        });
        audit(c, context, {
          action: 'flashpoint.status',
          target: target(before.id),
          before: { status: before.status, statusSince: before.statusSince },
          after: { status: body.status, statusSince: body.date, note: body.note ?? null },
        });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)));
    });
}
