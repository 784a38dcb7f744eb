import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import { listDesignationKinds } from '../db/queries/programme';
import {
  type DesignationRow,
  deleteDesignation,
  designationsOfKind,
  findDesignation,
  insertDesignation,
  listDesignations,
} from '../db/queries/programme-cycles';
import { bilingual } from '../domain/bilingual';
import { type AppEnv, accountOf, audit, permit } from './access';
import { type AppContext, requireEra } from './context';
import {
  communeView,
  conflict,
  eraField,
  eraOn,
  PROGRAMME_EXPECTATIONS,
  requireCommune,
  requireRowInScope,
  unitField,
  yearField,
  yearParameter,
} from './programme-helpers';
import { validBody, validQuery } from './query-validation';
import { invalidInput, missing, optionalText, recordId } from './record-helpers';

const DESIGNATION = bilingual('danh hiệu, phân loại của xã', 'designation');

const listQuery = z.object({
  year: yearParameter.optional(),
  era: eraField.optional(),
  unit: unitField.optional(),
  kind: z.string().trim().min(1).max(64).optional(),
});

const newDesignation = z
  .object({
    era: eraField.optional(),
    unit: unitField,
    year: yearField,
    kind: z.string().trim().min(1).max(64),
    level: z.string().trim().max(64).optional(),
    reference: optionalText(200),
    note: optionalText(2000),
  })
  .strict();

function designationView(row: DesignationRow) {
  return {
    id: row.id,
    year: row.year,
    era: row.eraLabel,
    unit: communeView(row),
    kind: row.kind,
    level: row.level === '' ? null : row.level,
    reference: row.reference,
    note: row.note,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/**
 * /api/programme/designations: what a commune is in a year besides its cycle, several at once (the
 * province's transformation list, the Ministry's key-complex list, a drug rating, "An toàn về ANTT", area
 * types 1–4), of the kinds stored as data (/api/programme/designation-kinds). Within the account's area;
 * every change audited.
 */
export function programmeDesignationRoutes(context: AppContext) {
  const canRead = permit(context, 'programme:read');
  const canWrite = permit(context, 'programme:write');
  const { database } = context;
  const target = (id: number) => `programme-designation:${id}`;

  const load = (c: Context<AppEnv>): DesignationRow => {
    const id = recordId(c, DESIGNATION);
    const row = findDesignation(database, id);
    if (!row) throw missing(DESIGNATION, id);
    requireRowInScope(c, context, row, target(id));
    return row;
  };

  return new Hono<AppEnv>()
    .get('/', canRead, validQuery(listQuery, PROGRAMME_EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const era = query.era ? requireEra(context, query.era) : undefined;
      if (query.unit && era) {
        requireCommune(c, context, era, query.unit, `programme-designations ${era.label}/${query.unit}`);
      }
      const rows = listDesignations(database, {
        year: query.year,
        eraId: era?.id,
        unitCode: query.unit,
        scope: accountOf(c).scope,
      });
      return c.json({
        designations: rows.filter((row) => !query.kind || row.kind === query.kind).map(designationView),
      });
    })
    .post('/', canWrite, validBody(newDesignation, PROGRAMME_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const era = eraOn(context, body.era, `${body.year}-12-31`);
      const unit = requireCommune(
        c,
        context,
        era,
        body.unit,
        `programme-designation ${era.label}/${body.unit}/${body.year}`,
      );
      const kinds = listDesignationKinds(database);
      const kind = kinds.find((candidate) => candidate.code === body.kind);
      if (!kind) {
        const codes = kinds.map((candidate) => candidate.code).join(', ');
        throw invalidInput(
          bilingual(
            `Không có loại "${body.kind}"; các loại: ${codes}`,
            `There is no kind "${body.kind}"; the kinds: ${codes}`,
          ),
        );
      }
      const level = body.level ?? '';
      const levels = kind.levels.map((candidate) => candidate.code);
      if (levels.length > 0 && !levels.includes(level)) {
        throw invalidInput(
          bilingual(
            `"${kind.nameVi}" cần một mức (level): ${levels.join(', ')}`,
            `"${kind.nameEn}" needs a level: ${levels.join(', ')}`,
          ),
        );
      }
      if (levels.length === 0 && level !== '') {
        throw invalidInput(bilingual(`"${kind.nameVi}" không có mức`, `"${kind.nameEn}" takes no level`));
      }
      const existing = designationsOfKind(database, {
        eraId: era.id,
        unitCode: unit.code,
        year: body.year,
        kind: kind.code,
      });
      if (existing.some((other) => other.level === level) || (kind.singleLevel && existing.length > 0)) {
        throw conflict(
          bilingual(
            `${unit.fullName} đã có "${kind.nameVi}" năm ${body.year}${existing[0]?.level ? ` (${existing[0].level})` : ''}; xóa trước khi ghi lại`,
            `${unit.fullName} already has "${kind.nameEn}" for ${body.year}${existing[0]?.level ? ` (${existing[0].level})` : ''}; delete it first`,
          ),
        );
      }
      const id = inTransaction(database, () => {
        const stored = insertDesignation(database, {
          eraId: era.id,
          unitCode: unit.code,
          year: body.year,
          kind: kind.code,
          level,
          reference: body.reference ?? null,
          note: body.note ?? null,
          createdAt: context.now().toISOString(),
          createdBy: accountOf(c).user.username,
        });
        audit(c, context, {
          action: 'programme.designation.create',
          target: target(stored),
          after: { era: era.label, unit: unit.code, year: body.year, kind: kind.code, level },
        });
        return stored;
      });
      return c.json(designationView(findDesignation(database, id) as DesignationRow), 201);
    })
    .delete('/:id', canWrite, (c) => {
      const row = load(c);
      inTransaction(database, () => {
        deleteDesignation(database, row.id);
        audit(c, context, {
          action: 'programme.designation.delete',
          target: target(row.id),
          before: designationView(row),
        });
      });
      return c.body(null, 204);
    });
}
