import type { Command } from 'commander';
import { openDatabase } from '../../db/database';
import { bilingual } from '../../domain/bilingual';
import {
  deriveLineage,
  importLineageFile,
  type LineageImportReport,
  type LineageReport,
  lineageReport,
  resolveEraPair,
} from '../../services/lineage-derivation';
import { printJson, printLine } from '../output';
import { databaseOption } from './shared-options';
import { commandLineActor } from './user';

interface LineageFlags {
  fromEra?: string;
  toEra?: string;
  db: string;
  json?: boolean;
}

/** Codes shown in a text report before "…": the JSON output always has them all. */
const CODES_SHOWN = 20;

function codeList(codes: readonly string[]): string {
  const shown = codes.slice(0, CODES_SHOWN).join(', ');
  return codes.length > CODES_SHOWN ? `${shown}, … (+${codes.length - CODES_SHOWN})` : shown;
}

function eraOptions(command: Command): Command {
  return command
    .option(
      '--from-era <label>',
      'thời kỳ cũ (mặc định: thời kỳ còn hiệu lực 30/06/2025) / old era (default: the one valid on 30/06/2025)',
    )
    .option(
      '--to-era <label>',
      'thời kỳ mới (mặc định: thời kỳ hiệu lực 01/07/2025) / new era (default: the one valid on 01/07/2025)',
    )
    .addOption(databaseOption())
    .option('--json', 'in kết quả dạng JSON / print the result as one JSON object');
}

/** `diaban import lineage FILE`: the official old → new mapping. */
export function registerImportLineage(importCommand: Command): void {
  eraOptions(
    importCommand
      .command('lineage')
      .description(
        'Nhập bảng ánh xạ đơn vị cũ → mới / Import the old → new unit mapping\n' +
          'FILE: CSV (old_commune_code, new_commune_code) hoặc JSON ánh xạ của dvhcvn / or a dvhcvn mapping JSON',
      )
      .argument('<file>', 'tệp ánh xạ / mapping file'),
  ).action((file: string, flags: LineageFlags) => {
    const database = openDatabase(flags.db);
    try {
      const report = importLineageFile(database, file, {
        fromEra: flags.fromEra,
        toEra: flags.toEra,
        actor: commandLineActor().name,
      });
      if (flags.json) printJson(report);
      else printImportReport(report);
    } finally {
      database.$client.close();
    }
  });
}

/** `diaban lineage derive` and `diaban lineage report`. */
export function registerLineage(program: Command): void {
  const lineage = program
    .command('lineage')
    .description('Kế thừa đơn vị giữa hai thời kỳ / Unit lineage between two eras')
    .exitOverride();
  eraOptions(
    lineage
      .command('derive')
      .description(
        'Suy ra kế thừa từ ranh giới (chồng lớp hai thời kỳ) và so với bảng chính thức / Derive the lineage from the boundaries (overlay of the two eras) and compare it with the official mapping',
      ),
  ).action((flags: LineageFlags) => {
    const database = openDatabase(flags.db);
    try {
      const derivation = deriveLineage(database, {
        fromEra: flags.fromEra,
        toEra: flags.toEra,
        actor: commandLineActor().name,
      });
      if (flags.json) {
        printJson(derivation);
        return;
      }
      printLine(
        bilingual(
          `Đã chồng ${derivation.oldUnits} xã "${derivation.oldEra}" lên ${derivation.newUnits} xã "${derivation.newEra}" trong ${(derivation.milliseconds / 1000).toFixed(1)} giây: ${derivation.links} liên kết, ${derivation.splitUnits} xã bị chia, bỏ ${derivation.sliversDropped} mảnh vụn.`,
          `Overlaid ${derivation.oldUnits} communes of "${derivation.oldEra}" on ${derivation.newUnits} of "${derivation.newEra}" in ${(derivation.milliseconds / 1000).toFixed(1)} s: ${derivation.links} links, ${derivation.splitUnits} units split, ${derivation.sliversDropped} slivers dropped.`,
        ),
      );
      if (derivation.unmatched.length > 0) {
        printLine(
          bilingual(
            `Không chồng lên xã mới nào: ${codeList(derivation.unmatched)}`,
            `Overlapping no new commune: ${codeList(derivation.unmatched)}`,
          ),
        );
      }
      printComparison(derivation.report);
    } finally {
      database.$client.close();
    }
  });
  eraOptions(
    lineage
      .command('report')
      .description(
        'So kế thừa chính thức với kế thừa suy ra từ ranh giới / Compare the official and the derived lineage',
      ),
  ).action((flags: LineageFlags) => {
    const database = openDatabase(flags.db);
    try {
      const report = lineageReport(database, resolveEraPair(database, flags.fromEra, flags.toEra));
      if (flags.json) printJson(report);
      else printComparison(report);
    } finally {
      database.$client.close();
    }
  });
}

function printImportReport(report: LineageImportReport): void {
  printLine(
    bilingual(
      `Tệp ${report.file} (${report.format}): ${report.pairsRead} cặp; đã lưu ${report.stored} liên kết cho ${report.oldUnits} xã "${report.oldEra}" → "${report.newEra}", ${report.splitUnits} xã bị chia.`,
      `File ${report.file} (${report.format}): ${report.pairsRead} pairs; stored ${report.stored} links for ${report.oldUnits} communes "${report.oldEra}" → "${report.newEra}", ${report.splitUnits} split.`,
    ),
  );
  const lists: [string, string, string[]][] = [
    ['Mã cũ không có trong thời kỳ', 'Old codes not in the era', report.unknownOldCodes],
    ['Mã mới không có trong thời kỳ', 'New codes not in the era', report.unknownNewCodes],
    ['Xã cũ không có đơn vị kế thừa', 'Old communes without a successor', report.withoutSuccessor],
    ['Xã cũ tệp không nhắc đến', 'Old communes the file does not name', report.notInFile],
  ];
  for (const [vi, en, codes] of lists) {
    if (codes.length > 0) printLine(`${vi} / ${en} (${codes.length}): ${codeList(codes)}`);
  }
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const named = (unit: { code: string; name: string | null }) => `${unit.name ?? '?'} (${unit.code})`;

function printComparison(report: LineageReport): void {
  if (report.official.links === 0) {
    printLine(
      bilingual(
        `Chưa có bảng ánh xạ chính thức giữa "${report.oldEra}" và "${report.newEra}": kế thừa theo ranh giới được dùng.`,
        `No official mapping between "${report.oldEra}" and "${report.newEra}" yet: the derived lineage is used.`,
      ),
    );
    return;
  }
  printLine(
    bilingual(
      `Khớp với bảng chính thức: ${report.agreeing}/${report.compared} xã (${report.agreementPercent} %).`,
      `Agreement with the official mapping: ${report.agreeing} of ${report.compared} communes (${report.agreementPercent} %).`,
    ),
  );
  for (const disagreement of report.disagreements) {
    const official = disagreement.official.map(named).join(', ');
    const derived =
      disagreement.derived.map((unit) => `${named(unit)} ${percent(unit.areaShare)}`).join(', ') || '—';
    printLine(
      `  ${named(disagreement.oldUnit)}: chính thức / official ${official}; ranh giới / geometry ${derived}`,
    );
  }
  for (const split of report.splits) {
    const successors = split.successors.map((unit) => `${named(unit)} ${percent(unit.areaShare)}`).join(', ');
    printLine(
      `  Chia / Split ${named(split.oldUnit)}: ${successors}${split.shareElsewhere > 0 ? `; nơi khác / elsewhere ${percent(split.shareElsewhere)}` : ''}`,
    );
  }
  if (report.derivedOnly.length > 0) {
    printLine(
      bilingual(
        `Chỉ có kế thừa theo ranh giới: ${codeList(report.derivedOnly.map((entry) => entry.oldUnit.code))}`,
        `Linked by geometry only: ${codeList(report.derivedOnly.map((entry) => entry.oldUnit.code))}`,
      ),
    );
  }
}
