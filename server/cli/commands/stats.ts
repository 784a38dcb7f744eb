import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { bilingual } from '../../domain/bilingual';
import { analysisFeaturesFromGeoJson } from '../../domain/hot-spots/analysis-features';
import {
  ANALYSIS_METHODS,
  parseCorrection,
  parseMethod,
  parsePermutations,
  parseSeed,
  parseTransform,
  parseWeightsSpecification,
} from '../../domain/hot-spots/analysis-options';
import {
  DEFAULT_PERMUTATIONS,
  DEFAULT_SEED,
  type LocalAnalysisResult,
  runSpatialAnalysis,
  type SpatialAnalysisResult,
} from '../../domain/hot-spots/spatial-analysis';
import { parseCoordinateSystem } from '../../domain/projections/coordinate-reference-system';
import { CORRECTIONS } from '../../domain/spatial-statistics/multiple-testing';
import { CommandError, EXIT_USAGE, printJson, printLine } from '../output';

interface StatsFlags {
  input: string;
  field: string;
  method: string;
  weights?: string;
  transform?: string;
  permutations: string;
  seed: string;
  correction: string;
  id?: string;
  crs?: string;
  json?: boolean;
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description(
      'Thống kê không gian trên tệp GeoJSON (Moran, Geary, G, Gi*, LISA) / Spatial statistics on a GeoJSON file',
    )
    .requiredOption('--input <file>', 'tệp GeoJSON đa giác hoặc điểm / polygon or point GeoJSON file')
    .requiredOption('--field <name>', 'thuộc tính số cần phân tích / the numeric property to analyse')
    .addOption(
      new Option('--method <method>', 'phương pháp / method')
        .choices([...ANALYSIS_METHODS])
        .makeOptionMandatory(),
    )
    .option(
      '--weights <rule>',
      'queen | rook | knn:K | distance:D (mặc định queen cho đa giác, knn:8 cho điểm / default queen for polygons, knn:8 for points)',
    )
    .option(
      '--transform <transform>',
      'binary | row (mặc định row cho moran, geary, lisa; binary cho g, gistar / default row for moran, geary, lisa; binary for g, gistar)',
    )
    .option('--permutations <count>', 'số hoán vị / permutations', String(DEFAULT_PERMUTATIONS))
    .option('--seed <number>', 'hạt giống ngẫu nhiên / random seed', String(DEFAULT_SEED))
    .addOption(
      new Option('--correction <correction>', 'hiệu chỉnh kiểm định bội / multiple-testing correction')
        .choices([...CORRECTIONS])
        .default('none'),
    )
    .option('--id <field>', 'thuộc tính làm mã đối tượng / the property to identify features by')
    .option(
      '--crs <system>',
      'planar (mặc định: tọa độ dùng nguyên, khoảng cách theo đơn vị của chúng) hoặc EPSG:4326 (kinh/vĩ độ: khoảng cách tính bằng mét) / ' +
        'planar (default: coordinates as they are, distances in their unit) or EPSG:4326 (longitude/latitude: distances in metres)',
    )
    .option('--json', 'in kết quả dạng một đối tượng JSON / print the result as one JSON object')
    .action((flags: StatsFlags) => {
      let text: string;
      try {
        text = readFileSync(flags.input, 'utf8');
      } catch (error) {
        throw new CommandError(
          bilingual(
            `Không đọc được tệp ${flags.input} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
            `Cannot read the file ${flags.input} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          ),
        );
      }
      let collection: unknown;
      try {
        collection = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (error) {
        throw new CommandError(
          bilingual(
            `Tệp ${flags.input} không phải JSON hợp lệ (${(error as Error).message})`,
            `The file ${flags.input} is not valid JSON (${(error as Error).message})`,
          ),
        );
      }
      const geographic =
        flags.crs !== undefined && flags.crs.trim().toLowerCase() !== 'planar'
          ? parseCoordinateSystem(flags.crs).geographic
          : false;
      let options: Parameters<typeof runSpatialAnalysis>[1];
      try {
        options = {
          method: parseMethod(flags.method),
          weights: flags.weights === undefined ? undefined : parseWeightsSpecification(flags.weights),
          transform: flags.transform === undefined ? undefined : parseTransform(flags.transform),
          permutations: parsePermutations(flags.permutations),
          seed: parseSeed(flags.seed),
          correction: parseCorrection(flags.correction),
          geographic,
        };
      } catch (error) {
        throw new CommandError((error as CommandError).text, EXIT_USAGE);
      }
      const features = analysisFeaturesFromGeoJson(collection, flags.field, flags.id);
      const result = runSpatialAnalysis(features, options);
      if (flags.json) printJson(result);
      else printSummary(result);
    });
}

const CLASS_ORDER = ['-3', '-2', '-1', '0', '1', '2', '3', 'HH', 'LL', 'HL', 'LH', 'ns'];

/** The global statistic each method reports as its header. */
const STATISTIC_NAMES = { moran: "Moran's I", geary: "Geary's C", g: 'G', gistar: 'G', lisa: "Moran's I" };

function printSummary(result: SpatialAnalysisResult): void {
  const number = (value: number | null) => (value === null ? '—' : Number(value.toPrecision(6)).toString());
  printLine(
    `${result.method}: n = ${result.n}, ${STATISTIC_NAMES[result.method]} = ${number(result.statistic)}, E = ${number(result.expected)}`,
  );
  printLine(
    `  z (normality / chuẩn) = ${number(result.zNormality)}, p = ${number(result.pNormality)}; ` +
      `z (randomisation / ngẫu nhiên hóa) = ${number(result.zRandomisation)}, p = ${number(result.pRandomisation)}; ` +
      `pSim = ${number(result.pSim)}`,
  );
  printLine(
    `  trọng số / weights ${result.computation.weights} (${result.computation.transform}), ` +
      `${result.computation.links} liên kết / links, ${result.computation.islands.length} đảo / islands; ` +
      `${result.computation.permutations} hoán vị / permutations, seed ${result.computation.seed}, ` +
      `hiệu chỉnh / correction ${result.computation.correction}`,
  );
  if (!('features' in result)) return;
  const local = result as LocalAnalysisResult;
  const classes = new Map<string, number>();
  for (const feature of local.features) {
    const label = String('bin' in feature ? feature.bin : feature.cluster);
    classes.set(label, (classes.get(label) ?? 0) + 1);
  }
  printLine(
    `  ${[...classes]
      // Bins from −3 to 3; LISA clusters in their conventional order.
      .sort(([a], [b]) => CLASS_ORDER.indexOf(a) - CLASS_ORDER.indexOf(b))
      .map(([label, count]) => `${label}: ${count}`)
      .join(', ')}`,
  );
}
