import type { Command } from 'commander';
import { inTransaction, openDatabase } from '../../db/database';
import { deleteDemoEras, listEras } from '../../db/queries/eras';
import { bilingual } from '../../domain/bilingual';
import { CommandError, printLine } from '../output';
import { databaseOption } from './shared-options';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Nạp (lại) dữ liệu mẫu: một tỉnh giả định / (Re)load the demo dataset: a fictional province\n' +
        'Chỉ dùng cho cơ sở dữ liệu chưa có ranh giới thật / Only for databases without real boundaries',
    )
    .addOption(databaseOption())
    .action(async (flags: { db: string }) => {
      const database = openDatabase(flags.db);
      try {
        const realEras = listEras(database).filter((era) => !era.isDemo);
        if (realEras.length > 0) {
          throw new CommandError(
            bilingual(
              `Cơ sở dữ liệu đã có ranh giới thật (${realEras.map((era) => era.label).join(', ')}); không nạp dữ liệu mẫu`,
              `The database holds real boundaries (${realEras.map((era) => era.label).join(', ')}); the demo was not loaded`,
            ),
          );
        }
        const { loadDemoDataset } = await import('../../../geodata/demo/load-demo-dataset');
        const reports = inTransaction(database, () => {
          deleteDemoEras(database);
          return loadDemoDataset(database);
        });
        for (const report of reports) {
          printLine(
            bilingual(
              `Đã nạp thời kỳ mẫu "${report.era}": ${report.imported} đơn vị`,
              `Loaded demo era "${report.era}": ${report.imported} units`,
            ),
          );
        }
      } finally {
        database.$client.close();
      }
    });
}
