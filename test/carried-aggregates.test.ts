import { describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database';
import { insertDesignation } from '../server/db/queries/programme-cycles';
import { writeIndicatorValues } from '../server/db/queries/records-indicators';
import { EVERYWHERE } from '../server/domain/access/scope';
import type { CycleStatus } from '../server/domain/programme/cycle-status';
import { carriedIndicators, carriedOutcomes } from '../server/services/carried-aggregates';
import { appFor, signIn } from './helpers';
import { addCycle, NOW, PROVINCE, twoEras } from './two-eras';

function enterIndicators(
  database: Database,
  eraId: number,
  unitCode: string,
  values: Record<string, number>,
) {
  writeIndicatorValues(database, { eraId, unitCode, period: '2025-05' }, values, 'test', NOW);
}

const ASSESSED: CycleStatus[] = ['selected', 'in-progress', 'half-year-review'];

function seeded() {
  const eras = twoEras();
  const { database, oldEraId } = eras;
  enterIndicators(database, oldEraId, '10001', { 'drug-users-managed': 5, 'wanted-persons': 1 });
  enterIndicators(database, oldEraId, '10002', { 'drug-users-managed': 3 });
  enterIndicators(database, oldEraId, '10003', { 'drug-users-managed': 7, 'wanted-persons': 2 });
  enterIndicators(database, oldEraId, '10004', { 'drug-users-managed': 4 });
  enterIndicators(database, oldEraId, '10005', { 'drug-users-managed': 6 });
  addCycle(database, oldEraId, '10001', [...ASSESSED, 'assessed-not-achieved']);
  addCycle(database, oldEraId, '10003', [...ASSESSED, 'assessed-achieved', 'monitoring', 'relapsed']);
  addCycle(database, oldEraId, '10005', [...ASSESSED, 'assessed-achieved']);
  return eras;
}

function byCode<Unit extends { code: string }>(units: readonly Unit[]): Record<string, Unit> {
  return Object.fromEntries(units.map((entry) => [entry.code, entry]));
}

describe('carried aggregates', () => {
  it('carries entered indicators to the new communes, totals exact, split figures estimated', () => {
    const { database, newEraId } = seeded();
    const era = { id: newEraId, label: 'moi-2025' } as Parameters<typeof carriedIndicators>[1]['era'];
    const answer = carriedIndicators(database, { era, scope: EVERYWHERE, period: '2025-05' });
    const units = byCode(answer.units);
    expect(answer.sources).toEqual(['cu-2021']);
    // 10003's 7 is split 60/40: 4.2 and 2.8, rounded by largest remainder to 4 and 3.
    expect(units['20001']?.values['drug-users-managed']).toEqual({ value: 9, estimated: true });
    expect(units['20002']?.values['drug-users-managed']).toEqual({ value: 6, estimated: true });
    expect(units['20003']?.values['drug-users-managed']).toEqual({ value: 6, estimated: false });
    // 2 split 60/40 gives 1.2 and 0.8: 1 and 1.
    expect(units['20001']?.values['wanted-persons']).toEqual({ value: 2, estimated: true });
    expect(units['20002']?.values['wanted-persons']).toEqual({ value: 1, estimated: true });
    // Every linked figure arrives; the unlinked commune is listed, not lost.
    expect(answer.totals['drug-users-managed']).toEqual({ source: 25, carried: 21 });
    expect(answer.totals['wanted-persons']).toEqual({ source: 3, carried: 3 });
    expect(answer.uncarried).toEqual([
      { era: 'cu-2021', code: '10004', values: { 'drug-users-managed': 4 } },
    ]);
  });

  it('carries a whole commune unchanged and not estimated', () => {
    const { database, oldEraId, newEraId } = twoEras();
    enterIndicators(database, oldEraId, '10002', { 'households-reached': 120 });
    const era = { id: newEraId, label: 'moi-2025' } as Parameters<typeof carriedIndicators>[1]['era'];
    const answer = carriedIndicators(database, { era, scope: EVERYWHERE, period: '2025-05' });
    expect(byCode(answer.units)['20002']?.values).toEqual({
      'households-reached': { value: 120, estimated: false },
    });
    expect(byCode(answer.units)['20001']?.values).toEqual({});
  });

  it('carries programme outcomes fractionally where a commune was split', () => {
    const { database, newEraId } = seeded();
    const era = { id: newEraId, label: 'moi-2025' } as Parameters<typeof carriedOutcomes>[1]['era'];
    const answer = carriedOutcomes(database, { era, scope: EVERYWHERE, year: 2024 });
    const units = byCode(answer.units);
    const first = units['20001']?.values;
    expect(first?.selected?.value).toBeCloseTo(1.6, 10);
    expect(first?.selected?.estimated).toBe(true);
    expect(first?.achieved?.value).toBeCloseTo(0.6, 10);
    expect(first?.achieved?.estimated).toBe(true);
    // "Chưa đạt" came from 10001 alone, which went whole.
    expect(first?.notAchieved).toEqual({ value: 1, estimated: false });
    expect(first?.relapsed?.value).toBeCloseTo(0.6, 10);
    expect(units['20002']?.values.selected?.value).toBeCloseTo(0.4, 10);
    expect(units['20002']?.values.notAchieved).toBeUndefined();
    expect(units['20003']?.values.achieved).toEqual({ value: 1, estimated: false });
    for (const outcome of ['selected', 'achieved', 'notAchieved', 'relapsed'] as const) {
      const total = answer.totals[outcome];
      expect(total?.carried, outcome).toBeCloseTo(total?.source ?? Number.NaN, 10);
    }
    expect(answer.totals.selected?.source).toBe(3);
  });

  it('answers over HTTP within the account area, with bilingual 400s and 403s', async () => {
    const { database, newEraId } = seeded();
    void newEraId;
    const app = appFor(database, '2025-08-01T03:00:00Z');
    const planner = await signIn(app, database, 'planner', { kind: 'provinces', provinces: [PROVINCE] });

    const indicators = (await (await planner.request('/api/carried/indicators?period=2025-05')).json()) as {
      era: string;
      units: { code: string }[];
    };
    // The default era is the one in force: the new one. The other province's commune is left out.
    expect(indicators.era).toBe('moi-2025');
    expect(indicators.units.map((entry) => entry.code)).toEqual(['20001', '20002']);

    const one = (await (
      await planner.request('/api/carried/outcomes?era=moi-2025&year=2024&unit=20002')
    ).json()) as { units: { code: string; values: { selected: { value: number; estimated: boolean } } }[] };
    expect(one.units).toHaveLength(1);
    expect(one.units[0]?.values.selected.estimated).toBe(true);

    const outside = await planner.request('/api/carried/outcomes?year=2024&unit=20003');
    expect(outside.status).toBe(403);

    for (const path of [
      '/api/carried/indicators?period=2025-13',
      '/api/carried/indicators?period=2026-01',
      '/api/carried/indicators',
      '/api/carried/outcomes?year=twenty',
      '/api/carried/history',
    ]) {
      const response = await planner.request(path);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { message: { vi: string; en: string } } };
      expect(JSON.stringify(body), path).toMatch(/"vi":"[^"]+".*"en":"[^"]+"/);
    }
    expect((await planner.request('/api/carried/history?unit=99999')).status).toBe(404);
    expect((await planner.request('/api/carried/indicators?period=2025-05&era=khong-co')).status).toBe(404);
  });

  it('keeps the former districts of the new communes, the one they took most of first', async () => {
    const { database } = twoEras();
    const app = appFor(database, '2025-08-01T03:00:00Z');
    const viewer = await signIn(app, database, 'viewer', { kind: 'provinces', provinces: [PROVINCE] });
    const answer = (await (await viewer.request('/api/carried/former-districts')).json()) as {
      era: string;
      units: Record<string, string[]>;
    };
    expect(answer).toEqual({
      era: 'moi-2025',
      units: { '20001': ['Huyện Cũ'], '20002': ['Huyện Hai', 'Huyện Cũ'] },
    });
    // An era with districts has no former ones.
    const old = (await (await viewer.request('/api/carried/former-districts?era=cu-2021')).json()) as {
      units: Record<string, string[]>;
    };
    expect(old.units).toEqual({});
  });

  it('gives a new commune the programme history of the communes it came from', async () => {
    const { database, oldEraId } = seeded();
    insertDesignation(database, {
      eraId: oldEraId,
      unitCode: '10003',
      year: 2023,
      kind: 'area-type',
      level: '4',
      createdAt: NOW,
      createdBy: 'test',
    });
    const app = appFor(database, '2025-08-01T03:00:00Z');
    const viewer = await signIn(app, database, 'viewer');
    const response = await viewer.request('/api/carried/history?era=moi-2025&unit=20001');
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      unit: { code: string };
      predecessors: {
        code: string;
        name: string;
        era: string;
        partial: boolean;
        areaShare: number;
        cycles: { year: number; history: { status: string }[] }[];
        designations: { year: number; kind: string }[];
      }[];
    };
    expect(answer.unit.code).toBe('20001');
    const predecessors = byCode(answer.predecessors);
    expect(Object.keys(predecessors).sort()).toEqual(['10001', '10003']);
    expect(predecessors['10001']).toMatchObject({ name: 'Một', era: 'cu-2021', partial: false });
    // The steps as stored (these test cycles have no decisions, so no status replays from them).
    const lastStep = (code: string) =>
      predecessors[code]?.cycles.map((cycle) => cycle.history.at(-1)?.status);
    expect(lastStep('10001')).toEqual(['assessed-not-achieved']);
    expect(predecessors['10003']).toMatchObject({ partial: true, areaShare: 0.6 });
    expect(lastStep('10003')).toEqual(['relapsed']);
    expect(predecessors['10003']?.designations).toMatchObject([{ year: 2023, kind: 'area-type' }]);
  });
});
