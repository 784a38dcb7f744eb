import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { importBoundaryFile } from '../../../geodata/import/import-boundaries';
import { openDatabase } from '../../db/database';
import { deriveLineage, importLineageFile } from '../../services/lineage-derivation';
import type { Measurement } from './boundary-benchmarks';

const OLD_FILES = ['kien_giang_communes_2021.geojson', 'can_tho_communes_2021.geojson'];
const NEW_FILES = ['layers_2025/an_giang_2025_communes.geojson', 'layers_2025/can_tho_2025_communes.geojson'];
const MAPPING_FILE = 'mapping/old_to_new_2025_kiengiang_cantho.csv';

export const LINEAGE_BENCHMARK_NAMES = ['lineage.derive', 'lineage.agreement'] as const;

/**
 * Lineage figures: the overlay of Kiên Giang's and Cần Thơ's 227 communes of 2021 on the 205 communes of
 * new An Giang and Cần Thơ (2025), timed, and how far it agrees with the official mapping (bar: 95 %).
 */
export async function* lineageBenchmarks(geodata: string | null): AsyncGenerator<Measurement> {
  const files = [...OLD_FILES, ...NEW_FILES, MAPPING_FILE];
  if (!geodata || !files.every((file) => existsSync(join(geodata, file)))) {
    for (const name of LINEAGE_BENCHMARK_NAMES) {
      yield {
        name,
        value: null,
        unit: '',
        skipped: 'needs the shared geodata folder: set DIABAN_GEODATA or pass --geodata',
      };
    }
    return;
  }
  const database = openDatabase();
  try {
    for (const [index, file] of OLD_FILES.entries()) {
      await importBoundaryFile(database, join(geodata, file), {
        era: '2021',
        validFrom: '2021-07-01',
        validTo: '2025-06-30',
        level: 'commune',
        append: index > 0,
      });
    }
    for (const [index, file] of NEW_FILES.entries()) {
      await importBoundaryFile(database, join(geodata, file), {
        era: '2025',
        validFrom: '2025-07-01',
        level: 'commune',
        append: index > 0,
      });
    }
    importLineageFile(database, join(geodata, MAPPING_FILE));
    const derivation = deriveLineage(database);
    yield {
      name: 'lineage.derive',
      value: Math.round(derivation.milliseconds / 100) / 10,
      unit: 's',
      oldUnits: derivation.oldUnits,
      newUnits: derivation.newUnits,
      links: derivation.links,
    };
    const { agreementPercent, agreeing, compared, disagreements } = derivation.report;
    yield {
      name: 'lineage.agreement',
      value: agreementPercent,
      unit: '%',
      bar: '>= 95',
      ok: agreementPercent >= 95,
      agreeing,
      compared,
      disagreements: disagreements.length,
    };
  } finally {
    database.$client.close();
  }
}
