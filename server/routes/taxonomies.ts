import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../db/database';
import { advanceDataRevision } from '../db/queries/data-revisions';
import type { IncidentCategoryRecord } from '../db/queries/incidents';
import type { IndicatorDefinitionRecord } from '../db/queries/records-indicators';
import {
  findIncidentCategory,
  findIndicatorDefinition,
  insertIncidentCategory,
  insertIndicatorDefinition,
  nextIncidentCategoryOrder,
  nextIndicatorDefinitionOrder,
  updateIncidentCategory,
  updateIndicatorDefinition,
} from '../db/queries/taxonomies';
import { bilingual } from '../domain/bilingual';
import { foldText } from '../domain/text/fold-text';
import { type AppEnv, audit, permit } from './access';
import { ApiError, notFound } from './api-error';
import type { AppContext } from './context';
import { validBody } from './query-validation';

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const code = z.string().trim().max(64).regex(CODE);
const name = z.string().trim().min(1).max(200);
const unitName = z.string().trim().min(1).max(50);
const sortOrder = z.number().int().min(0).max(1_000_000);
const aliases = z.array(z.string().trim().max(100)).max(500);

const newCategory = z
  .object({
    code,
    group: code,
    nameVi: name,
    nameEn: name,
    aliases: aliases.default([]),
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .strict();

const categoryChanges = z
  .object({
    group: code.optional(),
    nameVi: name.optional(),
    nameEn: name.optional(),
    aliases: aliases.optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .strict();

const newDefinition = z
  .object({
    code,
    nameVi: name,
    nameEn: name,
    unitVi: unitName,
    unitEn: unitName,
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .strict();

const definitionChanges = z
  .object({
    nameVi: name.optional(),
    nameEn: name.optional(),
    unitVi: unitName.optional(),
    unitEn: unitName.optional(),
    sortOrder: sortOrder.optional(),
    active: z.boolean().optional(),
  })
  .strict();

const CODE_EXPECTED = bilingual(
  'mã gồm chữ thường không dấu, số và dấu gạch ngang (vd. "danh-bac"), tối đa 64 ký tự',
  'a code of lower-case letters, digits and hyphens (e.g. "danh-bac"), at most 64 characters',
);

const EXPECTATIONS = {
  '': bilingual(
    'chỉ các trường đã biết; mã không đổi được (vụ việc và số liệu tham chiếu đến nó)',
    'only the known fields; a code cannot be changed (incidents and figures refer to it)',
  ),
  code: CODE_EXPECTED,
  group: CODE_EXPECTED,
  nameVi: bilingual('tên tiếng Việt, 1 đến 200 ký tự', 'a Vietnamese name of 1 to 200 characters'),
  nameEn: bilingual('tên tiếng Anh, 1 đến 200 ký tự', 'an English name of 1 to 200 characters'),
  unitVi: bilingual('đơn vị tính tiếng Việt, 1 đến 50 ký tự', 'a Vietnamese unit of 1 to 50 characters'),
  unitEn: bilingual('đơn vị tính tiếng Anh, 1 đến 50 ký tự', 'an English unit of 1 to 50 characters'),
  aliases: bilingual(
    'danh sách tên gọi khác, mỗi tên tối đa 100 ký tự',
    'a list of other names, each at most 100 characters',
  ),
  sortOrder: bilingual('số nguyên từ 0 đến 1000000', 'a whole number from 0 to 1000000'),
  active: bilingual('true hoặc false', 'true or false'),
};

/** Aliases without blanks or repeats (names equal once folded, as the importer compares them). */
function cleanAliases(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((alias) => {
    const folded = foldText(alias);
    if (folded === '' || seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}

function categoryView(category: IncidentCategoryRecord) {
  return {
    code: category.code,
    group: category.groupCode,
    nameVi: category.nameVi,
    nameEn: category.nameEn,
    aliases: JSON.parse(category.aliases) as string[],
    sortOrder: category.sortOrder,
    active: category.active,
  };
}

function definitionView(definition: IndicatorDefinitionRecord) {
  return {
    code: definition.code,
    nameVi: definition.nameVi,
    nameEn: definition.nameEn,
    unitVi: definition.unitVi,
    unitEn: definition.unitEn,
    sortOrder: definition.sortOrder,
    active: definition.active,
  };
}

function nothingToChange(): ApiError {
  return new ApiError(400, 'invalid_parameter', bilingual('Không có gì để thay đổi', 'Nothing to change'));
}

/**
 * The editable taxonomies, for administrators ('settings:manage'); reading them is
 * GET /api/incident-categories and GET /api/indicators/definitions?all=true.
 * - POST /api/incident-categories, PATCH /api/incident-categories/:code
 * - POST /api/indicators/definitions, PATCH /api/indicators/definitions/:code
 * A code is never renamed nor deleted, since incidents and figures refer to it: `active: false` retires an
 * entry, which then takes no new incidents or figures while the existing ones are still counted. Every
 * change is audited with before and after; category changes move the incidents' data revision on, so that
 * the incident index picks up the new order.
 */
export function taxonomyRoutes(context: AppContext) {
  const canManage = permit(context, 'settings:manage');
  const { database } = context;

  const missingCategory = (wanted: string) =>
    notFound(bilingual(`Không có loại vụ việc mã "${wanted}"`, `There is no incident category "${wanted}"`));
  const missingDefinition = (wanted: string) =>
    notFound(bilingual(`Không có chỉ tiêu mã "${wanted}"`, `There is no indicator "${wanted}"`));
  const taken = (wanted: string) =>
    new ApiError(
      409,
      'conflict',
      bilingual(
        `Mã "${wanted}" đã có; mã không dùng lại được (sửa mục đó, hoặc chọn mã khác)`,
        `The code "${wanted}" exists already; codes are not reused (edit that entry, or choose another code)`,
      ),
    );

  return new Hono<AppEnv>()
    .post('/incident-categories', canManage, validBody(newCategory, EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const stored = inTransaction(database, () => {
        if (findIncidentCategory(database, body.code)) throw taken(body.code);
        insertIncidentCategory(database, {
          code: body.code,
          groupCode: body.group,
          nameVi: body.nameVi,
          nameEn: body.nameEn,
          aliases: JSON.stringify(cleanAliases(body.aliases)),
          sortOrder: body.sortOrder ?? nextIncidentCategoryOrder(database),
          active: body.active ?? true,
        });
        advanceDataRevision(database, 'incidents');
        const category = categoryView(findIncidentCategory(database, body.code) as IncidentCategoryRecord);
        audit(c, context, {
          action: 'incident-category.create',
          target: `incident-category:${body.code}`,
          after: category,
        });
        return category;
      });
      return c.json({ category: stored }, 201);
    })
    .patch('/incident-categories/:code', canManage, validBody(categoryChanges, EXPECTATIONS), (c) => {
      const wanted = c.req.param('code');
      const body = c.req.valid('json');
      if (Object.values(body).every((value) => value === undefined)) throw nothingToChange();
      const stored = inTransaction(database, () => {
        const before = findIncidentCategory(database, wanted);
        if (!before) throw missingCategory(wanted);
        updateIncidentCategory(database, wanted, {
          groupCode: body.group,
          nameVi: body.nameVi,
          nameEn: body.nameEn,
          aliases: body.aliases === undefined ? undefined : JSON.stringify(cleanAliases(body.aliases)),
          sortOrder: body.sortOrder,
          active: body.active,
        });
        advanceDataRevision(database, 'incidents');
        const after = categoryView(findIncidentCategory(database, wanted) as IncidentCategoryRecord);
        audit(c, context, {
          action: 'incident-category.update',
          target: `incident-category:${wanted}`,
          before: categoryView(before),
          after,
        });
        return after;
      });
      return c.json({ category: stored });
    })
    .post('/indicators/definitions', canManage, validBody(newDefinition, EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const stored = inTransaction(database, () => {
        if (findIndicatorDefinition(database, body.code)) throw taken(body.code);
        insertIndicatorDefinition(database, {
          code: body.code,
          nameVi: body.nameVi,
          nameEn: body.nameEn,
          unitVi: body.unitVi,
          unitEn: body.unitEn,
          sortOrder: body.sortOrder ?? nextIndicatorDefinitionOrder(database),
          active: body.active ?? true,
        });
        const definition = definitionView(
          findIndicatorDefinition(database, body.code) as IndicatorDefinitionRecord,
        );
        audit(c, context, {
          action: 'indicator-definition.create',
          target: `indicator-definition:${body.code}`,
          after: definition,
        });
        return definition;
      });
      return c.json({ definition: stored }, 201);
    })
    .patch('/indicators/definitions/:code', canManage, validBody(definitionChanges, EXPECTATIONS), (c) => {
      const wanted = c.req.param('code');
      const body = c.req.valid('json');
      if (Object.values(body).every((value) => value === undefined)) throw nothingToChange();
      const stored = inTransaction(database, () => {
        const before = findIndicatorDefinition(database, wanted);
        if (!before) throw missingDefinition(wanted);
        updateIndicatorDefinition(database, wanted, body);
        const after = definitionView(findIndicatorDefinition(database, wanted) as IndicatorDefinitionRecord);
        audit(c, context, {
          action: 'indicator-definition.update',
          target: `indicator-definition:${wanted}`,
          before: definitionView(before),
          after,
        });
        return after;
      });
      return c.json({ definition: stored });
    });
}
