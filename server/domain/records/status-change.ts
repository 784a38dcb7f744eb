import { type BilingualText, bilingual } from '../bilingual';
import { formatVietnameseDate, isIsoDate } from '../dates/calendar-date';
import {
  INITIAL_STATUSES,
  nextStatuses,
  RECORD_TYPE_NAMES,
  type RecordType,
  statusesOf,
  statusName,
} from './record-vocabulary';

/** No record of the programme is older than this; earlier dates are typing mistakes. */
export const EARLIEST_RECORD_DATE = '1900-01-01';

/** The current status of a record and since when, for judging the next change. */
export interface CurrentStatus {
  status: string;
  /** YYYY-MM-DD. */
  since: string;
}

/**
 * Why a status date cannot be used, or null when it can: a real YYYY-MM-DD date, not after today (Vietnam
 * time, as the caller gives it) and not before `notBefore` (the previous status's date).
 */
export function checkStatusDate(date: string, today: string, notBefore?: string): BilingualText | null {
  if (!isIsoDate(date) || date < EARLIEST_RECORD_DATE) {
    return bilingual(
      `Ngày "${date}" không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD`,
      `Invalid date "${date}": expected a real date as YYYY-MM-DD`,
    );
  }
  if (date > today) {
    return bilingual(
      `Ngày ${formatVietnameseDate(date)} ở tương lai (hôm nay là ${formatVietnameseDate(today)})`,
      `The date ${date} is in the future (today is ${today})`,
    );
  }
  if (notBefore !== undefined && date < notBefore) {
    return bilingual(
      `Ngày ${formatVietnameseDate(date)} trước ngày của trạng thái hiện tại (${formatVietnameseDate(notBefore)})`,
      `The date ${date} is before the date of the current status (${notBefore})`,
    );
  }
  return null;
}

/** Why a record cannot be created with this status, or null. */
export function checkInitialStatus(type: RecordType, status: string): BilingualText | null {
  const allowed = INITIAL_STATUSES[type] as readonly string[];
  if (allowed.includes(status)) return null;
  return unknownOr(
    type,
    status,
    bilingual(
      `Không thể tạo ${RECORD_TYPE_NAMES[type].vi.toLowerCase()} với trạng thái "${statusName(type, status).vi}"; chỉ được: ${describeStatuses(type, allowed).vi}`,
      `A ${RECORD_TYPE_NAMES[type].en.toLowerCase()} cannot be created as "${statusName(type, status).en}"; allowed: ${describeStatuses(type, allowed).en}`,
    ),
  );
}

/**
 * Why a record cannot move from its current status to `status` on `date`, or null when it can: the move
 * must be one of STATUS_TRANSITIONS and the date a real past date not before the current status's own.
 */
export function checkStatusChange(
  type: RecordType,
  current: CurrentStatus,
  status: string,
  date: string,
  today: string,
): BilingualText | null {
  const allowed = nextStatuses(type, current.status);
  if (!allowed.includes(status)) {
    const from = statusName(type, current.status);
    const to = statusName(type, status);
    const next =
      allowed.length > 0
        ? describeStatuses(type, allowed)
        : bilingual('không có trạng thái nào', 'no status');
    return unknownOr(
      type,
      status,
      status === current.status
        ? bilingual(`Trạng thái đã là "${from.vi}"`, `The status is already "${from.en}"`)
        : bilingual(
            `Không thể chuyển từ "${from.vi}" sang "${to.vi}"; từ "${from.vi}" chỉ chuyển được sang: ${next.vi}`,
            `Cannot change from "${from.en}" to "${to.en}"; from "${from.en}" the status can only become: ${next.en}`,
          ),
    );
  }
  return checkStatusDate(date, today, current.since);
}

function unknownOr(type: RecordType, status: string, otherwise: BilingualText): BilingualText {
  if (statusesOf(type).includes(status)) return otherwise;
  const every = describeStatuses(type, statusesOf(type));
  return bilingual(
    `Không có trạng thái "${status}"; các trạng thái: ${every.vi}`,
    `There is no status "${status}"; the statuses are: ${every.en}`,
  );
}

function describeStatuses(type: RecordType, statuses: readonly string[]): BilingualText {
  return bilingual(
    statuses.map((status) => `"${statusName(type, status).vi}" (${status})`).join(', '),
    statuses.map((status) => `"${statusName(type, status).en}" (${status})`).join(', '),
  );
}
