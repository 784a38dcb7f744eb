/**
 * An account's area (its scope) as the admin pages show and edit it: in words, and as a kind plus a list
 * typed into a text box ("Kiên Giang, An Giang" or "31006, 31009").
 */
import type { Scope } from '@domain/access/scope';
import { type BilingualText, bilingual } from '@domain/bilingual';

export type { Scope };
export type ScopeKind = Scope['kind'];

/** What a form's scope fields hold; `list` matters only for provinces and communes. */
export interface ScopeInput {
  kind: ScopeKind;
  list: string;
}

// A commune scope can hold hundreds of codes: the table shows the first few, the tooltip all of them.
const COMMUNES_SHOWN = 5;

/** The entries of a typed list: split at commas (semicolons and line breaks too), trimmed, each once. */
export function splitList(text: string): string[] {
  const entries = text
    .split(/[,;\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return [...new Set(entries)];
}

/** The scope the fields describe, or null when provinces or communes are chosen but none is listed. */
export function scopeFromInput(input: ScopeInput): Scope | null {
  if (input.kind === 'all') return { kind: 'all' };
  const entries = splitList(input.list);
  if (entries.length === 0) return null;
  return input.kind === 'provinces'
    ? { kind: 'provinces', provinces: entries }
    : { kind: 'communes', communes: entries };
}

/** The fields for an existing scope, for editing it. */
export function scopeInput(scope: Scope): ScopeInput {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all', list: '' };
    case 'provinces':
      return { kind: 'provinces', list: scope.provinces.join(', ') };
    case 'communes':
      return { kind: 'communes', list: scope.communes.join(', ') };
  }
}

/** Whether two scopes allow the same area (the order of a list does not matter). */
export function sameScope(first: Scope, second: Scope): boolean {
  return JSON.stringify(normalised(first)) === JSON.stringify(normalised(second));
}

function normalised(scope: Scope): Scope {
  switch (scope.kind) {
    case 'all':
      return scope;
    case 'provinces':
      return { kind: 'provinces', provinces: [...scope.provinces].sort() };
    case 'communes':
      return { kind: 'communes', communes: [...scope.communes].sort() };
  }
}

/** "Toàn bộ địa bàn", "Tỉnh: Kiên Giang, An Giang", "12 xã: 31006, 31009, …". */
export function describeScope(scope: Scope): BilingualText {
  switch (scope.kind) {
    case 'all':
      return bilingual('Toàn bộ địa bàn', 'Everywhere');
    case 'provinces': {
      const names = scope.provinces.join(', ');
      return bilingual(
        `Tỉnh: ${names}`,
        `${scope.provinces.length === 1 ? 'Province' : 'Provinces'}: ${names}`,
      );
    }
    case 'communes': {
      const count = scope.communes.length;
      const shown = scope.communes.slice(0, COMMUNES_SHOWN).join(', ');
      const codes = count > COMMUNES_SHOWN ? `${shown}, …` : shown;
      return bilingual(`${count} xã: ${codes}`, `${count} ${count === 1 ? 'commune' : 'communes'}: ${codes}`);
    }
  }
}

/** Why the fields do not make a scope yet, or null. */
export function scopeProblem(input: ScopeInput): BilingualText | null {
  if (scopeFromInput(input)) return null;
  return input.kind === 'provinces'
    ? bilingual('Nhập ít nhất một tỉnh', 'List at least one province')
    : bilingual('Nhập ít nhất một mã xã', 'List at least one commune code');
}
