import { type BilingualText, bilingual } from '../bilingual';

/**
 * Where an account may look: everywhere, one or more provinces (by code or name, as the boundary files give
 * them), or a set of communes (by code). Every query is filtered by it on the server.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'provinces'; provinces: string[] }
  | { kind: 'communes'; communes: string[] };

export const EVERYWHERE: Scope = { kind: 'all' };

/** The facts of a unit that decide whether it is in scope. */
export interface ScopedUnit {
  level: string;
  code: string;
  provinceCode: string | null;
  provinceName: string | null;
}

/**
 * Whether a scope covers a unit. A commune scope covers its communes; the districts and provinces around
 * them are decided by the database, which knows where the communes lie (see `scopeCondition`).
 */
export function scopeCovers(scope: Scope, unit: ScopedUnit): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'provinces':
      return scope.provinces.some(
        (province) => province === unit.provinceCode || province === unit.provinceName,
      );
    case 'communes':
      return unit.level === 'commune' && scope.communes.includes(unit.code);
  }
}

export function describeScope(scope: Scope): BilingualText {
  switch (scope.kind) {
    case 'all':
      return bilingual('Toàn bộ', 'Everywhere');
    case 'provinces':
      return bilingual(`Tỉnh: ${scope.provinces.join(', ')}`, `Province: ${scope.provinces.join(', ')}`);
    case 'communes':
      return bilingual(
        `${scope.communes.length} xã: ${scope.communes.join(', ')}`,
        `${scope.communes.length} communes: ${scope.communes.join(', ')}`,
      );
  }
}
