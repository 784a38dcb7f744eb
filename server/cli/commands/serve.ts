import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { type Database, defaultDatabasePath, openDatabase } from '../../db/database';
import { countEras } from '../../db/queries/eras';
import { countUsers } from '../../db/queries/users';
import { bilingual } from '../../domain/bilingual';
import { startServer } from '../../main';
import { createAccount } from '../../services/accounts';
import { CommandError, printLine } from '../output';
import { CLIENT_BUILD_DIRECTORY } from '../paths';
import { databaseOption } from './shared-options';

export interface ServeFlags {
  port: string;
  host: string;
  db: string;
  demo: boolean;
}

/** The options of `serve` and `start`. */
export function withServeOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <number>', 'cổng / port (PORT)').default(process.env.PORT || '8080'))
    .addOption(new Option('--host <address>', 'địa chỉ lắng nghe / address to listen on').default('0.0.0.0'))
    .addOption(databaseOption())
    .option(
      '--no-demo',
      'không nạp dữ liệu mẫu khi cơ sở dữ liệu trống / do not load the demo into an empty database',
    );
}

export function registerServe(program: Command): void {
  withServeOptions(
    program
      .command('serve')
      .description('Chạy máy chủ (API và giao diện đã build) / Serve the API and the built client'),
  ).action(async (flags: ServeFlags) => {
    await serveBuiltClient(flags);
  });
}

/** Serves until the process is stopped; with an empty database, loads the demo dataset first. */
export async function serveBuiltClient(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CommandError(bilingual(`Cổng không hợp lệ: ${flags.port}`, `Invalid port: ${flags.port}`));
  }
  if (!existsSync(join(CLIENT_BUILD_DIRECTORY, 'index.html'))) {
    throw new CommandError(
      bilingual(
        'Giao diện chưa được build: chạy "npm start" (tự build) hoặc "npm run build"',
        'The client is not built: run "npm start" (which builds it) or "npm run build"',
      ),
    );
  }
  const database = openDatabase(flags.db);
  try {
    if (flags.demo && countEras(database) === 0) await loadDemo(database);
    if (countUsers(database) === 0) explainFirstAccount(flags.db);
  } finally {
    database.$client.close();
  }
  const pidFile = serverPidFile(flags.db);
  writeFileSync(pidFile, String(process.pid));
  const server = await startServer({
    port,
    host: flags.host,
    databasePath: flags.db,
    clientDirectory: CLIENT_BUILD_DIRECTORY,
  });
  printLine(
    bilingual(
      `Diaban đang chạy tại http://localhost:${server.port}`,
      `Diaban is running at http://localhost:${server.port}`,
    ),
  );
  printLine(`Cơ sở dữ liệu / Database: ${flags.db}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      rmSync(pidFile, { force: true });
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Marks a database as served, so that `diaban restore` will not pull it from under a running server. */
export function serverPidFile(databasePath: string): string {
  return `${databasePath}.server.pid`;
}

/** The demo province, and an account to look at it with, whose password is shown this once. */
async function loadDemo(database: Database): Promise<void> {
  // Loaded only when needed: most starts have data already.
  const { loadDemoDataset } = await import('../../../geodata/demo/load-demo-dataset');
  const reports = loadDemoDataset(database);
  const units = reports.reduce((sum, report) => sum + report.imported, 0);
  printLine(
    bilingual(
      `Cơ sở dữ liệu trống: đã nạp dữ liệu mẫu (tỉnh giả định, ${units} đơn vị). Nhập ranh giới thật bằng "npx diaban import boundaries".`,
      `Empty database: loaded the demo dataset (a fictional province, ${units} units). Import real boundaries with "npx diaban import boundaries".`,
    ),
  );
  if (countUsers(database) > 0) return;
  const password = randomBytes(12).toString('base64url');
  await createAccount(
    database,
    { username: 'demo', displayName: 'Tài khoản mẫu', role: 'admin', password, isDemo: true },
    { name: 'system', address: 'local' },
    new Date(),
  );
  printLine(
    bilingual(
      `Tài khoản mẫu: demo / ${password} (chỉ hiện lần này; bị xóa cùng dữ liệu mẫu khi nhập ranh giới thật)`,
      `Demo account: demo / ${password} (shown only now; removed with the demo data when real boundaries are imported)`,
    ),
  );
}

function explainFirstAccount(databasePath: string): void {
  const database = databasePath === defaultDatabasePath() ? '' : ` --db ${databasePath}`;
  printLine(
    bilingual(
      `Chưa có tài khoản nào. Tạo quản trị viên đầu tiên:\n  echo 'mật-khẩu-dài' | npx diaban user add --username quantri --role admin --password-stdin${database}`,
      `There is no account yet. Create the first administrator:\n  echo 'a-long-password' | npx diaban user add --username admin --role admin --password-stdin${database}`,
    ),
  );
}
