import { BilingualError, bilingual } from '../bilingual';
import { columnKey } from '../text/fold-text';
import type { UnitLevel } from './unit-level';

/** What a boundary file's attribute columns can tell about a unit. */
export const COLUMN_ROLES = [
  'code',
  'name',
  'kind',
  'districtCode',
  'districtName',
  'provinceCode',
  'provinceName',
  'population',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** For each role, the columns to read, in order: the first one with a value wins. */
export type ColumnMapping = Record<ColumnRole, string[]>;

/**
 * Column names seen in Vietnamese boundary files (official GIS layers, GSO lists, GADM, OSM exports), folded
 * to lower case without accents, spaces or underscores. More specific names come first. The level decides
 * which tier "name" and "code" belong to: in a district file "huyen" is the unit's name, in a commune file it
 * is the district the commune belongs to.
 */
const PROVINCE_CODE = ['matinh', 'matinhthanh', 'matp', 'provincecode', 'madvhctinh'];
const PROVINCE_NAME = [
  'tentinh',
  'tentinhthanh',
  'provincename',
  'province',
  'tinh',
  'tinhthanh',
  'tinhtp',
  'name1',
];
const POPULATION = [
  'danso',
  'dansonguoi',
  'tongdanso',
  'sodan',
  'population',
  'pop',
  'poptotal',
  'totpop',
  'totalpop',
];

const CANDIDATES: Record<UnitLevel, Record<ColumnRole, string[]>> = {
  commune: {
    code: [
      'maxa',
      'maphuongxa',
      'maxaphuong',
      'madvhcxa',
      'communecode',
      'codexa',
      'xacode',
      'code',
      'ma',
      'madvhc',
      'madonvi',
      'mahc',
      'gid3',
    ],
    name: [
      'tenxa',
      'tenphuongxa',
      'tenxaphuong',
      'tendvhcxa',
      'communename',
      'name',
      'ten',
      'tendvhc',
      'tendonvi',
      'name3',
      'xa',
      'phuongxa',
      'commune',
    ],
    kind: ['loaixa', 'loaidvhc', 'type', 'loai', 'kind', 'capdvhc', 'cap', 'type3', 'phanloai'],
    districtCode: ['mahuyen', 'maquanhuyen', 'maqh', 'districtcode', 'madvhchuyen'],
    districtName: [
      'tenhuyen',
      'tenquanhuyen',
      'tenqh',
      'districtname',
      'district',
      'huyen',
      'quanhuyen',
      'name2',
    ],
    provinceCode: PROVINCE_CODE,
    provinceName: PROVINCE_NAME,
    population: POPULATION,
  },
  district: {
    code: [
      'mahuyen',
      'maquanhuyen',
      'maqh',
      'districtcode',
      'madvhchuyen',
      'code',
      'ma',
      'madvhc',
      'madonvi',
      'gid2',
    ],
    name: [
      'tenhuyen',
      'tenquanhuyen',
      'tenqh',
      'districtname',
      'name',
      'ten',
      'tendvhc',
      'tendonvi',
      'name2',
      'huyen',
      'quanhuyen',
      'district',
    ],
    kind: ['loaihuyen', 'loaidvhc', 'type', 'loai', 'kind', 'capdvhc', 'cap', 'type2', 'phanloai'],
    districtCode: [],
    districtName: [],
    provinceCode: PROVINCE_CODE,
    provinceName: PROVINCE_NAME,
    population: POPULATION,
  },
  province: {
    code: [
      'matinh',
      'matinhthanh',
      'matp',
      'provincecode',
      'madvhctinh',
      'code',
      'ma',
      'madvhc',
      'madonvi',
      'gid1',
    ],
    name: [
      'tentinh',
      'tentinhthanh',
      'provincename',
      'name',
      'ten',
      'tendvhc',
      'tendonvi',
      'name1',
      'tinh',
      'tinhthanh',
      'province',
    ],
    kind: ['loaitinh', 'loaidvhc', 'type', 'loai', 'kind', 'capdvhc', 'cap', 'type1', 'phanloai'],
    districtCode: [],
    districtName: [],
    provinceCode: [],
    provinceName: [],
    population: POPULATION,
  },
};

export class ColumnError extends BilingualError {}

/**
 * Chooses the columns to read for each role from the names present in a file. `overrides` (from the
 * command line's --code-field and friends) win over detection; a name that is not in the file is an error
 * that lists the columns the file has. A role may name several columns ("code,gadm_gid3"): the first that
 * has a value in a feature is used. Population also matches any column starting with "pop" or "danso"
 * ("pop2009_census").
 */
export function detectColumns(
  propertyNames: readonly string[],
  level: UnitLevel,
  overrides: Partial<Record<ColumnRole, string[]>> = {},
): ColumnMapping {
  const byKey = new Map<string, string>();
  for (const name of propertyNames) if (!byKey.has(columnKey(name))) byKey.set(columnKey(name), name);
  const exact = new Set(propertyNames);

  const mapping = {} as ColumnMapping;
  const used = new Set<string>();
  for (const role of COLUMN_ROLES) {
    const requested = overrides[role];
    if (requested && requested.length > 0) {
      const resolved = requested.map((name) => {
        if (exact.has(name)) return name;
        const match = byKey.get(columnKey(name));
        if (match) return match;
        throw new ColumnError(
          bilingual(
            `Không có cột "${name}" trong tệp. Các cột có: ${propertyNames.join(', ') || '(không có)'}`,
            `The file has no column "${name}". Its columns: ${propertyNames.join(', ') || '(none)'}`,
          ),
        );
      });
      mapping[role] = resolved;
      for (const name of resolved) used.add(name);
      continue;
    }
    mapping[role] = [];
  }
  for (const role of COLUMN_ROLES) {
    if (mapping[role].length > 0) continue;
    let found: string | undefined;
    for (const candidate of CANDIDATES[level][role]) {
      const name = byKey.get(candidate);
      if (name && !used.has(name)) {
        found = name;
        break;
      }
    }
    if (!found && role === 'population') {
      found = propertyNames.find((name) => /^(pop|danso)/.test(columnKey(name)) && !used.has(name));
    }
    if (found) {
      mapping[role] = [found];
      used.add(found);
    }
  }
  return mapping;
}
