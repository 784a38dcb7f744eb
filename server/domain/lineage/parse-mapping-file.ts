import { BilingualError, bilingual } from '../bilingual';

/** One old → new pair named by a mapping file. */
export interface MappingPair {
  oldUnitCode: string;
  oldUnitName: string | null;
  newUnitCode: string;
  newUnitName: string | null;
}

export type MappingFormat = 'csv' | 'dvhcvn-splits' | 'dvhcvn-merges';

export interface ParsedMapping {
  format: MappingFormat;
  /** Distinct pairs, in file order. */
  pairs: MappingPair[];
  /** Old units the file names without a successor (e.g. dissolved before the reorganisation). */
  withoutSuccessor: string[];
}

/**
 * The columns a mapping CSV must have, by the names the official tables and our staged file use. Each
 * entry lists accepted header names, compared without case, accents or punctuation.
 */
const CSV_COLUMNS = {
  oldCode: ['old_commune_code', 'old_code', 'ma_xa_cu', 'old_ward_code'],
  oldName: ['old_commune', 'old_name', 'ten_xa_cu', 'old_ward'],
  newCode: ['new_commune_code', 'new_code', 'ma_xa_moi', 'new_ward_code'],
  newName: ['new_commune', 'new_name', 'ten_xa_moi', 'new_ward'],
} as const;

function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Rows of an RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), separator "," or ";". */
export function parseCsvRows(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < body.length; index++) {
    const character = body[index] as string;
    if (quoted) {
      if (character === '"') {
        if (body[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else field += character;
    } else if (character === '"' && field === '') quoted = true;
    else if (character === separator) {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && body[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** A code as stored for units: digits, with the leading zeros a spreadsheet may have dropped restored. */
function normaliseCode(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  return /^\d{1,4}$/.test(text) ? text.padStart(5, '0') : text;
}

function parseCsvMapping(text: string): ParsedMapping {
  const rows = parseCsvRows(text);
  const header = (rows[0] ?? []).map(headerKey);
  const column = (names: readonly string[]) => header.findIndex((name) => names.includes(name));
  const oldCode = column(CSV_COLUMNS.oldCode);
  const newCode = column(CSV_COLUMNS.newCode);
  if (oldCode < 0 || newCode < 0) {
    throw new BilingualError(
      bilingual(
        `Tệp CSV thiếu cột mã xã cũ hoặc mã xã mới (cần "${CSV_COLUMNS.oldCode[0]}" và "${CSV_COLUMNS.newCode[0]}").`,
        `The CSV file lacks the old or new commune code column (needs "${CSV_COLUMNS.oldCode[0]}" and "${CSV_COLUMNS.newCode[0]}").`,
      ),
    );
  }
  const oldName = column(CSV_COLUMNS.oldName);
  const newName = column(CSV_COLUMNS.newName);
  const pairs: MappingPair[] = [];
  const withoutSuccessor: string[] = [];
  for (const cells of rows.slice(1)) {
    const oldUnitCode = normaliseCode(cells[oldCode]);
    if (!oldUnitCode) continue;
    const newUnitCode = normaliseCode(cells[newCode]);
    if (!newUnitCode) {
      withoutSuccessor.push(oldUnitCode);
      continue;
    }
    pairs.push({
      oldUnitCode,
      oldUnitName: oldName >= 0 ? cells[oldName]?.trim() || null : null,
      newUnitCode,
      newUnitName: newName >= 0 ? cells[newName]?.trim() || null : null,
    });
  }
  return { format: 'csv', pairs, withoutSuccessor };
}

interface SplitsFile {
  data: {
    level3s?: { level3_id: unknown; name?: unknown; splits?: { new_id: unknown; name?: unknown }[] }[];
  }[];
}
interface MergesFile {
  data: {
    level2s?: { level2_id: unknown; name?: unknown; merges?: { old_id: unknown; name?: unknown }[] }[];
  }[];
}

function isSplitsFile(value: unknown): value is SplitsFile {
  const data = (value as { data?: unknown })?.data;
  return Array.isArray(data) && data.some((province) => Array.isArray(province?.level3s));
}

function isMergesFile(value: unknown): value is MergesFile {
  const data = (value as { data?: unknown })?.data;
  return Array.isArray(data) && data.some((province) => Array.isArray(province?.level2s));
}

const nameOf = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

function parseSplits(file: SplitsFile): ParsedMapping {
  const pairs: MappingPair[] = [];
  const withoutSuccessor: string[] = [];
  for (const province of file.data) {
    for (const commune of province.level3s ?? []) {
      const oldUnitCode = normaliseCode(commune.level3_id);
      if (!oldUnitCode) continue;
      const splits = Array.isArray(commune.splits) ? commune.splits : [];
      if (splits.length === 0) withoutSuccessor.push(oldUnitCode);
      for (const split of splits) {
        const newUnitCode = normaliseCode(split.new_id);
        if (!newUnitCode) continue;
        pairs.push({
          oldUnitCode,
          oldUnitName: nameOf(commune.name),
          newUnitCode,
          newUnitName: nameOf(split.name),
        });
      }
    }
  }
  return { format: 'dvhcvn-splits', pairs, withoutSuccessor };
}

function parseMerges(file: MergesFile): ParsedMapping {
  const pairs: MappingPair[] = [];
  for (const province of file.data) {
    for (const commune of province.level2s ?? []) {
      const newUnitCode = normaliseCode(commune.level2_id);
      if (!newUnitCode) continue;
      for (const merge of Array.isArray(commune.merges) ? commune.merges : []) {
        const oldUnitCode = normaliseCode(merge.old_id);
        if (!oldUnitCode) continue;
        pairs.push({
          oldUnitCode,
          oldUnitName: nameOf(merge.name),
          newUnitCode,
          newUnitName: nameOf(commune.name),
        });
      }
    }
  }
  return { format: 'dvhcvn-merges', pairs, withoutSuccessor: [] };
}

function distinctPairs(mapping: ParsedMapping): ParsedMapping {
  const seen = new Set<string>();
  const pairs = mapping.pairs.filter((pair) => {
    const key = `${pair.oldUnitCode}\u0000${pair.newUnitCode}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const named = new Set(pairs.map((pair) => pair.oldUnitCode));
  const withoutSuccessor = [...new Set(mapping.withoutSuccessor)].filter((code) => !named.has(code));
  return { ...mapping, pairs, withoutSuccessor };
}

/**
 * Reads an old → new mapping file, telling its kind by its content: a CSV with old and new commune code
 * columns (the official tables), the dvhcvn "splits" JSON (old → new, `data[].level3s[].splits`) or its
 * "merges" JSON (new ← old, `data[].level2s[].merges`). Anything else is refused with a bilingual error.
 */
export function parseMappingFile(text: string): ParsedMapping {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') {
    throw new BilingualError(bilingual('Tệp ánh xạ trống.', 'The mapping file is empty.'));
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new BilingualError(
        bilingual('Tệp ánh xạ không phải JSON hợp lệ.', 'The mapping file is not valid JSON.'),
      );
    }
    if (isSplitsFile(value)) return distinctPairs(parseSplits(value));
    if (isMergesFile(value)) return distinctPairs(parseMerges(value));
    throw new BilingualError(
      bilingual(
        'Tệp JSON không phải bảng ánh xạ đơn vị cũ → mới (cần "data[].level3s[].splits" hoặc "data[].level2s[].merges").',
        'The JSON file is not an old → new unit mapping (needs "data[].level3s[].splits" or "data[].level2s[].merges").',
      ),
    );
  }
  const firstLine = trimmed.slice(0, trimmed.search(/\r?\n|$/));
  if (!/[,;]/.test(firstLine)) {
    throw new BilingualError(
      bilingual(
        'Tệp ánh xạ không phải CSV có cột mã xã cũ và mới, cũng không phải JSON ánh xạ của dvhcvn.',
        'The mapping file is neither a CSV with old and new commune codes nor a dvhcvn mapping JSON.',
      ),
    );
  }
  return distinctPairs(parseCsvMapping(trimmed));
}
