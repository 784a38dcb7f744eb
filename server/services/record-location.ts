import type { Database } from '../db/database';
import type { EraRecord } from '../db/queries/eras';
import { allEras, communeCodesByIds } from '../db/queries/records';
import { findUnitById } from '../db/queries/units';
import { type Scope, scopeCovers } from '../domain/access/scope';
import type { UnitLocator } from './unit-locator';

/**
 * Where records (flashpoints, vice spots, incidents) lie among the communes, and so whether an account's
 * scope reaches them. A record belongs to the commune containing its anchor point, in each era.
 */

/**
 * Whether a point lies in the account's area: everywhere for an unlimited scope; otherwise inside a
 * commune the scope covers in at least one era (scopes name communes of either map). A point outside every
 * commune is only within an unlimited scope.
 */
export function pointInScope(
  database: Database,
  locator: UnitLocator,
  scope: Scope,
  longitude: number,
  latitude: number,
): boolean {
  if (scope.kind === 'all') return true;
  for (const era of allEras(database)) {
    const unitId = locator.locate(era, 'commune', longitude, latitude);
    if (unitId === null) continue;
    const unit = findUnitById(database, unitId);
    if (unit && scopeCovers(scope, unit)) return true;
  }
  return false;
}

/** A record's place in one era: its commune's code (null outside every commune) and whether it is in scope. */
export interface Placement {
  unitCode: string | null;
  inScope: boolean;
}

/**
 * The commune of each point in an era, and whether the scope reaches it, for lists: one locator lookup per
 * point and one query for all the communes found. Without an era, no point has a commune.
 */
export function placePoints(
  database: Database,
  locator: UnitLocator,
  era: EraRecord | null,
  scope: Scope,
  points: readonly (readonly [number, number])[],
): Placement[] {
  const unitIds = points.map(([longitude, latitude]) =>
    era ? locator.locate(era, 'commune', longitude, latitude) : null,
  );
  const found = unitIds.filter((id): id is number => id !== null);
  const codes = communeCodesByIds(database, [...new Set(found)], scope);
  return unitIds.map((unitId) => {
    const unitCode = unitId === null ? null : (codes.get(unitId) ?? null);
    return { unitCode, inScope: scope.kind === 'all' || unitCode !== null };
  });
}
