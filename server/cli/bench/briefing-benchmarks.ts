import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { importBoundaryFile } from '../../../geodata/import/import-boundaries';
import { importIncidentFile } from '../../../geodata/import/import-incidents';
import { type Database, openDatabase } from '../../db/database';
import { type EraRecord, findEraByLabel } from '../../db/queries/eras';
import { insertCycle, insertDecision, insertTransition } from '../../db/queries/programme-cycles';
import { insertSavedView } from '../../db/queries/saved-views';
import { listUnits } from '../../db/queries/units';
import type { Role } from '../../domain/access/roles';
import { createAppContext } from '../../routes/context';
import { createAccount } from '../../services/accounts';
import { type PackDefinition, renderBriefingPack } from '../../services/briefing-pack-render';
import { chromiumAvailable } from '../../services/headless-chromium';
import {
  closeKeptBrowser,
  DEFAULT_CLIENT_DIRECTORY,
  type PrintOptions,
  renderPrint,
} from '../../services/print-render';
import { UnitLocator } from '../../services/unit-locator';
import type { Measurement } from './boundary-benchmarks';
import { incidentCsv } from './incident-benchmarks';

const PROVINCE_FILE = 'kien_giang_communes_2021.geojson';
const PROVINCE = 'Kiên Giang';
const ERA = 'kien-giang';
const RUNS = 3;
const YEAR = 2024;
const SELECTED = 16;
const ATLAS_COMMUNES = 4;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

interface BenchProvince {
  database: Database;
  era: EraRecord;
}

/**
 * Kiên Giang (144 communes) with `incidents` incidents over 2021–2024 and an account "bench" in a fresh
 * database, for `work`; or, when the machine cannot print, the reason as a skipped figure.
 */
async function* withBenchProvince(
  geodata: string | null,
  names: readonly string[],
  setting: { incidents: number; role: Role },
  work: (province: BenchProvince) => AsyncGenerator<Measurement>,
): AsyncGenerator<Measurement> {
  const skipped =
    !geodata || !existsSync(join(geodata, PROVINCE_FILE))
      ? 'needs the shared geodata folder: set DIABAN_GEODATA or pass --geodata'
      : !chromiumAvailable()
        ? 'needs Chromium (apt-get install chromium)'
        : !existsSync(join(DEFAULT_CLIENT_DIRECTORY, 'index.html'))
          ? 'needs the built client (npm run build)'
          : null;
  if (skipped || !geodata) {
    for (const name of names) yield { name, value: null, unit: '', skipped: skipped ?? '' };
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'diaban-bench-briefings-'));
  const database = openDatabase(join(directory, 'bench.db'));
  try {
    await importBoundaryFile(database, join(geodata, PROVINCE_FILE), {
      era: ERA,
      validFrom: '2021-07-01',
      level: 'commune',
    });
    const era = findEraByLabel(database, ERA);
    if (!era) throw new Error(`era ${ERA} missing`);
    const csv = join(directory, 'incidents.csv');
    writeFileSync(csv, incidentCsv(database, era.id, setting.incidents));
    await importIncidentFile(database, new UnitLocator(database), csv);
    await createAccount(
      database,
      { username: 'bench', role: setting.role, password: randomBytes(16).toString('base64url') },
      { name: 'system', address: 'local' },
      new Date(),
    );
    yield* work({ database, era });
  } finally {
    await closeKeptBrowser();
    database.$client.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * An A4 landscape PNG at 300 dpi of one province's incident choropleth (Kiên Giang, 144
 * communes, 50,000 incidents over 2021–2024), through the same print page and headless Chromium as
 * `POST /api/snapshots`, timed from the request to the file: the median of three renders as the server
 * makes them once Chromium is open (it stays open a minute after an export); the first render, which starts
 * Chromium and builds the incident index, is given beside it.
 */
export function briefingSnapshotBenchmarks(geodata: string | null): AsyncGenerator<Measurement> {
  const incidents = 50_000;
  return withBenchProvince(
    geodata,
    ['briefings.snapshot.a4At300dpi'],
    { incidents, role: 'analyst' },
    async function* ({ database }) {
      const context = createAppContext(database);
      const options: PrintOptions = {
        location: `/map?era=${ERA}&period=custom&from=2021-01-01&to=2024-12-31`,
        format: 'png',
        paper: 'A4',
        orientation: 'landscape',
        dpi: 300,
        title: 'Tình hình vụ việc tỉnh Kiên Giang 2021–2024',
        marking: 'Lưu hành nội bộ',
      };
      // As the server renders: the first export starts Chromium, the next ones find it open.
      const render = async () => {
        const started = performance.now();
        const bytes = (await renderPrint(context, { username: 'bench' }, options, { keepBrowser: true }))
          .byteLength;
        return { seconds: (performance.now() - started) / 1000, bytes };
      };
      const first = await render();
      const warm: number[] = [];
      for (let run = 0; run < RUNS; run++) warm.push((await render()).seconds);
      const seconds = [...warm].sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
      yield {
        name: 'briefings.snapshot.a4At300dpi',
        value: round(seconds, 2),
        unit: 's',
        bar: '< 5',
        ok: seconds < 5,
        incidents,
        firstRunSeconds: round(first.seconds, 2),
        warmRunsSeconds: warm.map((value) => round(value, 2)),
        pngBytes: first.bytes,
      };
    },
  );
}

/**
 * "A 10-page pack: under 30 s": Kiên Giang (144 communes, 20,000 incidents, 16 communes selected in 2024)
 * as a pack of cover, contents, two saved views (the incident map and the programme's map), the year's
 * figures, the selection list and an atlas of four communes — ten A4 landscape pages — timed from the start
 * of the render to the merged PDF, Chromium's start included, as POST /api/briefing-packs/:id/render makes it.
 */
export function briefingPackBenchmarks(geodata: string | null): AsyncGenerator<Measurement> {
  return withBenchProvince(
    geodata,
    ['briefings.pack.tenPages'],
    { incidents: 20_000, role: 'planner' },
    async function* ({ database, era }) {
      const stamp = { createdAt: new Date().toISOString(), createdBy: 'bench' };
      const communes = listUnits(database, { eraId: era.id, level: 'commune' }).slice(0, SELECTED);
      const decision = insertDecision(database, {
        eraId: era.id,
        provinceCode: null,
        provinceName: communes[0]?.provinceName ?? PROVINCE,
        kind: 'selection',
        number: '93/QĐ-BCĐ',
        date: `${YEAR}-04-12`,
        year: YEAR,
        signer: 'Trưởng Ban Chỉ đạo',
        ...stamp,
      });
      for (const commune of communes) {
        const cycleId = insertCycle(database, {
          eraId: era.id,
          unitCode: commune.code,
          year: YEAR,
          ...stamp,
        });
        insertTransition(database, {
          cycleId,
          status: 'selected',
          date: `${YEAR}-04-12`,
          decisionId: decision.id,
          reason: null,
          actor: 'bench',
          recordedAt: stamp.createdAt,
        });
      }
      const owner = { scope: { kind: 'all' } as const, owner: 'bench' };
      const now = new Date().toISOString();
      const incidentMap = insertSavedView(
        database,
        {
          name: 'Vụ việc năm 2024',
          location: `/map?era=${ERA}&period=custom&from=2024-01-01&to=2024-12-14`,
          ...owner,
        },
        now,
      );
      const programmeMap = insertSavedView(
        database,
        { name: 'Chuyển hóa địa bàn 2024', location: `/programme?year=${YEAR}`, ...owner },
        now,
      );
      const definition: PackDefinition = {
        title: 'Sơ kết công tác chuyển hóa địa bàn năm 2024',
        marking: 'Lưu hành nội bộ',
        paper: 'A4',
        orientation: 'landscape',
        items: [
          { kind: 'view', viewId: incidentMap.id },
          { kind: 'view', viewId: programmeMap.id },
          { kind: 'table', table: 'programme-kpis', year: YEAR },
          { kind: 'table', table: 'selection-list', year: YEAR },
          {
            kind: 'atlas',
            year: YEAR,
            units: communes.slice(0, ATLAS_COMMUNES).map((commune) => commune.code),
          },
        ],
      };
      const context = createAppContext(database);
      const started = performance.now();
      const bytes = await renderBriefingPack(
        context,
        { username: 'bench', scope: { kind: 'all' } },
        definition,
      );
      const seconds = (performance.now() - started) / 1000;
      const pages = (await PDFDocument.load(bytes)).getPageCount();
      yield {
        name: 'briefings.pack.tenPages',
        value: round(seconds, 2),
        unit: 's',
        bar: '< 30',
        ok: seconds < 30 && pages === 10,
        pages,
        pdfBytes: bytes.byteLength,
      };
    },
  );
}
