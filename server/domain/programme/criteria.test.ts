import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import {
  assertValidCriteriaSet,
  type CriteriaSet,
  type Criterion,
  type CriterionValue,
  criteriaSetProblems,
  criterionValuesProblems,
  defaultCriteriaSet,
  evaluateCriteria,
  meetsThreshold,
} from './criteria';

const EVIDENCE = ['Biên bản họp Ban Chỉ đạo ngày 20/11/2021'];

/** Values under which a commune meets every criterion of the default set. */
function passingValues(): Record<string, CriterionValue> {
  return {
    'no-organised-crime': { value: true, evidence: EVIDENCE },
    'clearance-rate': { value: 85 },
    'very-serious-clearance-rate': { value: 100 },
    'crime-reports-handled-rate': { value: 100 },
    'recidivism-rate': { value: 10, evidence: EVIDENCE },
    'self-management-models': { value: 2 },
    'households-reached-rate': { value: 100, evidence: EVIDENCE },
    'flashpoints-formed': { value: 0 },
    'incidents-change-vs-same-window': { value: -12.5 },
    'political-system-consolidated': { value: true, evidence: EVIDENCE },
    'community-rules-effective': { value: true, evidence: EVIDENCE },
  };
}

function setWith(criterion: Partial<Criterion>): CriteriaSet {
  const base: Criterion = {
    code: 'sample',
    nameVi: 'Mẫu',
    nameEn: 'Sample',
    kind: 'entered',
    comparison: 'at-least',
    threshold: 1,
  };
  return {
    year: 2024,
    version: 1,
    groups: [{ code: 'group', nameVi: 'Nhóm', nameEn: 'Group', criteria: [{ ...base, ...criterion }] }],
  };
}

describe('criteria sets', () => {
  it('seeds the published criteria as a valid set', () => {
    const set = defaultCriteriaSet(2021);
    expect(criteriaSetProblems(set)).toEqual([]);
    const criteria = set.groups.flatMap((group) => group.criteria);
    expect(criteria).toHaveLength(11);
    expect(criteria.find((criterion) => criterion.code === 'clearance-rate')).toMatchObject({
      kind: 'computed',
      source: 'clearance-rate',
      comparison: 'at-least',
      threshold: 80,
      unitVi: '%',
    });
    expect(criteria.find((criterion) => criterion.code === 'very-serious-clearance-rate')?.threshold).toBe(
      95,
    );
    expect(criteria.find((criterion) => criterion.code === 'recidivism-rate')).toMatchObject({
      comparison: 'less-than',
      threshold: 15,
    });
  });

  it('judges a commune that meets everything as achieved', () => {
    const evaluation = evaluateCriteria(defaultCriteriaSet(2021), passingValues());
    expect(evaluation).toMatchObject({ met: 11, notMet: 0, missing: 0, overall: 'achieved', allMet: true });
  });

  it('judges each comparison at and around its threshold', () => {
    expect(meetsThreshold(80, 'at-least', 80)).toBe(true);
    expect(meetsThreshold(79.9, 'at-least', 80)).toBe(false);
    expect(meetsThreshold(15, 'less-than', 15)).toBe(false);
    expect(meetsThreshold(14.9, 'less-than', 15)).toBe(true);
    expect(meetsThreshold(3, 'at-most', 3)).toBe(true);
    expect(meetsThreshold(3.1, 'at-most', 3)).toBe(false);
    expect(meetsThreshold(0, 'equal', 0)).toBe(true);
    expect(meetsThreshold(1, 'equal', 0)).toBe(false);
    // 7 of 100 computed as a share: 0.07 × 100 is 7.000000000000001 in binary.
    expect(meetsThreshold(0.07 * 100, 'at-most', 7)).toBe(true);
    expect(meetsThreshold(0.07 * 100, 'equal', 7)).toBe(true);
  });

  it('fails the commune on one unmet criterion, whatever is missing', () => {
    const values = passingValues();
    values['clearance-rate'] = { value: 79 };
    delete values['flashpoints-formed'];
    const evaluation = evaluateCriteria(defaultCriteriaSet(2021), values);
    expect(evaluation).toMatchObject({
      met: 9,
      notMet: 1,
      missing: 1,
      overall: 'not-achieved',
      allMet: false,
    });
    expect(evaluation.results.find((result) => result.code === 'clearance-rate')).toEqual({
      code: 'clearance-rate',
      groupCode: 'clearance',
      outcome: 'not-met',
      value: 79,
    });
  });

  it('holds a commune back as incomplete while a value or its evidence is missing', () => {
    const values = passingValues();
    values['flashpoints-formed'] = { value: null };
    values['recidivism-rate'] = { value: 5 };
    values['political-system-consolidated'] = { value: true, evidence: [' '] };
    values['community-rules-effective'] = { value: 3, evidence: EVIDENCE };
    const evaluation = evaluateCriteria(defaultCriteriaSet(2021), values);
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.missing).toBe(4);
    const reasons = Object.fromEntries(
      evaluation.results
        .filter((result) => result.outcome === 'missing')
        .map((result) => [result.code, result.missingReason?.en]),
    );
    expect(reasons).toEqual({
      'flashpoints-formed': 'No value yet',
      'recidivism-rate': 'No evidence yet',
      'political-system-consolidated': 'No evidence yet',
      'community-rules-effective': 'Needs a yes or no',
    });
  });

  it('judges a yes-no criterion on the answer and lets a criterion not apply', () => {
    const values = passingValues();
    values['no-organised-crime'] = { value: false, evidence: EVIDENCE };
    // No very serious case in the window: 0 of 0 is no rate.
    values['very-serious-clearance-rate'] = { value: null, notApplicable: true };
    const evaluation = evaluateCriteria(defaultCriteriaSet(2021), values);
    expect(evaluation.results.find((result) => result.code === 'no-organised-crime')?.outcome).toBe(
      'not-met',
    );
    expect(evaluation.results.find((result) => result.code === 'very-serious-clearance-rate')?.outcome).toBe(
      'not-applicable',
    );
    expect(evaluation.notApplicable).toBe(1);
    values['no-organised-crime'] = { value: true, evidence: EVIDENCE };
    expect(evaluateCriteria(defaultCriteriaSet(2021), values).overall).toBe('achieved');
  });

  it('does not take a value from the prototype of the values object', () => {
    const set = setWith({
      code: 'constructor',
      kind: 'computed',
      source: 'flashpoints-formed',
      comparison: 'equal',
      threshold: 0,
    });
    expect(evaluateCriteria(set, {}).results[0]?.outcome).toBe('missing');
  });

  it.each([
    [{ year: 1999 }, /Năm của bộ tiêu chí/, /year must be from 2000/],
    [{ version: 0 }, /Phiên bản/, /version must be a positive/],
    [{ groups: [] }, /ít nhất một tiêu chí/, /at least one criterion/],
  ] as [Partial<CriteriaSet>, RegExp, RegExp][])('refuses a set with %j', (change, vi, en) => {
    const set = { ...defaultCriteriaSet(2021), ...change };
    const problems = criteriaSetProblems(set);
    expect(problems.map((problem) => problem.vi).join('; ')).toMatch(vi);
    expect(problems.map((problem) => problem.en).join('; ')).toMatch(en);
    expect(() => assertValidCriteriaSet(set)).toThrow(BilingualError);
  });

  it.each([
    [{ code: 'Tỷ lệ' }, /Invalid criterion code/],
    [{ nameEn: '' }, /needs a Vietnamese and an English name/],
    [{ kind: 'guessed' as 'entered' }, /no kind "guessed"/],
    [{ comparison: 'between' as 'equal' }, /no comparison "between"/],
    [{ kind: 'computed' }, /needs a source, one of: clearance-rate/],
    [{ kind: 'computed', source: 'arrests' as 'clearance-rate' }, /needs a source/],
    [
      { kind: 'computed', source: 'clearance-rate', comparison: 'yes-no', threshold: undefined },
      /not yes\/no/,
    ],
    [{ source: 'clearance-rate' }, /entered criterion "sample" has no computed source/],
    [{ comparison: 'yes-no' }, /takes no threshold/],
    [{ threshold: undefined }, /needs a number as threshold/],
    [{ threshold: Number.NaN }, /needs a number as threshold/],
    [{ kind: 'computed', source: 'clearance-rate', threshold: 120 }, /outside the values/],
  ] as [Partial<Criterion>, RegExp][])('refuses a criterion with %j', (change, en) => {
    const problems = criteriaSetProblems(setWith(change));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((problem) => problem.en).join('; ')).toMatch(en);
    expect(problems.every((problem) => problem.vi.length > 0)).toBe(true);
  });

  it('refuses codes used twice', () => {
    const set = defaultCriteriaSet(2021);
    const first = set.groups[1] as CriteriaSet['groups'][number];
    set.groups.push({ ...first });
    const problems = criteriaSetProblems(set).map((problem) => problem.en);
    expect(problems).toContain('The group code "clearance" is used twice');
    expect(problems).toContain('The criterion code "clearance-rate" is used twice');
  });

  it('checks values sent for a set', () => {
    const set = defaultCriteriaSet(2021);
    expect(criterionValuesProblems(set, passingValues())).toEqual([]);
    expect(criterionValuesProblems(set, { 'clearance-rate': { value: null } })).toEqual([]);
    const problems = criterionValuesProblems(set, {
      arrests: { value: 3 },
      'clearance-rate': { value: true },
      'no-organised-crime': { value: 1 },
      'incidents-change-vs-same-window': { value: Number.POSITIVE_INFINITY },
      'recidivism-rate': { value: 4, evidence: [3] as unknown as string[] },
    }).map((problem) => problem.en);
    expect(problems).toEqual([
      'The 2021 criteria set has no criterion "arrests"',
      'The criterion "clearance-rate" needs a number',
      'The criterion "no-organised-crime" needs a yes or no',
      'The criterion "incidents-change-vs-same-window" needs a number',
      'The evidence of the criterion "recidivism-rate" must be a list of texts',
    ]);
  });
});
