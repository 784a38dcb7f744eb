import { BilingualError, type BilingualText, bilingual } from '../bilingual';
import { isNonBlankText, isWholeNumberBetween } from './problems';

/**
 * "Suggest a list" (issue 6): the year's list of `size` communes, best scores first, under the planner's
 * constraints: at least `minimumPerGroup` and at most `maximumPerGroup` communes per group (a former
 * district: plans asked each district for at least one commune, domain.md workflow step 2), communes that
 * must be in it (carry-overs, "chưa đạt" last year, domain.md step 7; the planner's own picks), and
 * communes left out (e.g. selected in the last N years). The planner then edits the list on the map.
 *
 * Greedy, and exact when the constraints can all be met: every group's minimum must come from its best
 * eligible communes (exchanging any other for one of those only raises the total score), and the places
 * left are filled best-first under the maxima, which is optimal for a cardinality limit with per-group
 * caps (a partition matroid). Walking the ranking once does both: a commune of a group still short of
 * its minimum takes one of the places held for that group, any other takes an open place while one is
 * left and its group is under its maximum.
 *
 * Constraints that cannot all be met are not an error: the list is still the best the constraints allow
 * (must-includes first, then minimums in score order while places last), and `problems` says which
 * constraint failed and why. Input that makes no sense (a size of 0, a minimum above the maximum) throws
 * a BilingualError.
 */

export interface SuggestionCandidate {
  unitId: number;
  /** From candidate-score.ts; higher is a stronger candidate. */
  score: number;
  /** The group the per-group limits count in, e.g. the former district's code. */
  group: string;
}

export type MustIncludeReason = 'carry-over' | 'planner';

export interface MustInclude {
  unitId: number;
  reason: MustIncludeReason;
}

export interface ListSuggestionInput {
  candidates: readonly SuggestionCandidate[];
  size: number;
  /** Default 0. */
  minimumPerGroup?: number;
  /** Default: no maximum. */
  maximumPerGroup?: number;
  /**
   * The groups the minimum applies to; default every group among the candidates. Name them all (e.g.
   * every former district of the province) to hear about a group with no candidate at all.
   */
  groups?: readonly string[];
  /**
   * Always in the list, even when also excluded: a carry-over was selected last year, so "not selected in
   * the last N years" would otherwise always drop it.
   */
  mustInclude?: readonly MustInclude[];
  exclude?: readonly number[];
}

export type SuggestionReason = MustIncludeReason | 'rank' | 'group-minimum';

export interface SuggestedCommune {
  unitId: number;
  group: string;
  score: number;
  /** The place in the ranking of all candidates, 1 for the best score (equal scores by unit id). */
  rank: number;
  reason: SuggestionReason;
  /** Why it is in the list, for the planner and the decision annex's justification. */
  explanation: BilingualText;
}

export type SuggestionProblemCode =
  | 'unknown-must-include'
  | 'must-include-over-size'
  | 'group-over-maximum'
  | 'group-below-minimum'
  | 'minimums-over-size'
  | 'not-enough-candidates';

export interface SuggestionProblem {
  code: SuggestionProblemCode;
  message: BilingualText;
  group?: string;
  unitIds?: number[];
}

export interface ListSuggestion {
  /** Best rank first. */
  communes: SuggestedCommune[];
  /** Whether every constraint holds; when false, `problems` says which do not. */
  feasible: boolean;
  problems: SuggestionProblem[];
}

/** Checks what a user could get wrong; throws a BilingualError. */
function checkInput(input: ListSuggestionInput): void {
  const fail = (vi: string, en: string): never => {
    throw new BilingualError(bilingual(vi, en));
  };
  if (!isWholeNumberBetween(input.size, 1, Number.MAX_SAFE_INTEGER)) {
    fail(
      `Số xã của danh sách phải là số nguyên dương: ${input.size}`,
      `The list size must be a positive whole number: ${input.size}`,
    );
  }
  const minimum = input.minimumPerGroup ?? 0;
  if (!isWholeNumberBetween(minimum, 0, Number.MAX_SAFE_INTEGER)) {
    fail(
      `Số xã tối thiểu mỗi nhóm phải là số nguyên không âm: ${minimum}`,
      `The minimum per group must be a whole number of zero or more: ${minimum}`,
    );
  }
  const maximum = input.maximumPerGroup;
  if (maximum !== undefined) {
    if (!isWholeNumberBetween(maximum, 1, Number.MAX_SAFE_INTEGER)) {
      fail(
        `Số xã tối đa mỗi nhóm phải là số nguyên dương: ${maximum}`,
        `The maximum per group must be a positive whole number: ${maximum}`,
      );
    }
    if (minimum > maximum) {
      fail(
        `Số xã tối thiểu mỗi nhóm (${minimum}) lớn hơn tối đa (${maximum})`,
        `The minimum per group (${minimum}) is above the maximum (${maximum})`,
      );
    }
  }
  const seen = new Set<number>();
  for (const candidate of input.candidates) {
    if (seen.has(candidate.unitId)) {
      fail(
        `Đơn vị ${candidate.unitId} có hai lần trong danh sách ứng viên`,
        `Unit ${candidate.unitId} is a candidate twice`,
      );
    }
    seen.add(candidate.unitId);
    if (!Number.isFinite(candidate.score)) {
      fail(
        `Điểm của đơn vị ${candidate.unitId} không phải là số hữu hạn`,
        `The score of unit ${candidate.unitId} is not a finite number`,
      );
    }
    if (!isNonBlankText(candidate.group)) {
      fail(`Đơn vị ${candidate.unitId} chưa thuộc nhóm nào`, `Unit ${candidate.unitId} has no group`);
    }
  }
  for (const include of input.mustInclude ?? []) {
    if (include.reason !== 'carry-over' && include.reason !== 'planner') {
      fail(
        `Lý do bắt buộc chọn đơn vị ${include.unitId} phải là "carry-over" hoặc "planner"`,
        `The reason unit ${include.unitId} must be included must be "carry-over" or "planner"`,
      );
    }
  }
}

function byScore(first: SuggestionCandidate, second: SuggestionCandidate): number {
  return second.score - first.score || first.unitId - second.unitId;
}

/** The suggested list; see the file's comment for the rules. */
export function suggestList(input: ListSuggestionInput): ListSuggestion {
  checkInput(input);
  const { size } = input;
  const minimum = input.minimumPerGroup ?? 0;
  const maximum = input.maximumPerGroup ?? Number.POSITIVE_INFINITY;
  const ranking = [...input.candidates].sort(byScore);
  const rankOf = new Map<number, number>();
  const candidateOf = new Map<number, SuggestionCandidate>();
  ranking.forEach((candidate, index) => {
    rankOf.set(candidate.unitId, index + 1);
    candidateOf.set(candidate.unitId, candidate);
  });

  const problems: SuggestionProblem[] = [];
  const chosen = new Map<number, SuggestionReason>();
  const countOf = new Map<string, number>();
  const count = (group: string) => countOf.get(group) ?? 0;
  const take = (candidate: SuggestionCandidate, reason: SuggestionReason) => {
    chosen.set(candidate.unitId, reason);
    countOf.set(candidate.group, count(candidate.group) + 1);
  };

  // 1. Must-includes, whatever else holds.
  const unknown: number[] = [];
  for (const include of input.mustInclude ?? []) {
    const candidate = candidateOf.get(include.unitId);
    if (!candidate) unknown.push(include.unitId);
    else if (!chosen.has(candidate.unitId)) take(candidate, include.reason);
  }
  if (unknown.length > 0) {
    problems.push({
      code: 'unknown-must-include',
      unitIds: unknown,
      message: bilingual(
        `Đơn vị bắt buộc chọn không có trong danh sách ứng viên (có thể bị bộ lọc loại): ${unknown.join(', ')}`,
        `Units that must be included are not among the candidates (a filter may have left them out): ${unknown.join(', ')}`,
      ),
    });
  }
  if (chosen.size > size) {
    problems.push({
      code: 'must-include-over-size',
      unitIds: [...chosen.keys()],
      message: bilingual(
        `Có ${chosen.size} xã bắt buộc chọn, nhiều hơn số xã của danh sách (${size})`,
        `${chosen.size} communes must be included, more than the list size (${size})`,
      ),
    });
  }
  for (const [group, groupCount] of countOf) {
    if (groupCount > maximum) {
      problems.push({
        code: 'group-over-maximum',
        group,
        message: bilingual(
          `Nhóm ${group} có ${groupCount} xã bắt buộc chọn, nhiều hơn tối đa ${maximum}`,
          `The group ${group} has ${groupCount} communes that must be included, more than the maximum of ${maximum}`,
        ),
      });
    }
  }

  // 2. The places each group still needs for its minimum, as far as it has eligible communes.
  const excluded = new Set(input.exclude ?? []);
  const eligible = ranking.filter(
    (candidate) => !excluded.has(candidate.unitId) && !chosen.has(candidate.unitId),
  );
  const eligibleCount = new Map<string, number>();
  for (const candidate of eligible)
    eligibleCount.set(candidate.group, (eligibleCount.get(candidate.group) ?? 0) + 1);
  const groups = input.groups ?? [...new Set(ranking.map((candidate) => candidate.group))];
  const need = new Map<string, number>();
  const short = new Set<string>();
  for (const group of new Set(groups)) {
    const wanted = Math.max(0, minimum - count(group));
    const available = eligibleCount.get(group) ?? 0;
    if (available < wanted) {
      short.add(group);
      problems.push({
        code: 'group-below-minimum',
        group,
        message: bilingual(
          `Nhóm ${group} chỉ có ${count(group) + available} xã có thể chọn, ít hơn tối thiểu ${minimum}`,
          `The group ${group} has only ${count(group) + available} communes to choose from, fewer than the minimum of ${minimum}`,
        ),
      });
    }
    need.set(group, Math.min(wanted, available));
  }
  let held = 0;
  for (const places of need.values()) held += places;
  let open = size - chosen.size - held;
  // Places the must-includes already overfill are their problem, reported above.
  if (held > Math.max(0, size - chosen.size)) {
    problems.push({
      code: 'minimums-over-size',
      message: bilingual(
        `Danh sách ${size} xã không đủ chỗ cho ${minimum} xã mỗi nhóm (${held + chosen.size} xã cần thiết)`,
        `A list of ${size} has no room for ${minimum} per group (${held + chosen.size} places needed)`,
      ),
    });
  }
  open = Math.max(0, open);

  // 3. One walk down the ranking. A commune taken for its group's minimum that the ranking alone would
  // have taken too is there by rank: "minimum for its group" names only those the rule brought in.
  const byRankAlone = rankAlone(eligible, size - chosen.size, maximum, countOf);
  for (const candidate of eligible) {
    if (chosen.size >= size) break;
    const { group } = candidate;
    if (count(group) >= maximum) continue;
    const groupNeed = need.get(group) ?? 0;
    if (groupNeed > 0) {
      need.set(group, groupNeed - 1);
      take(candidate, byRankAlone.has(candidate.unitId) ? 'rank' : 'group-minimum');
    } else if (open > 0) {
      open--;
      take(candidate, 'rank');
    }
  }

  if (chosen.size < size) {
    problems.push({
      code: 'not-enough-candidates',
      message: bilingual(
        `Chỉ chọn được ${chosen.size} trong ${size} xã: hết ứng viên phù hợp (sau khi loại trừ và giới hạn mỗi nhóm)`,
        `Only ${chosen.size} of ${size} communes could be chosen: no eligible candidate is left (after exclusions and the per-group maximum)`,
      ),
    });
  }
  for (const group of new Set(groups)) {
    if (count(group) < minimum && !short.has(group)) {
      problems.push({
        code: 'group-below-minimum',
        group,
        message: bilingual(
          `Nhóm ${group} chỉ có ${count(group)} xã trong danh sách, ít hơn tối thiểu ${minimum}: danh sách đã đủ ${size} xã`,
          `The group ${group} has only ${count(group)} communes in the list, fewer than the minimum of ${minimum}: the list is full at ${size}`,
        ),
      });
    }
  }

  const communes = [...chosen]
    .map(([unitId, reason]) => {
      const candidate = candidateOf.get(unitId) as SuggestionCandidate;
      const rank = rankOf.get(unitId) as number;
      return {
        unitId,
        group: candidate.group,
        score: candidate.score,
        rank,
        reason,
        explanation: explain(reason, rank, candidate.group, minimum),
      };
    })
    .sort((first, second) => first.rank - second.rank);
  return { communes, feasible: problems.length === 0, problems };
}

/** The communes the ranking alone would add to the must-includes: best first, under the maximum only. */
function rankAlone(
  eligible: readonly SuggestionCandidate[],
  places: number,
  maximum: number,
  includedCount: ReadonlyMap<string, number>,
): Set<number> {
  const taken = new Set<number>();
  const countOf = new Map(includedCount);
  for (const candidate of eligible) {
    if (taken.size >= places) break;
    const groupCount = countOf.get(candidate.group) ?? 0;
    if (groupCount >= maximum) continue;
    countOf.set(candidate.group, groupCount + 1);
    taken.add(candidate.unitId);
  }
  return taken;
}

function explain(reason: SuggestionReason, rank: number, group: string, minimum: number): BilingualText {
  switch (reason) {
    case 'carry-over':
      return bilingual(
        `Chuyển hóa chưa đạt năm trước, tiếp tục lựa chọn (xếp hạng ${rank})`,
        `Not achieved last year, carried over (ranked ${rank})`,
      );
    case 'planner':
      return bilingual(
        `Do cán bộ tham mưu chọn (xếp hạng ${rank})`,
        `Chosen by the planner (ranked ${rank})`,
      );
    case 'rank':
      return bilingual(`Xếp hạng ${rank} theo điểm`, `Ranked ${rank} by score`);
    case 'group-minimum':
      return bilingual(
        `Bảo đảm tối thiểu ${minimum} xã cho nhóm ${group} (xếp hạng ${rank})`,
        `Gives the group ${group} its minimum of ${minimum} (ranked ${rank})`,
      );
  }
}
