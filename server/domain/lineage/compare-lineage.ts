/** A derived link as the comparison needs it: the share of the old unit's area in the new unit. */
export interface DerivedShare {
  oldUnitCode: string;
  newUnitCode: string;
  share: number;
}

export interface OfficialPair {
  oldUnitCode: string;
  newUnitCode: string;
}

/** How the geometry spreads an old unit the official mapping splits. */
export interface SplitComparison {
  oldUnitCode: string;
  officialSuccessors: string[];
  /** The derived share of the old unit in each official successor (0 when the geometry finds none). */
  sharesInOfficial: { newUnitCode: string; share: number }[];
  /** Derived share that falls outside every official successor. */
  shareElsewhere: number;
}

export interface LineageDisagreement {
  oldUnitCode: string;
  officialSuccessors: string[];
  /** Derived successors, largest share first; empty when the geometry finds none. */
  derived: { newUnitCode: string; share: number }[];
  /** The derived share falling in the official successors, all together. */
  shareInOfficial: number;
}

export interface LineageComparison {
  /** Old units the official mapping names a successor for. */
  compared: number;
  agreeing: number;
  /** agreeing / compared, 0–1 (1 when nothing is compared). */
  agreement: number;
  disagreements: LineageDisagreement[];
  splits: SplitComparison[];
  /** Old units only the geometry links (no official successor): the geometry is their lineage. */
  derivedOnly: string[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/**
 * Compares the official mapping with the lineage derived from geometry. An old unit "agrees" when the new
 * unit holding the largest part of its area is one of its official successors. Units the mapping splits
 * are also described by how their area falls among the official successors.
 */
export function compareLineage(
  official: readonly OfficialPair[],
  derived: readonly DerivedShare[],
): LineageComparison {
  const officialByOld = groupBy(official, (pair) => pair.oldUnitCode);
  const derivedByOld = groupBy(derived, (share) => share.oldUnitCode);
  const comparison: LineageComparison = {
    compared: 0,
    agreeing: 0,
    agreement: 1,
    disagreements: [],
    splits: [],
    derivedOnly: [],
  };
  const oldCodes = [...officialByOld.keys()].sort();
  for (const oldUnitCode of oldCodes) {
    const successors = [
      ...new Set((officialByOld.get(oldUnitCode) ?? []).map((pair) => pair.newUnitCode)),
    ].sort();
    const shares = [...(derivedByOld.get(oldUnitCode) ?? [])].sort(
      (a, b) => b.share - a.share || a.newUnitCode.localeCompare(b.newUnitCode),
    );
    comparison.compared++;
    const successorSet = new Set(successors);
    const shareInOfficial = shares
      .filter((share) => successorSet.has(share.newUnitCode))
      .reduce((sum, share) => sum + share.share, 0);
    const largest = shares[0];
    if (largest && successorSet.has(largest.newUnitCode)) comparison.agreeing++;
    else {
      comparison.disagreements.push({
        oldUnitCode,
        officialSuccessors: successors,
        derived: shares.map(({ newUnitCode, share }) => ({ newUnitCode, share })),
        shareInOfficial,
      });
    }
    if (successors.length > 1) {
      const total = shares.reduce((sum, share) => sum + share.share, 0);
      comparison.splits.push({
        oldUnitCode,
        officialSuccessors: successors,
        sharesInOfficial: successors.map((newUnitCode) => ({
          newUnitCode,
          share: shares.find((share) => share.newUnitCode === newUnitCode)?.share ?? 0,
        })),
        shareElsewhere: Math.max(0, total - shareInOfficial),
      });
    }
  }
  comparison.derivedOnly = [...derivedByOld.keys()].filter((code) => !officialByOld.has(code)).sort();
  comparison.agreement = comparison.compared > 0 ? comparison.agreeing / comparison.compared : 1;
  return comparison;
}
