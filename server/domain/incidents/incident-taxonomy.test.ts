import { describe, expect, it } from 'vitest';
import { foldText } from '../text/fold-text';
import { DEFAULT_INCIDENT_CATEGORIES, SEVERITIES, SEVERITY_NAMES } from './incident-taxonomy';
import { matchCategory } from './parse-incident-values';

describe('DEFAULT_INCIDENT_CATEGORIES', () => {
  const codes = DEFAULT_INCIDENT_CATEGORIES.map((category) => category.code);

  it('has the Ministry groups, the four social evils, traffic accidents, fires and "other"', () => {
    expect(codes).toEqual([
      'trat-tu-xa-hoi',
      'trat-tu-kinh-te',
      'moi-truong',
      'ma-tuy',
      'tham-nhung',
      'danh-bac',
      'so-de',
      'da-ga',
      'mai-dam',
      'tai-nan-giao-thong',
      'chay-no',
      'khac',
    ]);
    const socialEvils = DEFAULT_INCIDENT_CATEGORIES.filter((category) => category.group === 'te-nan-xa-hoi');
    expect(socialEvils.map((category) => category.code)).toEqual(['danh-bac', 'so-de', 'da-ga', 'mai-dam']);
    expect(DEFAULT_INCIDENT_CATEGORIES[0]?.nameVi).toBe('Tội phạm về trật tự xã hội');
  });

  it('uses kebab-case codes without accents, and names in both languages', () => {
    for (const category of DEFAULT_INCIDENT_CATEGORIES) {
      expect(category.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(category.group).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(category.nameVi.length).toBeGreaterThan(0);
      expect(category.nameEn.length).toBeGreaterThan(0);
      expect(category.aliases.length).toBeGreaterThan(2);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every folded alias to one category only', () => {
    const owners = new Map<string, string>();
    for (const category of DEFAULT_INCIDENT_CATEGORIES) {
      for (const name of [category.code, category.nameVi, category.nameEn, ...category.aliases]) {
        const folded = foldText(name);
        const owner = owners.get(folded);
        expect(
          owner === undefined || owner === category.code,
          `"${name}" in ${owner} and ${category.code}`,
        ).toBe(true);
        owners.set(folded, category.code);
      }
    }
  });

  it('matches each category by its own names and aliases', () => {
    for (const category of DEFAULT_INCIDENT_CATEGORIES) {
      for (const name of [category.nameVi, category.nameEn, ...category.aliases]) {
        expect(matchCategory(name, DEFAULT_INCIDENT_CATEGORIES), name).toBe(category.code);
        expect(matchCategory(name.toUpperCase(), DEFAULT_INCIDENT_CATEGORIES), name).toBe(category.code);
      }
    }
  });
});

describe('SEVERITIES', () => {
  it('lists the four classes of the Penal Code, lightest first, named in both languages', () => {
    expect(SEVERITIES).toEqual([
      'it-nghiem-trong',
      'nghiem-trong',
      'rat-nghiem-trong',
      'dac-biet-nghiem-trong',
    ]);
    expect(SEVERITY_NAMES['dac-biet-nghiem-trong']).toEqual({
      vi: 'Đặc biệt nghiêm trọng',
      en: 'Particularly serious',
    });
    for (const severity of SEVERITIES)
      expect(foldText(SEVERITY_NAMES[severity].vi)).toBe(severity.replace(/-/g, ' '));
  });
});
