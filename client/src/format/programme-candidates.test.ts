import { describe, expect, it } from 'vitest';
import {
  addToList,
  candidateBody,
  contributionScale,
  contributionSegments,
  defaultCandidateState,
  defaultCandidateYear,
  type ListEntry,
  lassoIntoList,
  listCsv,
  parseCandidateQuery,
  pointInRing,
  removeFromList,
  scoreClass,
  serialiseCandidateQuery,
  toggleInList,
} from './programme-candidates';

const entry = (code: string, score: number, rank: number): ListEntry => ({
  code,
  name: `Xã ${code}`,
  district: 'Huyện Châu Thành',
  score,
  rank,
  reason: 'rank',
  explanation: { vi: `Xếp hạng ${rank} theo điểm`, en: `Ranked ${rank} by score` },
});

describe('candidate view state in the URL', () => {
  it('leaves the defaults out and reads back what it wrote', () => {
    expect(serialiseCandidateQuery(defaultCandidateState())).toEqual({});
    const state = defaultCandidateState();
    state.year = 2026;
    state.era = 'demo-2020';
    state.weights = { 'open-flashpoints': 2, 'incident-count': 0.5 };
    state.normalisation = 'rank';
    state.constraints.nearOpenFlashpointsKm = 2.5;
    state.constraints.adjacentToComplex = true;
    state.constraints.district = 'Huyện Châu Thành';
    state.constraints.notSelectedInLastYears = 3;
    const query = serialiseCandidateQuery(state);
    // Weights in the factor list's order, whatever order they were set in.
    expect(query).toEqual({
      year: '2026',
      era: 'demo-2020',
      f: 'incident-count:0.5,open-flashpoints:2',
      norm: 'rank',
      flash: '2.5',
      adjCx: '1',
      district: 'Huyện Châu Thành',
      notSel: '3',
    });
    expect(parseCandidateQuery(query)).toEqual({
      ...state,
      weights: { 'incident-count': 0.5, 'open-flashpoints': 2 },
    });
  });

  it('drops what it cannot read', () => {
    const state = parseCandidateQuery({
      year: '20x6',
      f: 'nothing:3,incident-count:-1',
      norm: 'median',
      flash: '-2',
      hot: '900',
      notSel: '1.5',
      adjSel: 'yes',
    });
    expect(state).toEqual(defaultCandidateState());
  });

  it('opens on next year when a phase covers it, else this year', () => {
    expect(defaultCandidateYear([{ firstYear: 2021, lastYear: 2025 }], 2024)).toBe(2025);
    expect(defaultCandidateYear([{ firstYear: 2021, lastYear: 2025 }], 2025)).toBe(2025);
    expect(defaultCandidateYear([], 2026)).toBe(2026);
  });

  it('builds the API body, closing the drawn polygon', () => {
    const state = defaultCandidateState();
    state.constraints.nearHotSpotsKm = 3;
    const body = candidateBody(state, 2026, [
      [105, 10],
      [106, 10],
      [106, 11],
    ]);
    expect(body).toEqual({
      year: 2026,
      factors: [
        { code: 'incident-rate-per-1000', weight: 1 },
        { code: 'very-serious-cases', weight: 1 },
        { code: 'open-flashpoints', weight: 1 },
      ],
      normalisation: 'min-max',
      constraints: {
        nearHotSpotsKm: 3,
        withinPolygon: {
          type: 'Polygon',
          coordinates: [
            [
              [105, 10],
              [106, 10],
              [106, 11],
              [105, 10],
            ],
          ],
        },
      },
    });
    // Two vertices make no polygon.
    expect(
      candidateBody(state, 2026, [
        [105, 10],
        [106, 10],
      ]).constraints.withinPolygon,
    ).toBeUndefined();
  });
});

describe('contribution bars and score classes', () => {
  it('measures every bar against the longest, negative parts flagged', () => {
    const first = [
      { code: 'incident-count', raw: 5, normalised: 1, contribution: 2, imputed: false },
      { code: 'open-flashpoints', raw: 1, normalised: 1, contribution: 2, imputed: false },
    ];
    const second = [
      { code: 'incident-count', raw: 0, normalised: -0.5, contribution: -1, imputed: false },
      { code: 'open-flashpoints', raw: 0, normalised: 0, contribution: 0, imputed: false },
    ];
    const scale = contributionScale([{ factors: first }, { factors: second }]);
    expect(scale).toBe(4);
    expect(contributionSegments(first, scale).map((segment) => segment.width)).toEqual([50, 50]);
    const [only, ...none] = contributionSegments(second, scale);
    expect(none).toEqual([]);
    expect(only).toMatchObject({
      code: 'incident-count',
      width: 25,
      negative: true,
      raw: 0,
      normalised: -0.5,
    });
    expect(contributionSegments(first, 0).every((segment) => segment.width === 0)).toBe(true);
  });

  it('puts scores into five classes, equal scores in the top one', () => {
    expect([0, 0.19, 0.2, 0.5, 0.99, 1].map((score) => scoreClass(score, 0, 1))).toEqual([0, 0, 1, 2, 4, 4]);
    expect(scoreClass(3, 3, 3)).toBe(4);
  });
});

describe('editing the list', () => {
  const list = [entry('A', 3, 1), entry('C', 1, 3)];

  it('adds a commune once, as the planner’s choice, in score order; removes one', () => {
    const added = addToList(list, { code: 'B', name: 'Xã B', district: null, score: 2, rank: 2 });
    expect(added.map((listed) => listed.code)).toEqual(['A', 'B', 'C']);
    expect(added[1]).toMatchObject({
      reason: 'planner',
      explanation: { vi: 'Do cán bộ tham mưu chọn (xếp hạng 2)', en: 'Chosen by the planner (ranked 2)' },
    });
    expect(addToList(added, { code: 'B', name: 'Xã B', district: null, score: 2, rank: 2 })).toHaveLength(3);
    expect(removeFromList(added, 'A').map((listed) => listed.code)).toEqual(['B', 'C']);
    expect(list).toHaveLength(2);
  });

  it('toggles a clicked commune in or out', () => {
    expect(toggleInList(list, entry('A', 3, 1)).map((listed) => listed.code)).toEqual(['C']);
    expect(toggleInList(list, entry('D', 0.5, 4)).map((listed) => listed.code)).toEqual(['A', 'C', 'D']);
  });

  it('adds every commune whose point is inside the lasso', () => {
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    expect(pointInRing([5, 5], square)).toBe(true);
    expect(pointInRing([15, 5], square)).toBe(false);
    const communes = [
      { ...entry('A', 3, 1), point: [1, 1] },
      { ...entry('E', 2.5, 2), point: [9, 9] },
      { ...entry('F', 5, 0), point: [11, 5] },
    ];
    const lassoed = lassoIntoList(list, square, communes);
    expect(lassoed.map((listed) => [listed.code, listed.reason])).toEqual([
      ['A', 'rank'],
      ['E', 'planner'],
      ['C', 'rank'],
    ]);
  });
});

describe('the list as CSV', () => {
  it('writes Vietnamese text for Excel: BOM, semicolons, quoting, decimal commas', () => {
    const list: ListEntry[] = [
      { ...entry('30280', 0.8125, 1), name: 'Xã Vĩnh Thạnh' },
      {
        ...entry('30281', 0.5, 2),
        name: 'Phường "Mới"; Đông',
        reason: 'carry-over',
        explanation: { vi: 'Chuyển hóa chưa đạt năm trước\ntiếp tục', en: 'Carried over' },
      },
    ];
    const csv = listCsv(list);
    expect(csv.startsWith('\uFEFFSTT;Mã xã;Tên xã;Huyện cũ;Điểm;Lý do\r\n')).toBe(true);
    expect(csv.split('\r\n').slice(1)).toEqual([
      '1;30280;Xã Vĩnh Thạnh;Huyện Châu Thành;0,8125;Xếp hạng 1 theo điểm',
      '2;30281;"Phường ""Mới""; Đông";Huyện Châu Thành;0,5000;"Chuyển hóa chưa đạt năm trước\ntiếp tục"',
      '',
    ]);
    expect(listCsv(list, 'en')).toContain(';Carried over\r\n');
  });
});
