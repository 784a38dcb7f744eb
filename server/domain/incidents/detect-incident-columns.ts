import { BilingualError, bilingual } from '../bilingual';
import { columnKey } from '../text/fold-text';

/** What the columns of an incident file can tell about one incident. */
export const INCIDENT_COLUMN_ROLES = [
  'occurredAt',
  'occurredTime',
  'longitude',
  'latitude',
  'x',
  'y',
  'category',
  'subcategory',
  'severity',
  'cleared',
  'source',
  'reference',
  'deaths',
  'injuries',
] as const;
export type IncidentColumnRole = (typeof INCIDENT_COLUMN_ROLES)[number];

/** For each role, the columns to read, in order: the first one with a value in a row wins. */
export type IncidentColumnMapping = Record<IncidentColumnRole, string[]>;

/**
 * Column names seen in incident exports, folded to lower case without accents, spaces or underscores: the
 * Vietnamese police's spreadsheets ("Ngày xảy ra", "Kinh độ", "Tội danh", "Đã khám phá") and the US open
 * data portals the tests use (Chicago, San Francisco). More specific names come first. Date-and-time
 * columns ("Thời gian xảy ra") are in both date lists: a file that has a separate date column uses it as
 * the time. X/Y are never longitude/latitude here: they are projected coordinates (Chicago's "X
 * Coordinate" is Illinois State Plane feet), read only when no longitude/latitude column exists.
 */
const CANDIDATES: Record<IncidentColumnRole, readonly string[]> = {
  occurredAt: [
    'ngayxayra',
    'ngaygioxayra',
    'thoigianxayra',
    'ngayxayravuviec',
    'ngayvuviec',
    'ngayphatsinh',
    'ngayphathien',
    'ngaygio',
    'ngay',
    'thoigian',
    'occurredat',
    'occurredon',
    'occurred',
    'dateoccurred',
    'dateofoccurrence',
    'occurrencedate',
    'incidentdate',
    'offensedate',
    'crimedate',
    'datetime',
    'date',
    // When the incident happened is unknown, the day it was reported is the next best thing.
    'ngaytiepnhan',
    'ngaybao',
    'reportdate',
    'datereported',
  ],
  occurredTime: [
    'gioxayra',
    'giophutxayra',
    'giophut',
    'gio',
    'thoigianxayra',
    'thoigian',
    'timeoccurred',
    'occurredtime',
    'incidenttime',
    'offensetime',
    'time',
    'hour',
  ],
  longitude: ['kinhdo', 'toadokinhdo', 'longitude', 'lon', 'lng', 'long', 'longdd', 'longitudedd'],
  latitude: ['vido', 'toadovido', 'latitude', 'lat', 'latdd', 'latitudedd'],
  x: ['toadox', 'x', 'xcoordinate', 'xcoord', 'coordx', 'xvn2000', 'easting'],
  y: ['toadoy', 'y', 'ycoordinate', 'ycoord', 'coordy', 'yvn2000', 'northing'],
  category: [
    'loaivuviec',
    'loaivu',
    'nhomtoipham',
    'nhomvuviec',
    'linhvuc',
    'phanloai',
    'nhom',
    'loai',
    'category',
    'primarytype',
    'crimecategory',
    'crimetype',
    'offensecategory',
    'offensetype',
    'incidentcategory',
    'incidenttype',
    'type',
  ],
  subcategory: [
    'toidanh',
    'hanhvi',
    'hanhvivipham',
    'tenvuviec',
    'chitiet',
    'subcategory',
    'subtype',
    'offensedescription',
    'crimedescription',
    'description',
    'descript',
  ],
  severity: [
    'mucdo',
    'mucdonghiemtrong',
    'mucdotoipham',
    'tinhchatmucdo',
    'phanloaimucdo',
    'severity',
    'seriousness',
    'gravity',
  ],
  cleared: [
    'dakhampha',
    'khampha',
    'ketquakhampha',
    'tinhtrangkhampha',
    'dieutrakhampha',
    'cleared',
    'solved',
    'clearance',
    'arrest',
    'arrested',
  ],
  source: [
    'nguon',
    'nguontin',
    'nguondulieu',
    'donvicungcap',
    'donvibaocao',
    'source',
    'datasource',
    'agency',
    'reportingagency',
  ],
  reference: [
    'sohieu',
    'sohieuvuviec',
    'sovu',
    'sovuviec',
    'mavu',
    'mavuviec',
    'sohoso',
    'sotheodoi',
    'casenumber',
    'caseno',
    'casenum',
    'incidentnumber',
    'incidentno',
    'incidentnum',
    'incidntnum',
    'reportnumber',
    'reportno',
  ],
  deaths: [
    'songuoichet',
    'nguoichet',
    'songuoituvong',
    'sochet',
    'chet',
    'tuvong',
    'deaths',
    'dead',
    'killed',
    'numberkilled',
    'fatalities',
    'numberofdeaths',
  ],
  injuries: [
    'songuoibithuong',
    'nguoibithuong',
    'sobithuong',
    'bithuong',
    'injuries',
    'injured',
    'numberinjured',
    'numberofinjuries',
  ],
};

export class IncidentColumnError extends BilingualError {}

/**
 * Shapefile attribute names hold at most 10 bytes (dBASE III). When a longer name has to fit, the export
 * the samples come from keeps the first five characters and the last four around an underscore: "Case
 * Number" → "Case _mber", "Community Area" → "Commu_Area". A header of that shape stands for any longer
 * name that starts with its prefix and ends with its suffix, folded.
 */
function truncationParts(header: string): { prefix: string; suffix: string } | null {
  if (header.length > 10) return null;
  const underscore = header.lastIndexOf('_');
  if (underscore <= 0 || underscore === header.length - 1) return null;
  const prefix = columnKey(header.slice(0, underscore));
  const suffix = columnKey(header.slice(underscore + 1));
  return prefix && suffix ? { prefix, suffix } : null;
}

function truncatedFrom(parts: { prefix: string; suffix: string }, fullKey: string): boolean {
  return (
    fullKey.length > parts.prefix.length + parts.suffix.length &&
    fullKey.startsWith(parts.prefix) &&
    fullKey.endsWith(parts.suffix)
  );
}

/**
 * Chooses the columns to read for each incident role from a file's header names. `overrides` (a mapping
 * file's "columns") win over detection and may name a column by its full name when the file has it
 * truncated ("Case Number" for "Case _mber"); a name the file does not have is an error that lists the
 * columns it does have. A column serves one role only.
 */
export function detectIncidentColumns(
  headers: readonly string[],
  overrides: Partial<Record<IncidentColumnRole, readonly string[]>> = {},
): IncidentColumnMapping {
  const byKey = new Map<string, string>();
  for (const header of headers) if (!byKey.has(columnKey(header))) byKey.set(columnKey(header), header);
  const truncated = headers.flatMap((header) => {
    const parts = truncationParts(header);
    return parts ? [{ header, parts }] : [];
  });
  const exact = new Set(headers);

  const mapping = {} as IncidentColumnMapping;
  const used = new Set<string>();
  for (const role of INCIDENT_COLUMN_ROLES) {
    mapping[role] = [];
    const requested = overrides[role];
    if (!requested || requested.length === 0) continue;
    mapping[role] = requested.map((name) => {
      const key = columnKey(name);
      const found =
        (exact.has(name) ? name : undefined) ??
        byKey.get(key) ??
        truncated.find((candidate) => truncatedFrom(candidate.parts, key))?.header;
      if (found === undefined) throw missingColumn(name, role, headers);
      used.add(found);
      return found;
    });
  }

  for (const role of INCIDENT_COLUMN_ROLES) {
    if (mapping[role].length > 0) continue;
    const candidates = CANDIDATES[role];
    let found = candidates.map((candidate) => byKey.get(candidate)).find((name) => name && !used.has(name));
    if (!found) {
      for (const candidate of candidates) {
        found = truncated.find(
          (header) => !used.has(header.header) && truncatedFrom(header.parts, candidate),
        )?.header;
        if (found) break;
      }
    }
    if (found) {
      mapping[role] = [found];
      used.add(found);
    }
  }
  return mapping;
}

function missingColumn(
  name: string,
  role: IncidentColumnRole,
  headers: readonly string[],
): IncidentColumnError {
  const vi = headers.join(', ') || '(không có)';
  const en = headers.join(', ') || '(none)';
  return new IncidentColumnError(
    bilingual(
      `Không có cột "${name}" (cho "${role}") trong tệp. Các cột có: ${vi}`,
      `The file has no column "${name}" (for "${role}"). Its columns: ${en}`,
    ),
  );
}
