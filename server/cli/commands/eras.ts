import type { Command } from 'commander';
import { openDatabase } from '../../db/database';
import { listEras } from '../../db/queries/eras';
import { formatVietnameseDate } from '../../domain/dates/calendar-date';
import { printJson, printLine } from '../output';
import { databaseOption } from './shared-options';

export function registerEras(program: Command): void {
  program
    .command('eras')
    .description('Liệt kê các thời kỳ ranh giới / List the boundary eras')
    .addOption(databaseOption())
    .option('--json', 'in dạng JSON / print as JSON')
    .action((flags: { db: string; json?: boolean }) => {
      const database = openDatabase(flags.db);
      try {
        const eras = listEras(database);
        if (flags.json) {
          printJson(eras.map(({ id: _id, createdAt: _created, ...era }) => era));
          return;
        }
        if (eras.length === 0) printLine('Chưa có thời kỳ nào / No eras yet');
        for (const era of eras) {
          const period = `${formatVietnameseDate(era.validFrom)} – ${era.validTo ? formatVietnameseDate(era.validTo) : '…'}`;
          const counts = Object.entries(era.unitCounts)
            .filter(([, count]) => count > 0)
            .map(([level, count]) => `${level} ${count}`)
            .join(', ');
          printLine(`${era.label}${era.isDemo ? ' (mẫu / demo)' : ''}: ${period}; ${counts || '—'}`);
        }
      } finally {
        database.$client.close();
      }
    });
}
