/**
 * "How this was computed", one sentence a briefing can cite: the statistic, what was measured over which
 * communes and dates, the weights, the permutations and seed, the correction, and the global statistic of
 * the same family with its z and p. Built in either language from the API's `computation` and `global`;
 * the optimized grid and the emerging hot spots have sentences of their own.
 */
import { formatVietnameseDate } from '@domain/dates/calendar-date';
import type {
  EmergingHotSpots,
  GridComputation,
  GridHotSpots,
  HotSpotComputation,
  HotSpotMeasure,
  HotSpotMethod,
  UnitHotSpots,
} from '../api/hot-spots';
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
function weightsPhrase(
  computation: Pick<HotSpotComputation, 'weights' | 'distances'>,
  language: Language,
  localeTag: string,
): string {
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

// ─── The optimized grid ────────────────────────────────────────────────────────────────────────────────────

function metres(value: number, localeTag: string): string {
  return `${numberFormat(localeTag, { maximumFractionDigits: 0 }).format(value)} m`;
}

const CELL_SIZE_CHOICES: Record<GridComputation['cellSizeChosenBy'], Texts> = {
  'nearest-neighbour-distance': {
    vi: 'chọn theo khoảng cách giữa các vụ việc gần nhau nhất',
    en: 'chosen from the nearest-neighbour distances of the incidents',
  },
  'cell-limit': { vi: 'nới ra để không quá 100.000 ô', en: 'enlarged to keep within 100,000 cells' },
  given: { vi: 'do người dùng chọn', en: 'as given' },
};

const BAND_CHOICES: Record<GridComputation['bandChosenBy'], Texts> = {
  'incremental-autocorrelation-peak': {
    vi: 'đỉnh đầu tiên của I Moran khi tăng dần khoảng cách',
    en: "the first peak of Moran's I over increasing distances",
  },
  'nearest-neighbour-distance': {
    vi: 'khoảng cách trung bình tới các ô gần nhất, vì tự tương quan không có đỉnh',
    en: 'the mean distance to the nearest cells, as the autocorrelation had no peak',
  },
  given: { vi: 'do người dùng chọn', en: 'as given' },
};

function gridPhrase(computation: GridComputation, language: Language, localeTag: string): string {
  const size = metres(computation.cellSize, localeTag);
  const sizeChoice = CELL_SIZE_CHOICES[computation.cellSizeChosenBy][language];
  const hexagon = computation.shape === 'hexagon';
  if (language === 'vi') {
    const cell = hexagon ? `ô lục giác cao ${size}` : `ô vuông cạnh ${size}`;
    return `lưới ${cell} (${sizeChoice})`;
  }
  const cell = hexagon ? `hexagons ${size} high` : `squares of ${size}`;
  return `a grid of ${cell} (${sizeChoice})`;
}

/**
 * E.g. "Điểm nóng tối ưu (Getis-Ord Gi*) của 229 vụ việc, 01/03/2025 – 14/03/2025 (thời kỳ ranh giới
 * demo-2020): lưới ô lục giác cao 11.381 m (chọn theo …), khoảng lân cận 11.381 m (…); 34 ô (…); khoảng cách
 * đo trong EPSG:32648 …; hiệu chỉnh FDR (Benjamini–Hochberg)."
 */
export function describeGridComputation(
  answer: GridHotSpots,
  language: Language,
  localeTag: string,
  categoryNames: readonly string[] = [],
): string {
  const { computation } = answer;
  const count = (value: number) => numberFormat(localeTag, { maximumFractionDigits: 0 }).format(value);
  const window = `${formatVietnameseDate(answer.from)} – ${formatVietnameseDate(answer.to)}`;
  const categories = categoryNames.length > 0 ? ` (${categoryNames.join(', ')})` : '';
  const band = metres(computation.distanceBand, localeTag);
  const bandChoice = BAND_CHOICES[computation.bandChosenBy][language];
  const outliers = computation.outliers ?? 0;
  const parts =
    language === 'vi'
      ? [
          `Điểm nóng tối ưu (Getis-Ord Gi*) của ${count(computation.incidents)} vụ việc${categories}, ${window} (thời kỳ ranh giới ${answer.era}): ${gridPhrase(computation, language, localeTag)}, khoảng lân cận ${band} (${bandChoice})`,
          `${count(computation.cells)} ô (các ô có vụ việc và vành ô kề quanh chúng)${outliers > 0 ? `, ${count(outliers)} vụ ở vị trí biệt lập không tính vào cỡ ô` : ''}`,
          `khoảng cách đo trong ${computation.distances}`,
        ]
      : [
          `Optimized hot spots (Getis-Ord Gi*) of ${count(computation.incidents)} incidents${categories}, ${window} (boundary era ${answer.era}): ${gridPhrase(computation, language, localeTag)}, a distance band of ${band} (${bandChoice})`,
          `${count(computation.cells)} cells (those with incidents and the ring around them)${outliers > 0 ? `, ${count(outliers)} incidents at locational outliers left out of the cell size` : ''}`,
          `distances in ${computation.distances}`,
        ];
  parts.push(CORRECTIONS[computation.correction][language]);
  return `${parts.join('; ')}.`;
}

// ─── Emerging hot spots ────────────────────────────────────────────────────────────────────────────────────

/** A reporting month as people write it: "2024-04" → "04/2024". */
export function monthText(month: string): string {
  const [year, number] = month.split('-');
  return `${number}/${year}`;
}

/**
 * E.g. "Điểm nóng mới nổi (Gi* không gian – thời gian, xu hướng Mann–Kendall) của 39 xã, phường qua 12 tháng
 * báo cáo 04/2024 – 03/2025 (15/03/2024 – 14/03/2025, thời kỳ ranh giới demo-2020); bước thời gian: một tháng
 * báo cáo, lân cận gồm tháng đó và 1 tháng trước; trọng số: kề chung đỉnh (queen), nhị phân, tính cả chính
 * xã; hiệu chỉnh FDR (Benjamini–Hochberg) trên mọi ô của khối không gian – thời gian, mức ý nghĩa 0,05."
 * `window` is the dates the months cover.
 */
export function describeEmergingComputation(
  answer: EmergingHotSpots,
  window: { from: string; to: string },
  language: Language,
  localeTag: string,
  categoryNames: readonly string[] = [],
): string {
  const { computation } = answer;
  const count = (value: number) => numberFormat(localeTag, { maximumFractionDigits: 0 }).format(value);
  const first = answer.months[0] ?? '';
  const last = answer.months.at(-1) ?? '';
  const dates = `${formatVietnameseDate(window.from)} – ${formatVietnameseDate(window.to)}`;
  const categories = categoryNames.length > 0 ? ` (${categoryNames.join(', ')})` : '';
  const alpha = numberFormat(localeTag, { maximumFractionDigits: 3 }).format(computation.alpha);
  const earlier = computation.timeStepNeighbours;
  const weights = weightsPhrase(computation, language, localeTag);
  const correction = CORRECTIONS[computation.correction][language];
  if (language === 'vi') {
    return [
      `Điểm nóng mới nổi (Gi* không gian – thời gian, xu hướng Mann–Kendall) của ${count(computation.locations)} xã, phường${categories} qua ${count(computation.steps)} tháng báo cáo ${monthText(first)} – ${monthText(last)} (${dates}, thời kỳ ranh giới ${answer.era})`,
      `bước thời gian: một tháng báo cáo (15 → 14), lân cận gồm tháng đó và ${count(earlier)} tháng trước`,
      `trọng số: ${weights}, nhị phân, tính cả chính xã`,
      `${correction} trên mọi ô của khối không gian – thời gian, mức ý nghĩa ${alpha}.`,
    ].join('; ');
  }
  return [
    `Emerging hot spots (space-time Gi*, Mann–Kendall trend) in ${count(computation.locations)} communes${categories} over ${count(computation.steps)} reporting months ${monthText(first)} – ${monthText(last)} (${dates}, boundary era ${answer.era})`,
    `time step: one reporting month (15th → 14th), each neighbourhood spanning it and ${count(earlier)} month${earlier === 1 ? '' : 's'} before`,
    `weights: ${weights}, binary, self included`,
    `${correction} over every bin of the space-time cube, significance level ${alpha}.`,
  ].join('; ');
}
