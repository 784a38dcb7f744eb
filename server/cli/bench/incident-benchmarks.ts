import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importIncidentFile } from '../../../geodata/import/import-incidents';
import type { Database } from '../../db/database';
import { findEraByLabel } from '../../db/queries/eras';
import { listIncidentCategories } from '../../db/queries/incidents';
import { unitGeometries } from '../../db/queries/units';
import { reportingMonthsEndingWith } from '../../domain/dates/reporting-months';
import { boundingBoxOf } from '../../domain/geometry/bounding-box';
import type { MultiPolygonCoordinates } from '../../domain/geometry/types';
import { seededRandom } from '../../domain/random/seeded-random';
import { IncidentCube, type IncidentFilter } from '../../services/incident-cube';
import { UnitLocator } from '../../services/unit-locator';
import type { Measurement } from './boundary-benchmarks';

/**
 * A Vietnamese police export as it comes: ";"-separated, dd/mm/yyyy dates, Vietnamese headers, incidents
 * spread over the era's communes and over 2021–2024 (seeded, so every run imports the same file).
 */
export function incidentCsv(database: Database, eraId: number, count: number): string {
  const random = seededRandom(138);
  const boxes = unitGeometries(database, eraId, 'commune').map((row) =>
    boundingBoxOf((JSON.parse(row.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates),
  );
  const categories = listIncidentCategories(database).map((category) => category.nameVi);
  const severities = ['Ít nghiêm trọng', 'Nghiêm trọng', 'Rất nghiêm trọng', 'Đặc biệt nghiêm trọng'];
  const lines = ['Ngày xảy ra;Giờ;Kinh độ;Vĩ độ;Loại vụ việc;Mức độ;Đã khám phá;Số hiệu'];
  for (let k = 0; k < count; k++) {
    const box = boxes[Math.floor(random() * boxes.length)] as number[];
    const longitude = (box[0] as number) + random() * ((box[2] as number) - (box[0] as number));
    const latitude = (box[1] as number) + random() * ((box[3] as number) - (box[1] as number));
    const day = new Date(Date.UTC(2021, 0, 1) + Math.floor(random() * 4 * 365) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const time = `${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
    const category = categories[Math.floor(random() * categories.length)];
    const severity = severities[Math.floor(random() * severities.length)];
    lines.push(
      `${date};${time};${longitude.toFixed(6)};${latitude.toFixed(6)};${category};${severity};${random() < 0.7 ? 'Có' : 'Không'};VV-${k}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Importing a million incidents with commune assignment, and counting them per commune for a filter. */
export async function* incidentBenchmarks(
  database: Database,
  directory: string,
  eraLabel: string,
  count: number,
): AsyncGenerator<Measurement> {
  const era = findEraByLabel(database, eraLabel);
  if (!era) throw new Error(`era ${eraLabel} missing`);
  const path = join(directory, 'incidents.csv');
  writeFileSync(path, incidentCsv(database, era.id, count));

  const started = performance.now();
  const report = await importIncidentFile(database, new UnitLocator(database), path);
  const seconds = (performance.now() - started) / 1000;
  const rowsPerSecond = report.read / seconds;
  yield {
    name: 'incidents.import.national',
    value: Math.round(rowsPerSecond),
    unit: 'rows/s',
    bar: '>= 200000',
    ok: rowsPerSecond >= 200_000,
    rows: report.read,
    seconds: Math.round(seconds * 100) / 100,
    accepted: report.accepted,
    rejected: report.rejected,
    outsideUnits: report.outsideUnits,
    stageSeconds: report.stageSeconds,
  };

  // The in-memory incident index the statistics routes read: built once (cold), then each filter is one
  // pass over its columns (warm), as a running server answers.
  const cube = new IncidentCube(database);
  const loadStarted = performance.now();
  const incidents = cube.forEra(era);
  const loadMilliseconds = performance.now() - loadStarted;
  yield {
    name: 'incidents.cube.load',
    value: Math.round(loadMilliseconds),
    unit: 'ms',
    incidents: incidents.count,
    units: incidents.units.length,
  };

  const categories = listIncidentCategories(database)
    .slice(0, 3)
    .map((category) => category.code);
  const everything: IncidentFilter = {
    from: null,
    to: null,
    categories: [],
    severities: [],
    cleared: null,
    units: null,
  };
  const months = reportingMonthsEndingWith('2024-12-14', 24);
  const filters: { name: string; run: () => unknown; barless?: true }[] = [
    {
      name: 'incidents.aggregate.year',
      run: () => incidents.countByUnit({ ...everything, from: '2023-01-01', to: '2023-12-31' }),
    },
    {
      name: 'incidents.aggregate.allCategoriesAllYears',
      run: () => incidents.countByUnit({ ...everything, from: '2021-01-01', to: '2024-12-31' }),
    },
    {
      name: 'incidents.aggregate.threeCategoriesTwoYears',
      run: () => incidents.countByUnit({ ...everything, from: '2022-01-01', to: '2023-12-31', categories }),
    },
    {
      name: 'incidents.aggregate.seriousUnclearedWithSameWindowLastYear',
      run: () => {
        const filter = {
          ...everything,
          severities: ['rat-nghiem-trong', 'dac-biet-nghiem-trong'],
          cleared: false,
        };
        incidents.countByUnit({ ...filter, from: '2024-01-01', to: '2024-12-31' });
        return incidents.countByUnit({ ...filter, from: '2023-01-01', to: '2023-12-31' });
      },
    },
    {
      name: 'incidents.aggregate.monthsPerUnit24',
      run: () => incidents.countByWindow(everything, months, true),
    },
    {
      name: 'incidents.aggregate.categoriesAllYears',
      run: () => incidents.countByCategory({ ...everything, from: '2021-01-01', to: '2024-12-31' }),
    },
    {
      name: 'incidents.aggregate.listNewestPage',
      run: () => incidents.list({ ...everything, categories }, 0, 100),
    },
    {
      // A year of points as the heatmap asks for them, written as JSON.
      name: 'incidents.points.yearJson',
      barless: true,
      run: () =>
        JSON.stringify(incidents.points({ ...everything, from: '2023-01-01', to: '2023-12-31' })).length,
    },
  ];
  for (const filter of filters) {
    const timings: number[] = [];
    for (let run = 0; run < 5; run++) {
      const runStarted = performance.now();
      filter.run();
      timings.push(performance.now() - runStarted);
    }
    timings.sort((a, b) => a - b);
    const median = timings[2] as number;
    yield {
      name: filter.name,
      value: Math.round(median * 10) / 10,
      unit: 'ms',
      ...(filter.barless ? {} : { bar: '< 300', ok: median < 300 }),
      incidents: incidents.count,
    };
  }
}
