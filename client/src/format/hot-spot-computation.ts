/**
 * "How this was computed", one sentence a briefing can cite: the statistic, what was measured over which
 * communes and dates, the weights, the permutations and seed, the correction, and the global statistic of
 * the same family with its z and p. Built in either language from the API's `computation` and `global`.
 */
import { formatVietnameseDate } from '@domain/dates/calendar-date';
import type { HotSpotComputation, HotSpotMeasure, HotSpotMethod, UnitHotSpots } from '../api/hot-spots';
import type { Language } from '../i18n';

type Texts = Record<Language, string>;

const METHODS: Record<HotSpotMethod, Texts> = {
  gistar: { vi: 'Getis-Ord Gi*', en: 'Getis-Ord Gi*' },
  lisa: { vi: 'Moran cục bộ (LISA)', en: "Local Moran's I (LISA)" },
};

const GLOBAL_NAMES: Record<HotSpotMethod, Texts> = {
  gistar: { vi: 'G tổng thể', en: 'General G' },
  lisa: { vi: 'I Moran toàn cục', en: "Global Moran's I" },
};

const MEASURES: Record<HotSpotMeasure, Texts> = {
  count: { vi: 'số vụ việc', en: 'incident counts' },
  per1000: { vi: 'số vụ trên 1.000 dân', en: 'incidents per 1,000 residents' },
  perKm2: { vi: 'số vụ trên km²', en: 'incidents per km²' },
};

const CORRECTIONS: Record<HotSpotComputation['correction'], Texts> = {
  fdr: { vi: 'hiệu chỉnh FDR (Benjamini–Hochberg)', en: 'FDR correction (Benjamini–Hochberg)' },
  bonferroni: { vi: 'hiệu chỉnh Bonferroni', en: 'Bonferroni correction' },
  none: { vi: 'không hiệu chỉnh kiểm định bội', en: 'no multiple-testing correction' },
};

function numberFormat(localeTag: string, options: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(localeTag, options);
}

/** "queen", "knn:6", "distance:5000" in words, with where distances were measured. */
function weightsPhrase(computation: HotSpotComputation, language: Language, localeTag: string): string {
  const [rule, parameter] = computation.weights.split(':');
  const amount = numberFormat(localeTag, { maximumFractionDigits: 0 }).format(Number(parameter));
  if (rule === 'queen') return language === 'vi' ? 'kề chung đỉnh (queen)' : 'queen contiguity';
  if (rule === 'rook') return language === 'vi' ? 'kề chung cạnh (rook)' : 'rook contiguity';
  if (rule === 'knn') {
    return language === 'vi'
      ? `${amount} xã gần nhất (khoảng cách đo trong ${computation.distances})`
      : `${amount} nearest neighbours (distances in ${computation.distances})`;
  }
  return language === 'vi'
    ? `các xã trong bán kính ${amount} m (khoảng cách đo trong ${computation.distances})`
    : `a distance band of ${amount} m (distances in ${computation.distances})`;
}

function transformPhrase(computation: HotSpotComputation, language: Language): string {
  const transform =
    computation.transform === 'binary'
      ? { vi: 'nhị phân', en: 'binary' }[language]
      : { vi: 'chuẩn hóa theo hàng', en: 'row-standardised' }[language];
  // G_i* counts the commune itself among its neighbours (the star).
  if (computation.method !== 'gistar') return transform;
  return `${transform}, ${language === 'vi' ? 'tính cả chính xã' : 'self included'}`;
}

function neighboursPhrase(computation: HotSpotComputation, language: Language, localeTag: string): string {
  const mean = numberFormat(localeTag, { maximumFractionDigits: 1 }).format(computation.meanNeighbours);
  const range =
    computation.minimumNeighbours === computation.maximumNeighbours
      ? String(computation.minimumNeighbours)
      : `${computation.minimumNeighbours}–${computation.maximumNeighbours}`;
  const islands = computation.islands.length;
  if (language === 'vi') {
    const phrase = `mỗi xã có ${range} xã lân cận (trung bình ${mean})`;
    return islands > 0 ? `${phrase}, ${islands} xã không có xã lân cận` : phrase;
  }
  const phrase = `${range} neighbours per commune (mean ${mean})`;
  return islands > 0 ? `${phrase}, ${islands} without neighbours` : phrase;
}

function permutationsPhrase(computation: HotSpotComputation, language: Language, localeTag: string): string {
  const count = numberFormat(localeTag, { maximumFractionDigits: 0 }).format(computation.permutations);
  const seed = String(computation.seed);
  if (computation.permutations === 0) return language === 'vi' ? 'không hoán vị' : 'no permutations';
  return language === 'vi' ? `${count} hoán vị, hạt giống ${seed}` : `${count} permutations, seed ${seed}`;
}

/** p-values as statisticians print them: three decimals, and "< 0.001" below. */
export function formatPValue(p: number, localeTag: string): string {
  const format = numberFormat(localeTag, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return p < 0.001 ? `< ${format.format(0.001)}` : format.format(p);
}

/** z-scores with two decimals and a true minus sign. */
export function formatZScore(z: number, localeTag: string): string {
  // Rounded first, so that −0.001 reads "0.00" rather than "−0.00".
  const rounded = Number(z.toFixed(2));
  const text = numberFormat(localeTag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    Math.abs(rounded),
  );
  return rounded < 0 ? `−${text}` : text;
}

function globalPhrase(answer: UnitHotSpots, language: Language, localeTag: string): string {
  const { computation, global } = answer;
  const name = GLOBAL_NAMES[computation.method][language];
  const z = global.zRandomisation ?? global.zNormality;
  const p = global.pRandomisation ?? global.pNormality;
  if (global.statistic === null || z === null || p === null) {
    const noIncidents = answer.units.every((unit) => unit.count === 0);
    if (language === 'vi') {
      return noIncidents
        ? `${name} không xác định: không có vụ việc nào trong thời gian này.`
        : `${name} không xác định: mọi xã có cùng giá trị.`;
    }
    return noIncidents
      ? `${name} is undefined: there are no incidents in this window.`
      : `${name} is undefined: every commune has the same value.`;
  }
  const statistic = numberFormat(localeTag, { maximumSignificantDigits: 4 }).format(global.statistic);
  const sided = {
    'one-sided': { vi: 'một phía', en: 'one-sided' },
    'two-sided': { vi: 'hai phía', en: 'two-sided' },
  }[computation.globalPValues][language];
  const separator = language === 'vi' ? ';' : ',';
  const pseudo =
    global.pSim === null
      ? ''
      : `${separator} ${language === 'vi' ? 'p hoán vị' : 'pseudo p'} = ${formatPValue(global.pSim, localeTag)}`;
  const pText = formatPValue(p, localeTag);
  const pPhrase = pText.startsWith('<') ? `p ${pText}` : `p = ${pText}`;
  return `${name} = ${statistic} (z = ${formatZScore(z, localeTag)}${separator} ${pPhrase}, ${sided}${pseudo}).`;
}

/**
 * The sentence, e.g. "Getis-Ord Gi* on incident counts in 39 communes, 01/03/2025 – 14/03/2025 (boundary era
 * demo-2020); weights: queen contiguity, binary, self included, 2–8 neighbours per commune (mean 4.6); 999
 * permutations, seed 12345; FDR correction (Benjamini–Hochberg). General G = 0.04123 (z = 3.21, p = 0.001,
 * one-sided, pseudo p = 0.002)." `categoryNames` names the categories when the filter keeps only some.
 */
export function describeHotSpotComputation(
  answer: UnitHotSpots,
  language: Language,
  localeTag: string,
  categoryNames: readonly string[] = [],
): string {
  const { computation } = answer;
  const n = numberFormat(localeTag, { maximumFractionDigits: 0 }).format(answer.global.n);
  const window = `${formatVietnameseDate(answer.from)} – ${formatVietnameseDate(answer.to)}`;
  const method = METHODS[computation.method][language];
  const measure = MEASURES[computation.measure][language];
  const categories = categoryNames.length > 0 ? categoryNames.join(', ') : null;
  const parts =
    language === 'vi'
      ? [
          `${method} trên ${measure}${categories ? ` (${categories})` : ''} của ${n} xã, phường, ${window} (thời kỳ ranh giới ${answer.era})`,
          `trọng số: ${weightsPhrase(computation, language, localeTag)}, ${transformPhrase(computation, language)}, ${neighboursPhrase(computation, language, localeTag)}`,
        ]
      : [
          `${method} on ${measure}${categories ? ` (${categories})` : ''} in ${n} communes, ${window} (boundary era ${answer.era})`,
          `weights: ${weightsPhrase(computation, language, localeTag)}, ${transformPhrase(computation, language)}, ${neighboursPhrase(computation, language, localeTag)}`,
        ];
  parts.push(
    permutationsPhrase(computation, language, localeTag),
    CORRECTIONS[computation.correction][language],
  );
  return `${parts.join('; ')}. ${globalPhrase(answer, language, localeTag)}`;
}
