import { type BilingualText, bilingual } from '../bilingual';
import { type DateWindow, reportingMonth, reportingMonthOf } from '../dates/reporting-period';

/**
 * A figure each commune reports per reporting month ("số liệu định kỳ"): counts only, never names. The
 * list is data, seeded with DEFAULT_INDICATOR_DEFINITIONS and editable in the database.
 */
export interface IndicatorDefinition {
  /** Stable kebab-case identifier. */
  code: string;
  nameVi: string;
  nameEn: string;
  /** What is counted ("người", "hộ"). */
  unitVi: string;
  unitEn: string;
}

/** The aggregates the provincial plans ask communes for, and the programme's targets are judged on. */
export const DEFAULT_INDICATOR_DEFINITIONS: readonly IndicatorDefinition[] = [
  {
    code: 'drug-users-managed',
    nameVi: 'Người nghiện, người sử dụng trái phép chất ma túy đang quản lý',
    nameEn: 'Drug users and addicts under management',
    unitVi: 'người',
    unitEn: 'persons',
  },
  {
    code: 'wanted-persons',
    nameVi: 'Đối tượng truy nã',
    nameEn: 'Wanted persons',
    unitVi: 'người',
    unitEn: 'persons',
  },
  {
    code: 'managed-persons',
    nameVi: 'Đối tượng đang quản lý, giáo dục tại địa phương',
    nameEn: 'Persons under local management and education',
    unitVi: 'người',
    unitEn: 'persons',
  },
  {
    code: 'crime-reports-received',
    nameVi: 'Tố giác, tin báo về tội phạm đã tiếp nhận',
    nameEn: 'Crime reports and denunciations received',
    unitVi: 'tin',
    unitEn: 'reports',
  },
  {
    code: 'crime-reports-handled',
    nameVi: 'Tố giác, tin báo về tội phạm đã giải quyết',
    nameEn: 'Crime reports and denunciations handled',
    unitVi: 'tin',
    unitEn: 'reports',
  },
  {
    code: 'households-reached',
    nameVi: 'Hộ gia đình được tuyên truyền',
    nameEn: 'Households reached by propaganda',
    unitVi: 'hộ',
    unitEn: 'households',
  },
  {
    code: 'self-management-models',
    nameVi: 'Mô hình tự quản, tự phòng, tự bảo vệ, tự hòa giải xây dựng, củng cố',
    nameEn: 'Self-management security models built or strengthened',
    unitVi: 'mô hình',
    unitEn: 'models',
  },
];

const PERIOD = /^(\d{4})-(\d{2})$/;

/** A reporting month "YYYY-MM" and its dates (15th of the month before to the 14th). */
export interface ReportingPeriod extends DateWindow {
  period: string;
}

/**
 * Reads a reporting month written "YYYY-MM" (month M runs from 15/(M−1) to 14/M), refusing months that
 * have not begun by `today`: figures are reported for a month under way or past. The reason instead when
 * the text is not such a month.
 */
export function parseReportingPeriod(text: string, today: string): ReportingPeriod | BilingualText {
  const match = PERIOD.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || year < 1900 || month < 1 || month > 12) {
    return bilingual(
      `Kỳ báo cáo "${text}" không hợp lệ: cần tháng dạng YYYY-MM`,
      `Invalid reporting period "${text}": expected a month as YYYY-MM`,
    );
  }
  const [currentYear, currentMonth] = reportingMonthOf(today);
  if (year * 12 + month > currentYear * 12 + currentMonth) {
    const current = `${currentYear}-${String(currentMonth).padStart(2, '0')}`;
    return bilingual(
      `Kỳ báo cáo ${month}/${year} chưa bắt đầu (kỳ hiện tại: ${currentMonth}/${currentYear})`,
      `The reporting period ${text} has not begun (the current one is ${current})`,
    );
  }
  return { period: text, ...reportingMonth(year, month) };
}

/** The largest count any commune could report; beyond it the figure is a typing mistake. */
export const MAXIMUM_INDICATOR_VALUE = 10_000_000;

/**
 * Why a set of indicator values cannot be stored, or null: every code must be one of the definitions and
 * every value a whole number from 0 to MAXIMUM_INDICATOR_VALUE, or null to clear a figure.
 */
export function checkIndicatorValues(
  values: Readonly<Record<string, unknown>>,
  definitions: readonly { code: string }[],
): BilingualText | null {
  const codes = new Set(definitions.map((definition) => definition.code));
  for (const [code, value] of Object.entries(values)) {
    if (!codes.has(code)) {
      const known = [...codes].join(', ');
      return bilingual(
        `Không có chỉ tiêu "${code}"; các chỉ tiêu: ${known}`,
        `There is no indicator "${code}"; the indicators are: ${known}`,
      );
    }
    if (value === null) continue;
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 0 ||
      value > MAXIMUM_INDICATOR_VALUE
    ) {
      return bilingual(
        `Giá trị của "${code}" phải là số nguyên từ 0 đến ${MAXIMUM_INDICATOR_VALUE} (hoặc null để xóa): ${JSON.stringify(value)}`,
        `The value of "${code}" must be a whole number from 0 to ${MAXIMUM_INDICATOR_VALUE} (or null to clear it): ${JSON.stringify(value)}`,
      );
    }
  }
  return null;
}
