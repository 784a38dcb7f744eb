import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { copyDatabaseFile, databaseFileProblem, openDatabase } from '../../db/database';
import { bilingual } from '../../domain/bilingual';
import { ATTACHED_FOLDERS } from '../../services/attached-folders';
import { appendAudit } from '../../services/audit-trail';
import { CommandError, printLine } from '../output';
import { serverPidFile } from './serve';
import { databaseOption } from './shared-options';
import { commandLineActor } from './user';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'Sao lưu cơ sở dữ liệu, kể cả khi máy chủ đang chạy / Back up the database, also while the server runs',
    )
    .argument('<out>', 'tệp sao lưu / backup file')
    .addOption(databaseOption())
    .action(async (out: string, flags: { db: string }) => {
      if (!existsSync(flags.db)) {
        throw new CommandError(
          bilingual(`Không có cơ sở dữ liệu ${flags.db}`, `There is no database at ${flags.db}`),
        );
      }
      if (existsSync(out) || existsSync(attachmentsOf(out))) {
        throw new CommandError(
          bilingual(`Tệp ${out} đã có; chọn tên khác`, `${out} exists already; choose another name`),
        );
      }
      await copyDatabaseFile(flags.db, out);
      const files = copyAttachments(dirname(flags.db), attachmentsOf(out));
      printLine(
        bilingual(
          `Đã sao lưu vào ${out} (${statSync(out).size} byte)${files > 0 ? `, kèm ${files} tệp trong ${attachmentsOf(out)}` : ''}`,
          `Backed up to ${out} (${statSync(out).size} bytes)${files > 0 ? `, with ${files} files in ${attachmentsOf(out)}` : ''}`,
        ),
      );
    });

  program
    .command('restore')
    .description(
      'Khôi phục cơ sở dữ liệu từ bản sao lưu; dừng máy chủ trước / Restore the database from a backup; stop the server first',
    )
    .argument('<in>', 'tệp sao lưu / backup file')
    .addOption(databaseOption())
    .action((input: string, flags: { db: string }) => {
      checkBackup(input);
      refuseWhileServed(flags.db);
      mkdirSync(dirname(flags.db), { recursive: true });
      // Written beside the target, then renamed over it: the database is either the old one or the new one.
      const staging = join(dirname(flags.db), `.restore-${process.pid}.db`);
      copyFileSync(input, staging);
      for (const suffix of ['-wal', '-shm']) rmSync(`${flags.db}${suffix}`, { force: true });
      renameSync(staging, flags.db);
      restoreAttachments(attachmentsOf(input), dirname(flags.db));
      // Opening migrates a backup made by an older version.
      const restored = openDatabase(flags.db);
      appendAudit(
        restored,
        {
          actor: commandLineActor().name,
          address: 'local',
          action: 'database.restore',
          after: { from: input },
        },
        new Date(),
      );
      restored.$client.close();
      printLine(bilingual(`Đã khôi phục ${flags.db} từ ${input}`, `Restored ${flags.db} from ${input}`));
    });
}

function attachmentsOf(backupPath: string): string {
  return `${backupPath}.files`;
}

/** Copies the attached folders found beside the database; returns how many files. */
function copyAttachments(databaseDirectory: string, target: string): number {
  let files = 0;
  for (const folder of ATTACHED_FOLDERS) {
    const source = join(databaseDirectory, folder);
    if (!existsSync(source)) continue;
    cpSync(source, join(target, folder), { recursive: true });
    files += readdirSync(source, { recursive: true }).length;
  }
  return files;
}

/** Puts a backup's attached folders beside the restored database, each replaced whole. */
function restoreAttachments(source: string, databaseDirectory: string): void {
  for (const folder of ATTACHED_FOLDERS) {
    const saved = join(source, folder);
    if (!existsSync(saved)) continue;
    const staging = join(databaseDirectory, `.restore-${process.pid}-${folder}`);
    cpSync(saved, staging, { recursive: true });
    rmSync(join(databaseDirectory, folder), { recursive: true, force: true });
    renameSync(staging, join(databaseDirectory, folder));
  }
}

/** A backup must be an intact SQLite database with Diaban's tables. */
function checkBackup(path: string): void {
  if (!existsSync(path)) throw new CommandError(bilingual(`Không có tệp ${path}`, `File not found: ${path}`));
  const problem = databaseFileProblem(path);
  if (problem) {
    throw new CommandError(
      bilingual(
        `${path} không phải bản sao lưu Diaban hợp lệ (${problem}); không thay đổi gì`,
        `${path} is not a valid Diaban backup (${problem}); nothing was changed`,
      ),
    );
  }
}

/** A running server would keep writing to the database it opened, not the restored one. */
function refuseWhileServed(databasePath: string): void {
  const pidFile = serverPidFile(databasePath);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
  } catch {
    return; // The server that wrote it is gone.
  }
  throw new CommandError(
    bilingual(
      `Máy chủ (tiến trình ${pid}) đang dùng ${databasePath}: dừng máy chủ rồi khôi phục`,
      `A server (process ${pid}) is using ${databasePath}: stop it, then restore`,
    ),
  );
}
