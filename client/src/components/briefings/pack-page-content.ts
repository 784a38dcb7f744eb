/**
 * What a briefing pack's own print pages show (#/print/pack/table, #/print/pack/atlas), fetched with the
 * same API calls the views make, as the signed-in account, so a pack shows what that account may see.
 */
import { BilingualError, bilingual } from '@domain/bilingual';
import { todayInVietnam } from '@domain/dates/calendar-date';
import { CYCLE_STATUS_NAMES } from '@domain/programme/cycle-status';
import type { Feature, Geometry } from 'geojson';
import { fetchCommunes } from '../../api/boundaries';
import { fetchUnitHotSpots } from '../../api/hot-spots';
import { ApiError, getJson } from '../../api/http';
import {
  fetchProgrammeCycles,
  fetchProgrammeDesignations,
  fetchProgrammeKpis,
  fetchProgrammeTracking,
  type ProgrammeCycleAnswer,
  type ProgrammeTracking,
  type ProgrammeYearKpis,
  type TrackingCommune,
} from '../../api/programme';
import { buildTimeline, type TimelineYear } from '../../format/programme-timeline';
import { criterionValueText, thresholdText } from '../../format/programme-tracking';

export const PACK_PAGES = ['cover', 'contents', 'table', 'atlas'] as const;
export type PackPage = (typeof PACK_PAGES)[number];

/** One part of the print page's list: `page` (cover, contents, table, atlas) and its own parameters. */
export type PackPartSpecification = Record<string, string>;

/** Lines of the table of contents a sheet holds; the server counts the contents' pages the same way. */
export const CONTENTS_LINES_PER_PAGE = 22;

/** Table rows a sheet holds, so that a table's page count is known before Chromium lays it out. */
export function tableRowsPerSheet(paper: 'A4' | 'A3', orientation: 'portrait' | 'landscape'): number {
  const rows = { A4: { landscape: 16, portrait: 26 }, A3: { landscape: 26, portrait: 40 } };
  return rows[paper][orientation];
}

/** The parts in the `parts` parameter (a JSON list of objects of text), or none when it is not one. */
export function parsePackParts(text: string): PackPartSpecification[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((part): part is Record<string, unknown> => typeof part === 'object' && part !== null)
      .map((part) =>
        Object.fromEntries(
          Object.entries(part)
            .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
            .map(([name, value]) => [name, String(value)]),
        ),
      );
  } catch {
    return [];
  }
}

/** A plain table: a heading row and rows of text, as printed. */
export interface PrintedTable {
  columns: string[];
  /** Columns whose cells are numbers, set right. */
  numeric: number[];
  rows: string[][];
  note: string | null;
}

const number = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined
    ? '—'
    : value.toLocaleString('vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function kpiTable(kpis: ProgrammeYearKpis): PrintedTable {
  const met = (flag: boolean | null) => (flag === null ? '—' : flag ? 'Đạt' : 'Chưa đạt');
  return {
    columns: ['Chỉ tiêu', 'Kết quả', 'Mục tiêu', 'Đánh giá'],
    numeric: [1, 2],
    rows: [
      ['Số địa bàn được lựa chọn', number(kpis.selected), '', ''],
      ['Đã đánh giá', number(kpis.assessed), '', ''],
      ['Chờ đánh giá', number(kpis.awaitingAssessment), '', ''],
      ['Chuyển hóa đạt', number(kpis.achieved), '', ''],
      ['Chưa đạt', number(kpis.notAchieved), '', ''],
      [
        'Tỷ lệ chuyển hóa đạt',
        kpis.achievedPct === null ? '—' : `${number(kpis.achievedPct, 1)} %`,
        `≥ ${number(kpis.targetPct)} %`,
        met(kpis.achievedTargetMet),
      ],
      ['Chuyển tiếp sang năm sau', number(kpis.carryOvers), '', ''],
      ['Đang theo dõi sau chuyển hóa', number(kpis.monitored), '', ''],
      ['Tái phức tạp', number(kpis.relapsed), '', ''],
      [
        'Tỷ lệ không tái phức tạp',
        kpis.sustainedPct === null ? '—' : `${number(kpis.sustainedPct, 1)} %`,
        `≥ ${number(kpis.sustainedTargetPct)} %`,
        met(kpis.sustainedTargetMet),
      ],
    ],
    note: `Kỳ đánh giá: ${vietnameseDate(kpis.window.from)} – ${vietnameseDate(kpis.window.to)}`,
  };
}

export function selectionTable(cycles: readonly ProgrammeCycleAnswer[]): PrintedTable {
  const sorted = [...cycles].sort(
    (first, second) =>
      (first.unit.district ?? '').localeCompare(second.unit.district ?? '', 'vi') ||
      first.unit.fullName.localeCompare(second.unit.fullName, 'vi'),
  );
  return {
    columns: ['STT', 'Mã', 'Xã, phường, thị trấn', 'Huyện (cũ)', 'Trạng thái', 'Từ ngày'],
    numeric: [0],
    rows: sorted.map((cycle, index) => [
      String(index + 1),
      cycle.unit.code,
      cycle.unit.fullName,
      cycle.unit.district ?? '',
      cycle.status ? CYCLE_STATUS_NAMES[cycle.status].vi : '',
      cycle.since ? vietnameseDate(cycle.since) : '',
    ]),
    note: sorted.length === 0 ? 'Chưa có địa bàn nào được lựa chọn trong năm này.' : null,
  };
}

export function indicatorTable(entry: TrackingCommune, tracking: ProgrammeTracking): PrintedTable {
  const outcomes: Record<string, string> = {
    met: 'Đạt',
    'not-met': 'Chưa đạt',
    missing: 'Thiếu số liệu',
    'not-applicable': 'Không áp dụng',
  };
  return {
    columns: ['Tiêu chí', 'Giá trị', 'Ngưỡng', 'Kết quả'],
    numeric: [1, 2],
    rows: entry.criteria.results.map((criterion) => [
      criterion.nameVi,
      criterionValueText(criterion, 'vi', 'vi-VN'),
      thresholdText(criterion, 'vi', 'vi-VN'),
      outcomes[criterion.outcome] ?? criterion.outcome,
    ]),
    note: `Số liệu từ ${vietnameseDate(tracking.window.from)} đến ${vietnameseDate(tracking.window.asOf)}; đạt ${entry.criteria.met}, chưa đạt ${entry.criteria.notMet}, thiếu ${entry.criteria.missing}.`,
  };
}

export function vietnameseDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** The year a table without one is about: the current one. */
export function yearOrCurrent(year: number | null): number {
  return year ?? Number(todayInVietnam(new Date()).slice(0, 4));
}

export interface TableContent {
  title: string;
  subtitle: string;
  table: PrintedTable;
}

/** The police reporting year up to today: 15/12 of the year before to 14/12, so far. */
function reportingWindow(year: number): { from: string; to: string } {
  const today = todayInVietnam(new Date());
  const end = `${year}-12-14`;
  return { from: `${year - 1}-12-15`, to: end < today ? end : today };
}

export async function loadTable(
  table: string,
  yearGiven: number | null,
  unit: string | null,
): Promise<TableContent> {
  const year = yearOrCurrent(yearGiven);
  if (table === 'programme-kpis') {
    const kpis = await fetchProgrammeKpis(year);
    return {
      title: `Kết quả chuyển hóa địa bàn năm ${year}`,
      subtitle: kpis.phase.nameVi,
      table: kpiTable(kpis),
    };
  }
  if (table === 'selection-list') {
    const cycles = await fetchProgrammeCycles({ year });
    return {
      title: `Danh sách địa bàn trọng điểm, phức tạp lựa chọn chuyển hóa năm ${year}`,
      subtitle: `${cycles.length} địa bàn`,
      table: selectionTable(cycles),
    };
  }
  if (table === 'commune-indicators') {
    if (!unit) throw new BilingualError(bilingual('Thiếu mã xã', 'The commune is missing'));
    const tracking = await fetchProgrammeTracking({ year, unit });
    const entry = tracking.communes.find((candidate) => candidate.unit.code === unit);
    if (!entry) {
      throw new BilingualError(
        bilingual(
          `Xã ${unit} không có trong chương trình năm ${year}`,
          `Commune ${unit} is not in the ${year} programme`,
        ),
      );
    }
    return {
      title: `Chỉ tiêu của ${entry.unit.fullName} năm ${year}`,
      subtitle: [entry.unit.district, entry.unit.province].filter(Boolean).join(', '),
      table: indicatorTable(entry, tracking),
    };
  }
  if (table === 'top-hot-spots') {
    const window = reportingWindow(year);
    let answer: Awaited<ReturnType<typeof fetchUnitHotSpots>>;
    try {
      answer = await fetchUnitHotSpots(window, {
        method: 'gistar',
        measure: 'count',
        weights: 'queen',
        correction: 'fdr',
        permutations: 999,
        seed: 12345,
        province: null,
      });
    } catch (error) {
      // An account that may not run analyses still gets the rest of its pack.
      if (!(error instanceof ApiError && error.status === 403)) throw error;
      return {
        title: `Các điểm nóng về vụ việc năm ${year}`,
        subtitle: '',
        table: {
          columns: [],
          numeric: [],
          rows: [],
          note: 'Vai trò của tài khoản in bộ tài liệu không được chạy phân tích điểm nóng.',
        },
      };
    }
    const communes = await fetchCommunes(answer.era);
    const names = new Map(
      communes.features.map((feature) => [String(feature.properties.code), feature.properties]),
    );
    const hot = answer.units
      .filter((unitResult) => (unitResult.bin ?? 0) > 0)
      .sort((first, second) => second.z - first.z)
      .slice(0, 20);
    const confidence = (bin: number | undefined) =>
      bin === 3 ? '99 %' : bin === 2 ? '95 %' : bin === 1 ? '90 %' : '';
    return {
      title: `Các điểm nóng về vụ việc năm ${year}`,
      subtitle: `Từ ${vietnameseDate(answer.from)} đến ${vietnameseDate(answer.to)}; G_i*, queen, 999 hoán vị, FDR 5 %`,
      table: {
        columns: ['STT', 'Xã, phường', 'Huyện (cũ)', 'Số vụ', 'Cùng kỳ', 'Tăng/giảm', 'z', 'Độ tin cậy'],
        numeric: [0, 3, 4, 5, 6],
        rows: hot.map((unitResult, index) => {
          const properties = names.get(unitResult.code);
          return [
            String(index + 1),
            String(properties?.fullName ?? properties?.name ?? unitResult.code),
            String(properties?.district ?? ''),
            number(unitResult.count),
            number(unitResult.previousCount),
            `${unitResult.change > 0 ? '+' : ''}${number(unitResult.change)}`,
            number(unitResult.z, 2),
            confidence(unitResult.bin),
          ];
        }),
        note: hot.length === 0 ? 'Không có điểm nóng có ý nghĩa thống kê trong kỳ.' : null,
      },
    };
  }
  throw new BilingualError(bilingual(`Không có bảng "${table}"`, `There is no table "${table}"`));
}

type UnitFeature = Feature<Geometry, Record<string, unknown>>;

export interface AtlasContent {
  year: number;
  era: string;
  commune: UnitFeature;
  neighbours: UnitFeature[];
  entry: TrackingCommune | null;
  tracking: ProgrammeTracking;
  indicators: PrintedTable | null;
  timeline: TimelineYear[];
}

export async function loadAtlas(year: number, era: string | null, unit: string): Promise<AtlasContent> {
  const tracking = await fetchProgrammeTracking({ year, unit, ...(era ? { era } : {}) });
  const eraLabel = era ?? tracking.era;
  const [commune, cycles, designations] = await Promise.all([
    getJson<UnitFeature>(`/api/units/${encodeURIComponent(unit)}`, { era: eraLabel }),
    fetchProgrammeCycles({ era: eraLabel, unit }),
    fetchProgrammeDesignations({ era: eraLabel, unit }),
  ]);
  const district = commune.properties.district;
  const surroundings = await getJson<{ features: UnitFeature[] }>('/api/units', {
    era: eraLabel,
    level: 'commune',
    ...(typeof district === 'string' && district ? { district } : {}),
  });
  const entry = tracking.communes.find((candidate) => candidate.unit.code === unit) ?? null;
  return {
    year,
    era: eraLabel,
    commune,
    neighbours: surroundings.features.filter((feature) => feature.properties.code !== unit),
    entry,
    tracking,
    indicators: entry ? indicatorTable(entry, tracking) : null,
    timeline: buildTimeline(cycles, designations),
  };
}
