import { foldText } from '../text/fold-text';
import { type IncidentCategory, SEVERITIES, SEVERITY_NAMES, type Severity } from './incident-taxonomy';

/**
 * Readers for the attribute columns of an incident file, each as forgiving as the exports it has to read
 * and null when a value cannot mean what the column stands for.
 */

/** The text of a cell: strings tidied, finite numbers written out, anything else null. */
export function cellText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'string') return null;
  if (isPlainWord(value)) return value;
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** Printable ASCII without spaces ("VV-123", "12/2024"): already tidy, the usual case of numbers and codes. */
function isPlainWord(text: string): boolean {
  if (text.length === 0 || text.length > 64) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code <= 32 || code >= 127) return false;
  }
  return true;
}

/** Whether a cell holds nothing: absent, null, or only spaces. */
export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Folded words for each class of gravity: the Penal Code's names, the abbreviations police reports use
 * (ÍNT, NT, RNT, ĐBNT), English renderings, and the classes' rank 1–4 (Bộ luật Hình sự 2015, Điều 9).
 */
const SEVERITY_WORDS: Record<Severity, string[]> = {
  'it-nghiem-trong': ['int', 'less serious', 'minor', 'not very serious', '1'],
  'nghiem-trong': ['nt', 'serious', '2'],
  'rat-nghiem-trong': ['rnt', 'very serious', '3'],
  'dac-biet-nghiem-trong': [
    'dbnt',
    'particularly serious',
    'especially serious',
    'extremely serious',
    'exceptionally serious',
    '4',
  ],
};

const SEVERITY_BY_WORDS = new Map<string, Severity>(
  SEVERITIES.flatMap((severity) =>
    [severity, SEVERITY_NAMES[severity].vi, SEVERITY_NAMES[severity].en, ...SEVERITY_WORDS[severity]].map(
      (word): [string, Severity] => [foldText(word), severity],
    ),
  ),
);
/** Longest first, so that "rất nghiêm trọng" is found before the "nghiêm trọng" inside it. */
const SEVERITY_PHRASES = [...SEVERITY_BY_WORDS.entries()]
  .filter(([words]) => words.includes(' '))
  .sort(([first], [second]) => second.length - first.length);

/**
 * The class of gravity a cell names: "Rất nghiêm trọng", "RNT", "rat-nghiem-trong", "Tội phạm đặc biệt
 * nghiêm trọng", "very serious", 3. Null for a blank or unknown value, and for a negation ("không nghiêm
 * trọng"), which names no class.
 */
export function parseSeverity(value: unknown): Severity | null {
  const text = cellText(value);
  if (text === null) return null;
  const folded = foldText(text);
  const exact = SEVERITY_BY_WORDS.get(folded);
  if (exact) return exact;
  if (/(^| )(khong|not|non)( |$)/.test(folded)) return null;
  const padded = ` ${folded} `;
  for (const [phrase, severity] of SEVERITY_PHRASES) if (padded.includes(` ${phrase} `)) return severity;
  return null;
}

const CLEARED_YES = new Set([
  'co',
  'x',
  'v',
  'yes',
  'y',
  'true',
  't',
  '1',
  'kham pha',
  'da',
  'roi',
  'xong',
  'lam ro',
  'cleared',
  'solved',
  'closed',
  'arrest',
]);
const CLEARED_NO = new Set([
  'khong',
  'k',
  'ko',
  'chua',
  'no',
  'n',
  'false',
  'f',
  '0',
  'none',
  'open',
  'unsolved',
  'uncleared',
  'pending',
]);

/**
 * Whether an incident was cleared ("đã khám phá": the offender identified). Reads có/không, đã/chưa (khám
 * phá), yes/no, true/false, 1/0, and check-box columns where "x" or "✓" means yes and a blank cell means
 * no, so blank is false. Null when the value says neither.
 */
export function parseCleared(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (isBlankCell(value)) return false;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (/^[✓✔☑]$/.test(trimmed)) return true;
  if (/^[-–—☐]$/.test(trimmed)) return false;
  const folded = foldText(trimmed);
  if (CLEARED_YES.has(folded)) return true;
  if (CLEARED_NO.has(folded)) return false;
  // "Chưa khám phá", "không khám phá được", "not cleared" before "đã khám phá", "đã bắt", "arrest, booked".
  if (/^(chua|khong|not|no)( |$)/.test(folded)) return false;
  if (/^(da|yes|arrest|cleared|solved)( |$)/.test(folded)) return true;
  return null;
}

/**
 * A number of people (deaths, injuries): a non-negative whole number, "3", "3 người", "3.0"; a blank cell,
 * "-" or "không" is 0. Null for anything else (negative, fractional, text).
 */
export function parseCount(value: unknown): number | null {
  if (isBlankCell(value)) return 0;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (/^[-–—]$/.test(trimmed)) return 0;
  // "3.0" and "3,00" from spreadsheets are whole numbers; "1.000" is not read (a thousand, or one?).
  const folded = foldText(trimmed.replace(/^(\d+)[.,]0{1,2}(?!\d)/, '$1'));
  if (folded === 'khong' || folded === 'none') return 0;
  const match = /^(\d+)( nguoi| nguoi chet| nguoi bi thuong| persons?| people)?$/.exec(folded);
  if (!match || trimmed.startsWith('-')) return null;
  const count = Number(match[1]);
  return Number.isSafeInteger(count) ? count : null;
}

const PLAIN_DECIMAL = /^-?\d{1,15}(?:\.\d{1,20})?$/;
const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;

/**
 * A coordinate in degrees or metres: a number, text with "." or "," as the decimal separator ("105,4321"),
 * scientific notation as DBF numeric fields write it ("-1.22453457575e+002"), or degrees, minutes and
 * seconds ("105°30'15\"E", "E 105° 30' 15.5\"", "10°45.5'N", "-87°38'53\""; S and W are negative).
 * Null for anything else, including grouped thousands ("1,171,154"), which cannot be told from decimals.
 */
export function parseCoordinate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  // Plain decimals ("105.123456"), the usual case, skip the tidying below.
  if (PLAIN_DECIMAL.test(value)) return Number(value);
  const text = value.trim().replace(/[−‒–—]/g, '-');
  if (text === '') return null;
  if (DECIMAL.test(text)) {
    const number = Number(text.replace(',', '.'));
    return Number.isFinite(number) ? number : null;
  }
  return parseDegreesMinutesSeconds(text);
}

function parseDegreesMinutesSeconds(text: string): number | null {
  let rest = text.toUpperCase().replace(/\s+/g, ' ').trim();
  let negative = false;
  const leadingHemisphere = /^([NSEW])\s*/.exec(rest);
  if (leadingHemisphere) {
    negative = leadingHemisphere[1] === 'S' || leadingHemisphere[1] === 'W';
    rest = rest.slice(leadingHemisphere[0].length);
  }
  const trailingHemisphere = /\s*([NSEW])$/.exec(rest);
  if (trailingHemisphere) {
    if (leadingHemisphere) return null;
    negative = trailingHemisphere[1] === 'S' || trailingHemisphere[1] === 'W';
    rest = rest.slice(0, trailingHemisphere.index);
  }
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (leadingHemisphere || trailingHemisphere) return null;
    negative = rest.startsWith('-');
    rest = rest.slice(1).trim();
  }
  const match =
    /^(\d+(?:[.,]\d+)?)\s*(?:°|º|˚|DEG)\s*(?:(\d+(?:[.,]\d+)?)\s*(?:'|′|’|‘|MIN)\s*(?:(\d+(?:[.,]\d+)?)\s*(?:"|″|”|“|''|′′|SEC)?)?)?$/.exec(
      rest,
    );
  if (!match) return null;
  const number = (part: string | undefined) => Number((part ?? '0').replace(',', '.'));
  const [degrees, minutes, seconds] = [number(match[1]), number(match[2]), number(match[3])];
  if (minutes >= 60 || seconds >= 60 || degrees > 180) return null;
  const value = degrees + minutes / 60 + seconds / 3600;
  return negative ? -value : value;
}

interface CategoryIndex {
  codes: Set<string>;
  byWords: Map<string, string>;
  /** Every folded name and alias with its category, longest first. */
  phrases: [string, string][];
  /** Answers already found for raw texts: a file repeats a few category values over thousands of rows. */
  answers: Map<string, string | null>;
}

/** Enough distinct category texts for any real file; past it, answers are computed and not kept. */
const MOST_ANSWERS_KEPT = 10_000;

/** Folded names of each category list, built once per list (the list is an editable, immutable value). */
const categoryIndexes = new WeakMap<readonly IncidentCategory[], CategoryIndex>();

function categoryIndex(categories: readonly IncidentCategory[]): CategoryIndex {
  const cached = categoryIndexes.get(categories);
  if (cached) return cached;
  const byWords = new Map<string, string>();
  for (const category of categories) {
    for (const name of [category.code, category.nameVi, category.nameEn, ...category.aliases]) {
      const folded = foldText(name);
      // The first category to claim a name keeps it: the list's order settles clashes.
      if (folded && !byWords.has(folded)) byWords.set(folded, category.code);
    }
  }
  const index: CategoryIndex = {
    codes: new Set(categories.map((category) => category.code)),
    byWords,
    phrases: [...byWords.entries()].sort(([first], [second]) => second.length - first.length),
    answers: new Map(),
  };
  categoryIndexes.set(categories, index);
  return index;
}

const foldedMappings = new WeakMap<Readonly<Record<string, string>>, Map<string, string>>();

function foldedMapping(mapping: Readonly<Record<string, string>>): Map<string, string> {
  const cached = foldedMappings.get(mapping);
  if (cached) return cached;
  const folded = new Map<string, string>();
  for (const [raw, code] of Object.entries(mapping)) {
    const key = foldText(raw);
    if (!folded.has(key)) folded.set(key, code);
  }
  foldedMappings.set(mapping, folded);
  return folded;
}

/**
 * The code of the category a cell names, or null. In order: the explicit mapping of raw values to codes
 * (a mapping file's "categories"; keys match as written, then folded), the code itself ("danh-bac"), a
 * category's folded name or alias equal to the folded text ("ĐÁNH BẠC"), and last the longest name or
 * alias found as whole words inside the text ("Tổ chức đánh bạc trái phép" → danh-bac). A mapping to a
 * code the list does not have matches nothing.
 */
export function matchCategory(
  text: unknown,
  categories: readonly IncidentCategory[],
  explicitMapping?: Readonly<Record<string, string>>,
): string | null {
  const raw = cellText(text);
  if (raw === null) return null;
  const index = categoryIndex(categories);
  if (explicitMapping) {
    const mapped = Object.hasOwn(explicitMapping, raw)
      ? explicitMapping[raw]
      : foldedMapping(explicitMapping).get(foldText(raw));
    if (mapped !== undefined) return index.codes.has(mapped) ? mapped : null;
  }
  const known = index.answers.get(raw);
  if (known !== undefined) return known;
  const answer = matchCategoryNames(raw, index);
  if (index.answers.size < MOST_ANSWERS_KEPT) index.answers.set(raw, answer);
  return answer;
}

function matchCategoryNames(raw: string, index: CategoryIndex): string | null {
  if (index.codes.has(raw)) return raw;
  const folded = foldText(raw);
  if (folded === '') return null;
  const exact = index.byWords.get(folded);
  if (exact) return exact;
  const padded = ` ${folded} `;
  for (const [phrase, code] of index.phrases) if (padded.includes(` ${phrase} `)) return code;
  return null;
}
