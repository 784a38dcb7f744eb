import type { LineageLink } from '../lineage/lineage-link';

/**
 * Which new communes carry each old commune's programme history across a reorganisation (issue 7: the
 * history of 2021 – mid-2025 lives on the old units; planning from 2025 on uses the new ones). A commune
 * selected, carried over or relapsed is one place on the ground: its history goes with the new commune
 * that received the largest part of it (by population where known, else by area), or with every successor
 * when the lineage gives no shares. So a commune "chưa đạt" in 2025 is a carry-over of its heir in 2026,
 * and an heir of a relapsed commune has "an earlier relapse". The links are those between one pair of eras.
 */
export function heirsOfOldUnits(links: readonly LineageLink[]): Map<string, string[]> {
  const byOldUnit = new Map<string, LineageLink[]>();
  for (const link of links) {
    const group = byOldUnit.get(link.oldUnitCode);
    if (group) group.push(link);
    else byOldUnit.set(link.oldUnitCode, [link]);
  }
  const heirs = new Map<string, string[]>();
  for (const [oldUnit, group] of byOldUnit) {
    const shareOf = (link: LineageLink) => link.populationShare ?? link.areaShare;
    const shares = group.map(shareOf);
    const known = shares.filter((share): share is number => share !== null);
    const largest = known.length === group.length ? Math.max(...known) : null;
    const chosen = group
      .filter((link) => largest === null || shareOf(link) === largest)
      .map((link) => link.newUnitCode);
    heirs.set(oldUnit, chosen.sort());
  }
  return heirs;
}
