import { type Database, inTransaction } from '../db/database';
import {
  deleteSessionsOfUser,
  findUserByUsername,
  insertUser,
  listUsers,
  parseScope,
  type UserRecord,
  updateUser,
} from '../db/queries/users';
import { passwordProblem, usernameProblem } from '../domain/access/password-policy';
import { ROLE_NAMES, type Role } from '../domain/access/roles';
import type { Scope } from '../domain/access/scope';
import { BilingualError, type BilingualText, bilingual } from '../domain/bilingual';
import { appendAudit } from './audit-trail';
import { hashPassword } from './password-hashing';

/** Who is making a change, for the audit trail. */
export interface Actor {
  name: string;
  address: string | null;
}

/** An account as it may be shown or audited: never its password hash. */
export function accountView(user: UserRecord) {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleName: ROLE_NAMES[user.role],
    scope: parseScope(user.scope),
    disabled: user.disabled,
  };
}

/** A refused account change, with the HTTP status the API answers it with. */
export class AccountError extends BilingualError {
  constructor(
    text: BilingualText,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(text);
  }
}

export interface NewAccount {
  username: string;
  displayName?: string | undefined;
  role: Role;
  password: string;
  scope?: Scope | undefined;
  isDemo?: boolean;
}

export async function createAccount(
  database: Database,
  account: NewAccount,
  actor: Actor,
  now: Date,
): Promise<UserRecord> {
  const username = account.username.trim().toLowerCase();
  const problem = usernameProblem(username) ?? passwordProblem(account.password, username);
  if (problem) throw new AccountError(problem);
  if (findUserByUsername(database, username)) {
    throw new AccountError(
      bilingual(`Tên đăng nhập "${username}" đã có`, `The username "${username}" is taken`),
      409,
    );
  }
  const passwordHash = await hashPassword(account.password);
  return inTransaction(database, () => {
    const user = insertUser(database, {
      username,
      displayName: account.displayName?.trim() || username,
      role: account.role,
      scope: JSON.stringify(account.scope ?? { kind: 'all' }),
      passwordHash,
      disabled: false,
      isDemo: account.isDemo ?? false,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    appendAudit(
      database,
      {
        actor: actor.name,
        address: actor.address,
        action: 'user.create',
        target: username,
        after: accountView(user),
      },
      now,
    );
    return user;
  });
}

export interface AccountChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
  scope?: Scope | undefined;
}

/**
 * Changes an account and signs it out everywhere when what it may do changes. The last enabled
 * administrator can be neither demoted nor disabled: nobody could manage the accounts any more.
 */
export function changeAccount(
  database: Database,
  username: string,
  changes: AccountChanges,
  actor: Actor,
  now: Date,
): UserRecord {
  return inTransaction(database, () => {
    const before = requireAccount(database, username);
    const losesAdmin =
      before.role === 'admin' && ((changes.role && changes.role !== 'admin') || changes.disabled === true);
    if (losesAdmin && !before.disabled) {
      const otherAdmins = listUsers(database).filter(
        (user) => user.role === 'admin' && !user.disabled && user.id !== before.id,
      );
      if (otherAdmins.length === 0) {
        throw new AccountError(
          bilingual(
            'Không thể bỏ quyền hoặc khóa quản trị viên cuối cùng',
            'The last administrator cannot be demoted or disabled',
          ),
          409,
        );
      }
    }
    const after = updateUser(
      database,
      before.username,
      {
        ...(changes.displayName !== undefined
          ? { displayName: changes.displayName.trim() || before.username }
          : {}),
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
        ...(changes.scope !== undefined ? { scope: JSON.stringify(changes.scope) } : {}),
      },
      now.toISOString(),
    ) as UserRecord;
    if (changes.role !== undefined || changes.disabled !== undefined || changes.scope !== undefined) {
      deleteSessionsOfUser(database, before.id);
    }
    appendAudit(
      database,
      {
        actor: actor.name,
        address: actor.address,
        action: 'user.update',
        target: before.username,
        before: accountView(before),
        after: accountView(after),
      },
      now,
    );
    return after;
  });
}

/** Sets a new password and signs the account out everywhere. */
export async function resetPassword(
  database: Database,
  username: string,
  password: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const user = requireAccount(database, username);
  const problem = passwordProblem(password, user.username);
  if (problem) throw new AccountError(problem);
  const passwordHash = await hashPassword(password);
  inTransaction(database, () => {
    updateUser(database, user.username, { passwordHash }, now.toISOString());
    deleteSessionsOfUser(database, user.id);
    appendAudit(
      database,
      { actor: actor.name, address: actor.address, action: 'user.reset-password', target: user.username },
      now,
    );
  });
}

export function requireAccount(database: Database, username: string): UserRecord {
  const user = findUserByUsername(database, username.trim().toLowerCase());
  if (!user)
    throw new AccountError(
      bilingual(`Không có tài khoản "${username}"`, `There is no account "${username}"`),
      404,
    );
  return user;
}
