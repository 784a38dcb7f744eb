import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import { changesOf, type SiteQueries } from '../db/queries/records';
import { type BilingualText, bilingual } from '../domain/bilingual';
import { type CheckedGeometry, checkRecordGeometry } from '../domain/records/record-geometry';
import {
  INITIAL_STATUSES,
  isOpenStatus,
  namedCodes,
  nextStatuses,
  OPEN_STATUSES,
  type RecordType,
} from '../domain/records/record-vocabulary';
import { checkInitialStatus, checkStatusChange, checkStatusDate } from '../domain/records/status-change';
import { placePoints } from '../services/record-location';
import { siteClusters } from '../services/site-clusters';
import { type AppEnv, accountOf, audit, permit } from './access';
import { type AppContext, today } from './context';
import { validBody, validQuery } from './query-validation';
import {
  clusterQuery,
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

/** The columns every site has, whichever its register. */
export type SiteRecord = {
  id: number;
  kind: string;
  title: string;
  status: string;
  statusSince: string;
  notes: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

/**
 * What tells one site register (flashpoints, vice spots) from the other; the routes are otherwise the same.
 * A register's own fields are stored in columns of the same names.
 */
/** The columns a new site is given, whichever its register. */
type SiteValues = Omit<SiteRecord, 'id' | 'notes'> & { notes?: string | null };

export interface SiteRegister<Row extends SiteRecord, Values extends SiteValues> {
  /** Status rules, and the prefix of audit actions and targets ("flashpoint:12"). */
  type: RecordType;
  /** What one site is called in messages. */
  noun: BilingualText;
  /** Where the routes are mounted, for the message that sends status changes to /:id/status. */
  path: string;
  kinds: readonly string[];
  kindNames: Readonly<Record<string, BilingualText>>;
  statuses: readonly string[];
  statusNames: Readonly<Record<string, BilingualText>>;
  /** The status of a site created without one. */
  firstStatus: string;
  /** Whether a site may be an area (Polygon, MultiPolygon) or only a point. */
  allowAreas: boolean;
  /** Fields besides geometry, kind, title and notes, listed between title and notes. */
  ownFields: z.ZodRawShape;
  /** What the own fields should be, for error messages; may also reword the shared ones. */
  ownExpectations: Record<string, BilingualText>;
  /** Code lists the vocabulary gives between kinds and statuses. */
  ownVocabulary: Record<string, ReturnType<typeof namedCodes>>;
  queries: SiteQueries<Row, Values>;
  /** The point that stands for the site and decides its commune. */
  anchorOf(record: Row): readonly [number, number];
  geometryOf(record: Row): unknown;
  /** The columns a drawn geometry sets, before any own field given with it. */
  placeColumns(checked: CheckedGeometry): Partial<Values>;
}

/**
 * The routes of a site register as GeoJSON, each site placed in the commune of the era asked for (the one
 * in force today by default) and shown only within the account's area; created, edited and moved through
 * their statuses by commanders and analysts, every change in the audit trail.
 */
export function siteRoutes<Row extends SiteRecord, Values extends SiteValues>(
  context: AppContext,
  site: SiteRegister<Row, Values>,
) {
  const { type, noun, queries } = site;
  const canRead = permit(context, 'incidents:read');
  const canWrite = permit(context, 'incidents:write');
  const { database, locator } = context;

  const fields = {
    geometry: geometryField,
    kind: z.enum(site.kinds),
    title: z.string().trim().min(1).max(200),
    ...site.ownFields,
    notes: optionalText(4000),
  };
  // Every field but the geometry is stored as given, in the column of its name.
  const columnFields = Object.keys(fields).filter((field) => field !== 'geometry');
  const ownFieldNames = Object.keys(site.ownFields);
  const newSite = z
    .object({
      ...fields,
      status: z.string().trim().min(1).max(40).optional(),
      statusDate: z.string().trim().min(1).max(20).optional(),
    })
    .strict();
  const siteChanges = z
    .object(fields)
    .partial()
    // The status changes only through POST /:id/status, which keeps its history.
    .extend({ status: z.never().optional() })
    .strict();
  const expectations = {
    ...RECORD_EXPECTATIONS,
    kind: bilingual(`một trong ${site.kinds.join(', ')}`, `one of ${site.kinds.join(', ')}`),
    ...site.ownExpectations,
  };
  const changeExpectations = {
    ...expectations,
    status: bilingual(
      `không đổi ở đây; dùng POST ${site.path}/:id/status`,
      `not changed here; use POST ${site.path}/:id/status`,
    ),
  };

  const target = (id: number) => `${type}:${id}`;
  const actor = (c: Context<AppEnv>) => accountOf(c).user.username;
  const ownValues = (record: Row) =>
    Object.fromEntries(ownFieldNames.map((field) => [field, (record as Record<string, unknown>)[field]]));
  /** What the audit trail keeps of a site, before and after each change. */
  const snapshot = (record: Row) => ({
    kind: record.kind,
    title: record.title,
    geometry: site.geometryOf(record),
    ...ownValues(record),
    status: record.status,
    statusSince: record.statusSince,
    notes: record.notes,
  });
  const feature = (record: Row, unitCode: string | null) => ({
    type: 'Feature' as const,
    id: record.id,
    geometry: site.geometryOf(record),
    properties: {
      id: record.id,
      kind: record.kind,
      title: record.title,
      ...ownValues(record),
      status: record.status,
      statusSince: record.statusSince,
      open: isOpenStatus(type, record.status),
      unitCode,
      notes: record.notes,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      updatedAt: record.updatedAt,
      updatedBy: record.updatedBy,
    },
  });
  const unitCodeOf = (c: Context<AppEnv>, record: Row, eraLabel?: string) =>
    placePoints(database, locator, eraOrDefault(context, eraLabel), accountOf(c).scope, [
      site.anchorOf(record),
    ])[0]?.unitCode ?? null;
  const load = (c: Context<AppEnv>): Row => {
    const id = recordId(c, noun);
    const record = queries.find(database, id);
    if (!record) throw missing(noun, id);
    requirePointInScope(c, context, target(id), site.anchorOf(record));
    return record;
  };
  const checkGeometry = (geometry: unknown): CheckedGeometry => {
    const checked = checkRecordGeometry(geometry, site.allowAreas);
    if (!checked.ok) throw invalidInput(checked.problem);
    return checked;
  };

  return new Hono<AppEnv>()
    .get('/vocabulary', canRead, (c) =>
      c.json({
        kinds: namedCodes(site.kinds, site.kindNames),
        ...site.ownVocabulary,
        statuses: namedCodes(site.statuses, site.statusNames).map((status) => ({
          ...status,
          open: (OPEN_STATUSES[type] as readonly string[]).includes(status.code),
          initial: (INITIAL_STATUSES[type] as readonly string[]).includes(status.code),
          next: nextStatuses(type, status.code),
        })),
      }),
    )
    .get('/clusters', permit(context, 'analysis:run'), validQuery(clusterQuery, expectations), (c) => {
      const query = c.req.valid('query');
      const era = eraOrDefault(context, query.era);
      const records = queries.list(database, query.status === 'open' ? OPEN_STATUSES[type] : undefined);
      const anchors = records.map((record) => site.anchorOf(record));
      const placements = placePoints(database, locator, era, accountOf(c).scope, anchors);
      const shown = records.flatMap((record, index) =>
        placements[index]?.inScope
          ? [{ id: record.id, kind: record.kind, anchor: anchors[index] as readonly [number, number] }]
          : [],
      );
      return c.json({
        era: era?.label ?? null,
        ...siteClusters(shown, { distanceMetres: query.distance, minimumPoints: query.minimumPoints }),
      });
    })
    .get('/', canRead, validQuery(listQuery, expectations), (c) => {
      const query = c.req.valid('query');
      const era = eraOrDefault(context, query.era);
      const records = queries.list(database, query.status === 'open' ? OPEN_STATUSES[type] : undefined);
      const placements = placePoints(
        database,
        locator,
        era,
        accountOf(c).scope,
        records.map((record) => site.anchorOf(record)),
      );
      const features = records.flatMap((record, index) => {
        const placement = placements[index];
        return placement?.inScope ? [feature(record, placement.unitCode)] : [];
      });
      return c.json({ type: 'FeatureCollection', era: era?.label ?? null, features });
    })
    .post('/', canWrite, validBody(newSite, expectations), (c) => {
      // The register's own fields are not known here by name, only through `columnFields`.
      const body: Record<string, unknown> & z.infer<typeof newSite> = c.req.valid('json');
      const checked = checkGeometry(body.geometry);
      const status = body.status ?? site.firstStatus;
      const statusDate = body.statusDate ?? today(context);
      const problem = checkInitialStatus(type, status) ?? checkStatusDate(statusDate, today(context));
      if (problem) throw invalidInput(problem);
      requirePointInScope(c, context, `${type} at ${checked.anchor.join(',')}`, checked.anchor);
      const now = context.now().toISOString();
      const placed: Record<string, unknown> = site.placeColumns(checked);
      const values: Record<string, unknown> = { ...placed };
      // A field left out takes what the drawing measured (a flashpoint's area), else null.
      for (const field of columnFields) values[field] = body[field] ?? placed[field] ?? null;
      const record = inTransaction(database, () => {
        const stored = queries.insert(database, {
          ...values,
          status,
          statusSince: statusDate,
          createdAt: now,
          createdBy: actor(c),
          updatedAt: now,
          updatedBy: actor(c),
        } as Values);
        queries.addStatus(database, stored.id, {
          status,
          date: statusDate,
          note: null,
          actor: actor(c),
          at: now,
        });
        audit(c, context, { action: `${type}.create`, target: target(stored.id), after: snapshot(stored) });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)), 201);
    })
    .get('/:id', canRead, validQuery(oneQuery, expectations), (c) => {
      const record = load(c);
      return c.json({
        ...feature(record, unitCodeOf(c, record, c.req.valid('query').era)),
        nextStatuses: nextStatuses(type, record.status),
        statusHistory: queries.statusHistory(database, record.id),
        changes: changesOf(database, target(record.id)),
      });
    })
    .patch('/:id', canWrite, validBody(siteChanges, changeExpectations), (c) => {
      const body: Record<string, unknown> = c.req.valid('json');
      const before = load(c);
      const changes: Record<string, unknown> = {};
      if (body.geometry !== undefined) {
        const checked = checkGeometry(body.geometry);
        requirePointInScope(c, context, target(before.id), checked.anchor);
        // A redrawn area is measured again unless the size is given.
        Object.assign(changes, site.placeColumns(checked));
      }
      for (const field of columnFields) if (body[field] !== undefined) changes[field] = body[field];
      if (Object.keys(changes).length === 0) {
        throw invalidInput(bilingual('Không có gì để thay đổi', 'Nothing to change'));
      }
      const record = inTransaction(database, () => {
        const stored = queries.update(database, before.id, {
          ...changes,
          updatedAt: context.now().toISOString(),
          updatedBy: actor(c),
        } as Partial<Values>);
        audit(c, context, {
          action: `${type}.update`,
          target: target(before.id),
          before: snapshot(before),
          after: snapshot(stored),
        });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)));
    })
    .post('/:id/status', canWrite, validBody(statusBody, expectations), (c) => {
      const body = c.req.valid('json');
      const before = load(c);
      const problem = checkStatusChange(
        type,
        { status: before.status, since: before.statusSince },
        body.status,
        body.date,
        today(context),
      );
      if (problem) throw invalidInput(problem);
      const now = context.now().toISOString();
      const record = inTransaction(database, () => {
        const stored = queries.update(database, before.id, {
          status: body.status,
          statusSince: body.date,
          updatedAt: now,
          updatedBy: actor(c),
        } as Partial<Values>);
        queries.addStatus(database, before.id, {
          status: body.status,
          date: body.date,
          note: body.note ?? null,
          actor: actor(c),
          at: now,
        });
        audit(c, context, {
          action: `${type}.status`,
          target: target(before.id),
          before: { status: before.status, statusSince: before.statusSince },
          after: { status: body.status, statusSince: body.date, note: body.note ?? null },
        });
        return stored;
      });
      return c.json(feature(record, unitCodeOf(c, record)));
    });
}
