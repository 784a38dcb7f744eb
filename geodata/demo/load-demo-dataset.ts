import { type Database, inTransaction } from '../../server/db/database';
import { WGS84 } from '../../server/domain/projections/coordinate-reference-system';
import { deriveLineage } from '../../server/services/lineage-derivation';
import { type BoundaryImportReport, importBoundaryFeatures } from '../import/import-boundaries';
import { loadDemoProgramme } from './demo-programme';
import { generateDemoProvince } from './generate-demo-province';

/** The demo features' properties, for the importer's column detection. */
const PROPERTY_NAMES = ['code', 'name', 'type', 'district', 'province', 'population'];

/**
 * Imports the demo province's two eras through the same pipeline as a real boundary file, so that they are
 * checked, measured and outlined alike, links them (lineage derived from geometry), and gives the 2020
 * communes a history of the transformation
 * programme (demo-programme.ts). They are marked as demo, which the first import of real boundaries
 * removes (with the programme's history on them), and strict, since a rejected feature would be a bug in
 * the generator. Everything is stored, or nothing.
 */
export function loadDemoDataset(database: Database): BoundaryImportReport[] {
  const eras = generateDemoProvince();
  return inTransaction(database, () => {
    const reports = eras.map((era) =>
      importBoundaryFeatures(
        database,
        era.features,
        {
          era: era.label,
          validFrom: era.validFrom,
          validTo: era.validTo ?? undefined,
          level: 'commune',
          demo: true,
          strict: true,
        },
        {
          file: 'demo',
          format: 'memory',
          layer: null,
          propertyNames: PROPERTY_NAMES,
          coordinateSystem: WGS84,
          started: performance.now(),
        },
      ),
    );
    // How the 2020 communes became those of 2025, derived from the two eras' geometry as for a real
    // province without a mapping file; then the programme's 2021–2025 history on the 2020 communes.
    const [before, after] = eras;
    if (before && after)
      deriveLineage(database, { fromEra: before.label, toEra: after.label, actor: 'demo' });
    loadDemoProgramme(database);
    return reports;
  });
}
