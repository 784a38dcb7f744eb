import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { type Database, inTransaction } from '../db/database';
import { type EraRecord, erasValidOn, findEraByLabel } from '../db/queries/eras';
import {
  type LineageRowInput,
  lineageOfSource,
  lineageSourceSummary,
  replaceLineage,
} from '../db/queries/unit-lineage';
import { unitLineage, units } from '../db/schema';
import { type Scope, scopeCovers } from '../domain/access/scope';
import { BilingualError, bilingual } from '../domain/bilingual';
import type { MultiPolygonCoordinates } from '../domain/geometry/types';
import { compareLineage } from '../domain/lineage/compare-lineage';
import {
  DEFAULT_OVERLAY_OPTIONS,
  type OverlayOptions,
  type OverlayUnit,
  overlayShares,
} from '../domain/lineage/overlay-shares';
import { type MappingFormat, parseMappingFile } from '../domain/lineage/parse-mapping-file';
import { appendAudit } from './audit-trail';

/** The last day of the old units and the first of the new ones (Nghị quyết 202/2025/QH15 and the 34 resolutions). */
export const LAST_DAY_BEFORE_REORGANISATION = '2025-06-30';
export const FIRST_DAY_AFTER_REORGANISATION = '2025-07-01';

export interface EraPair {
  oldEra: EraRecord;
  newEra: EraRecord;
}

/**
 * The two eras a lineage links: the ones named, else the era valid on 30/06/2025 and the one valid on
 * 01/07/2025.
 */
export function resolveEraPair(database: Database, fromLabel?: string, toLabel?: string): EraPair {
  const pick = (label: string | undefined, date: string, role: { vi: string; en: string }) => {
    const era = label ? findEraByLabel(database, label) : erasValidOn(database, date)[0];
    if (era) return era;
    throw new BilingualError(
      label
        ? bilingual(`Không có thời kỳ ranh giới "${label}".`, `There is no boundary era "${label}".`)
        : bilingual(
            `Không có thời kỳ nào còn hiệu lực ngày ${date.split('-').reverse().join('/')} (${role.vi}); hãy chỉ rõ bằng --${role.en}.`,
            `No era is valid on ${date} (${role.en}); name one with --${role.en}.`,
          ),
    );
  };
  const oldEra = pick(fromLabel, LAST_DAY_BEFORE_REORGANISATION, { vi: 'thời kỳ cũ', en: 'from-era' });
  const newEra = pick(toLabel, FIRST_DAY_AFTER_REORGANISATION, { vi: 'thời kỳ mới', en: 'to-era' });
  if (oldEra.id === newEra.id) {
    throw new BilingualError(
      bilingual(
        `Thời kỳ cũ và thời kỳ mới đều là "${oldEra.label}".`,
        `The old and the new era are both "${oldEra.label}".`,
      ),
    );
  }
  return { oldEra, newEra };
}

interface CommuneSummary {
  code: string;
  name: string;
  provinceCode: string | null;
  provinceName: string | null;
  districtName: string | null;
}

function communesOf(database: Database, eraId: number): Map<string, CommuneSummary> {
  const rows = database
    .select({
      code: units.code,
      name: units.fullName,
      provinceCode: units.provinceCode,
      provinceName: units.provinceName,
      districtName: units.districtName,
    })
    .from(units)
    .where(and(eq(units.eraId, eraId), eq(units.level, 'commune')))
    .all();
  return new Map(rows.map((row) => [row.code, row]));
}

function communeGeometries(database: Database, eraId: number): OverlayUnit[] {
  return database
    .select({ code: units.code, geometry: units.geometry })
    .from(units)
    .where(and(eq(units.eraId, eraId), eq(units.level, 'commune')))
    .all()
    .map((row) => ({
      code: row.code,
      polygons: (JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates,
    }));
}

/**
 * Official links with area shares: 1 for an old unit that went whole; for a split one, its area in each
 * official successor as the geometry measures it, taken as parts of the area that went to the official
 * successors (the official mapping says where, the geometry how much). Unknown without geometry rows.
 */
function withGeometryShares(
  official: readonly { oldUnitCode: string; newUnitCode: string }[],
  geometry: readonly { oldUnitCode: string; newUnitCode: string; areaShare: number | null }[],
): LineageRowInput[] {
  const successorCount = new Map<string, number>();
  for (const pair of official) {
    successorCount.set(pair.oldUnitCode, (successorCount.get(pair.oldUnitCode) ?? 0) + 1);
  }
  const geometryShare = new Map<string, number>();
  const geometryOld = new Set<string>();
  for (const link of geometry) {
    geometryShare.set(`${link.oldUnitCode}\u0000${link.newUnitCode}`, link.areaShare ?? 0);
    geometryOld.add(link.oldUnitCode);
  }
  const inOfficial = new Map<string, number>();
  for (const pair of official) {
    const share = geometryShare.get(`${pair.oldUnitCode}\u0000${pair.newUnitCode}`) ?? 0;
    inOfficial.set(pair.oldUnitCode, (inOfficial.get(pair.oldUnitCode) ?? 0) + share);
  }
  return official.map((pair) => {
    const whole = successorCount.get(pair.oldUnitCode) === 1;
    if (whole) return { ...pair, areaShare: 1, populationShare: 1, partial: false };
    const total = inOfficial.get(pair.oldUnitCode) ?? 0;
    const share = geometryShare.get(`${pair.oldUnitCode}\u0000${pair.newUnitCode}`) ?? 0;
    const areaShare = geometryOld.has(pair.oldUnitCode) && total > 0 ? share / total : null;
    return { ...pair, areaShare, populationShare: null, partial: true };
  });
}

export interface LineageImportReport {
  file: string;
  format: MappingFormat;
  oldEra: string;
  newEra: string;
  /** Distinct old → new pairs in the file. */
  pairsRead: number;
  /** Links stored (both codes known in their eras). */
  stored: number;
  /** Old units with a stored successor, and of these the ones split between several new units. */
  oldUnits: number;
  splitUnits: number;
  /** Codes the file names that the era does not hold: their pairs are not stored. */
  unknownOldCodes: string[];
  unknownNewCodes: string[];
  /** Old units the file names without any successor. */
  withoutSuccessor: string[];
  /** Communes of the old era the file says nothing about. */
  notInFile: string[];
}

export interface LineageImportOptions {
  fromEra?: string | undefined;
  toEra?: string | undefined;
  /** Who imports, for the audit trail. */
  actor?: string | undefined;
  now?: Date | undefined;
}

/**
 * Imports an official old → new mapping file between two eras, replacing the official links of that pair
 * of eras in one transaction. Pairs naming a code the era does not hold are reported, not stored.
 */
export function importLineageFile(
  database: Database,
  path: string,
  options: LineageImportOptions = {},
): LineageImportReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new BilingualError(bilingual(`Không đọc được tệp "${path}".`, `Cannot read the file "${path}".`));
  }
  return importLineageText(database, basename(path), text, options);
}

export function importLineageText(
  database: Database,
  fileName: string,
  text: string,
  options: LineageImportOptions = {},
): LineageImportReport {
  const now = options.now ?? new Date();
  const mapping = parseMappingFile(text);
  const { oldEra, newEra } = resolveEraPair(database, options.fromEra, options.toEra);
  const oldCommunes = communesOf(database, oldEra.id);
  const newCommunes = communesOf(database, newEra.id);
  const unknownOld = new Set<string>();
  const unknownNew = new Set<string>();
  const known = mapping.pairs.filter((pair) => {
    const oldKnown = oldCommunes.has(pair.oldUnitCode);
    const newKnown = newCommunes.has(pair.newUnitCode);
    if (!oldKnown) unknownOld.add(pair.oldUnitCode);
    if (!newKnown) unknownNew.add(pair.newUnitCode);
    return oldKnown && newKnown;
  });
  if (known.length === 0) {
    throw new BilingualError(
      bilingual(
        `Tệp "${fileName}" không có cặp mã nào thuộc cả thời kỳ "${oldEra.label}" và "${newEra.label}" (${unknownOld.size} mã cũ, ${unknownNew.size} mã mới không có).`,
        `The file "${fileName}" has no pair of codes in both era "${oldEra.label}" and era "${newEra.label}" (${unknownOld.size} old and ${unknownNew.size} new codes unknown).`,
      ),
    );
  }
  const rows = inTransaction(database, () => {
    const geometry = lineageOfSource(database, 'geometry', oldEra.id, newEra.id);
    const rows = withGeometryShares(known, geometry);
    replaceLineage(database, 'official', oldEra.id, newEra.id, rows, fileName, now.toISOString());
    return rows;
  });
  const named = new Set(mapping.pairs.map((pair) => pair.oldUnitCode));
  for (const code of mapping.withoutSuccessor) named.add(code);
  const storedOld = new Set(rows.map((row) => row.oldUnitCode));
  const report: LineageImportReport = {
    file: fileName,
    format: mapping.format,
    oldEra: oldEra.label,
    newEra: newEra.label,
    pairsRead: mapping.pairs.length,
    stored: rows.length,
    oldUnits: storedOld.size,
    splitUnits: new Set(rows.filter((row) => row.partial).map((row) => row.oldUnitCode)).size,
    unknownOldCodes: [...unknownOld].sort(),
    unknownNewCodes: [...unknownNew].sort(),
    withoutSuccessor: mapping.withoutSuccessor.filter((code) => oldCommunes.has(code)).sort(),
    notInFile: [...oldCommunes.keys()].filter((code) => !named.has(code)).sort(),
  };
  appendAudit(
    database,
    {
      actor: options.actor ?? 'system',
      action: 'lineage.import',
      target: `${oldEra.label} → ${newEra.label}`,
      after: {
        file: fileName,
        format: report.format,
        stored: report.stored,
        unknownOldCodes: report.unknownOldCodes.length,
        unknownNewCodes: report.unknownNewCodes.length,
      },
    },
    now,
  );
  return report;
}

export interface NamedUnit {
  code: string;
  name: string | null;
}

export interface LineageReport {
  oldEra: string;
  newEra: string;
  official: { links: number; file: string | null; importedAt: string | null };
  geometry: { links: number; derivedAt: string | null };
  /** Old units the official mapping names a successor for (within the scope). */
  compared: number;
  agreeing: number;
  /** Percentage, two decimals. */
  agreementPercent: number;
  disagreements: {
    oldUnit: NamedUnit;
    official: NamedUnit[];
    derived: (NamedUnit & { areaShare: number })[];
    /** Derived share of the old unit's area that falls in its official successors. */
    shareInOfficial: number;
  }[];
  /** Old units the official mapping splits, with how the geometry spreads them. */
  splits: {
    oldUnit: NamedUnit;
    successors: (NamedUnit & { areaShare: number })[];
    shareElsewhere: number;
  }[];
  /** Old units linked by geometry alone (the file names no successor for them). */
  derivedOnly: { oldUnit: NamedUnit; successors: (NamedUnit & { areaShare: number })[] }[];
}

const roundShare = (share: number) => Math.round(share * 10_000) / 10_000;

/**
 * Compares the stored official links with the stored geometry links between two eras. With a scope, only
 * old units the scope covers are compared and listed.
 */
export function lineageReport(database: Database, pair: EraPair, scope?: Scope): LineageReport {
  const { oldEra, newEra } = pair;
  const oldCommunes = communesOf(database, oldEra.id);
  const newCommunes = communesOf(database, newEra.id);
  const covered = (code: string) => {
    if (!scope) return true;
    const unit = oldCommunes.get(code);
    return unit ? scopeCovers(scope, { ...unit, level: 'commune' }) : false;
  };
  const official = lineageOfSource(database, 'official', oldEra.id, newEra.id).filter((link) =>
    covered(link.oldUnitCode),
  );
  const geometry = lineageOfSource(database, 'geometry', oldEra.id, newEra.id).filter((link) =>
    covered(link.oldUnitCode),
  );
  const comparison = compareLineage(
    official,
    geometry.map((link) => ({ ...link, share: link.areaShare ?? 0 })),
  );
  const oldNamed = (code: string): NamedUnit => ({ code, name: oldCommunes.get(code)?.name ?? null });
  const newNamed = (code: string): NamedUnit => ({ code, name: newCommunes.get(code)?.name ?? null });
  const officialSummary = lineageSourceSummary(database, 'official', oldEra.id, newEra.id);
  const geometrySummary = lineageSourceSummary(database, 'geometry', oldEra.id, newEra.id);
  return {
    oldEra: oldEra.label,
    newEra: newEra.label,
    official: {
      links: officialSummary.count,
      file: officialSummary.sourceFile,
      importedAt: officialSummary.createdAt,
    },
    geometry: { links: geometrySummary.count, derivedAt: geometrySummary.createdAt },
    compared: comparison.compared,
    agreeing: comparison.agreeing,
    agreementPercent: Math.round(comparison.agreement * 10_000) / 100,
    disagreements: comparison.disagreements.map((disagreement) => ({
      oldUnit: oldNamed(disagreement.oldUnitCode),
      official: disagreement.officialSuccessors.map(newNamed),
      derived: disagreement.derived.map((share) => ({
        ...newNamed(share.newUnitCode),
        areaShare: roundShare(share.share),
      })),
      shareInOfficial: roundShare(disagreement.shareInOfficial),
    })),
    splits: comparison.splits.map((split) => ({
      oldUnit: oldNamed(split.oldUnitCode),
      successors: split.sharesInOfficial.map((share) => ({
        ...newNamed(share.newUnitCode),
        areaShare: roundShare(share.share),
      })),
      shareElsewhere: roundShare(split.shareElsewhere),
    })),
    derivedOnly: comparison.derivedOnly.map((code) => ({
      oldUnit: oldNamed(code),
      successors: geometry
        .filter((link) => link.oldUnitCode === code)
        .map((link) => ({ ...newNamed(link.newUnitCode), areaShare: roundShare(link.areaShare ?? 0) })),
    })),
  };
}

export interface LineageDerivationReport {
  oldEra: string;
  newEra: string;
  /** Old communes overlaid, and the links kept. */
  oldUnits: number;
  newUnits: number;
  links: number;
  /** Old units split by the geometry (more than one piece kept). */
  splitUnits: number;
  sliversDropped: number;
  /** Old units that overlap no new unit. */
  unmatched: string[];
  failedPairs: { oldUnitCode: string; newUnitCode: string }[];
  /** Time the overlay took, milliseconds. */
  milliseconds: number;
  report: LineageReport;
}

export interface LineageDerivationOptions {
  fromEra?: string | undefined;
  toEra?: string | undefined;
  overlay?: OverlayOptions | undefined;
  actor?: string | undefined;
  now?: Date | undefined;
}

/**
 * Derives the lineage between two eras from their communes' geometry and stores it as the "geometry"
 * links of that pair (replacing the previous ones in one transaction); official links of split units get
 * their area shares from it. Returns what was derived and how it compares with the official mapping.
 */
export function deriveLineage(
  database: Database,
  options: LineageDerivationOptions = {},
): LineageDerivationReport {
  const now = options.now ?? new Date();
  const pair = resolveEraPair(database, options.fromEra, options.toEra);
  const { oldEra, newEra } = pair;
  const oldUnits = communeGeometries(database, oldEra.id);
  const newUnits = communeGeometries(database, newEra.id);
  if (oldUnits.length === 0 || newUnits.length === 0) {
    const empty = oldUnits.length === 0 ? oldEra : newEra;
    throw new BilingualError(
      bilingual(
        `Thời kỳ "${empty.label}" chưa có xã nào để so ranh giới.`,
        `Era "${empty.label}" has no communes to overlay.`,
      ),
    );
  }
  const started = performance.now();
  const overlay = overlayShares(oldUnits, newUnits, options.overlay ?? DEFAULT_OVERLAY_OPTIONS);
  const milliseconds = Math.round(performance.now() - started);
  const piecesPerOld = new Map<string, number>();
  for (const share of overlay.shares) {
    piecesPerOld.set(share.oldUnitCode, (piecesPerOld.get(share.oldUnitCode) ?? 0) + 1);
  }
  const rows: LineageRowInput[] = overlay.shares.map((share) => {
    const whole = piecesPerOld.get(share.oldUnitCode) === 1;
    return {
      oldUnitCode: share.oldUnitCode,
      newUnitCode: share.newUnitCode,
      areaShare: share.share,
      // Population is known to follow the area only when the unit went whole.
      populationShare: whole ? 1 : null,
      partial: !whole,
    };
  });
  inTransaction(database, () => {
    replaceLineage(database, 'geometry', oldEra.id, newEra.id, rows, null, now.toISOString());
    const official = lineageOfSource(database, 'official', oldEra.id, newEra.id);
    for (const link of withGeometryShares(official, rows)) {
      database
        .update(unitLineage)
        .set({ areaShare: link.areaShare, populationShare: link.populationShare })
        .where(
          and(
            eq(unitLineage.source, 'official'),
            eq(unitLineage.oldEraId, oldEra.id),
            eq(unitLineage.newEraId, newEra.id),
            eq(unitLineage.oldUnitCode, link.oldUnitCode),
            eq(unitLineage.newUnitCode, link.newUnitCode),
          ),
        )
        .run();
    }
  });
  appendAudit(
    database,
    {
      actor: options.actor ?? 'system',
      action: 'lineage.derive',
      target: `${oldEra.label} → ${newEra.label}`,
      after: { links: rows.length, unmatched: overlay.unmatched.length },
    },
    now,
  );
  return {
    oldEra: oldEra.label,
    newEra: newEra.label,
    oldUnits: oldUnits.length,
    newUnits: newUnits.length,
    links: rows.length,
    splitUnits: [...piecesPerOld.values()].filter((count) => count > 1).length,
    sliversDropped: overlay.sliversDropped,
    unmatched: overlay.unmatched,
    failedPairs: overlay.failedPairs,
    milliseconds,
    report: lineageReport(database, pair),
  };
}
