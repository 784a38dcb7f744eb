import { describe, expect, it } from 'vitest';
import { BilingualError } from '../bilingual';
import {
  assertValidCycleHistory,
  CYCLE_STATUS_NAMES,
  CYCLE_STATUSES,
  CYCLE_TRANSITIONS,
  type CycleStatus,
  type CycleTransition,
  checkCycleTransition,
  currentCycleStatus,
  type DecisionReference,
  dateReached,
  INITIAL_CYCLE_STATUSES,
  REQUIRED_DECISION,
  replayCycleHistory,
} from './cycle-status';

const TODAY = '2024-06-30';
const SELECTION: DecisionReference = { kind: 'selection', number: '93/QĐ-BCĐ', date: '2021-05-14' };
const RECOGNITION: DecisionReference = { kind: 'recognition', number: '12/QĐ-BCĐ', date: '2022-03-15' };
const REMOVAL: DecisionReference = { kind: 'removal', number: '40/QĐ-BCĐ', date: '2021-09-01' };

/** Kiên Giang 2021: selected by QĐ 93/QĐ-BCĐ of 14/5/2021, recognised in March 2022, relapsed in 2023. */
const FULL_HISTORY: CycleTransition[] = [
  { status: 'proposed', date: '2021-04-20' },
  { status: 'selected', date: '2021-05-14', decision: SELECTION },
  { status: 'in-progress', date: '2021-06-14' },
  { status: 'half-year-review', date: '2021-11-20' },
  { status: 'assessed-achieved', date: '2022-03-15', decision: RECOGNITION },
  { status: 'monitoring', date: '2022-03-16' },
  { status: 'sustained', date: '2022-12-01' },
  { status: 'relapsed', date: '2023-08-10', reason: 'Phát sinh điểm nóng tranh chấp đất đai' },
];

describe('the cycle of a commune', () => {
  it('names every status in Vietnamese and English and only moves to known statuses', () => {
    for (const status of CYCLE_STATUSES) {
      expect(CYCLE_STATUS_NAMES[status].vi.length).toBeGreaterThan(0);
      expect(CYCLE_STATUS_NAMES[status].en.length).toBeGreaterThan(0);
      for (const next of CYCLE_TRANSITIONS[status]) expect(CYCLE_STATUSES).toContain(next);
    }
    expect(CYCLE_STATUS_NAMES.relapsed.vi).toBe('Tái phức tạp');
    expect(CYCLE_STATUS_NAMES['assessed-achieved'].vi).toBe('Chuyển hóa đạt');
  });

  it('reaches every status from a first one', () => {
    const reachable = new Set<CycleStatus>(INITIAL_CYCLE_STATUSES);
    for (const status of reachable) for (const next of CYCLE_TRANSITIONS[status]) reachable.add(next);
    expect([...reachable].sort()).toEqual([...CYCLE_STATUSES].sort());
  });

  it('plays a full history from proposal to relapse', () => {
    expect(replayCycleHistory(2021, FULL_HISTORY, TODAY)).toEqual({
      status: 'relapsed',
      since: '2023-08-10',
      legalSteps: 8,
      illegalStep: null,
    });
    const cycle = { unitId: 7, year: 2021, transitions: FULL_HISTORY };
    expect(() => assertValidCycleHistory(cycle, TODAY)).not.toThrow();
    expect(dateReached(cycle, 'monitoring')).toBe('2022-03-16');
    expect(dateReached(cycle, 'removed')).toBeUndefined();
    expect(currentCycleStatus(cycle)).toEqual({ status: 'relapsed', since: '2023-08-10' });
  });

  it('takes a commune off the list by a removal decision', () => {
    const history: CycleTransition[] = [
      { status: 'selected', date: '2021-05-14', decision: SELECTION },
      { status: 'removed', date: '2021-09-01', decision: REMOVAL, reason: 'Sáp nhập đơn vị hành chính' },
    ];
    expect(replayCycleHistory(2021, history, TODAY).status).toBe('removed');
  });

  it.each([
    ['proposed', 'in-progress'],
    ['selected', 'half-year-review'],
    ['in-progress', 'assessed-achieved'],
    ['half-year-review', 'monitoring'],
    ['assessed-achieved', 'sustained'],
    ['assessed-not-achieved', 'in-progress'],
    ['relapsed', 'monitoring'],
    ['removed', 'selected'],
    ['proposed', 'removed'],
  ] as [CycleStatus, CycleStatus][])('refuses %s → %s, saying where it may go', (from, to) => {
    const problem = checkCycleTransition(
      2021,
      { status: from, since: '2021-05-14' },
      {
        status: to,
        date: '2022-06-01',
        decision: { ...RECOGNITION, kind: REQUIRED_DECISION[to] ?? 'recognition' },
      },
      TODAY,
    );
    expect(problem?.vi).toMatch(/Không thể chuyển từ/);
    expect(problem?.en).toMatch(/Cannot change from .* the status can only become/);
  });

  it('says when the status is already the one asked for', () => {
    const problem = checkCycleTransition(
      2021,
      { status: 'in-progress', since: '2021-06-14' },
      { status: 'in-progress', date: '2021-07-01' },
      TODAY,
    );
    expect(problem?.en).toBe('The status is already "In progress"');
  });

  it('starts only as proposed or selected', () => {
    const problem = checkCycleTransition(2021, null, { status: 'in-progress', date: '2021-06-01' }, TODAY);
    expect(problem?.vi).toMatch(/không thể bắt đầu/);
    expect(problem?.en).toMatch(/cannot start as "In progress"/);
    expect(checkCycleTransition(2021, null, { status: 'proposed', date: '2021-03-01' }, TODAY)).toBeNull();
  });

  it('refuses an unknown status', () => {
    const problem = checkCycleTransition(
      2021,
      null,
      { status: 'finished' as CycleStatus, date: '2021-03-01' },
      TODAY,
    );
    expect(problem?.en).toMatch(/There is no status "finished"/);
  });

  it('needs the decision each status rests on, of the right kind, signed by then', () => {
    const proposed = { status: 'proposed' as const, since: '2021-04-20' };
    expect(checkCycleTransition(2021, proposed, { status: 'selected', date: '2021-05-14' }, TODAY)?.en).toBe(
      'Changing to "Selected" needs a selection decision (number and date)',
    );
    expect(
      checkCycleTransition(
        2021,
        proposed,
        { status: 'selected', date: '2021-05-14', decision: REMOVAL },
        TODAY,
      )?.vi,
    ).toMatch(/cần quyết định phê duyệt danh sách, không phải quyết định đưa ra khỏi danh sách/);
    expect(
      checkCycleTransition(
        2021,
        proposed,
        { status: 'selected', date: '2021-05-14', decision: { ...SELECTION, number: ' ' } },
        TODAY,
      )?.en,
    ).toMatch(/needs its number/);
    expect(
      checkCycleTransition(
        2021,
        proposed,
        { status: 'selected', date: '2021-05-14', decision: { ...SELECTION, date: '2021-05-20' } },
        TODAY,
      )?.en,
    ).toMatch(/signed on 2021-05-20, after the status date 2021-05-14/);
    expect(
      checkCycleTransition(
        2021,
        proposed,
        {
          status: 'selected',
          date: '2021-05-14',
          decision: { ...SELECTION, kind: 'approval' as 'selection' },
        },
        TODAY,
      )?.en,
    ).toMatch(/no decision kind "approval"/);
    const review = { status: 'half-year-review' as const, since: '2021-11-20' };
    expect(
      checkCycleTransition(2021, review, { status: 'assessed-not-achieved', date: '2022-03-15' }, TODAY)?.vi,
    ).toMatch(/cần quyết định công nhận/);
    const selected = { status: 'selected' as const, since: '2021-05-14' };
    expect(
      checkCycleTransition(2021, selected, { status: 'removed', date: '2021-09-01' }, TODAY)?.en,
    ).toMatch(/removal decision/);
    // A status that needs no decision may still cite one.
    expect(
      checkCycleTransition(
        2021,
        selected,
        { status: 'in-progress', date: '2021-06-14', decision: SELECTION },
        TODAY,
      ),
    ).toBeNull();
  });

  it('needs a reason for a relapse', () => {
    const monitoring = { status: 'monitoring' as const, since: '2022-03-16' };
    const problem = checkCycleTransition(2021, monitoring, { status: 'relapsed', date: '2023-08-10' }, TODAY);
    expect(problem?.vi).toMatch(/lý do tái phức tạp/);
    expect(problem?.en).toMatch(/needs its reason/);
    expect(
      checkCycleTransition(2021, monitoring, { status: 'relapsed', date: '2023-08-10', reason: '  ' }, TODAY),
    ).not.toBeNull();
    expect(
      checkCycleTransition(
        2021,
        monitoring,
        { status: 'relapsed', date: '2023-08-10', reason: 'x'.repeat(2001) },
        TODAY,
      )?.en,
    ).toMatch(/longer than 2000/);
  });

  it('dates each step on a real day, not before the previous one, not in the future, not too early', () => {
    const inProgress = { status: 'in-progress' as const, since: '2021-06-14' };
    const step = (date: string) =>
      checkCycleTransition(2021, inProgress, { status: 'half-year-review', date }, TODAY);
    expect(step('2021-06-14')).toBeNull();
    expect(step('2021-06-13')?.en).toMatch(/before the date of the current status/);
    expect(step('2024-07-01')?.en).toMatch(/in the future/);
    expect(step('2021-13-01')?.en).toMatch(/Invalid date/);
    expect(checkCycleTransition(2021, null, { status: 'proposed', date: '2019-12-31' }, TODAY)?.vi).toMatch(
      /quá sớm cho chu kỳ năm 2021 \(sớm nhất 01\/01\/2020\)/,
    );
    expect(checkCycleTransition(1999, null, { status: 'proposed', date: '2019-12-31' }, TODAY)?.en).toMatch(
      /Invalid programme year 1999/,
    );
  });

  it('reports the first illegal step of a history, and where the legal part stands', () => {
    const history = [...FULL_HISTORY];
    history[3] = { status: 'half-year-review', date: '2021-06-01' };
    history[5] = { status: 'sustained', date: '2022-03-20' };
    const replay = replayCycleHistory(2021, history, TODAY);
    expect(replay.status).toBe('in-progress');
    expect(replay.since).toBe('2021-06-14');
    expect(replay.legalSteps).toBe(3);
    expect(replay.illegalStep?.index).toBe(3);
    expect(replay.illegalStep?.problem.vi).toMatch(/^Bước 4: /);
    expect(replay.illegalStep?.problem.en).toMatch(/^Step 4: The date 2021-06-01 is before/);
    expect(() => assertValidCycleHistory({ unitId: 1, year: 2021, transitions: history }, TODAY)).toThrow(
      BilingualError,
    );
  });

  it('reports an empty history and a history whose first step is illegal', () => {
    expect(replayCycleHistory(2021, [], TODAY).illegalStep?.problem.en).toMatch(/no status yet/);
    const replay = replayCycleHistory(2021, [{ status: 'monitoring', date: '2022-01-01' }], TODAY);
    expect(replay).toMatchObject({ status: null, since: null, legalSteps: 0 });
    expect(replay.illegalStep?.index).toBe(0);
  });
});
