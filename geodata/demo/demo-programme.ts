import type { Database } from '../../server/db/database';
import { findEraByLabel } from '../../server/db/queries/eras';
import { findCriteriaSet, insertCriteriaSet } from '../../server/db/queries/programme';
import {
  insertCycle,
  insertDecision,
  insertDesignation,
  insertTransition,
} from '../../server/db/queries/programme-cycles';
import { listUnits } from '../../server/db/queries/units';
import { defaultCriteriaSet } from '../../server/domain/programme/criteria';
import {
  assertValidCycleHistory,
  type CycleTransition,
  type DecisionKind,
} from '../../server/domain/programme/cycle-status';
import { seededRandom } from '../../server/domain/random/seeded-random';
import { DEMO_PROVINCE_NAME } from './generate-demo-province';

/**
 * A plausible 2021–2025 history of the transformation programme on the demo province's communes of era
 * demo-2020, so that the programme's dashboard has figures on first start. Made up from a seed, like the
 * province: the same on every machine.
 *
 * Each year the committee's selection decision lists about 15–20 % of the communes: last year's "chưa đạt"
 * communes again (carry-overs), a commune that relapsed the year before, and others not selected in the
 * last three years. Most are recognised "đạt" early the next year and watched; a year after, they are
 * "sustained". Two relapse ("tái phức tạp"), each about two years after its selection. Drug ratings, area
 * types, the Ministry's list and "An toàn về ANTT" are designated each year, and each year has the
 * published criteria set.
 */

/** The history is told as of this day: every date is on or before it. */
export const DEMO_PROGRAMME_AS_OF = '2026-06-30';
export const DEMO_PROGRAMME_ERA = 'demo-2020';
const FIRST_YEAR = 2021;
const LAST_YEAR = 2025;
const ACTOR = 'demo';
const SIGNER = 'Nguyễn Văn Hòa, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo 138 tỉnh';

export interface DemoDecision {
  kind: DecisionKind;
  number: string;
  date: string;
  year: number;
  title: string;
}

/** The selection (signed in the year) and recognition (signed early the next) decisions of each year. */
const DECISION_DATES: Record<number, { selection: [string, string]; recognition: [string, string] }> = {
  2021: { selection: ['93/QĐ-BCĐ', '2021-05-14'], recognition: ['18/QĐ-BCĐ', '2022-03-02'] },
  2022: { selection: ['41/QĐ-BCĐ', '2022-04-08'], recognition: ['15/QĐ-BCĐ', '2023-02-24'] },
  2023: { selection: ['37/QĐ-BCĐ', '2023-03-31'], recognition: ['21/QĐ-BCĐ', '2024-03-06'] },
  2024: { selection: ['45/QĐ-BCĐ', '2024-04-12'], recognition: ['12/QĐ-BCĐ', '2025-02-27'] },
  2025: { selection: ['29/QĐ-BCĐ', '2025-03-28'], recognition: ['16/QĐ-BCĐ', '2026-03-05'] },
};

/** Share of the communes on each year's list. */
const SELECTED_SHARE: Record<number, number> = { 2021: 0.18, 2022: 0.16, 2023: 0.18, 2024: 0.2, 2025: 0.16 };
/** Chance of "đạt" for a commune on the list. */
const ACHIEVED_CHANCE = 0.75;
/** A commune leaves the pool of new candidates for this many years after a selection. */
const REST_YEARS = 3;

/** The relapses: the cycle of `year` (its first or last commune recognised "đạt") turns complex again. */
const RELAPSES = [
  {
    year: 2021,
    pick: 'first' as const,
    date: '2023-09-12',
    reason: 'Hình thành tụ điểm sử dụng trái phép chất ma túy mới; trộm cắp tài sản tăng so với cùng kỳ',
  },
  {
    year: 2022,
    pick: 'last' as const,
    date: '2024-10-05',
    reason: 'Phát sinh điểm nóng tranh chấp đất đai đông người; tội phạm cố ý gây thương tích tăng',
  },
];

export interface DemoCycle {
  unitCode: string;
  year: number;
  transitions: (Omit<CycleTransition, 'decision'> & { decision?: DemoDecision })[];
}

export interface DemoDesignation {
  unitCode: string;
  year: number;
  kind: string;
  level: string;
  reference: string | null;
}

export interface DemoProgramme {
  decisions: DemoDecision[];
  cycles: DemoCycle[];
  designations: DemoDesignation[];
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

function nextYear(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
}

/** The whole history, planned in memory from the communes' codes (and the seed). */
export function planDemoProgramme(communeCodes: readonly string[], seed = 2021): DemoProgramme {
  const random = seededRandom(seed);
  const codes = [...communeCodes].sort();
  const decisions: DemoDecision[] = [];
  const cycles: DemoCycle[] = [];
  const designations: DemoDesignation[] = [];
  const lastSelected = new Map<string, number>();
  /** Communes that relapsed in a year, to be selected the year after. */
  const relapsedIn = new Map<number, string[]>();
  let notAchievedLastYear: string[] = [];

  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const dates = DECISION_DATES[year] as (typeof DECISION_DATES)[number];
    const selection: DemoDecision = {
      kind: 'selection',
      number: dates.selection[0],
      date: dates.selection[1],
      year,
      title: `Phê duyệt danh sách xã, phường, thị trấn trọng điểm, phức tạp về trật tự, an toàn xã hội thực hiện chuyển hóa năm ${year}`,
    };
    const recognition: DemoDecision = {
      kind: 'recognition',
      number: dates.recognition[0],
      date: dates.recognition[1],
      year,
      title: `Công nhận kết quả chuyển hóa địa bàn trọng điểm, phức tạp về trật tự, an toàn xã hội năm ${year}`,
    };
    decisions.push(selection, recognition);

    const target = Math.round(codes.length * (SELECTED_SHARE[year] ?? 0.18));
    const selected = new Set<string>([...notAchievedLastYear, ...(relapsedIn.get(year - 1) ?? [])]);
    const pool = codes.filter(
      (code) => !selected.has(code) && (lastSelected.get(code) ?? -Infinity) < year - REST_YEARS,
    );
    while (selected.size < target && pool.length > 0) {
      const [code] = pool.splice(Math.floor(random() * pool.length), 1);
      selected.add(code as string);
    }
    const list = [...selected].sort();
    const achieved = new Set(list.filter(() => random() < ACHIEVED_CHANCE));
    // Every year but the last leaves at least one carry-over, and every year has at least one "đạt".
    if (year < LAST_YEAR && achieved.size === list.length) achieved.delete(list[list.length - 1] as string);
    if (achieved.size === 0) achieved.add(list[0] as string);

    const relapse = RELAPSES.find((entry) => entry.year === year);
    const achievedList = list.filter((code) => achieved.has(code));
    const relapsing = relapse
      ? relapse.pick === 'first'
        ? achievedList[0]
        : achievedList[achievedList.length - 1]
      : undefined;
    if (relapse && relapsing) {
      const relapseYear = Number(relapse.date.slice(0, 4));
      relapsedIn.set(relapseYear, [...(relapsedIn.get(relapseYear) ?? []), relapsing]);
    }

    for (const code of list) {
      lastSelected.set(code, year);
      const transitions: DemoCycle['transitions'] = [
        { status: 'selected', date: selection.date, decision: selection },
        { status: 'in-progress', date: addDays(selection.date, 14) },
        { status: 'half-year-review', date: `${year}-07-18` },
      ];
      if (achieved.has(code)) {
        transitions.push(
          { status: 'assessed-achieved', date: recognition.date, decision: recognition },
          { status: 'monitoring', date: recognition.date },
        );
        const sustained = nextYear(recognition.date);
        if (sustained <= DEMO_PROGRAMME_AS_OF) transitions.push({ status: 'sustained', date: sustained });
        if (relapse && code === relapsing) {
          transitions.push({ status: 'relapsed', date: relapse.date, reason: relapse.reason });
        }
      } else {
        transitions.push({ status: 'assessed-not-achieved', date: recognition.date, decision: recognition });
      }
      cycles.push({ unitCode: code, year, transitions });

      // As decisions are cited in Vietnamese documents: "29/QĐ-BCĐ ngày 28/03/2025".
      const reference = `${selection.number} ngày ${selection.date.split('-').reverse().join('/')}`;
      designations.push({ unitCode: code, year, kind: 'transformation-list', level: '', reference });
      // Social order (type 1) is the usual reason for the list; drugs (type 4) the next.
      const types = random() < 0.7 ? ['1'] : ['4'];
      if (random() < 0.35) types.push(types[0] === '1' ? '4' : '1');
      if (random() < 0.1) types.push('3');
      for (const level of types.sort()) {
        designations.push({ unitCode: code, year, kind: 'area-type', level, reference: null });
      }
    }
    notAchievedLastYear = list.filter((code) => !achieved.has(code));

    // Drug ratings of every commune, the Ministry's list and "An toàn về ANTT".
    const ministryList = list.filter(() => random() < 0.25).slice(0, 3);
    for (const code of codes) {
      const draw = random();
      const level =
        draw < 0.08 ? 'I' : draw < 0.28 ? 'II' : draw < 0.55 ? 'III' : draw < 0.8 ? 'drug-free' : null;
      if (level) designations.push({ unitCode: code, year, kind: 'drug-rating', level, reference: null });
      if (ministryList.includes(code)) {
        designations.push({ unitCode: code, year, kind: 'ministry-key-complex', level: '', reference: null });
      }
      // Communes transformed the year before and still sustained may earn the positive standard.
      const earlier = cycles.find((cycle) => cycle.unitCode === code && cycle.year === year - 1);
      const kept =
        earlier?.transitions.some((step) => step.status === 'assessed-achieved') &&
        !earlier.transitions.some((step) => step.status === 'relapsed');
      if (kept && random() < 0.5) {
        designations.push({ unitCode: code, year, kind: 'safe-security-order', level: '', reference: null });
      }
    }
  }
  return { decisions, cycles, designations };
}

/**
 * Writes the planned history onto the communes of era demo-2020 (run within the demo's transaction); each
 * cycle's history is checked by the domain's rules first. The criteria sets are stored only for years that
 * have none (they are the published defaults, and outlive the demo).
 */
export function loadDemoProgramme(database: Database): DemoProgramme {
  const era = findEraByLabel(database, DEMO_PROGRAMME_ERA);
  if (!era) throw new Error(`The demo era ${DEMO_PROGRAMME_ERA} is not loaded`);
  const communes = listUnits(database, { eraId: era.id, level: 'commune' });
  const plan = planDemoProgramme(communes.map((unit) => unit.code));
  const now = new Date().toISOString();
  const stamp = { createdAt: now, createdBy: ACTOR };

  const decisionIds = new Map<DemoDecision, number>();
  for (const decision of plan.decisions) {
    const stored = insertDecision(database, {
      eraId: era.id,
      provinceCode: null,
      provinceName: DEMO_PROVINCE_NAME,
      signer: SIGNER,
      ...decision,
      ...stamp,
    });
    decisionIds.set(decision, stored.id);
  }
  for (const cycle of plan.cycles) {
    const transitions = cycle.transitions.map((step) => ({
      ...step,
      decision: step.decision && { ...step.decision, id: decisionIds.get(step.decision) as number },
    }));
    assertValidCycleHistory({ unitId: 0, year: cycle.year, transitions }, DEMO_PROGRAMME_AS_OF);
    const cycleId = insertCycle(database, {
      eraId: era.id,
      unitCode: cycle.unitCode,
      year: cycle.year,
      ...stamp,
    });
    for (const step of transitions) {
      insertTransition(database, {
        cycleId,
        status: step.status,
        date: step.date,
        decisionId: step.decision?.id ?? null,
        reason: step.reason ?? null,
        actor: ACTOR,
        recordedAt: now,
      });
    }
  }
  for (const designation of plan.designations) {
    insertDesignation(database, { eraId: era.id, ...designation, note: null, ...stamp });
  }
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    if (!findCriteriaSet(database, year)) insertCriteriaSet(database, defaultCriteriaSet(year), ACTOR, now);
  }
  return plan;
}
