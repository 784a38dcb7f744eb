import { type BilingualText, bilingual } from '../bilingual';

/**
 * The words of the two site registers the map keeps beside incidents: flashpoints ("điểm nóng": disputes
 * and complaints that gather people) and recurring vice spots ("tụ điểm": drugs, gambling, prostitution).
 * Codes are stable kebab-case identifiers; the names are what people read.
 */

export const FLASHPOINT_KINDS = [
  'land-dispute',
  'mass-complaint',
  'compensation-clearance',
  'religion-ethnic',
  'other',
] as const;
export type FlashpointKind = (typeof FLASHPOINT_KINDS)[number];

export const FLASHPOINT_KIND_NAMES: Readonly<Record<FlashpointKind, BilingualText>> = {
  'land-dispute': bilingual('Tranh chấp đất đai', 'Land dispute'),
  'mass-complaint': bilingual('Khiếu kiện đông người, vượt cấp', 'Mass or over-level complaint'),
  'compensation-clearance': bilingual('Bồi thường, giải phóng mặt bằng', 'Compensation and site clearance'),
  'religion-ethnic': bilingual('Tôn giáo, dân tộc', 'Religion or ethnic issue'),
  other: bilingual('Khác', 'Other'),
};

export const FLASHPOINT_STATUSES = ['arising', 'being-resolved', 'resolved', 'flared-again'] as const;
export type FlashpointStatus = (typeof FLASHPOINT_STATUSES)[number];

export const FLASHPOINT_STATUS_NAMES: Readonly<Record<FlashpointStatus, BilingualText>> = {
  arising: bilingual('Mới phát sinh', 'Arising'),
  'being-resolved': bilingual('Đang giải quyết', 'Being resolved'),
  resolved: bilingual('Đã giải quyết', 'Resolved'),
  'flared-again': bilingual('Phát sinh trở lại', 'Flared up again'),
};

/** How complex a flashpoint is for public order, least first. */
export const FLASHPOINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type FlashpointSeverity = (typeof FLASHPOINT_SEVERITIES)[number];

export const FLASHPOINT_SEVERITY_NAMES: Readonly<Record<FlashpointSeverity, BilingualText>> = {
  low: bilingual('Ít phức tạp', 'Minor'),
  medium: bilingual('Phức tạp', 'Complex'),
  high: bilingual('Rất phức tạp', 'Very complex'),
  critical: bilingual('Đặc biệt phức tạp', 'Critical'),
};

export const VICE_SPOT_KINDS = ['drug-use', 'drug-dealing', 'gambling', 'prostitution'] as const;
export type ViceSpotKind = (typeof VICE_SPOT_KINDS)[number];

export const VICE_SPOT_KIND_NAMES: Readonly<Record<ViceSpotKind, BilingualText>> = {
  'drug-use': bilingual('Tụ điểm sử dụng ma túy', 'Drug-use spot'),
  'drug-dealing': bilingual('Tụ điểm mua bán ma túy', 'Drug-dealing spot'),
  gambling: bilingual('Tụ điểm cờ bạc', 'Gambling spot'),
  prostitution: bilingual('Tụ điểm mại dâm', 'Prostitution spot'),
};

export const VICE_SPOT_STATUSES = ['active', 'eliminated', 're-formed'] as const;
export type ViceSpotStatus = (typeof VICE_SPOT_STATUSES)[number];

export const VICE_SPOT_STATUS_NAMES: Readonly<Record<ViceSpotStatus, BilingualText>> = {
  active: bilingual('Đang hoạt động', 'Active'),
  eliminated: bilingual('Đã triệt xóa', 'Eliminated'),
  're-formed': bilingual('Hình thành trở lại', 'Re-formed'),
};

/** The two registers, for what they share: statuses, transitions, history. */
export type RecordType = 'flashpoint' | 'vice-spot';

export const RECORD_TYPE_NAMES: Readonly<Record<RecordType, BilingualText>> = {
  flashpoint: bilingual('Điểm nóng', 'Flashpoint'),
  'vice-spot': bilingual('Tụ điểm', 'Vice spot'),
};

/**
 * The statuses each status may move to. A flashpoint arises, is being resolved, is resolved, and may flare
 * up again, after which it is being resolved or resolved once more; a new one may also be settled at once
 * (arising → resolved). A vice spot is active until eliminated ("triệt xóa"), and an eliminated one that
 * gathers again is re-formed, until eliminated again. No status moves to itself, and nothing goes back to
 * the first status: a spot that comes back is "again", which is what the 85 % relapse target counts.
 */
export const STATUS_TRANSITIONS: {
  readonly flashpoint: Readonly<Record<FlashpointStatus, readonly FlashpointStatus[]>>;
  readonly 'vice-spot': Readonly<Record<ViceSpotStatus, readonly ViceSpotStatus[]>>;
} = {
  flashpoint: {
    arising: ['being-resolved', 'resolved'],
    'being-resolved': ['resolved', 'flared-again'],
    resolved: ['flared-again'],
    'flared-again': ['being-resolved', 'resolved'],
  },
  'vice-spot': {
    active: ['eliminated'],
    eliminated: ['re-formed'],
    're-formed': ['eliminated'],
  },
};

/**
 * The statuses a record may be entered with: a flashpoint known only now may already be under way or
 * settled, a vice spot may be recorded when it is eliminated. "Again" statuses need a history before them.
 */
export const INITIAL_STATUSES: {
  readonly flashpoint: readonly FlashpointStatus[];
  readonly 'vice-spot': readonly ViceSpotStatus[];
} = {
  flashpoint: ['arising', 'being-resolved', 'resolved'],
  'vice-spot': ['active', 'eliminated'],
};

/** The statuses of records still needing attention: what the map shows as open. */
export const OPEN_STATUSES: {
  readonly flashpoint: readonly FlashpointStatus[];
  readonly 'vice-spot': readonly ViceSpotStatus[];
} = {
  flashpoint: ['arising', 'being-resolved', 'flared-again'],
  'vice-spot': ['active', 're-formed'],
};

export function statusesOf(type: RecordType): readonly string[] {
  return type === 'flashpoint' ? FLASHPOINT_STATUSES : VICE_SPOT_STATUSES;
}

export function statusName(type: RecordType, status: string): BilingualText {
  const names: Readonly<Record<string, BilingualText>> =
    type === 'flashpoint' ? FLASHPOINT_STATUS_NAMES : VICE_SPOT_STATUS_NAMES;
  return names[status] ?? bilingual(status, status);
}

export function isOpenStatus(type: RecordType, status: string): boolean {
  return (OPEN_STATUSES[type] as readonly string[]).includes(status);
}

/** The statuses a record in `status` may move to. */
export function nextStatuses(type: RecordType, status: string): readonly string[] {
  const transitions: Readonly<Record<string, readonly string[]>> = STATUS_TRANSITIONS[type];
  return transitions[status] ?? [];
}

/** Codes with their names, as the API lists them. */
export function namedCodes(
  codes: readonly string[],
  names: Readonly<Record<string, BilingualText>>,
): { code: string; nameVi: string; nameEn: string }[] {
  return codes.map((code) => ({
    code,
    nameVi: names[code]?.vi ?? code,
    nameEn: names[code]?.en ?? code,
  }));
}
