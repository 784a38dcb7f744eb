import { Hono } from 'hono';
import { z } from 'zod';
import { listUsers } from '../db/queries/users';
import { MAXIMUM_PASSWORD_LENGTH } from '../domain/access/password-policy';
import { ROLES } from '../domain/access/roles';
import { bilingual } from '../domain/bilingual';
import { type Actor, accountView, changeAccount, createAccount, resetPassword } from '../services/accounts';
import { type AppEnv, accountOf, clientAddress, permit } from './access';
import type { AppContext } from './context';
import { validBody } from './query-validation';

const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({
    kind: z.literal('provinces'),
    provinces: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
  }),
  z.object({
    kind: z.literal('communes'),
    communes: z.array(z.string().trim().min(1).max(64)).min(1).max(1000),
  }),
]);

const newAccount = z.object({
  username: z.string().trim().min(1).max(64),
  displayName: z.string().trim().max(100).optional(),
  role: z.enum(ROLES),
  password: z.string().min(1).max(MAXIMUM_PASSWORD_LENGTH),
  scope: scopeSchema.optional(),
});

const accountChanges = z
  .object({
    displayName: z.string().trim().max(100).optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    scope: scopeSchema.optional(),
  })
  .strict();

const newPassword = z.object({ password: z.string().min(1).max(MAXIMUM_PASSWORD_LENGTH) });

const EXPECTATIONS = {
  username: bilingual('tên đăng nhập', 'a username'),
  displayName: bilingual('họ tên, tối đa 100 ký tự', 'a display name of at most 100 characters'),
  role: bilingual(`một trong ${ROLES.join(', ')}`, `one of ${ROLES.join(', ')}`),
  password: bilingual('mật khẩu', 'a password'),
  disabled: bilingual('true hoặc false', 'true or false'),
  scope: bilingual(
    '{"kind": "all"}, {"kind": "provinces", "provinces": [...]} hoặc {"kind": "communes", "communes": [...]}',
    '{"kind": "all"}, {"kind": "provinces", "provinces": [...]} or {"kind": "communes", "communes": [...]}',
  ),
};

/** /api/users: accounts, for administrators. Every change goes to the audit trail. */
export function userRoutes(context: AppContext) {
  const canManage = permit(context, 'users:manage');
  const actorOf = (c: Parameters<typeof accountOf>[0]): Actor => ({
    name: accountOf(c).user.username,
    address: clientAddress(c),
  });
  return new Hono<AppEnv>()
    .get('/', canManage, (c) => c.json({ users: listUsers(context.database).map(accountView) }))
    .post('/', canManage, validBody(newAccount, EXPECTATIONS), async (c) => {
      const user = await createAccount(context.database, c.req.valid('json'), actorOf(c), context.now());
      return c.json({ user: accountView(user) }, 201);
    })
    .patch('/:username', canManage, validBody(accountChanges, EXPECTATIONS), (c) => {
      const user = changeAccount(
        context.database,
        c.req.param('username'),
        c.req.valid('json'),
        actorOf(c),
        context.now(),
      );
      return c.json({ user: accountView(user) });
    })
    .put('/:username/password', canManage, validBody(newPassword, EXPECTATIONS), async (c) => {
      await resetPassword(
        context.database,
        c.req.param('username'),
        c.req.valid('json').password,
        actorOf(c),
        context.now(),
      );
      return c.body(null, 204);
    });
}
