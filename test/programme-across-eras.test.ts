import { describe, expect, it } from 'vitest';
import { appFor, signIn } from './helpers';
import { addCycle, PROVINCE, twoEras } from './two-eras';

/*
 * Planning in the new era on the history of the old one (test/two-eras.ts): old 10001 went whole into new
 * 20001; old 10003 was split 60 % into 20001 and 40 % into 20002. A 2024 commune "chưa đạt" makes its heir a
 * carry-over of 2025 (in the ranking, the suggested list, the cycles and the year's figures); a relapse
 * before the reorganisation is an "earlier relapse" of its heir; the new communes, without districts, are
 * grouped by the former district they took most of.
 */
describe('the programme in the new era', () => {
  it('ranks candidates that carry over and remember relapses of the old communes they came from', async () => {
    const { database, oldEraId } = twoEras();
    const assessed = ['selected', 'in-progress', 'half-year-review'] as const;
    addCycle(database, oldEraId, '10001', [...assessed, 'assessed-not-achieved']);
    addCycle(database, oldEraId, '10003', [...assessed, 'assessed-achieved', 'monitoring', 'relapsed'], 2023);
    const app = appFor(database, '2025-08-01T03:00:00Z');
    const planner = await signIn(app, database, 'planner', { kind: 'provinces', provinces: [PROVINCE] });

    const response = await planner.request('/api/programme/suggestion', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        era: 'moi-2025',
        year: 2025,
        factors: [{ code: 'earlier-relapse', weight: 1 }],
        normalisation: 'min-max',
        size: 1,
        groupBy: 'province',
      }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      communes: { code: string; reason: string; indicators: Record<string, number | null> }[];
    };
    const byCode = new Map(answer.communes.map((commune) => [commune.code, commune]));
    // 20001 inherits both histories: 10001's carry-over and 10003's relapse (its largest part).
    expect(byCode.get('20001')).toMatchObject({ reason: 'carry-over', indicators: { 'earlier-relapse': 1 } });
    expect(byCode.has('20002')).toBe(false);

    const ranking = await planner.request('/api/programme/candidates', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        era: 'moi-2025',
        year: 2025,
        factors: [{ code: 'earlier-relapse', weight: 1 }],
        normalisation: 'min-max',
      }),
    });
    const candidates = (await ranking.json()) as {
      candidates: { code: string; indicators: Record<string, number | null> }[];
    };
    const relapse = Object.fromEntries(
      candidates.candidates.map((candidate) => [candidate.code, candidate.indicators['earlier-relapse']]),
    );
    expect(relapse).toEqual({ '20001': 1, '20002': 0 });
  });

  it("lists the new era's cycles under their former districts, carry-overs of the old ones counted", async () => {
    const { database, oldEraId, newEraId } = twoEras();
    addCycle(database, oldEraId, '10001', [
      'selected',
      'in-progress',
      'half-year-review',
      'assessed-not-achieved',
    ]);
    addCycle(database, newEraId, '20001', ['selected'], 2025);
    addCycle(database, newEraId, '20002', ['selected'], 2025);
    const app = appFor(database, '2025-08-01T03:00:00Z');
    const planner = await signIn(app, database, 'planner', { kind: 'provinces', provinces: [PROVINCE] });
    const response = await planner.request('/api/programme/cycles?era=moi-2025&year=2025');
    const answer = (await response.json()) as {
      cycles: {
        unit: { code: string; district: string | null; formerDistrict: string | null };
        carryOver: boolean;
      }[];
    };
    // 20001 is all of 10001 and 60 % of 10003 (both Huyện Cũ); 20002 all of 10002 (Huyện Hai) and 40 % of 10003.
    expect(
      answer.cycles.map(({ unit, carryOver }) => [unit.code, unit.district, unit.formerDistrict, carryOver]),
    ).toEqual([
      ['20001', null, 'Huyện Cũ', true],
      ['20002', null, 'Huyện Hai', false],
    ]);
    const kpis = (await (await planner.request('/api/programme/kpis?year=2025')).json()) as Record<
      string,
      unknown
    >;
    expect(kpis).toMatchObject({ selected: 2, carryOvers: 1 });
  });
});
