import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import { type ListSuggestionInput, type SuggestionCandidate, suggestList } from './list-suggestion';

/** Ten communes in four groups; the score falls with the unit id, so rank = unit id. */
const CANDIDATES: readonly SuggestionCandidate[] = Object.freeze(
  (
    [
      [1, 10, 'A'],
      [2, 9, 'A'],
      [3, 8, 'A'],
      [4, 7, 'B'],
      [5, 6, 'B'],
      [6, 5, 'C'],
      [7, 4, 'C'],
      [8, 3, 'D'],
      [9, 2, 'A'],
      [10, 1, 'B'],
    ] as const
  ).map(([unitId, score, group]) => Object.freeze({ unitId, score, group })),
);

function suggest(change: Partial<ListSuggestionInput>) {
  return suggestList({ candidates: CANDIDATES, size: 3, ...change });
}

function summary(change: Partial<ListSuggestionInput>) {
  const result = suggest(change);
  return {
    list: result.communes.map((commune) => `${commune.unitId}:${commune.reason}`),
    problems: result.problems.map((problem) =>
      problem.group ? `${problem.code}:${problem.group}` : problem.code,
    ),
    feasible: result.feasible,
  };
}

describe('suggesting a list', () => {
  it('takes the best scores', () => {
    const result = suggest({});
    expect(result.feasible).toBe(true);
    expect(result.communes[0]).toEqual({
      unitId: 1,
      group: 'A',
      score: 10,
      rank: 1,
      reason: 'rank',
      explanation: { vi: 'Xếp hạng 1 theo điểm', en: 'Ranked 1 by score' },
    });
    expect(summary({}).list).toEqual(['1:rank', '2:rank', '3:rank']);
  });

  it('gives every group its minimum from its best communes, and names those the rule brought in', () => {
    // Size 5, one per group: 1 (A), 4 (B), 6 (C), 8 (D) are held; one open place goes to the best of the
    // rest, 2. By rank alone the list would be 1–5, so 6 and 8 are there for their groups.
    expect(summary({ size: 5, minimumPerGroup: 1 })).toEqual({
      list: ['1:rank', '2:rank', '4:rank', '6:group-minimum', '8:group-minimum'],
      problems: [],
      feasible: true,
    });
    const explanation = suggest({ size: 5, minimumPerGroup: 1 }).communes[3]?.explanation;
    expect(explanation).toEqual({
      vi: 'Bảo đảm tối thiểu 1 xã cho nhóm C (xếp hạng 6)',
      en: 'Gives the group C its minimum of 1 (ranked 6)',
    });
  });

  it('stops a group at its maximum', () => {
    expect(summary({ size: 5, maximumPerGroup: 2 }).list).toEqual([
      '1:rank',
      '2:rank',
      '4:rank',
      '5:rank',
      '6:rank',
    ]);
  });

  it('includes carry-overs even when excluded, and leaves out the excluded', () => {
    // 9 was "chưa đạt" last year, so it was selected then and is in the exclusion of recent selections too.
    expect(summary({ mustInclude: [{ unitId: 9, reason: 'carry-over' }], exclude: [2, 9] })).toEqual({
      list: ['1:rank', '3:rank', '9:carry-over'],
      problems: [],
      feasible: true,
    });
    expect(suggest({ mustInclude: [{ unitId: 9, reason: 'carry-over' }] }).communes[2]?.explanation.en).toBe(
      'Not achieved last year, carried over (ranked 9)',
    );
    expect(summary({ mustInclude: [{ unitId: 10, reason: 'planner' }] }).list).toEqual([
      '1:rank',
      '2:rank',
      '10:planner',
    ]);
  });

  it('counts must-includes towards their group minimum and maximum', () => {
    // 9 gives A its one; B, C, D take the three places left, none of them by rank alone (1–3 would).
    expect(
      summary({ size: 4, minimumPerGroup: 1, mustInclude: [{ unitId: 9, reason: 'carry-over' }] }).list,
    ).toEqual(['4:group-minimum', '6:group-minimum', '8:group-minimum', '9:carry-over']);
    // 9 fills A's maximum of 1: the next places go to other groups.
    expect(
      summary({ size: 3, maximumPerGroup: 1, mustInclude: [{ unitId: 9, reason: 'carry-over' }] }).list,
    ).toEqual(['4:rank', '6:rank', '9:carry-over']);
  });

  it('says when a must-include is not a candidate', () => {
    const result = suggest({ mustInclude: [{ unitId: 99, reason: 'carry-over' }] });
    expect(result.feasible).toBe(false);
    expect(result.problems).toEqual([
      {
        code: 'unknown-must-include',
        unitIds: [99],
        message: {
          vi: 'Đơn vị bắt buộc chọn không có trong danh sách ứng viên (có thể bị bộ lọc loại): 99',
          en: 'Units that must be included are not among the candidates (a filter may have left them out): 99',
        },
      },
    ]);
    expect(result.communes.map((commune) => commune.unitId)).toEqual([1, 2, 3]);
  });

  it('says when more communes must be included than the list holds', () => {
    expect(
      summary({
        size: 1,
        mustInclude: [
          { unitId: 2, reason: 'carry-over' },
          { unitId: 5, reason: 'carry-over' },
        ],
      }),
    ).toEqual({
      list: ['2:carry-over', '5:carry-over'],
      problems: ['must-include-over-size'],
      feasible: false,
    });
  });

  it("says when must-includes exceed a group's maximum", () => {
    expect(
      summary({
        maximumPerGroup: 1,
        mustInclude: [
          { unitId: 1, reason: 'carry-over' },
          { unitId: 2, reason: 'carry-over' },
        ],
      }),
    ).toEqual({
      list: ['1:carry-over', '2:carry-over', '4:rank'],
      problems: ['group-over-maximum:A'],
      feasible: false,
    });
  });

  it('says when a group has too few communes for its minimum', () => {
    // E has no candidate; C has two, one of them excluded, against a minimum of 2.
    expect(summary({ size: 9, minimumPerGroup: 2, groups: ['A', 'B', 'C', 'D', 'E'], exclude: [7] })).toEqual(
      {
        list: ['1:rank', '2:rank', '3:rank', '4:rank', '5:rank', '6:rank', '8:rank', '9:rank', '10:rank'],
        problems: ['group-below-minimum:C', 'group-below-minimum:D', 'group-below-minimum:E'],
        feasible: false,
      },
    );
  });

  it('says when the minimums do not fit in the list, and which groups go short', () => {
    // Four groups × 1 > 2 places: A and B, the best, get theirs; C and D go without.
    expect(summary({ size: 2, minimumPerGroup: 1 })).toEqual({
      list: ['1:rank', '4:group-minimum'],
      problems: ['minimums-over-size', 'group-below-minimum:C', 'group-below-minimum:D'],
      feasible: false,
    });
  });

  it('says when the candidates run out', () => {
    expect(summary({ size: 12 }).problems).toEqual(['not-enough-candidates']);
    expect(summary({ size: 12 }).list).toHaveLength(10);
    expect(summary({ size: 5, maximumPerGroup: 1 })).toEqual({
      list: ['1:rank', '4:rank', '6:rank', '8:rank'],
      problems: ['not-enough-candidates'],
      feasible: false,
    });
  });

  it('breaks equal scores by unit id', () => {
    const candidates = [
      { unitId: 7, score: 1, group: 'A' },
      { unitId: 3, score: 1, group: 'A' },
      { unitId: 5, score: 1, group: 'A' },
    ];
    expect(
      suggestList({ candidates, size: 2 }).communes.map((commune) => [commune.unitId, commune.rank]),
    ).toEqual([
      [3, 1],
      [5, 2],
    ]);
  });

  it.each([
    [{ size: 0 }, /list size must be a positive whole number/],
    [{ size: 2.5 }, /list size/],
    [{ minimumPerGroup: -1 }, /minimum per group must be a whole number/],
    [{ maximumPerGroup: 0 }, /maximum per group must be a positive/],
    [{ minimumPerGroup: 3, maximumPerGroup: 2 }, /minimum per group \(3\) is above the maximum \(2\)/],
    [{ candidates: [...CANDIDATES, { unitId: 1, score: 0, group: 'A' }] }, /Unit 1 is a candidate twice/],
    [
      { candidates: [{ unitId: 1, score: Number.NaN, group: 'A' }] },
      /score of unit 1 is not a finite number/,
    ],
    [{ candidates: [{ unitId: 1, score: 1, group: ' ' }] }, /Unit 1 has no group/],
    [{ mustInclude: [{ unitId: 1, reason: 'favourite' as 'planner' }] }, /"carry-over" or "planner"/],
  ] as [Partial<ListSuggestionInput>, RegExp][])('refuses %j in both languages', (change, en) => {
    try {
      suggest(change);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BilingualError);
      expect((error as BilingualError).text.en).toMatch(en);
      expect((error as BilingualError).text.vi.length).toBeGreaterThan(0);
    }
  });
});

/** Every subset of `size` out of the candidates meeting all constraints, by brute force: the best total. */
function bestFeasibleTotal(
  input: Required<Omit<ListSuggestionInput, 'groups' | 'maximumPerGroup'>> & {
    maximumPerGroup: number;
  },
): number | null {
  const { candidates, size, minimumPerGroup, maximumPerGroup } = input;
  const required = new Set(input.mustInclude.map((include) => include.unitId));
  const excluded = new Set(input.exclude.filter((unitId) => !required.has(unitId)));
  const groups = [...new Set(candidates.map((candidate) => candidate.group))];
  let best: number | null = null;
  const choose = (start: number, picked: SuggestionCandidate[]): void => {
    if (picked.length === size) {
      if (![...required].every((unitId) => picked.some((candidate) => candidate.unitId === unitId))) return;
      for (const group of groups) {
        const groupCount = picked.filter((candidate) => candidate.group === group).length;
        if (groupCount < minimumPerGroup || groupCount > maximumPerGroup) return;
      }
      const total = picked.reduce((sum, candidate) => sum + candidate.score, 0);
      if (best === null || total > best) best = total;
      return;
    }
    for (let index = start; index < candidates.length; index++) {
      const candidate = candidates[index] as SuggestionCandidate;
      if (excluded.has(candidate.unitId)) continue;
      choose(index + 1, [...picked, candidate]);
    }
  };
  choose(0, []);
  return best;
}

describe('suggestion properties', () => {
  it('finds a best feasible list whenever one exists, and says so when none does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom('A', 'B', 'C')), {
          minLength: 1,
          maxLength: 9,
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (rows, size, minimumPerGroup, extra, includePicks, excludePicks) => {
          const candidates = rows.map(([score, group], index) => ({ unitId: index + 1, score, group }));
          const maximumPerGroup = Math.max(1, minimumPerGroup + extra);
          const mustInclude = [...new Set(includePicks.map((pick) => (pick % candidates.length) + 1))].map(
            (unitId) => ({ unitId, reason: 'carry-over' as const }),
          );
          const exclude = excludePicks.map((pick) => (pick % candidates.length) + 1);
          const input = { candidates, size, minimumPerGroup, maximumPerGroup, mustInclude, exclude };
          const result = suggestList(input);
          const best = bestFeasibleTotal(input);
          expect(result.feasible).toBe(best !== null);
          if (best === null) return;
          const total = result.communes.reduce((sum, commune) => sum + commune.score, 0);
          expect(total).toBe(best);
          expect(result.communes).toHaveLength(size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
