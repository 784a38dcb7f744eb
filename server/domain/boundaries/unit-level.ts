/** The tiers of Vietnam's administrative map. The district tier exists only in eras before 1 July 2025. */
export const UNIT_LEVELS = ['commune', 'district', 'province'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export function isUnitLevel(value: unknown): value is UnitLevel {
  return typeof value === 'string' && (UNIT_LEVELS as readonly string[]).includes(value);
}
