import type { LineageLink } from './lineage-link';

export interface CarriedValue {
  value: number;
  /** Some part of the value came from a split unit, so it is an estimate. */
  estimated: boolean;
}

export interface CarryDetails {
  carried: Map<string, CarriedValue>;
  /** Old units with a value but no link: their values are not carried (the caller reports them). */
  unlinked: string[];
  /** Split old units carried by area because their population shares are unknown. */
  carriedByArea: string[];
  /** Split old units with neither share known: carried in equal parts. */
  carriedEqually: string[];
}

interface Portion {
  newUnitCode: string;
  weight: number;
}

/**
 * The weights of one old unit's successors: population shares when every link has one, else area shares
 * when every link has one, else equal parts. An old unit that has official links ignores its geometry
 * links (as the lineage queries do).
 */
function portionsOf(links: readonly LineageLink[]): {
  portions: Portion[];
  basis: 'population' | 'area' | 'equal';
  /** The unit went to several successors, or its links say it was split. */
  split: boolean;
} {
  const official = links.filter((link) => link.source === 'official');
  const chosen = official.length > 0 ? official : links;
  // One portion per new unit, in case a list holds the same pair twice.
  const byNewUnit = new Map<string, LineageLink>();
  for (const link of chosen) if (!byNewUnit.has(link.newUnitCode)) byNewUnit.set(link.newUnitCode, link);
  const unique = [...byNewUnit.values()];
  const split = unique.length > 1 || unique.some((link) => link.partial);
  const usable = (share: number | null): share is number =>
    share !== null && Number.isFinite(share) && share >= 0;
  const sum = (shares: number[]) => shares.reduce((total, share) => total + share, 0);
  if (unique.every((link) => usable(link.populationShare))) {
    const shares = unique.map((link) => link.populationShare as number);
    if (sum(shares) > 0) {
      return {
        portions: unique.map((link, index) => ({
          newUnitCode: link.newUnitCode,
          weight: shares[index] as number,
        })),
        basis: 'population',
        split,
      };
    }
  }
  if (unique.every((link) => usable(link.areaShare))) {
    const shares = unique.map((link) => link.areaShare as number);
    if (sum(shares) > 0) {
      return {
        portions: unique.map((link, index) => ({
          newUnitCode: link.newUnitCode,
          weight: shares[index] as number,
        })),
        basis: 'area',
        split,
      };
    }
  }
  return {
    portions: unique.map((link) => ({ newUnitCode: link.newUnitCode, weight: 1 })),
    basis: 'equal',
    split,
  };
}

/**
 * Splits a whole number into parts proportional to the weights whose sum is exactly the number: every part
 * gets the floor of its quota, and the units left over go to the largest remainders (Hamilton's method);
 * ties go to the larger weight, then to the earlier part, so the answer is the same on every run.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError('largestRemainder needs a whole number');
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weights.length === 0 || !(weightSum > 0))
    throw new RangeError('largestRemainder needs positive weights');
  const sign = total < 0 ? -1 : 1;
  const magnitude = Math.abs(total);
  const quotas = weights.map((weight) => (magnitude * weight) / weightSum);
  const parts = quotas.map((quota) => Math.floor(quota));
  let left = magnitude - parts.reduce((sum, part) => sum + part, 0);
  const order = quotas
    .map((quota, index) => ({
      index,
      remainder: quota - Math.floor(quota),
      weight: weights[index] as number,
    }))
    .sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || a.index - b.index);
  for (let position = 0; left > 0; position = (position + 1) % order.length, left--) {
    const index = (order[position] as { index: number }).index;
    parts[index] = (parts[index] as number) + 1;
  }
  return parts.map((part) => (part === 0 ? 0 : sign * part));
}

/**
 * Splits each old unit's value among its successors by share (shares of one old unit normalised to 1);
 * integer values use largest remainders so the total is preserved exactly; every carried value of a
 * split unit is marked estimated. Also says which values could not be carried and on what basis the
 * split ones were.
 */
export function carryBySharesInDetail(
  values: ReadonlyMap<string, number>,
  links: readonly LineageLink[],
  options: { integers: boolean },
): CarryDetails {
  const linksByOldUnit = new Map<string, LineageLink[]>();
  for (const link of links) {
    const list = linksByOldUnit.get(link.oldUnitCode);
    if (list) list.push(link);
    else linksByOldUnit.set(link.oldUnitCode, [link]);
  }
  const carried = new Map<string, CarriedValue>();
  const details: CarryDetails = { carried, unlinked: [], carriedByArea: [], carriedEqually: [] };
  const add = (code: string, value: number, estimated: boolean) => {
    const current = carried.get(code);
    if (current) {
      current.value += value;
      current.estimated ||= estimated;
    } else carried.set(code, { value, estimated });
  };
  for (const [oldUnitCode, value] of values) {
    const oldLinks = linksByOldUnit.get(oldUnitCode);
    if (!oldLinks || oldLinks.length === 0) {
      details.unlinked.push(oldUnitCode);
      continue;
    }
    // A unit the mapping splits stays split (estimated) even when the geometry puts all of it in one
    // successor; the successors it gets nothing from still show an estimated zero.
    const { portions, basis, split } = portionsOf(oldLinks);
    if (!split) {
      add((portions[0] as Portion).newUnitCode, value, false);
      continue;
    }
    if (basis === 'area') details.carriedByArea.push(oldUnitCode);
    if (basis === 'equal') details.carriedEqually.push(oldUnitCode);
    const weights = portions.map((portion) => portion.weight);
    let parts: number[];
    if (options.integers) {
      if (!Number.isSafeInteger(value)) throw new RangeError(`Value of ${oldUnitCode} is not a whole number`);
      parts = largestRemainder(value, weights);
    } else {
      const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
      parts = weights.map((weight) => (value * weight) / weightSum);
      // The last part takes what is left, so the parts add up to the value despite rounding.
      const others = parts.slice(0, -1).reduce((sum, part) => sum + part, 0);
      parts[parts.length - 1] = value - others;
    }
    portions.forEach((portion, index) => {
      add(portion.newUnitCode, parts[index] as number, true);
    });
  }
  return details;
}

/**
 * Splits each old unit's value among its successors by share (shares of one old unit normalised to 1);
 * integer values use largest remainders so the total is preserved exactly; every carried value of a
 * split unit is marked estimated. Old units without a link are left out (see carryBySharesInDetail).
 */
export function carryByShares(
  values: ReadonlyMap<string, number>,
  links: readonly LineageLink[],
  options: { integers: boolean },
): Map<string, CarriedValue> {
  return carryBySharesInDetail(values, links, options).carried;
}
