import { type BilingualText, bilingual } from '../bilingual';

/** Who does what with Diaban; one role per account. */
export const ROLES = ['admin', 'planner', 'commander', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Role names as the interface shows them. */
export const ROLE_NAMES: Record<Role, BilingualText> = {
  admin: bilingual('Quản trị hệ thống', 'Administrator'),
  planner: bilingual('Cán bộ tham mưu', 'Planner'),
  commander: bilingual('Chỉ huy', 'Commander'),
  analyst: bilingual('Cán bộ phân tích', 'Analyst'),
  viewer: bilingual('Người xem', 'Viewer'),
};

/**
 * What a request may do. Each API route requires exactly one permission; PERMISSIONS.md beside this file is
 * the same matrix for people, and a test keeps the two equal.
 */
export const PERMISSIONS = [
  'boundaries:read',
  'boundaries:import',
  'settings:manage',
  'users:manage',
  'audit:read',
  'programme:read',
  'programme:write',
  'incidents:read',
  'incidents:write',
  'analysis:run',
  'briefings:read',
  'briefings:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: readonly Role[] = ROLES;

/** The permission matrix: who holds each permission. */
export const HOLDERS: Record<Permission, readonly Role[]> = {
  'boundaries:read': EVERYONE,
  'boundaries:import': ['admin'],
  'settings:manage': ['admin'],
  'users:manage': ['admin'],
  'audit:read': ['admin'],
  'programme:read': ['admin', 'planner', 'commander', 'viewer'],
  'programme:write': ['planner'],
  'incidents:read': ['admin', 'planner', 'commander', 'analyst', 'viewer'],
  'incidents:write': ['commander', 'analyst'],
  'analysis:run': ['planner', 'commander', 'analyst'],
  'briefings:read': EVERYONE,
  'briefings:write': ['planner', 'commander'],
};

export function roleHolds(role: Role, permission: Permission): boolean {
  return HOLDERS[permission].includes(role);
}
