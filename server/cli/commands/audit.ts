import type { Command } from 'commander';
import { openDatabase } from '../../db/database';
import { lastAuditHash } from '../../db/queries/audit';
import { bilingual } from '../../domain/bilingual';
import { verifyAuditTrail } from '../../services/audit-trail';
import { CommandError, printJson, printLine } from '../output';
import { databaseOption } from './shared-options';

const REASONS = {
  content: bilingual('nội dung đã bị sửa', 'its content was changed'),
  link: bilingual(
    'không nối với mục trước (có mục bị sửa hoặc chèn)',
    'it does not link to the entry before (one was changed or inserted)',
  ),
  gap: bilingual('thiếu mục ngay trước (có mục bị xóa)', 'the entry before it is missing (one was deleted)'),
};

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Nhật ký hệ thống / The audit trail');
  audit
    .command('verify')
    .description(
      'Kiểm tra chuỗi băm của nhật ký: phát hiện mục bị sửa, chèn hoặc xóa / Check the hash chain: finds changed, inserted or deleted entries',
    )
    .addOption(databaseOption())
    .option('--json', 'in dạng JSON / print as JSON')
    .action((flags: { db: string; json?: boolean }) => {
      const database = openDatabase(flags.db);
      try {
        const result = verifyAuditTrail(database);
        const lastHash = lastAuditHash(database) ?? null;
        if (flags.json) printJson({ ...result, lastHash });
        if (!result.ok) {
          const reason = REASONS[result.reason];
          throw new CommandError(
            bilingual(
              `Nhật ký bị can thiệp tại mục ${result.brokenAt}: ${reason.vi}`,
              `The audit trail was tampered with at entry ${result.brokenAt}: ${reason.en}`,
            ),
          );
        }
        if (!flags.json) {
          printLine(
            bilingual(
              `Nhật ký nguyên vẹn: ${result.entries} mục`,
              `The audit trail is intact: ${result.entries} entries`,
            ),
          );
          // Kept elsewhere, the last hash also reveals entries removed from the end later.
          if (lastHash) printLine(`Mã băm cuối / Last hash: ${lastHash}`);
        }
      } finally {
        database.$client.close();
      }
    });
}
