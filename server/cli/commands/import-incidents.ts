import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importIncidentFile } from '../../../geodata/import/import-incidents';
import { openDatabase } from '../../db/database';
import { bilingual } from '../../domain/bilingual';
import { parseIncidentMapping } from '../../domain/incidents/incident-mapping-file';
import { UnitLocator } from '../../services/unit-locator';
import { CommandError, printJson, printLine } from '../output';
import { databaseOption } from './shared-options';
import { commandLineActor } from './user';

interface ImportIncidentsFlags {
  mapping?: string;
  layer?: string;
  crs?: string;
  rejectedCsv?: string;
  db: string;
  json?: boolean;
}

export function registerImportIncidents(importCommand: Command): void {
  importCommand
    .command('incidents')
    .description(
      'Nhập vụ việc từ CSV, Excel (.xlsx), GeoJSON hoặc Shapefile / Import incidents from CSV, XLSX, GeoJSON or Shapefile\n' +
        'Mỗi dòng được nhận hoặc bị loại kèm lý do; nhập lại cùng tệp không tạo bản trùng / ' +
        'Every row is accepted or rejected with a reason; importing a file again adds no duplicates',
    )
    .argument('<file>', 'tệp vụ việc / incident file')
    .option(
      '--mapping <file.json>',
      'cách đọc cột, loại vụ việc, ngày tháng, hệ tọa độ / columns, categories, dates, CRS',
    )
    .option('--layer <name>', 'trang tính (.xlsx) hoặc lớp (zip nhiều lớp) cần đọc / sheet or layer to read')
    .option(
      '--crs <system>',
      'hệ tọa độ của cột X/Y: EPSG:9207, vn2000:104.5… / coordinate system of X/Y columns',
    )
    .option(
      '--rejected-csv <file>',
      'ghi các dòng bị loại kèm lý do ra CSV / write the rejected rows with reasons as CSV',
    )
    .addOption(databaseOption())
    .option('--json', 'in kết quả dạng JSON / print the result as one JSON object')
    .action(async (file: string, flags: ImportIncidentsFlags) => {
      let mapping: unknown;
      if (flags.mapping) {
        try {
          mapping = JSON.parse(readFileSync(flags.mapping, 'utf8'));
        } catch (error) {
          throw new CommandError(
            bilingual(
              `Không đọc được tệp ánh xạ ${flags.mapping} (${(error as Error).message})`,
              `Cannot read the mapping file ${flags.mapping} (${(error as Error).message})`,
            ),
          );
        }
      }
      const database = openDatabase(flags.db);
      try {
        const report = await importIncidentFile(database, new UnitLocator(database), file, {
          mapping: mapping === undefined ? undefined : parseIncidentMapping(mapping),
          layer: flags.layer,
          coordinateSystem: flags.crs,
          actor: commandLineActor().name,
          rejectedCsvPath: flags.rejectedCsv,
        });
        if (flags.json) {
          printJson(report);
          return;
        }
        for (const rejection of report.rejectedRows.slice(0, 50)) {
          printLine(`  ${rejection.row}: ${rejection.reasonVi} / ${rejection.reason}`);
        }
        if (report.rejectedRows.length > 50) printLine(`  … (+${report.rejectedRows.length - 50})`);
        printLine(
          bilingual(
            `Đọc ${report.read} dòng: nhận ${report.accepted} (mới ${report.inserted}, trùng ${report.duplicates}), loại ${report.rejected}; ${report.outsideUnits} vụ nằm ngoài mọi đơn vị.`,
            `Read ${report.read} rows: ${report.accepted} accepted (${report.inserted} new, ${report.duplicates} already there), ${report.rejected} rejected; ${report.outsideUnits} outside every unit.`,
          ),
        );
      } finally {
        database.$client.close();
      }
    });
}
