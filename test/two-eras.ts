import { type Database, openDatabase } from '../server/db/database';
import { saveEra } from '../server/db/queries/eras';
import { insertCycle, insertTransition } from '../server/db/queries/programme-cycles';
import { type UnitInsert, writeUnits } from '../server/db/queries/units';
import { unitLineage } from '../server/db/schema';
import type { CycleStatus } from '../server/domain/programme/cycle-status';

/*
 * Two small hand-made eras and their lineage, written straight into an in-memory database:
 *   old 10001 (whole)            → new 20001
 *   old 10002 (whole)            → new 20002
 *   old 10003 (split 60 % / 40 %) → new 20001 and 20002
 *   old 10005 (whole)            → new 20003, in another province
 *   old 10004: no successor (its figures cannot be carried).
 */
export const NOW = '2025-08-01T00:00:00.000Z';
export const PROVINCE = 'Tỉnh Thử Nghiệm';
export const OTHER_PROVINCE = 'Tỉnh Bên Cạnh';

function unit(
  code: string,
  name: string,
  province: string,
  district: string | null,
  west: number,
): UnitInsert {
  const square = [
    [
      [
        [west, 10],
        [west + 0.1, 10],
        [west + 0.1, 10.1],
        [west, 10.1],
        [west, 10],
      ],
    ],
  ];
  return {
    code,
    name,
    kind: 'Xã',
    fullName: `Xã ${name}`,
    districtCode: null,
    districtName: district,
    provinceCode: null,
    provinceName: province,
    population: null,
    areaKm2: 120,
    labelLongitude: west + 0.05,
    labelLatitude: 10.05,
    minLongitude: west,
    minLatitude: 10,
    maxLongitude: west + 0.1,
    maxLatitude: 10.1,
    searchText: name.toLowerCase(),
    geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: square }),
    properties: '{}',
  };
}

export function twoEras(): { database: Database; oldEraId: number; newEraId: number } {
  const database = openDatabase();
  const oldEra = saveEra(
    database,
    { label: 'cu-2021', validFrom: '2021-07-01', validTo: '2025-06-30', isDemo: false },
    NOW,
  );
  const newEra = saveEra(
    database,
    { label: 'moi-2025', validFrom: '2025-07-01', validTo: null, isDemo: false },
    NOW,
  );
  writeUnits(
    database,
    oldEra.id,
    'commune',
    [
      unit('10001', 'Một', PROVINCE, 'Huyện Cũ', 105.0),
      unit('10002', 'Hai', PROVINCE, 'Huyện Hai', 105.1),
      unit('10003', 'Ba', PROVINCE, 'Huyện Cũ', 105.2),
      unit('10004', 'Bốn', PROVINCE, 'Huyện Cũ', 105.3),
      unit('10005', 'Năm', OTHER_PROVINCE, 'Huyện Khác', 105.4),
    ],
    'replace',
  );
  writeUnits(
    database,
    newEra.id,
    'commune',
    [
      unit('20001', 'Mới Một', PROVINCE, null, 105.0),
      unit('20002', 'Mới Hai', PROVINCE, null, 105.1),
      unit('20003', 'Mới Ba', OTHER_PROVINCE, null, 105.4),
    ],
    'replace',
  );
  const link = (oldUnitCode: string, newUnitCode: string, share: number) => ({
    source: 'official' as const,
    oldEraId: oldEra.id,
    oldUnitCode,
    newEraId: newEra.id,
    newUnitCode,
    areaShare: share,
    populationShare: share === 1 ? 1 : null,
    partial: share !== 1,
    sourceFile: 'mapping.csv',
    createdAt: NOW,
  });
  database
    .insert(unitLineage)
    .values([
      link('10001', '20001', 1),
      link('10002', '20002', 1),
      link('10003', '20001', 0.6),
      link('10003', '20002', 0.4),
      link('10005', '20003', 1),
    ])
    .run();
  return { database, oldEraId: oldEra.id, newEraId: newEra.id };
}

/** A 2024 cycle (or of `year`) of an era's commune, through the given statuses from April on. */
export function addCycle(
  database: Database,
  eraId: number,
  unitCode: string,
  statuses: CycleStatus[],
  year = 2024,
): void {
  const cycleId = insertCycle(database, { eraId, unitCode, year, createdAt: NOW, createdBy: 'test' });
  for (const [index, status] of statuses.entries()) {
    insertTransition(database, {
      cycleId,
      status,
      date: `${year}-0${index + 4}-01`,
      decisionId: null,
      reason: null,
      actor: 'test',
      recordedAt: NOW,
    });
  }
}
