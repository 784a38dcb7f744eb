import { BilingualError, bilingual } from '../bilingual';
import { CORRECTIONS, type Correction } from '../spatial-statistics/multiple-testing';

/** The statistics an analyst can ask for: three global tests and two local ones. */
export const ANALYSIS_METHODS = ['moran', 'geary', 'g', 'gistar', 'lisa'] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];

export type WeightsTransform = 'binary' | 'row';

/** How neighbours are chosen: shared vertex or edge, the k nearest, or everything within a distance. */
export type WeightsSpecification =
  | { rule: 'queen' }
  | { rule: 'rook' }
  | { rule: 'knn'; neighbours: number }
  | { rule: 'distance'; threshold: number };

export class AnalysisOptionError extends BilingualError {}

export function parseMethod(text: string): AnalysisMethod {
  const method = ANALYSIS_METHODS.find((candidate) => candidate === text.trim().toLowerCase());
  if (method) return method;
  throw new AnalysisOptionError(
    bilingual(
      `Phương pháp "${text}" không có; chọn một trong: ${ANALYSIS_METHODS.join(', ')}`,
      `There is no method "${text}"; choose one of: ${ANALYSIS_METHODS.join(', ')}`,
    ),
  );
}

export function parseCorrection(text: string): Correction {
  const correction = CORRECTIONS.find((candidate) => candidate === text.trim().toLowerCase());
  if (correction) return correction;
  throw new AnalysisOptionError(
    bilingual(
      `Cách hiệu chỉnh "${text}" không có; chọn một trong: ${CORRECTIONS.join(', ')}`,
      `There is no correction "${text}"; choose one of: ${CORRECTIONS.join(', ')}`,
    ),
  );
}

export function parseTransform(text: string): WeightsTransform {
  const transform = text.trim().toLowerCase();
  if (transform === 'binary' || transform === 'row') return transform;
  throw new AnalysisOptionError(
    bilingual(
      `Cách chuẩn hóa trọng số "${text}" không có; chọn binary hoặc row`,
      `There is no weights transform "${text}"; choose binary or row`,
    ),
  );
}

/** "queen", "rook", "knn:K" (K a whole number ≥ 1) or "distance:D" (D > 0, in the coordinates' unit). */
export function parseWeightsSpecification(text: string): WeightsSpecification {
  const [rule, parameter, extra] = text.trim().toLowerCase().split(':');
  if (extra === undefined && parameter === undefined && rule === 'queen') return { rule };
  if (extra === undefined && parameter === undefined && rule === 'rook') return { rule };
  const value = Number(parameter);
  if (extra === undefined && rule === 'knn' && parameter !== '' && Number.isInteger(value) && value >= 1) {
    return { rule, neighbours: value };
  }
  if (extra === undefined && rule === 'distance' && parameter !== '' && Number.isFinite(value) && value > 0) {
    return { rule, threshold: value };
  }
  throw new AnalysisOptionError(
    bilingual(
      `Trọng số "${text}" không hợp lệ; viết queen, rook, knn:K (K nguyên ≥ 1) hoặc distance:D (D > 0)`,
      `Invalid weights "${text}"; write queen, rook, knn:K (K a whole number ≥ 1) or distance:D (D > 0)`,
    ),
  );
}

/** The specification as written on the command line, for a result to cite. */
export function describeWeightsSpecification(specification: WeightsSpecification): string {
  if (specification.rule === 'knn') return `knn:${specification.neighbours}`;
  if (specification.rule === 'distance') return `distance:${specification.threshold}`;
  return specification.rule;
}

/** Permutations for pseudo p-values: 0 (none) to 99,999; 999 unless asked otherwise. */
export function parsePermutations(text: string): number {
  const value = Number(text);
  if (text.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 99_999) return value;
  throw new AnalysisOptionError(
    bilingual(
      `Số hoán vị "${text}" không hợp lệ; viết một số nguyên từ 0 đến 99999`,
      `Invalid number of permutations "${text}"; write a whole number from 0 to 99999`,
    ),
  );
}

/** A seed for the permutation generator: any whole number from 0 to 2^32 − 1. */
export function parseSeed(text: string): number {
  const value = Number(text);
  if (text.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return value;
  throw new AnalysisOptionError(
    bilingual(
      `Hạt giống "${text}" không hợp lệ; viết một số nguyên từ 0 đến 4294967295`,
      `Invalid seed "${text}"; write a whole number from 0 to 4294967295`,
    ),
  );
}
