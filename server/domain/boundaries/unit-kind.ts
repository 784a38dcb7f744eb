import { foldText } from '../text/fold-text';
import type { UnitLevel } from './unit-level';

/** Official kinds per level, and the spellings files use for them (folded), Vietnamese and English. */
const KINDS: Record<UnitLevel, Record<string, string[]>> = {
  commune: {
    Xã: ['xa', 'commune', 'rural commune'],
    Phường: ['phuong', 'ward'],
    'Thị trấn': ['thi tran', 'tt', 'town', 'township', 'commune level town'],
    'Đặc khu': ['dac khu', 'special zone', 'special administrative zone'],
  },
  district: {
    Huyện: ['huyen', 'district', 'rural district'],
    Quận: ['quan', 'urban district'],
    'Thị xã': ['thi xa', 'tx', 'town'],
    'Thành phố': ['thanh pho', 'tp', 'city', 'provincial city'],
  },
  province: {
    Tỉnh: ['tinh', 'province'],
    'Thành phố': ['thanh pho', 'tp', 'city', 'municipality', 'thanh pho truc thuoc trung uong'],
  },
};

/** The official spelling of a kind ("xa", "Commune", "XÃ" → "Xã"), or the value as given when unknown. */
export function normaliseUnitKind(value: string, level: UnitLevel): string {
  const folded = foldText(value);
  for (const [kind, spellings] of Object.entries(KINDS[level])) {
    if (spellings.includes(folded)) return kind;
  }
  return value.trim();
}

/** The kind a name starts with ("Thị trấn Thứ Mười Một" → "Thị trấn"), or null. */
export function kindFromName(name: string, level: UnitLevel): string | null {
  const folded = foldText(name);
  let best: string | null = null;
  let bestLength = 0;
  for (const [kind, spellings] of Object.entries(KINDS[level])) {
    // Only the Vietnamese words: "tt" or "city" at the start of a name are not kinds.
    const spelling = foldText(kind);
    if (spellings.includes(spelling) && folded.startsWith(`${spelling} `) && spelling.length > bestLength) {
      best = kind;
      bestLength = spelling.length;
    }
  }
  return best;
}

/** "Xã" + "Đông Thái" → "Xã Đông Thái"; a name that already starts with its kind is kept as it is. */
export function fullUnitName(name: string, kind: string | null): string {
  if (!kind) return name;
  const foldedKind = foldText(kind);
  return foldText(name).startsWith(`${foldedKind} `) ? name : `${kind} ${name}`;
}
