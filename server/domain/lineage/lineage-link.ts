/**
 * One link of the lineage between two eras: a part of an old unit that went into a new unit. Shares are of
 * the OLD unit (0–1). Pure type, shared by the domain, the queries and the routes.
 */
export interface LineageLink {
  source: 'official' | 'geometry';
  oldEraId: number;
  oldUnitCode: string;
  newEraId: number;
  newUnitCode: string;
  /** Part of the old unit's area that went to the new unit; null when unknown. */
  areaShare: number | null;
  /** Part of the old unit's population; known when it went whole (1) or a source gives it, else null. */
  populationShare: number | null;
  /** The old unit was split between several new ones. */
  partial: boolean;
}
