import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import { advanceDataRevision } from '../db/queries/data-revisions';
import { listAllIncidentCategories } from '../db/queries/incidents';
import { allEras, type ChangeEntry, changesOf } from '../db/queries/records';
import {
  findIncident,
  findIncidentByDedupKey,
  findIncidentImport,
  type IncidentRecord,
  incidentCommunes,
  insertIncident,
  updateIncident,
} from '../db/queries/records-incidents';
import { bilingual } from '../domain/bilingual';
import { SEVERITIES } from '../domain/incidents/incident-taxonomy';
import {
  type CheckedIncident,
  checkIncidentInput,
  type IncidentInput,
  wallClockInVietnam,
} from '../domain/records/hand-entered-incident';
import { unitsContaining } from '../services/incident-assignment';
import { type AppEnv, audit, permit } from './access';
import { ApiError } from './api-error';
import type { AppContext } from './context';
import { EXPECTATIONS, validBody } from './query-validation';
import {
  eraOrDefault,
  invalidInput,
  missing,
  optionalText,
  recordId,
  requirePointInScope,
} from './record-helpers';

const INCIDENT = bilingual('vụ việc', 'incident');

const fields = {
  occurredAt: z.string().trim().min(1).max(30),
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-90).max(90),
  categoryCode: z.string().trim().min(1).max(64),
  subcategory: optionalText(200),
  severity: z.string().trim().max(64).nullable().optional(),
  cleared: z.boolean().nullable().optional(),
  deaths: z.number().int().min(0).max(100_000).nullable().optional(),
  injuries: z.number().int().min(0).max(100_000).nullable().optional(),
  source: optionalText(200),
  reference: optionalText(200),
};

const newIncident = z.object(fields).strict();

const incidentChanges = z
  .object({
    occurredAt: fields.occurredAt.optional(),
    longitude: fields.longitude.optional(),
    latitude: fields.latitude.optional(),
    categoryCode: fields.categoryCode.optional(),
    subcategory: fields.subcategory,
    severity: fields.severity,
    cleared: fields.cleared,
    deaths: fields.deaths,
    injuries: fields.injuries,
    source: fields.source,
    reference: fields.reference,
  })
  .strict();

const INCIDENT_EXPECTATIONS = {
  ...EXPECTATIONS,
  '': bilingual(
    'chỉ các trường của vụ việc đã mô tả trong API',
    'only the incident fields the API describes',
  ),
  occurredAt: bilingual('thời điểm dạng YYYY-MM-DDTHH:mm', 'a time as YYYY-MM-DDTHH:mm'),
  longitude: bilingual('kinh độ, số từ -180 đến 180', 'a longitude, a number from -180 to 180'),
  latitude: bilingual('vĩ độ, số từ -90 đến 90', 'a latitude, a number from -90 to 90'),
  categoryCode: bilingual('mã loại vụ việc', 'an incident category code'),
  subcategory: bilingual('loại chi tiết, tối đa 200 ký tự', 'a subcategory of at most 200 characters'),
  severity: bilingual(`một trong ${SEVERITIES.join(', ')}`, `one of ${SEVERITIES.join(', ')}`),
  cleared: bilingual('true, false hoặc null', 'true, false or null'),
  deaths: bilingual('số người chết, số nguyên không âm', 'a number of deaths, a whole number, 0 or more'),
  injuries: bilingual(
    'số người bị thương, số nguyên không âm',
    'a number of injuries, a whole number, 0 or more',
  ),
  source: bilingual('nguồn, tối đa 200 ký tự', 'a source of at most 200 characters'),
  reference: bilingual('số hiệu, tối đa 200 ký tự', 'a reference number of at most 200 characters'),
};

/** What the audit trail keeps of an incident, before and after each change. */
function snapshot(incident: IncidentRecord) {
  return {
    occurredAt: incident.occurredAt,
    longitude: incident.longitude,
    latitude: incident.latitude,
    categoryCode: incident.categoryCode,
    subcategory: incident.subcategory,
    severity: incident.severity,
    cleared: incident.cleared,
    deaths: incident.deaths,
    injuries: incident.injuries,
    source: incident.source,
    reference: incident.reference,
  };
}

function asInput(incident: IncidentRecord): IncidentInput {
  return { ...snapshot(incident) };
}

/**
 * /api/incidents (writes and history; the lists are another router on the same prefix): incidents entered
 * and corrected by hand, checked like imported rows, placed in the commune of every era through the shared
 * locator, keyed like imports so the same incident is not stored twice, and audited ("incident:<id>").
 * Each write moves the incidents revision on, in its transaction, so cached counts rebuild.
 */
export function incidentWriteRoutes(context: AppContext) {
  const canRead = permit(context, 'incidents:read');
  const canWrite = permit(context, 'incidents:write');
  const { database, locator } = context;
  const target = (id: number) => `incident:${id}`;

  const view = (incident: IncidentRecord) => {
    const eras = new Map(allEras(database).map((era) => [era.id, era.label]));
    const communes = incidentCommunes(database, incident.id);
    const era = eraOrDefault(context, undefined);
    return {
      id: incident.id,
      ...snapshot(incident),
      unitCode: communes.find((commune) => commune.eraId === era?.id)?.code ?? null,
      units: communes.map((commune) => ({ era: eras.get(commune.eraId) ?? null, code: commune.code })),
      importId: incident.importId,
      createdAt: incident.createdAt,
    };
  };

  const load = (c: Context<AppEnv>): IncidentRecord => {
    const id = recordId(c, INCIDENT);
    const incident = findIncident(database, id);
    if (!incident) throw missing(INCIDENT, id);
    requirePointInScope(c, context, target(id), [incident.longitude, incident.latitude]);
    return incident;
  };

  const check = (input: IncidentInput, keepCategory?: string): CheckedIncident => {
    const categories = listAllIncidentCategories(database).map((category) => ({
      code: category.code,
      // An incident keeps a category retired after it was entered, unless the category is changed.
      active: category.active || category.code === keepCategory,
    }));
    const checked = checkIncidentInput(input, categories, wallClockInVietnam(context.now()));
    if ('vi' in checked) throw invalidInput(checked);
    return checked;
  };

  const refuseDuplicate = (checked: CheckedIncident, ownId?: number) => {
    const existing = findIncidentByDedupKey(database, checked.dedupKey);
    if (existing && existing.id !== ownId) {
      throw new ApiError(
        409,
        'conflict',
        bilingual(
          `Vụ việc này đã có (số ${existing.id}): cùng nguồn và số hiệu, hoặc cùng thời điểm, vị trí và loại`,
          `This incident is recorded already (number ${existing.id}): same source and reference, or same time, place and category`,
        ),
      );
    }
  };

  return new Hono<AppEnv>()
    .post('/', canWrite, validBody(newIncident, INCIDENT_EXPECTATIONS), (c) => {
      const checked = check(c.req.valid('json'));
      requirePointInScope(c, context, `incident at ${checked.longitude},${checked.latitude}`, [
        checked.longitude,
        checked.latitude,
      ]);
      refuseDuplicate(checked);
      const placements = unitsContaining(locator, allEras(database), checked.longitude, checked.latitude);
      const stored = inTransaction(database, () => {
        const incident = insertIncident(database, checked, placements, context.now().toISOString());
        advanceDataRevision(database, 'incidents');
        audit(c, context, {
          action: 'incident.create',
          target: target(incident.id),
          after: snapshot(incident),
        });
        return incident;
      });
      return c.json(view(stored), 201);
    })
    .patch('/:id', canWrite, validBody(incidentChanges, INCIDENT_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      if (Object.values(body).every((value) => value === undefined)) {
        throw invalidInput(bilingual('Không có gì để thay đổi', 'Nothing to change'));
      }
      const before = load(c);
      const merged: IncidentInput = { ...asInput(before) };
      for (const [field, value] of Object.entries(body)) {
        if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
      }
      const checked = check(merged, body.categoryCode === undefined ? before.categoryCode : undefined);
      requirePointInScope(c, context, target(before.id), [checked.longitude, checked.latitude]);
      // An imported incident keeps the key of its source row, so importing that file again adds nothing.
      const dedupKey = before.importId === null ? checked.dedupKey : before.dedupKey;
      refuseDuplicate({ ...checked, dedupKey }, before.id);
      const placements = unitsContaining(locator, allEras(database), checked.longitude, checked.latitude);
      const stored = inTransaction(database, () => {
        const incident = updateIncident(database, before.id, { ...checked, dedupKey }, placements);
        advanceDataRevision(database, 'incidents');
        audit(c, context, {
          action: 'incident.update',
          target: target(before.id),
          before: snapshot(before),
          after: snapshot(incident),
        });
        return incident;
      });
      return c.json(view(stored));
    })
    .get('/:id/history', canRead, (c) => {
      const incident = load(c);
      const changes: ChangeEntry[] = [];
      const importRecord =
        incident.importId === null ? undefined : findIncidentImport(database, incident.importId);
      if (importRecord) {
        changes.push({
          at: importRecord.importedAt,
          actor: importRecord.actor,
          action: 'incidents.import',
          before: null,
          after: { importId: importRecord.id, sourceFile: importRecord.sourceFile },
        });
      }
      changes.push(...changesOf(database, target(incident.id)));
      return c.json({ incident: view(incident), changes });
    });
}
