import { describe, expect, it } from 'vitest';
import { describeScope, sameScope, scopeFromInput, scopeInput, scopeProblem, splitList } from './scope';

describe('account scopes', () => {
  it('splits a typed list at commas, semicolons and line breaks, once each', () => {
    expect(splitList(' Kiên Giang, An Giang ;\nKiên Giang,, ')).toEqual(['Kiên Giang', 'An Giang']);
    expect(splitList('  ')).toEqual([]);
  });

  it('builds a scope from the form fields', () => {
    expect(scopeFromInput({ kind: 'all', list: 'ignored' })).toEqual({ kind: 'all' });
    expect(scopeFromInput({ kind: 'provinces', list: '91, Tỉnh An Giang' })).toEqual({
      kind: 'provinces',
      provinces: ['91', 'Tỉnh An Giang'],
    });
    expect(scopeFromInput({ kind: 'communes', list: '31006,31009' })).toEqual({
      kind: 'communes',
      communes: ['31006', '31009'],
    });
  });

  it('refuses a list kind with nothing listed', () => {
    expect(scopeFromInput({ kind: 'provinces', list: ' , ' })).toBeNull();
    expect(scopeFromInput({ kind: 'communes', list: '' })).toBeNull();
    expect(scopeProblem({ kind: 'provinces', list: ' , ' })?.vi).toBe('Nhập ít nhất một tỉnh');
    expect(scopeProblem({ kind: 'communes', list: '' })?.en).toBe('List at least one commune code');
    expect(scopeProblem({ kind: 'all', list: '' })).toBeNull();
    expect(scopeProblem({ kind: 'communes', list: '31006' })).toBeNull();
  });

  it('round-trips a scope through the form fields', () => {
    const scopes = [
      { kind: 'all' as const },
      { kind: 'provinces' as const, provinces: ['Kiên Giang', 'An Giang'] },
      { kind: 'communes' as const, communes: ['31006'] },
    ];
    for (const scope of scopes) expect(scopeFromInput(scopeInput(scope))).toEqual(scope);
  });

  it('compares scopes whatever the order of their lists', () => {
    expect(
      sameScope({ kind: 'provinces', provinces: ['a', 'b'] }, { kind: 'provinces', provinces: ['b', 'a'] }),
    ).toBe(true);
    expect(sameScope({ kind: 'all' }, { kind: 'communes', communes: ['1'] })).toBe(false);
    expect(sameScope({ kind: 'communes', communes: ['1'] }, { kind: 'communes', communes: ['1', '2'] })).toBe(
      false,
    );
  });

  it('describes a scope in both languages', () => {
    expect(describeScope({ kind: 'all' })).toEqual({ vi: 'Toàn bộ địa bàn', en: 'Everywhere' });
    expect(describeScope({ kind: 'provinces', provinces: ['Kiên Giang'] })).toEqual({
      vi: 'Tỉnh: Kiên Giang',
      en: 'Province: Kiên Giang',
    });
    expect(describeScope({ kind: 'provinces', provinces: ['Kiên Giang', 'An Giang'] }).en).toBe(
      'Provinces: Kiên Giang, An Giang',
    );
    expect(describeScope({ kind: 'communes', communes: ['31006'] })).toEqual({
      vi: '1 xã: 31006',
      en: '1 commune: 31006',
    });
  });

  it('shortens a long commune list', () => {
    const communes = ['1', '2', '3', '4', '5', '6', '7'];
    expect(describeScope({ kind: 'communes', communes })).toEqual({
      vi: '7 xã: 1, 2, 3, 4, 5, …',
      en: '7 communes: 1, 2, 3, 4, 5, …',
    });
  });
});
