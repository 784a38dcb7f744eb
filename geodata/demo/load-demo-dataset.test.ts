import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { listEras } from '../../server/db/queries/eras';
import { lineageBetween } from '../../server/db/queries/unit-lineage';
import { listOutlines, searchUnits } from '../../server/db/queries/units';
import { WGS84 } from '../../server/domain/projections/coordinate-reference-system';
import { foldText } from '../../server/domain/text/fold-text';
import { importBoundaryFeatures } from '../import/import-boundaries';
import { type DemoFeature, generateDemoProvince } from './generate-demo-province';
import { loadDemoDataset } from './load-demo-dataset';

const [before2025, after2025] = generateDemoProvince();

describe('loadDemoDataset', () => {
  it('imports both eras through the boundary pipeline, marked as demo, without a rejection', () => {
    const database = openDatabase();
    const reports = loadDemoDataset(database);
    expect(reports.map((report) => [report.era, report.imported, report.rejected, report.written])).toEqual([
      ['demo-2020', before2025.features.length, [], true],
      ['demo-2025', after2025.features.length, [], true],
    ]);
    const eras = listEras(database);
    const summary = (era: (typeof eras)[number]) => [
      era.label,
      era.isDemo,
      era.validFrom,
      era.validTo,
      era.unitCounts.commune,
      era.hasDistricts,
    ];
    expect(eras.map(summary)).toEqual([
      ['demo-2025', true, '2025-07-01', null, after2025.features.length, false],
      ['demo-2020', true, '2020-01-01', '2025-06-30', before2025.features.length, true],
    ]);

    // District and province outlines were derived from the communes: districts only before 2025.
    const [era2025, era2020] = eras as [(typeof eras)[number], (typeof eras)[number]];
    const districts = new Set(before2025.features.map((feature) => feature.properties.district));
    expect(listOutlines(database, era2020.id, 'district')).toHaveLength(districts.size);
    expect(listOutlines(database, era2020.id, 'province')).toHaveLength(1);
    expect(listOutlines(database, era2025.id, 'district')).toHaveLength(0);
    expect(listOutlines(database, era2025.id, 'province')).toHaveLength(1);

    // The namesake pairs ("Tân Hòa", "Tân Hòa Đông") give search several communes to rank.
    const name = before2025.features
      .map((feature) => feature.properties.name)
      .find((candidate) =>
        before2025.features.some((other) => other.properties.name.startsWith(`${candidate} `)),
      );
    const found = searchUnits(database, {
      eraIds: [era2020.id],
      terms: foldText(name ?? '').split(' '),
      limit: 10,
    });
    expect(found.length).toBeGreaterThan(1);
    expect(found[0]?.name).toBe(name);

    // Every 2025 commune knows the 2020 communes it was made of, which account for all of them.
    const links = lineageBetween(database, era2020.id, era2025.id);
    const heirs = new Set(links.map((link) => link.newUnitCode));
    expect(heirs.size).toBe(after2025.features.length);
    expect(new Set(links.map((link) => link.oldUnitCode)).size).toBe(before2025.features.length);
    database.$client.close();
  });

  it('makes way for the first import of real boundaries', () => {
    const database = openDatabase();
    loadDemoDataset(database);
    const realCommune = before2025.features[0] as DemoFeature;
    const report = importBoundaryFeatures(
      database,
      [{ ...realCommune, properties: { ...realCommune.properties, code: '31177' } }],
      { era: '2021', validFrom: '2021-07-01', level: 'commune' },
      {
        file: 'test',
        format: 'memory',
        layer: null,
        propertyNames: ['code', 'name', 'type', 'district', 'province', 'population'],
        coordinateSystem: WGS84,
        started: performance.now(),
      },
    );
    expect(report.removedDemoEras.sort()).toEqual(['demo-2020', 'demo-2025']);
    expect(listEras(database).map((era) => era.label)).toEqual(['2021']);
    database.$client.close();
  });
});
