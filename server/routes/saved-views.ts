import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  deleteSavedView,
  findSavedView,
  insertSavedView,
  listSavedViews,
  renameSavedView,
  type SavedViewRecord,
  scopeIncludes,
  storedScope,
} from '../db/queries/saved-views';
import { roleHolds } from '../domain/access/roles';
import type { Scope } from '../domain/access/scope';
import { type BilingualText, bilingual } from '../domain/bilingual';
import { PRINTABLE_VIEWS } from '../services/print-render';
import { type Account, type AppEnv, accountOf, audit, outOfScope, permit } from './access';
import { ApiError } from './api-error';
import type { AppContext } from './context';
import { validBody } from './query-validation';
import { invalidInput, missing, recordId } from './record-helpers';

/** The views a saved view may open: those whose URL carries their whole state, and which print. */
export const SAVEABLE_ROUTES = PRINTABLE_VIEWS;
const MAXIMUM_LOCATION_LENGTH = 4000;

const SAVED_VIEW = bilingual('chế độ xem đã lưu', 'saved view');

export const SAVED_VIEW_EXPECTATIONS = {
  '': bilingual('chỉ các trường name, location', 'only the fields name, location'),
  name: bilingual('tên, 1 đến 200 ký tự', 'a name of 1 to 200 characters'),
  location: bilingual(
    `đường dẫn của một màn hình sau dấu "#", như "/map?era=…" (${SAVEABLE_ROUTES.join(', ')})`,
    `the path of a view after "#", such as "/map?era=…" (${SAVEABLE_ROUTES.join(', ')})`,
  ),
} satisfies Record<string, BilingualText>;

const nameField = z.string().trim().min(1).max(200);
const newView = z
  .object({ name: nameField, location: z.string().trim().min(1).max(MAXIMUM_LOCATION_LENGTH) })
  .strict();
const renamed = z.object({ name: nameField }).strict();

/**
 * A view's location as the app writes it after "#": one of its views, with its query; the route and each
 * parameter are normalised so that the same view is stored the same way. A 400 otherwise.
 */
export function checkViewLocation(location: string): string {
  const text = location.trim().replace(/^#/, '');
  let url: URL | null = null;
  try {
    url = text.startsWith('/') && !text.startsWith('//') ? new URL(text, 'http://diaban.invalid') : null;
  } catch {
    url = null;
  }
  const path = url && url.hash === '' ? url.pathname.replace(/\/+$/, '') : '';
  if (!url || !(SAVEABLE_ROUTES as readonly string[]).includes(path)) {
    throw invalidInput(
      bilingual(
        `Đường dẫn "${text.slice(0, 200)}" không phải một màn hình lưu được; cần ${SAVED_VIEW_EXPECTATIONS.location.vi}`,
        `"${text.slice(0, 200)}" is not a view that can be saved; expected ${SAVED_VIEW_EXPECTATIONS.location.en}`,
      ),
    );
  }
  return `${path}${url.search}`;
}

export function savedViewJson(view: SavedViewRecord, account: Account) {
  return {
    id: view.id,
    name: view.name,
    location: view.location,
    owner: view.owner,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    canChange: mayChange(account, view.owner),
  };
}

/**
 * The owner (while its role may still write briefings), or an administrator, renames and deletes. The
 * routes ask for 'briefings:read' only, so that an administrator, who writes none, can tidy up.
 */
export function mayChange(account: Account, owner: string): boolean {
  return (
    account.user.role === 'admin' ||
    (account.user.username === owner && roleHolds(account.user.role, 'briefings:write'))
  );
}

/** A saved view the account may see, or a 404 (it does not exist) or an audited 403 (out of its area). */
export function requireVisibleView(c: Context<AppEnv>, context: AppContext, id: number): SavedViewRecord {
  const view = findSavedView(context.database, id);
  if (!view) throw missing(SAVED_VIEW, id);
  if (!viewVisible(context, accountOf(c).scope, view)) throw outOfScope(c, context, `saved-view:${id}`);
  return view;
}

export function viewVisible(context: AppContext, scope: Scope, view: { scope: string }): boolean {
  return scopeIncludes(context.database, scope, storedScope(view.scope));
}

/** A 403 for changing what someone else made, audited. */
export function notOwner(c: Context<AppEnv>, context: AppContext, target: string): ApiError {
  audit(c, context, {
    action: 'access.denied',
    target,
    outcome: 'denied',
    after: { reason: 'not the owner' },
  });
  return new ApiError(
    403,
    'forbidden',
    bilingual(
      'Chỉ người tạo hoặc quản trị viên được sửa, xóa mục này',
      'Only the one who made it, or an administrator, may change or delete this',
    ),
  );
}

/**
 * /api/saved-views: named locations of the app (map, hot spots, programme…) with their whole state in the
 * URL, shown to accounts whose area covers the area of the account that saved them; the owner or an
 * administrator renames and deletes. Every change is audited.
 */
export function savedViewRoutes(context: AppContext) {
  const canRead = permit(context, 'briefings:read');
  const canWrite = permit(context, 'briefings:write');
  const { database } = context;
  const now = () => context.now().toISOString();

  const changeable = (c: Context<AppEnv>): SavedViewRecord => {
    const view = requireVisibleView(c, context, recordId(c, SAVED_VIEW));
    if (!mayChange(accountOf(c), view.owner)) throw notOwner(c, context, `saved-view:${view.id}`);
    return view;
  };

  return new Hono<AppEnv>()
    .get('/', canRead, (c) => {
      const account = accountOf(c);
      const views = listSavedViews(database).filter((view) => viewVisible(context, account.scope, view));
      return c.json({ views: views.map((view) => savedViewJson(view, account)) });
    })
    .get('/:id', canRead, (c) => {
      const view = requireVisibleView(c, context, recordId(c, SAVED_VIEW));
      return c.json(savedViewJson(view, accountOf(c)));
    })
    .post('/', canWrite, validBody(newView, SAVED_VIEW_EXPECTATIONS), (c) => {
      const body = c.req.valid('json');
      const account = accountOf(c);
      const view = insertSavedView(
        database,
        {
          name: body.name,
          location: checkViewLocation(body.location),
          scope: account.scope,
          owner: account.user.username,
        },
        now(),
      );
      audit(c, context, {
        action: 'saved-view.create',
        target: `saved-view:${view.id}`,
        after: { name: view.name, location: view.location },
      });
      return c.json(savedViewJson(view, account), 201);
    })
    .patch('/:id', canRead, validBody(renamed, SAVED_VIEW_EXPECTATIONS), (c) => {
      const view = changeable(c);
      const { name } = c.req.valid('json');
      const updated = renameSavedView(database, view.id, name, now()) ?? view;
      audit(c, context, {
        action: 'saved-view.rename',
        target: `saved-view:${view.id}`,
        before: { name: view.name },
        after: { name: updated.name },
      });
      return c.json(savedViewJson(updated, accountOf(c)));
    })
    .delete('/:id', canRead, (c) => {
      const view = changeable(c);
      deleteSavedView(database, view.id);
      audit(c, context, {
        action: 'saved-view.delete',
        target: `saved-view:${view.id}`,
        before: { name: view.name, location: view.location },
      });
      return c.body(null, 204);
    });
}
