import type { Command } from 'commander';
import {
  BoundaryImportError,
  type BoundaryImportReport,
  importBoundaryFile,
} from '../../../geodata/import/import-boundaries';
import { openDatabase } from '../../db/database';
import { bilingual } from '../../domain/bilingual';
import type { ColumnRole } from '../../domain/boundaries/detect-columns';
import { isUnitLevel, UNIT_LEVELS } from '../../domain/boundaries/unit-level';
import { formatVietnameseDate } from '../../domain/dates/calendar-date';
import { CommandError, EXIT_USAGE, printJson, printLine } from '../output';
import { databaseOption } from './shared-options';
import { commandLineActor } from './user';

interface ImportBoundariesFlags {
  era: string;
  validFrom: string;
  validTo?: string;
  level: string;
  db: string;
  json?: boolean;
  strict?: boolean;
  append?: boolean;
  crs?: string;
  layer?: string;
  codeField?: string;
  nameField?: string;
  kindField?: string;
  districtField?: string;
  provinceField?: string;
  populationField?: string;
}

export function registerImportBoundaries(importCommand: Command): void {
  importCommand
    .command('boundaries')
    .description(
      'Nhập ranh giới đơn vị hành chính vào một thời kỳ / Import administrative boundaries into an era\n' +
        'FILE: GeoJSON, TopoJSON, Shapefile nén zip (.zip, có .prj) hoặc .shp',
    )
    .argument('<file>', 'tệp ranh giới / boundary file')
    .requiredOption('--era <label>', 'tên thời kỳ, ví dụ "2021" / era label, e.g. "2021"')
    .requiredOption('--valid-from <date>', 'hiệu lực từ ngày (YYYY-MM-DD) / valid from (YYYY-MM-DD)')
    .option('--valid-to <date>', 'hiệu lực đến hết ngày (YYYY-MM-DD) / valid to, inclusive (YYYY-MM-DD)')
    .option('--level <level>', `cấp đơn vị / unit level: ${UNIT_LEVELS.join('|')}`, 'commune')
    .option(
      '--strict',
      'có đối tượng bị loại thì không nhập gì / any rejected feature fails the whole import',
    )
    .option('--append', 'thêm vào thời kỳ thay vì thay thế / add to the era instead of replacing it')
    .option(
      '--crs <system>',
      'hệ tọa độ của tệp: EPSG:9207, vn2000:104.5, WKT... / the file’s coordinate system',
    )
    .option('--layer <name>', 'lớp cần đọc (TopoJSON, zip nhiều lớp) / layer to read')
    .option(
      '--code-field <columns>',
      'cột mã, có thể nhiều cột cách nhau dấu phẩy / code column(s), comma-separated',
    )
    .option('--name-field <columns>', 'cột tên / name column(s)')
    .option('--kind-field <columns>', 'cột loại (xã, phường, thị trấn) / kind column(s)')
    .option('--district-field <columns>', 'cột tên huyện / district name column(s)')
    .option('--province-field <columns>', 'cột tên tỉnh / province name column(s)')
    .option('--population-field <columns>', 'cột dân số / population column(s)')
    .addOption(databaseOption())
    .option('--json', 'in kết quả dạng JSON / print the result as one JSON object')
    .action(async (file: string, flags: ImportBoundariesFlags) => {
      if (!isUnitLevel(flags.level)) {
        throw new CommandError(
          bilingual(
            `--level phải là ${UNIT_LEVELS.join(', ')}`,
            `--level must be one of ${UNIT_LEVELS.join(', ')}`,
          ),
          EXIT_USAGE,
        );
      }
      const columns: Partial<Record<ColumnRole, string[]>> = {};
      const fieldFlags: [ColumnRole, string | undefined][] = [
        ['code', flags.codeField],
        ['name', flags.nameField],
        ['kind', flags.kindField],
        ['districtName', flags.districtField],
        ['provinceName', flags.provinceField],
        ['population', flags.populationField],
      ];
      for (const [role, value] of fieldFlags) {
        if (value)
          columns[role] = value
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean);
      }
      const database = openDatabase(flags.db);
      try {
        const report = await importBoundaryFile(database, file, {
          era: flags.era,
          validFrom: flags.validFrom,
          validTo: flags.validTo,
          level: flags.level,
          strict: flags.strict,
          append: flags.append,
          coordinateSystem: flags.crs,
          layer: flags.layer,
          columns,
          actor: commandLineActor().name,
        });
        if (flags.json) printJson(report);
        else printReport(report);
      } catch (error) {
        if (error instanceof BoundaryImportError && error.report) {
          if (flags.json) printJson({ ...error.report, error: error.text });
          else printReport(error.report);
        }
        throw error;
      } finally {
        database.$client.close();
      }
    });
}

function printReport(report: BoundaryImportReport): void {
  const period = `${formatVietnameseDate(report.validFrom)} – ${report.validTo ? formatVietnameseDate(report.validTo) : '…'}`;
  const columns = Object.entries(report.columns)
    .filter(([, names]) => names.length > 0)
    .map(([role, names]) => `${role}=${names.join('|')}`)
    .join(', ');
  printLine(`Tệp / File: ${report.file} (${report.format}${report.layer ? `, ${report.layer}` : ''})`);
  printLine(`Hệ tọa độ / Coordinate system: ${report.coordinateSystem}`);
  printLine(`Cột / Columns: ${columns}`);
  for (const rejection of report.rejected) {
    printLine(
      `  #${rejection.index}${rejection.code ? ` [${rejection.code}]` : ''}: ${rejection.reasonVi} / ${rejection.reason}`,
    );
  }
  if (report.written) {
    printLine(
      bilingual(
        `Đã nhập ${report.imported}/${report.read} đơn vị cấp ${report.level} vào thời kỳ "${report.era}" (${period}); loại ${report.rejected.length}.`,
        `Imported ${report.imported} of ${report.read} ${report.level} units into era "${report.era}" (${period}); ${report.rejected.length} rejected.`,
      ),
    );
  }
  if (report.removedDemoAccounts.length > 0) {
    printLine(
      bilingual(
        `Đã xóa tài khoản mẫu: ${report.removedDemoAccounts.join(', ')}.`,
        `Removed the demo account: ${report.removedDemoAccounts.join(', ')}.`,
      ),
    );
  }
  if (report.removedDemoEras.length > 0) {
    printLine(
      bilingual(
        `Đã xóa dữ liệu mẫu (${report.removedDemoEras.join(', ')}) vì đã có ranh giới thật.`,
        `Removed the demo data (${report.removedDemoEras.join(', ')}) now that real boundaries are in.`,
      ),
    );
  }
}
