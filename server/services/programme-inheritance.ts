import type { Database } from '../db/database';
import type { CycleRow } from '../db/queries/programme-cycles';
import { erasLinkedInto, lineageBetween } from '../db/queries/unit-lineage';
import { heirsOfOldUnits } from '../domain/programme/inherited-history';

/**
 * Among the communes of the cycles given, those of a later era (unit id) → the earlier era's communes whose
 * programme history each carries (unit ids; the heirs of domain/programme/inherited-history.ts), so that a
 * commune of 2026 whose predecessor was "chưa đạt" in 2025 counts as a carry-over.
 */
export function predecessorUnitIds(database: Database, rows: readonly CycleRow[]): Map<number, number[]> {
  const unitIdOf = new Map(rows.map((row) => [`${row.eraId}:${row.unitCode}`, row.unitId]));
  const predecessors = new Map<number, number[]>();
  for (const newEraId of new Set(rows.map((row) => row.eraId))) {
    for (const oldEra of erasLinkedInto(database, { id: newEraId })) {
      for (const [oldCode, heirs] of heirsOfOldUnits(lineageBetween(database, oldEra.id, newEraId))) {
        const oldUnitId = unitIdOf.get(`${oldEra.id}:${oldCode}`);
        if (oldUnitId === undefined) continue;
        for (const heir of heirs) {
          const heirUnitId = unitIdOf.get(`${newEraId}:${heir}`);
          if (heirUnitId === undefined) continue;
          predecessors.set(heirUnitId, [...(predecessors.get(heirUnitId) ?? []), oldUnitId]);
        }
      }
    }
  }
  return predecessors;
}
