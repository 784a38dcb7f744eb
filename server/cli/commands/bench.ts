import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { boundaryBenchmarks, type Measurement } from '../bench/boundary-benchmarks';
import { briefingPackBenchmarks, briefingSnapshotBenchmarks } from '../bench/briefing-benchmarks';
import { lineageBenchmarks } from '../bench/lineage-benchmarks';
import { printJson, printLine } from '../output';
import { PROJECT_ROOT } from '../paths';

/** The shared data folder: --geodata, else DIABAN_GEODATA, else ../shared/geodata beside the project. */
function findGeodata(explicit: string | undefined): string | null {
  const candidates = [explicit, process.env.DIABAN_GEODATA, join(PROJECT_ROOT, '../shared/geodata')];
  return candidates.find((path): path is string => Boolean(path && existsSync(path))) ?? null;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      'Đo hiệu năng, mỗi số liệu một dòng / Measure performance, one line per figure\n' +
        'Cần thư mục dữ liệu dùng chung / Needs the shared geodata folder (DIABAN_GEODATA or --geodata)',
    )
    .option('--json', 'mỗi số liệu một dòng JSON / one JSON line per figure')
    .option('--geodata <directory>', 'thư mục dữ liệu ranh giới / the boundary data folder')
    .option('--points <count>', 'số điểm tra cứu / points to look up', '1000000')
    .option(
      '--only <prefix>',
      'chỉ đo các số liệu có tên bắt đầu như vậy / only the figures whose name starts so (e.g. incidents)',
    )
    .action(async (flags: { json?: boolean; geodata?: string; points: string; only?: string }) => {
      const points = Math.max(1000, Number(flags.points) || 1_000_000);
      const only = flags.only?.trim() || undefined;
      const geodata = findGeodata(flags.geodata);
      const print = (measurement: Measurement) => {
        if (only && !measurement.name.startsWith(only)) return;
        if (flags.json) printJson(measurement);
        else printLine(describe(measurement));
      };
      // Whether a group of figures is asked for: all of them, the group, or a figure inside it.
      const wanted = (prefix: string) => !only || prefix.startsWith(only) || only.startsWith(prefix);
      // Briefings and lineage load their own provinces: asked for alone, they skip the national import.
      if (!only?.startsWith('briefings') && !only?.startsWith('lineage')) {
        for await (const measurement of boundaryBenchmarks(geodata, points, only)) print(measurement);
      }
      if (wanted('briefings.snapshot')) {
        for await (const measurement of briefingSnapshotBenchmarks(geodata)) print(measurement);
      }
      if (wanted('briefings.pack')) {
        for await (const measurement of briefingPackBenchmarks(geodata)) print(measurement);
      }
      if (wanted('lineage')) {
        for await (const measurement of lineageBenchmarks(geodata)) print(measurement);
      }
    });
}

function describe(measurement: Measurement): string {
  if (measurement.skipped) return `${measurement.name}: — (${measurement.skipped})`;
  const verdict = measurement.ok === undefined ? '' : measurement.ok ? ' ✓' : ' ✗';
  const bar = measurement.bar ? ` (bar ${measurement.bar})` : '';
  return `${measurement.name}: ${measurement.value} ${measurement.unit}${bar}${verdict}`;
}
