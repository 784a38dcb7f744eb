import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { type Database, openDatabase } from '../../db/database';
import { listUsers } from '../../db/queries/users';
import { isRole, ROLE_NAMES, ROLES } from '../../domain/access/roles';
import type { Scope } from '../../domain/access/scope';
import { describeScope } from '../../domain/access/scope';
import { bilingual } from '../../domain/bilingual';
import {
  type Actor,
  accountView,
  changeAccount,
  createAccount,
  resetPassword,
} from '../../services/accounts';
import { CommandError, EXIT_USAGE, printJson, printLine } from '../output';
import { databaseOption } from './shared-options';

/** Changes made from the command line are audited as the system user who ran it. */
export function commandLineActor(): Actor {
  return { name: `cli:${userInfo().username}`, address: 'local' };
}

/** Reads a password from standard input (first line), so that it never appears in the shell history. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Mật khẩu / Password: ');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password)
    throw new CommandError(
      bilingual('Không nhận được mật khẩu từ stdin', 'No password was given on standard input'),
      EXIT_USAGE,
    );
  return password;
}

function roleOf(value: string) {
  if (!isRole(value)) {
    throw new CommandError(
      bilingual(
        `Vai trò phải là một trong: ${ROLES.join(', ')}`,
        `The role must be one of: ${ROLES.join(', ')}`,
      ),
      EXIT_USAGE,
    );
  }
  return value;
}

function scopeOf(flags: { province?: string; communes?: string }): Scope | undefined {
  if (flags.province && flags.communes) {
    throw new CommandError(
      bilingual(
        'Chỉ chọn một trong --province và --communes',
        'Give either --province or --communes, not both',
      ),
      EXIT_USAGE,
    );
  }
  const list = (text: string) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (flags.province) return { kind: 'provinces', provinces: list(flags.province) };
  if (flags.communes) return { kind: 'communes', communes: list(flags.communes) };
  return undefined;
}

async function withDatabase<T>(path: string, work: (database: Database) => Promise<T> | T): Promise<T> {
  const database = openDatabase(path);
  try {
    return await work(database);
  } finally {
    database.$client.close();
  }
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('Quản lý tài khoản / Manage accounts');
  const roles = ROLES.map((role) => `${role} (${ROLE_NAMES[role].vi})`).join(', ');

  user
    .command('add')
    .description('Tạo tài khoản; mật khẩu đọc từ stdin / Create an account; the password is read from stdin')
    .requiredOption('--username <name>', 'tên đăng nhập / username')
    .requiredOption('--role <role>', `vai trò / role: ${roles}`)
    .requiredOption('--password-stdin', 'đọc mật khẩu từ stdin / read the password from standard input')
    .option('--display-name <name>', 'họ tên / display name')
    .option(
      '--province <codes or names>',
      'giới hạn trong tỉnh (phân tách bằng dấu phẩy) / limit to provinces',
    )
    .option('--communes <codes>', 'giới hạn trong các xã (mã, phân tách bằng dấu phẩy) / limit to communes')
    .addOption(databaseOption())
    .action(
      async (flags: {
        username: string;
        role: string;
        displayName?: string;
        province?: string;
        communes?: string;
        db: string;
      }) => {
        const role = roleOf(flags.role);
        const scope = scopeOf(flags);
        const password = await readPasswordFromStdin();
        await withDatabase(flags.db, async (database) => {
          const created = await createAccount(
            database,
            { username: flags.username, displayName: flags.displayName, role, password, scope },
            commandLineActor(),
            new Date(),
          );
          printLine(
            bilingual(
              `Đã tạo tài khoản ${created.username} (${ROLE_NAMES[role].vi})`,
              `Created account ${created.username} (${ROLE_NAMES[role].en})`,
            ),
          );
        });
      },
    );

  user
    .command('list')
    .description('Liệt kê tài khoản / List accounts')
    .option('--json', 'in dạng JSON / print as JSON')
    .addOption(databaseOption())
    .action(async (flags: { json?: boolean; db: string }) => {
      await withDatabase(flags.db, (database) => {
        const accounts = listUsers(database).map(accountView);
        if (flags.json) return printJson(accounts);
        if (accounts.length === 0) printLine(bilingual('Chưa có tài khoản nào', 'No accounts yet'));
        for (const account of accounts) {
          const state = account.disabled ? ' [khóa / disabled]' : '';
          printLine(
            `${account.username}\t${account.roleName.vi} / ${account.roleName.en}\t${describeScope(account.scope).en}${state}`,
          );
        }
      });
    });

  const change = (
    name: string,
    description: string,
    changes: (value: string | undefined) => Parameters<typeof changeAccount>[2],
    argument?: string,
  ) => {
    const command = user
      .command(name)
      .description(description)
      .argument('<username>', 'tên đăng nhập / username');
    if (argument) command.argument(argument);
    command.addOption(databaseOption()).action(async (username: string, ...rest: unknown[]) => {
      const value = argument ? (rest[0] as string) : undefined;
      const flags = rest[argument ? 1 : 0] as { db: string };
      await withDatabase(flags.db, (database) => {
        const changed = changeAccount(database, username, changes(value), commandLineActor(), new Date());
        printLine(
          bilingual(`Đã cập nhật tài khoản ${changed.username}`, `Updated account ${changed.username}`),
        );
      });
    });
  };
  change(
    'disable',
    'Khóa tài khoản và đăng xuất mọi phiên / Disable an account and end its sessions',
    () => ({ disabled: true }),
  );
  change('enable', 'Mở khóa tài khoản / Enable an account', () => ({ disabled: false }));
  change(
    'set-role',
    `Đổi vai trò / Change the role: ${roles}`,
    (role) => ({ role: roleOf(role ?? '') }),
    '<role>',
  );

  user
    .command('set-scope')
    .description('Đổi địa bàn được xem / Change the area an account may see')
    .argument('<username>', 'tên đăng nhập / username')
    .option('--province <codes or names>', 'các tỉnh / provinces')
    .option('--communes <codes>', 'các xã (mã) / communes (codes)')
    .option('--all', 'toàn bộ / everywhere')
    .addOption(databaseOption())
    .action(
      async (
        username: string,
        flags: { province?: string; communes?: string; all?: boolean; db: string },
      ) => {
        const scope: Scope | undefined = flags.all ? { kind: 'all' } : scopeOf(flags);
        if (!scope) {
          throw new CommandError(
            bilingual('Cần --province, --communes hoặc --all', 'Give --province, --communes or --all'),
            EXIT_USAGE,
          );
        }
        await withDatabase(flags.db, (database) => {
          changeAccount(database, username, { scope }, commandLineActor(), new Date());
          printLine(
            bilingual(
              `Địa bàn của ${username}: ${describeScope(scope).vi}`,
              `Area of ${username}: ${describeScope(scope).en}`,
            ),
          );
        });
      },
    );

  user
    .command('reset-password')
    .description(
      'Đặt mật khẩu mới (đọc từ stdin) và đăng xuất mọi phiên / Set a new password (from stdin), ending all sessions',
    )
    .argument('<username>', 'tên đăng nhập / username')
    .requiredOption('--password-stdin', 'đọc mật khẩu từ stdin / read the password from standard input')
    .addOption(databaseOption())
    .action(async (username: string, flags: { db: string }) => {
      const password = await readPasswordFromStdin();
      await withDatabase(flags.db, async (database) => {
        await resetPassword(database, username, password, commandLineActor(), new Date());
        printLine(bilingual(`Đã đặt lại mật khẩu cho ${username}`, `Password reset for ${username}`));
      });
    });
}
