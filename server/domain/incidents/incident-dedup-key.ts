/** What identifies an incident across imports of the same or overlapping files. */
export interface IncidentIdentity {
  occurredAt: string;
  longitude: number;
  latitude: number;
  categoryCode: string;
  subcategory: string | null;
  source: string | null;
  reference: string | null;
}

/** 1e-6° is about 11 cm: finer digits differ between exports of one point, not between incidents. */
const MICRODEGREES = 1e6;

/** FNV-1a's 32-bit offset basis and prime; the second pass uses another basis and MurmurHash2's multiplier. */
const FIRST_BASIS = 0x811c9dc5;
const FIRST_PRIME = 0x01000193;
const SECOND_BASIS = 0x050c5d1f;
const SECOND_PRIME = 0x5bd1e995;
/** Fed between fields, so that ("ab", "c") and ("a", "bc") differ; no UTF-16 code unit is this large. */
const SEPARATOR = 0x10000;
const KIND_REFERENCE = 0x10001;
const KIND_PLACE = 0x10002;

/** The two running hashes of the key being computed: plain numbers, cheaper than returning a pair. */
let first = 0;
let second = 0;

/** 2^21: the second hash gives the key's low 21 bits, the first its high 32. */
const LOW_BITS = 2 ** 21;

/**
 * A whole number below 2^53 (exact in JavaScript and stored as an SQLite INTEGER) that is the same for the
 * same incident imported twice. With a case number the key is the source and the number ("Công an tỉnh An
 * Giang" and "123/2024"): the police's own identity, kept even when a later export corrects the place or
 * time. Without one, it is when, where (to 6 decimals) and what. The two kinds are hashed apart, so a number
 * can never pass for a place.
 *
 * The hash is two 32-bit FNV-1a passes (Fowler, Noll and Vo; draft-eastlake-fnv) over the fields' UTF-16
 * code units and the whole micro-degrees, the second with another basis and multiplier so the halves are
 * not the same function of the input, each finished with MurmurHash3's fmix32 so every input bit reaches
 * every output bit; 53 of the 64 bits are kept. It is not cryptographic (nothing here is secret) and makes
 * no string: a million keys take a few tens of milliseconds.
 *
 * Different incidents can share a key (about n²/2^54 pairs among n incidents: one in 18,000 for a million),
 * so a key match is only a candidate: `sameIncidentIdentity` decides, and the importer stores a true
 * newcomer under the next free key (see `storeIncidentBatch`).
 */
export function incidentDedupKey(incident: IncidentIdentity): number {
  first = FIRST_BASIS;
  second = SECOND_BASIS;
  const reference = incident.reference === null ? '' : trimmed(incident.reference);
  if (reference !== '') {
    mix(KIND_REFERENCE);
    mixText(incident.source === null ? '' : trimmed(incident.source));
    mix(SEPARATOR);
    mixText(reference);
  } else {
    mix(KIND_PLACE);
    mixText(incident.occurredAt);
    mix(SEPARATOR);
    mix(microdegrees(incident.longitude));
    mix(microdegrees(incident.latitude));
    mixText(incident.categoryCode);
    mix(SEPARATOR);
    mixText(incident.subcategory ?? '');
  }
  return finalMix(first) * LOW_BITS + (finalMix(second) >>> 11);
}

/**
 * Whether two incidents are the same one by the rule of `incidentDedupKey`: same source and case number
 * when the first has a number, else same time, place to 6 decimals, category and subcategory.
 */
export function sameIncidentIdentity(one: IncidentIdentity, other: IncidentIdentity): boolean {
  const reference = one.reference === null ? '' : trimmed(one.reference);
  const otherReference = other.reference === null ? '' : trimmed(other.reference);
  if (reference !== otherReference) return false;
  if (reference !== '') {
    return (
      (one.source === null ? '' : trimmed(one.source)) ===
      (other.source === null ? '' : trimmed(other.source))
    );
  }
  return (
    one.occurredAt === other.occurredAt &&
    microdegrees(one.longitude) === microdegrees(other.longitude) &&
    microdegrees(one.latitude) === microdegrees(other.latitude) &&
    one.categoryCode === other.categoryCode &&
    (one.subcategory ?? '') === (other.subcategory ?? '')
  );
}

/** Whole micro-degrees (|value| < 2^28 are exact); -0 or -1e-9 become 0 like on every machine. */
function microdegrees(degrees: number): number {
  return Math.round(degrees * MICRODEGREES) | 0;
}

/** The text without surrounding spaces, without making a new string in the usual case of none. */
function trimmed(text: string): string {
  const head = text.charCodeAt(0);
  const tail = text.charCodeAt(text.length - 1);
  return head > 32 && head < 127 && tail > 32 && tail < 127 ? text : text.trim();
}

function mix(unit: number): void {
  first = Math.imul(first ^ unit, FIRST_PRIME);
  second = Math.imul(second ^ unit, SECOND_PRIME);
}

function mixText(text: string): void {
  let a = first;
  let b = second;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    a = Math.imul(a ^ unit, FIRST_PRIME);
    b = Math.imul(b ^ unit, SECOND_PRIME);
  }
  first = a;
  second = b;
}

/** MurmurHash3's 32-bit finaliser (Appleby, smhasher). */
function finalMix(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}
