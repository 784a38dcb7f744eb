import { describe, expect, it } from 'vitest';
import { inTransaction, openDatabase } from '../../server/db/database';
import { deleteDemoEras } from '../../server/db/queries/eras';
import { appFor, signIn } from '../../test/helpers';
import { DEMO_PROGRAMME_AS_OF, planDemoProgramme } from './demo-programme';
import { generateDemoProvince } from './generate-demo-province';
import { loadDemoDataset } from './load-demo-dataset';

const codes = generateDemoProvince()[0].features.map((feature) => feature.properties.code);

describe('the demo programme history', () => {
  it('is the same on every run: 15–20 % of the communes a year, carry-overs and two relapses', () => {
    const plan = planDemoProgramme(codes);
    expect(planDemoProgramme(codes)).toEqual(plan);
    for (let year = 2021; year <= 2025; year++) {
      const selected = plan.cycles.filter((cycle) => cycle.year === year).length;
      expect(selected / codes.length, String(year)).toBeGreaterThanOrEqual(0.14);
      expect(selected / codes.length, String(year)).toBeLessThanOrEqual(0.21);
    }
    const statuses = (code: string, year: number) =>
      plan.cycles
        .find((cycle) => cycle.unitCode === code && cycle.year === year)
        ?.transitions.map((step) => step.status) ?? [];
    const carried = plan.cycles.filter(
      (cycle) =>
        cycle.year > 2021 && statuses(cycle.unitCode, cycle.year - 1).includes('assessed-not-achieved'),
    );
    expect(carried.length).toBeGreaterThanOrEqual(3);
    const relapses = plan.cycles.filter((cycle) => statuses(cycle.unitCode, cycle.year).includes('relapsed'));
    expect(relapses.map((cycle) => cycle.year)).toEqual([2021, 2022]);
    const dates = plan.cycles.flatMap((cycle) => cycle.transitions.map((step) => step.date));
    expect(dates.every((date) => date <= DEMO_PROGRAMME_AS_OF)).toBe(true);
  });

  it('gives the dashboard live figures on first start, and leaves with the demo', async () => {
    const database = openDatabase();
    loadDemoDataset(database);
    const app = appFor(database, '2026-07-01T03:00:00Z');
    const viewer = await signIn(app, database, 'viewer');
    const figures = [];
    for (let year = 2021; year <= 2025; year++) {
      const response = await viewer.request(`/api/programme/kpis?year=${year}`);
      expect(response.status).toBe(200);
      figures.push((await response.json()) as Record<string, number | null>);
    }
    for (const kpis of figures) {
      expect(kpis.selected).toBeGreaterThan(0);
      expect(kpis.achievedPct).not.toBeNull();
    }
    expect(figures.slice(1).every((kpis) => (kpis.monitored ?? 0) > 0)).toBe(true);
    expect(figures.reduce((sum, kpis) => sum + (kpis.relapsed ?? 0), 0)).toBe(2);
    expect(figures.reduce((sum, kpis) => sum + (kpis.carryOvers ?? 0), 0)).toBeGreaterThanOrEqual(3);
    const cycles = (await (await viewer.request('/api/programme/cycles')).json()) as {
      cycles: { problem: unknown }[];
    };
    expect(cycles.cycles.every((cycle) => cycle.problem === null)).toBe(true);
    const criteria = (await (await viewer.request('/api/programme/criteria/2023')).json()) as {
      stored: boolean;
    };
    expect(criteria.stored).toBe(true);

    // Loaded again ("diaban demo"): the same history, not twice.
    const count = (table: string) =>
      (database.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = [
      'programme_cycles',
      'programme_decisions',
      'programme_designations',
      'programme_criteria_sets',
    ].map(count);
    inTransaction(database, () => {
      deleteDemoEras(database);
      loadDemoDataset(database);
    });
    expect(
      ['programme_cycles', 'programme_decisions', 'programme_designations', 'programme_criteria_sets'].map(
        count,
      ),
    ).toEqual(before);
    inTransaction(database, () => deleteDemoEras(database));
    expect(
      [
        'programme_cycles',
        'programme_cycle_transitions',
        'programme_decisions',
        'programme_designations',
      ].map(count),
    ).toEqual([0, 0, 0, 0]);
    database.$client.close();
  });
});
