import { existsSync, readFileSync } from 'node:fs';
import { zValidator } from '@hono/zod-validator';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  type BriefingPackRecord,
  type BriefingRenderRecord,
  deleteBriefingPack,
  findBriefingPack,
  findBriefingRender,
  insertBriefingPack,
  insertBriefingRender,
  listBriefingPacks,
  rendersOfPacks,
  updateBriefingPack,
  updateBriefingRender,
} from '../db/queries/briefing-packs';
import { erasValidOn } from '../db/queries/eras';
import { findSavedView } from '../db/queries/saved-views';
import { findUnit } from '../db/queries/units';
import { scopeCovers } from '../domain/access/scope';
import { type BilingualText, bilingual } from '../domain/bilingual';
import {
  atlasEra,
  briefingFilePath,
  PACK_TABLES,
  type PackDefinition,
  parseDefinition,
  runPackRender,
} from '../services/briefing-pack-render';
import { assertPrintAvailable, ORIENTATIONS, PAPERS, PrintUnavailableError } from '../services/print-render';
import { contentDisposition } from '../services/programme-list-export';
import { type Account, type AppEnv, accountOf, audit, outOfScope, permit } from './access';
import { ApiError, notFound } from './api-error';
import { type AppContext, today } from './context';
import { unitField, yearField } from './programme-helpers';
import { invalidInput, missing, recordId } from './record-helpers';
import { mayChange, notOwner, viewVisible } from './saved-views';

const PACK = bilingual('bộ tài liệu giao ban', 'briefing pack');
const RENDER = bilingual('bản in', 'render');
const MAXIMUM_ITEMS = 100;
const MAXIMUM_ATLAS_UNITS = 300;

const PACK_EXPECTATIONS: Record<string, BilingualText> = {
  '': bilingual(
    'một bộ tài liệu {name, title, marking?, committee?, paper, orientation, items}',
    'a pack {name, title, marking?, committee?, paper, orientation, items}',
  ),
  name: bilingual('tên, 1 đến 200 ký tự', 'a name of 1 to 200 characters'),
  title: bilingual('tiêu đề trang bìa, 1 đến 300 ký tự', 'a cover title of 1 to 300 characters'),
  committee: bilingual('tên ban chỉ đạo, tối đa 300 ký tự', "the committee's name, at most 300 characters"),
  marking: bilingual('độ mật, tối đa 60 ký tự', 'a marking of at most 60 characters'),
  paper: bilingual('"A4" hoặc "A3"', '"A4" or "A3"'),
  orientation: bilingual('"portrait" (dọc) hoặc "landscape" (ngang)', '"portrait" or "landscape"'),
  items: bilingual(
    `1 đến ${MAXIMUM_ITEMS} mục: {kind:"view", viewId}, {kind:"table", table, year?, unit?} hoặc {kind:"atlas", year, units}`,
    `1 to ${MAXIMUM_ITEMS} items: {kind:"view", viewId}, {kind:"table", table, year?, unit?} or {kind:"atlas", year, units}`,
  ),
  kind: bilingual('"view", "table" hoặc "atlas"', '"view", "table" or "atlas"'),
  viewId: bilingual('số (id) của một chế độ xem đã lưu', 'the id of a saved view'),
  table: bilingual(`một trong ${PACK_TABLES.join(', ')}`, `one of ${PACK_TABLES.join(', ')}`),
  year: bilingual('một năm của chương trình', 'a programme year'),
  unit: bilingual('mã xã', 'a commune code'),
  units: bilingual(
    `danh sách 1 đến ${MAXIMUM_ATLAS_UNITS} mã xã, theo thứ tự in`,
    `a list of 1 to ${MAXIMUM_ATLAS_UNITS} commune codes, in the order to print`,
  ),
};

const itemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('view'), viewId: z.number().int().positive() }).strict(),
  z
    .object({
      kind: z.literal('table'),
      table: z.enum(PACK_TABLES),
      year: yearField.optional(),
      unit: unitField.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('atlas'),
      year: yearField,
      units: z.array(unitField).min(1).max(MAXIMUM_ATLAS_UNITS),
    })
    .strict(),
]);

const packSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    title: z.string().trim().min(1).max(300),
    committee: z.string().trim().max(300).optional(),
    marking: z.string().trim().max(60).optional(),
    paper: z.enum(PAPERS).default('A4'),
    orientation: z.enum(ORIENTATIONS).default('landscape'),
    items: z.array(itemSchema).min(1).max(MAXIMUM_ITEMS),
  })
  .strict();

type PackBody = z.infer<typeof packSchema>;

/** A 400 naming the field where it lies in the pack ("items[2].table") and what it should be. */
const validPack = zValidator('json', packSchema, (result) => {
  if (result.success) return;
  const path = result.error.issues[0]?.path ?? [];
  const where = path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`))
    .join('');
  const last = [...path].reverse().find((part) => typeof part === 'string');
  const expected = PACK_EXPECTATIONS[last === undefined ? '' : String(last)] ?? PACK_EXPECTATIONS[''];
  throw new ApiError(
    400,
    'invalid_parameter',
    bilingual(
      `Trường "${where}" không hợp lệ: cần ${expected?.vi}`,
      `Invalid field "${where}": expected ${expected?.en}`,
    ),
  );
});

function definitionOf(body: PackBody): PackDefinition {
  return {
    title: body.title,
    committee: body.committee || undefined,
    marking: body.marking || undefined,
    paper: body.paper,
    orientation: body.orientation,
    items: body.items,
  };
}

/**
 * What the schema cannot say: the saved views exist and the account sees them; a commune's indicators name
 * a commune; an atlas lists each commune once, each a commune of the year that the account's area covers.
 */
function checkPack(c: Context<AppEnv>, context: AppContext, definition: PackDefinition): void {
  const account = accountOf(c);
  definition.items.forEach((item, index) => {
    const where = `items[${index}]`;
    if (item.kind === 'view') {
      const view = findSavedView(context.database, item.viewId);
      if (!view || !viewVisible(context, account.scope, view)) {
        throw invalidInput(
          bilingual(
            `${where}: không có chế độ xem đã lưu số ${item.viewId}`,
            `${where}: there is no saved view number ${item.viewId}`,
          ),
        );
      }
    } else if (item.kind === 'table' && item.table === 'commune-indicators' && !item.unit) {
      throw invalidInput(
        bilingual(
          `${where}: bảng chỉ tiêu của xã cần mã xã (unit)`,
          `${where}: a commune's indicators need the commune's code (unit)`,
        ),
      );
    } else if (item.kind === 'atlas') {
      const repeated = item.units.find((code, position) => item.units.indexOf(code) !== position);
      if (repeated) {
        throw invalidInput(
          bilingual(
            `${where}: xã "${repeated}" có hai lần trong tập bản đồ`,
            `${where}: commune "${repeated}" is twice in the atlas`,
          ),
        );
      }
      for (const code of item.units) requireAtlasCommune(c, context, item.year, code, where);
    }
    if (item.kind === 'table' && item.unit) {
      const year = item.year ?? Number(today(context).slice(0, 4));
      requireAtlasCommune(c, context, year, item.unit, where);
    }
  });
}

function requireAtlasCommune(
  c: Context<AppEnv>,
  context: AppContext,
  year: number,
  code: string,
  where: string,
): void {
  const label = atlasEra(context.database, year, code);
  const era = erasValidOn(context.database, `${year}-12-31`)
    .concat(erasValidOn(context.database, `${year}-01-01`))
    .find((candidate) => candidate.label === label);
  const unit = era ? findUnit(context.database, [era.id], 'commune', code) : undefined;
  if (!unit) {
    throw invalidInput(
      bilingual(
        `${where}: không có xã mã "${code}" trong năm ${year}`,
        `${where}: there is no commune with code "${code}" in ${year}`,
      ),
    );
  }
  if (!scopeCovers(accountOf(c).scope, unit)) throw outOfScope(c, context, `unit ${label}/commune/${code}`);
}

export function packJson(pack: BriefingPackRecord, account: Account) {
  return {
    id: pack.id,
    name: pack.name,
    ...parseDefinition(pack.definition),
    owner: pack.owner,
    createdAt: pack.createdAt,
    updatedAt: pack.updatedAt,
    canChange: mayChange(account, pack.owner),
  };
}

export function renderJson(render: BriefingRenderRecord) {
  return {
    id: render.id,
    packId: render.packId,
    title: render.title,
    format: render.format,
    status: render.status,
    pagesDone: render.pagesDone,
    pagesTotal: render.pagesTotal,
    fileBytes: render.fileBytes,
    error: render.error ? (JSON.parse(render.error) as BilingualText) : null,
    requestedBy: render.requestedBy,
    createdAt: render.createdAt,
    finishedAt: render.finishedAt,
  };
}

/** Packs render one after another: each holds a Chromium of its own. */
let renderQueue: Promise<unknown> = Promise.resolve();
/** Renders this process is working on; one left queued or rendering by a stopped server is not among them. */
const activeRenders = new Set<number>();

/** Starts a pack's render in the background; the render's row tells its progress. */
export function queuePackRender(
  context: AppContext,
  pack: BriefingPackRecord,
  account: { username: string; scope: Account['scope'] },
): BriefingRenderRecord {
  const definition = parseDefinition(pack.definition);
  const render = insertBriefingRender(
    context.database,
    { packId: pack.id, title: definition.title, format: 'pdf', requestedBy: account.username },
    context.now().toISOString(),
  );
  activeRenders.add(render.id);
  const job = renderQueue
    .then(() => runPackRender(context, render.id, account, definition))
    .finally(() => activeRenders.delete(render.id));
  renderQueue = job.catch(() => undefined);
  return render;
}

/**
 * /api/briefing-packs: packs of saved views, tables and atlases of communes for a committee meeting, scoped
 * and owned like saved views; POST /:id/render prints one in the background (progress and file under
 * /api/briefing-renders). Changes are audited.
 */
export function briefingPackRoutes(context: AppContext) {
  const canRead = permit(context, 'briefings:read');
  const canWrite = permit(context, 'briefings:write');
  const { database } = context;
  const now = () => context.now().toISOString();

  const visiblePack = (c: Context<AppEnv>): BriefingPackRecord => {
    const id = recordId(c, PACK);
    const pack = findBriefingPack(database, id);
    if (!pack) throw missing(PACK, id);
    if (!viewVisible(context, accountOf(c).scope, pack)) throw outOfScope(c, context, `briefing-pack:${id}`);
    return pack;
  };
  const changeable = (c: Context<AppEnv>): BriefingPackRecord => {
    const pack = visiblePack(c);
    if (!mayChange(accountOf(c), pack.owner)) throw notOwner(c, context, `briefing-pack:${pack.id}`);
    return pack;
  };

  return new Hono<AppEnv>()
    .get('/', canRead, (c) => {
      const account = accountOf(c);
      const packs = listBriefingPacks(database).filter((pack) => viewVisible(context, account.scope, pack));
      const renders = rendersOfPacks(
        database,
        packs.map((pack) => pack.id),
      );
      return c.json({
        packs: packs.map((pack) => ({
          ...packJson(pack, account),
          renders: renders.filter((render) => render.packId === pack.id).map(renderJson),
        })),
      });
    })
    .get('/:id', canRead, (c) => {
      const pack = visiblePack(c);
      return c.json({
        ...packJson(pack, accountOf(c)),
        renders: rendersOfPacks(database, [pack.id]).map(renderJson),
      });
    })
    .post('/', canWrite, validPack, (c) => {
      const body = c.req.valid('json');
      const definition = definitionOf(body);
      checkPack(c, context, definition);
      const account = accountOf(c);
      const pack = insertBriefingPack(
        database,
        { name: body.name, definition, scope: account.scope, owner: account.user.username },
        now(),
      );
      audit(c, context, {
        action: 'briefing-pack.create',
        target: `briefing-pack:${pack.id}`,
        after: { name: body.name, ...definition },
      });
      return c.json({ ...packJson(pack, account), renders: [] }, 201);
    })
    .put('/:id', canRead, validPack, (c) => {
      const pack = changeable(c);
      const body = c.req.valid('json');
      const definition = definitionOf(body);
      checkPack(c, context, definition);
      const updated = updateBriefingPack(database, pack.id, { name: body.name, definition }, now()) ?? pack;
      audit(c, context, {
        action: 'briefing-pack.update',
        target: `briefing-pack:${pack.id}`,
        before: { name: pack.name, ...parseDefinition(pack.definition) },
        after: { name: body.name, ...definition },
      });
      return c.json({
        ...packJson(updated, accountOf(c)),
        renders: rendersOfPacks(database, [pack.id]).map(renderJson),
      });
    })
    .delete('/:id', canRead, (c) => {
      const pack = changeable(c);
      deleteBriefingPack(database, pack.id);
      audit(c, context, {
        action: 'briefing-pack.delete',
        target: `briefing-pack:${pack.id}`,
        before: { name: pack.name, ...parseDefinition(pack.definition) },
      });
      return c.body(null, 204);
    })
    .post('/:id/render', canRead, (c) => {
      const pack = visiblePack(c);
      const account = accountOf(c);
      // Views deleted since the pack was saved, or communes now outside the area, are refused now.
      checkPack(c, context, parseDefinition(pack.definition));
      try {
        assertPrintAvailable();
      } catch (error) {
        if (error instanceof PrintUnavailableError) throw new ApiError(503, 'print_unavailable', error.text);
        throw error;
      }
      const render = queuePackRender(context, pack, {
        username: account.user.username,
        scope: account.scope,
      });
      audit(c, context, {
        action: 'briefing-pack.render',
        target: `briefing-pack:${pack.id}`,
        after: { render: render.id },
      });
      return c.json(renderJson(render), 202);
    });
}

/**
 * /api/briefing-renders/:id: a render's progress, and its file once done. Seen by whoever asked for it,
 * and by accounts that see its pack.
 */
export function briefingRenderRoutes(context: AppContext) {
  const canRead = permit(context, 'briefings:read');
  const { database } = context;

  const visibleRender = (c: Context<AppEnv>): BriefingRenderRecord => {
    const id = recordId(c, RENDER);
    const render = findBriefingRender(database, id);
    if (!render) throw missing(RENDER, id);
    const account = accountOf(c);
    const pack = render.packId === null ? undefined : findBriefingPack(database, render.packId);
    const visible =
      render.requestedBy === account.user.username ||
      (pack !== undefined && viewVisible(context, account.scope, pack));
    if (!visible) throw outOfScope(c, context, `briefing-render:${id}`);
    if ((render.status === 'queued' || render.status === 'rendering') && !activeRenders.has(render.id)) {
      const error = bilingual(
        'Máy chủ đã khởi động lại khi đang in; hãy in lại',
        'The server restarted while printing; print again',
      );
      updateBriefingRender(database, render.id, {
        status: 'failed',
        error: JSON.stringify(error),
        finishedAt: context.now().toISOString(),
      });
      return findBriefingRender(database, render.id) ?? render;
    }
    return render;
  };

  return new Hono<AppEnv>()
    .get('/:id', canRead, (c) => c.json(renderJson(visibleRender(c))))
    .get('/:id/file', canRead, (c) => {
      const render = visibleRender(c);
      const path = briefingFilePath(database, render);
      if (render.status !== 'done' || !existsSync(path)) {
        throw notFound(
          bilingual(
            `Bản in số ${render.id} chưa xong hoặc không còn tệp`,
            `Render number ${render.id} is not finished or its file is gone`,
          ),
        );
      }
      const unicode = `${render.title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').slice(0, 150)} - ${render.id}.${render.format}`;
      const ascii = unicode
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, (letter) => (letter === 'đ' ? 'd' : 'D'))
        .replace(/[^\x20-\x7e]/g, '_')
        .replace(/"/g, '_');
      return c.body(new Uint8Array(readFileSync(path)), 200, {
        'Content-Type': render.format === 'pdf' ? 'application/pdf' : 'image/png',
        'Content-Disposition': contentDisposition({ unicode, ascii }),
        'Cache-Control': 'private, no-store',
      });
    });
}
