import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import {
  type CandidateScoreInput,
  explainCandidate,
  type Normalisation,
  scoreCandidates,
  topCandidates,
} from './candidate-score';

/**
 * Four communes, two factors:
 *   A (weight 1, higher is worse):  2, 4, 4, 10
 *   B (weight 2, higher is better): missing, 1, 3, 2
 */
function handInput(normalisation: Normalisation, missingValues?: 'mean' | 'minimum'): CandidateScoreInput {
  return {
    unitIds: [10, 20, 30, 40],
    normalisation,
    ...(missingValues ? { missingValues } : {}),
    factors: [
      { code: 'incident-rate-per-1000', weight: 1, direction: 'higher-is-worse', values: [2, 4, 4, 10] },
      {
        code: 'years-since-last-transformed',
        weight: 2,
        direction: 'higher-is-better',
        values: [null, 1, 3, 2],
      },
    ],
  };
}

/** Column j of a row-major matrix. */
function column(matrix: Float64Array, factorCount: number, factorIndex: number): number[] {
  const values: number[] = [];
  for (let index = factorIndex; index < matrix.length; index += factorCount)
    values.push(matrix[index] as number);
  return values;
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, index) => {
    expect(actual[index]).toBeCloseTo(value, 12);
  });
}

describe('candidate scores', () => {
  it('normalises min-max by hand', () => {
    // A: min 2, max 10, range 8 → 0, 2/8, 2/8, 1.
    // B reversed (−x): present −1, −3, −2 for 20, 30, 40; min −3, max −1, range 2 → 1, 0, 0.5;
    //   commune 10 has no value: the mean of 1, 0, 0.5 = 0.5, flagged.
    // Scores (1 × A + 2 × B): 10: 0 + 1 = 1; 20: 0.25 + 2 = 2.25; 30: 0.25 + 0 = 0.25; 40: 1 + 1 = 2.
    const scores = scoreCandidates(handInput('min-max'));
    expectClose(column(scores.normalised, 2, 0), [0, 0.25, 0.25, 1]);
    expectClose(column(scores.normalised, 2, 1), [0.5, 1, 0, 0.5]);
    expect([...scores.imputed]).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    expectClose(scores.scores, [1, 2.25, 0.25, 2]);
    expect([...scores.order]).toEqual([1, 3, 0, 2]);
    expect([...scores.ranks]).toEqual([3, 1, 4, 2]);
    expect(scores.statistics[1]).toEqual({
      code: 'years-since-last-transformed',
      present: 3,
      minimum: 1,
      maximum: 3,
      mean: 2,
      standardDeviation: Math.sqrt(2 / 3),
      imputedValue: 0.5,
    });
  });

  it('normalises by z-score by hand', () => {
    // A: mean 5, deviations −3, −1, −1, 5, squares sum 36, /4 = 9, sd 3 → −1, −1/3, −1/3, 5/3.
    // B reversed: −1, −3, −2; mean −2; deviations 1, −1, 0; sd √(2/3) → 1.2247…, −1.2247…, 0; missing → mean 0.
    const scores = scoreCandidates(handInput('z-score'));
    expectClose(column(scores.normalised, 2, 0), [-1, -1 / 3, -1 / 3, 5 / 3]);
    const unit = 1 / Math.sqrt(2 / 3);
    expectClose(column(scores.normalised, 2, 1), [0, unit, -unit, 0]);
    expectClose(scores.scores, [-1, -1 / 3 + 2 * unit, -1 / 3 - 2 * unit, 5 / 3]);
  });

  it('normalises by rank by hand, averaging ties', () => {
    // A sorted 2, 4, 4, 10: ranks 1, 2.5, 2.5, 4 → (r − 1) / 3 = 0, 0.5, 0.5, 1.
    // B reversed sorted −3 (30), −2 (40), −1 (20): ranks 1, 2, 3 → 0, 0.5, 1; missing → mean 0.5.
    const scores = scoreCandidates(handInput('rank'));
    expectClose(column(scores.normalised, 2, 0), [0, 0.5, 0.5, 1]);
    expectClose(column(scores.normalised, 2, 1), [0.5, 1, 0, 0.5]);
  });

  it('gives missing values the lowest normalised value when asked', () => {
    // Min-max B: present 1, 0, 0.5 → the lowest, 0.
    expect(column(scoreCandidates(handInput('min-max', 'minimum')).normalised, 2, 1)[0]).toBe(0);
    // Z-score B: the lowest is −1.2247…
    expect(column(scoreCandidates(handInput('z-score', 'minimum')).normalised, 2, 1)[0]).toBeCloseTo(
      -1 / Math.sqrt(2 / 3),
      12,
    );
  });

  it('gives 0 to a factor whose values are all equal or all missing', () => {
    for (const normalisation of ['min-max', 'z-score', 'rank'] as const) {
      const scores = scoreCandidates({
        unitIds: [1, 2, 3],
        normalisation,
        factors: [
          { code: 'flat', weight: 1, direction: 'higher-is-worse', values: [5, 5, 5] },
          { code: 'empty', weight: 1, direction: 'higher-is-worse', values: [Number.NaN, null, undefined] },
        ],
      });
      expect([...scores.normalised]).toEqual([0, 0, 0, 0, 0, 0]);
      expect([...scores.imputed]).toEqual([0, 1, 0, 1, 0, 1]);
      expect(scores.statistics[1]?.present).toBe(0);
    }
  });

  it('breaks equal scores by unit id and explains a commune as plain JSON', () => {
    const scores = scoreCandidates({
      unitIds: [30, 10, 20],
      normalisation: 'min-max',
      factors: [{ code: 'open-flashpoints', weight: 3, direction: 'higher-is-worse', values: [1, 1, 0] }],
    });
    expect([...scores.order]).toEqual([1, 0, 2]);
    const explanation = explainCandidate(scores, 0);
    expect(explanation).toEqual({
      unitId: 30,
      score: 3,
      rank: 2,
      factors: [
        {
          code: 'open-flashpoints',
          weight: 3,
          direction: 'higher-is-worse',
          raw: 1,
          normalised: 1,
          contribution: 3,
          imputed: false,
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(explanation))).toEqual(explanation);
    expect(topCandidates(scores, 2).map((candidate) => candidate.unitId)).toEqual([10, 30]);
    expect(topCandidates(scores, 10)).toHaveLength(3);
  });

  it('says the missing value is missing in the explanation', () => {
    const explanation = explainCandidate(scoreCandidates(handInput('rank')), 0);
    expect(explanation.factors[1]).toMatchObject({
      raw: null,
      normalised: 0.5,
      contribution: 1,
      imputed: true,
    });
  });

  it.each([
    [{ normalisation: 'log' as Normalisation }, /no normalisation "log"/],
    [{ missingValues: 'zero' as 'mean' }, /no way "zero"/],
    [{ unitIds: [1, 1, 2, 3] }, /Unit id 2 \(1\) is invalid or repeated/],
    [{ factors: [] }, /Pick from 1 to 30 factors/],
    [
      { factors: [{ code: 'a', weight: 0, direction: 'higher-is-worse' as const, values: [1, 2, 3, 4] }] },
      /At least one weight must be above 0/,
    ],
    [
      { factors: [{ code: 'a', weight: -1, direction: 'higher-is-worse' as const, values: [1, 2, 3, 4] }] },
      /weight of "a" must be a number of zero or more/,
    ],
    [
      { factors: [{ code: 'a', weight: 1, direction: 'up' as 'higher-is-worse', values: [1, 2, 3, 4] }] },
      /direction of "a"/,
    ],
    [
      { factors: [{ code: 'a', weight: 1, direction: 'higher-is-worse' as const, values: [1, 2, 3] }] },
      /"a" has 3 values for 4 units/,
    ],
    [
      {
        factors: [
          {
            code: 'a',
            weight: 1,
            direction: 'higher-is-worse' as const,
            values: [1, 2, Number.POSITIVE_INFINITY, 4],
          },
        ],
      },
      /Value 3 of "a" is not a finite number/,
    ],
    [
      {
        factors: [
          { code: 'a', weight: 1, direction: 'higher-is-worse' as const, values: [1, 2, 3, 4] },
          { code: 'a', weight: 1, direction: 'higher-is-worse' as const, values: [1, 2, 3, 4] },
        ],
      },
      /"a" is picked twice/,
    ],
  ] as [Partial<CandidateScoreInput>, RegExp][])('refuses %j in both languages', (change, en) => {
    try {
      scoreCandidates({ ...handInput('min-max'), ...change });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BilingualError);
      expect((error as BilingualError).text.en).toMatch(en);
      expect((error as BilingualError).text.vi.length).toBeGreaterThan(0);
    }
  });
});

/** Communes with a few factors of small whole values (ties likely), some missing. */
const scoringInput = fc
  .record({
    communes: fc.integer({ min: 1, max: 40 }),
    factorCount: fc.integer({ min: 1, max: 5 }),
    normalisation: fc.constantFrom<Normalisation>('min-max', 'z-score', 'rank'),
    missingValues: fc.constantFrom<'mean' | 'minimum'>('mean', 'minimum'),
  })
  .chain(({ communes, factorCount, normalisation, missingValues }) =>
    fc.record({
      normalisation: fc.constant(normalisation),
      missingValues: fc.constant(missingValues),
      unitIds: fc.constant(Array.from({ length: communes }, (_, index) => index + 1)),
      factors: fc.tuple(
        ...Array.from({ length: factorCount }, (_, factorIndex) =>
          fc.record({
            code: fc.constant(`factor-${factorIndex}`),
            weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
            direction: fc.constantFrom('higher-is-worse' as const, 'higher-is-better' as const),
            values: fc.array(fc.option(fc.integer({ min: -50, max: 200 }), { nil: null, freq: 6 }), {
              minLength: communes,
              maxLength: communes,
            }),
          }),
        ),
      ),
    }),
  );

describe('candidate score properties', () => {
  it('sums the contributions of every commune to its score', () => {
    fc.assert(
      fc.property(scoringInput, (input) => {
        const scores = scoreCandidates(input);
        const factorCount = input.factors.length;
        for (let index = 0; index < scores.scores.length; index++) {
          let sum = 0;
          for (let factorIndex = 0; factorIndex < factorCount; factorIndex++) {
            sum += scores.contributions[index * factorCount + factorIndex] as number;
          }
          expect(sum).toBeCloseTo(scores.scores[index] as number, 9);
          const explained = explainCandidate(scores, index);
          const explainedSum = explained.factors.reduce((total, factor) => total + factor.contribution, 0);
          expect(explainedSum).toBeCloseTo(explained.score, 9);
        }
      }),
    );
  });

  it('keeps min-max and rank results when a factor is scaled by a positive constant', () => {
    fc.assert(
      fc.property(
        scoringInput.filter((input) => input.normalisation !== 'z-score'),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.nat(),
        (input, constant, pick) => {
          const factorIndex = pick % input.factors.length;
          const scaled = {
            ...input,
            factors: input.factors.map((factor, index) =>
              index === factorIndex
                ? {
                    ...factor,
                    values: factor.values.map((value) => (value === null ? null : value * constant)),
                  }
                : factor,
            ),
          };
          const before = scoreCandidates(input);
          const after = scoreCandidates(scaled);
          for (let index = 0; index < before.normalised.length; index++) {
            expect(after.normalised[index]).toBeCloseTo(before.normalised[index] as number, 9);
          }
          for (let index = 0; index < before.scores.length; index++) {
            expect(after.scores[index]).toBeCloseTo(before.scores[index] as number, 9);
          }
          if (input.normalisation === 'rank') expect([...after.order]).toEqual([...before.order]);
        },
      ),
    );
  });

  it('ranks the same communes whether a factor is reversed or its values negated', () => {
    fc.assert(
      fc.property(scoringInput, (input) => {
        const flipped = {
          ...input,
          factors: input.factors.map((factor) => ({
            ...factor,
            direction:
              factor.direction === 'higher-is-worse'
                ? ('higher-is-better' as const)
                : ('higher-is-worse' as const),
            values: factor.values.map((value) => (value === null ? null : -value)),
          })),
        };
        const before = scoreCandidates(input);
        const after = scoreCandidates(flipped);
        for (let index = 0; index < before.scores.length; index++) {
          expect(after.scores[index]).toBeCloseTo(before.scores[index] as number, 9);
        }
      }),
    );
  });
});
