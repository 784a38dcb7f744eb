import { type BilingualText, bilingual } from '../bilingual';
import { incidentDedupKey } from '../incidents/incident-dedup-key';
import { SEVERITIES, SEVERITY_NAMES } from '../incidents/incident-taxonomy';
import { parseIncidentDateTime } from '../incidents/parse-incident-date';
import { cellText, parseCount, parseSeverity } from '../incidents/parse-incident-values';
import { rangeProblem } from './record-geometry';

/** An incident as a form on the map sends it. */
export interface IncidentInput {
  /** Vietnam wall-clock time, "YYYY-MM-DDTHH:mm" (seconds optional). */
  occurredAt: string;
  longitude: number;
  latitude: number;
  categoryCode: string;
  subcategory?: string | null | undefined;
  severity?: string | null | undefined;
  cleared?: boolean | null | undefined;
  deaths?: number | null | undefined;
  injuries?: number | null | undefined;
  source?: string | null | undefined;
  reference?: string | null | undefined;
}

/** A category of the editable taxonomy, as far as entering incidents needs it. */
export interface CategoryChoice {
  code: string;
  active: boolean;
}

/** A hand-entered incident checked and ready to store, keyed like imported ones. */
export interface CheckedIncident {
  occurredAt: string;
  occurredDate: string;
  longitude: number;
  latitude: number;
  categoryCode: string;
  subcategory: string | null;
  severity: string | null;
  cleared: boolean | null;
  deaths: number;
  injuries: number;
  source: string | null;
  reference: string | null;
  dedupKey: ReturnType<typeof incidentDedupKey>;
}

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const MAXIMUM_TEXT_LENGTH = 200;
const COORDINATE_PRECISION = 1e7;

/**
 * Checks an incident entered by hand with the importer's own readers (dates, severities, counts, text) and
 * key, so that a hand-entered incident and the same one imported later are recognised as one. `now` is
 * Vietnam wall-clock time "YYYY-MM-DDTHH:mm:ss": an incident cannot have happened after it. The category
 * must be an active code of the taxonomy. Returns the incident, or why it cannot be stored.
 */
export function checkIncidentInput(
  input: IncidentInput,
  categories: readonly CategoryChoice[],
  now: string,
): CheckedIncident | BilingualText {
  const occurredAt = WALL_CLOCK.test(input.occurredAt) ? parseIncidentDateTime(input.occurredAt, null) : null;
  if (occurredAt === null) {
    return bilingual(
      `Thời điểm xảy ra "${input.occurredAt}" không hợp lệ: cần dạng YYYY-MM-DDTHH:mm, ngày có thật`,
      `Invalid time of occurrence "${input.occurredAt}": expected YYYY-MM-DDTHH:mm on a real date`,
    );
  }
  if (occurredAt > now) {
    return bilingual(
      `Thời điểm xảy ra ${occurredAt.replace('T', ' ')} ở tương lai`,
      `The time of occurrence ${occurredAt.replace('T', ' ')} is in the future`,
    );
  }
  const place = rangeProblem(input.longitude, input.latitude);
  if (place) return place;

  const category = categories.find((candidate) => candidate.code === input.categoryCode);
  if (!category?.active) {
    const known = categories
      .filter((candidate) => candidate.active)
      .map((candidate) => candidate.code)
      .join(', ');
    return bilingual(
      `Không có loại vụ việc "${input.categoryCode}" (hoặc đã ngừng dùng); các loại: ${known}`,
      `There is no incident category "${input.categoryCode}" (or it is no longer used); the categories are: ${known}`,
    );
  }

  let severity: string | null = null;
  if (input.severity !== undefined && input.severity !== null && input.severity.trim() !== '') {
    severity = parseSeverity(input.severity);
    if (severity === null) {
      const names = SEVERITIES.map((code) => `${code} (${SEVERITY_NAMES[code].vi})`).join(', ');
      return bilingual(
        `Mức độ "${input.severity}" không hợp lệ; cần một trong: ${names}`,
        `Invalid severity "${input.severity}"; expected one of: ${SEVERITIES.join(', ')}`,
      );
    }
  }

  const counts = { deaths: 0, injuries: 0 };
  for (const role of ['deaths', 'injuries'] as const) {
    const value = input[role];
    const count = value === undefined || value === null ? 0 : parseCount(value);
    if (count === null) {
      const [vi, en] = role === 'deaths' ? ['người chết', 'deaths'] : ['người bị thương', 'injuries'];
      return bilingual(
        `Số ${vi} phải là số nguyên không âm: ${JSON.stringify(value)}`,
        `The number of ${en} must be a whole number, 0 or more: ${JSON.stringify(value)}`,
      );
    }
    counts[role] = count;
  }

  const texts = { subcategory: null, source: null, reference: null } as Record<
    'subcategory' | 'source' | 'reference',
    string | null
  >;
  for (const field of ['subcategory', 'source', 'reference'] as const) {
    const text = cellText(input[field]);
    if (text !== null && text.length > MAXIMUM_TEXT_LENGTH) {
      return bilingual(
        `Trường "${field}" dài quá ${MAXIMUM_TEXT_LENGTH} ký tự`,
        `The field "${field}" is longer than ${MAXIMUM_TEXT_LENGTH} characters`,
      );
    }
    texts[field] = text;
  }

  const incident = {
    occurredAt,
    occurredDate: occurredAt.slice(0, 10),
    longitude: Math.round(input.longitude * COORDINATE_PRECISION) / COORDINATE_PRECISION,
    latitude: Math.round(input.latitude * COORDINATE_PRECISION) / COORDINATE_PRECISION,
    categoryCode: category.code,
    subcategory: texts.subcategory,
    severity,
    cleared: input.cleared ?? null,
    deaths: counts.deaths,
    injuries: counts.injuries,
    source: texts.source,
    reference: texts.reference,
  };
  return { ...incident, dedupKey: incidentDedupKey(incident) };
}

/** Vietnam wall-clock time of an instant, "YYYY-MM-DDTHH:mm:ss", to compare with `occurredAt`. */
export function wallClockInVietnam(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
}
