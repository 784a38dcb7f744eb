import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../../geodata/demo/generate-demo-province';
import { labelPoint } from '../../server/domain/geometry/measure-polygon';
import {
  type Account,
  addAccount,
  type BrowserHarness,
  collectPageErrors,
  fillLoginForm,
  outputDirectory,
  runDiaban,
  startBrowserHarness,
  waitForMapReady,
} from './browser-harness';

/*
 * Snapshots as a briefing needs them, through the real server on a fresh database (the demo province, era
 * demo-2020, with incidents planted per commune in March 2025): a PNG at 150 dpi has the paper's pixel size
 * times 150 / 96; a PDF on A4 landscape, read back with pdftotext and rasterised with pdftoppm, holds the
 * title, the marking top and bottom, the legend's classes with their counts, the scale and the source line,
 * and its map is not blank; hot spots and the programme print with their own legends; the render's session
 * is gone afterwards; `diaban brief` writes the same kind of file; and the export dialog downloads one.
 */
const ANALYST: Account = { username: 'phantich', password: 'Mat-khau-thu-nghiem-2025' };
const ADMIN: Account = { username: 'quantri', password: 'Mat-khau-quan-tri-2025' };
const VIEW = '/map?era=demo-2020&period=custom&from=2025-03-01&to=2025-03-14';

let harness: BrowserHarness;

interface Session {
  cookie: string;
  csrfToken: string;
}

/** A request on a fresh connection: a kept-alive one from before a long step may be closed under it. */
async function request(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${harness.baseUrl}${path}`, init);
  } catch {
    return fetch(`${harness.baseUrl}${path}`, init);
  }
}

async function signInApi(account: Account): Promise<Session> {
  const response = await request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function exportSnapshot(session: Session, body: Record<string, unknown>): Promise<Response> {
  const response = await request('/api/snapshots', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: session.cookie,
      'X-CSRF-Token': session.csrfToken,
    },
    body: JSON.stringify(body),
  });
  // A refusal says why: the test output then shows it.
  if (response.status !== 200) expect(await response.text()).toBe('');
  return response;
}

/** Exports a PDF, writes it to the output directory, and gives its path and its text. */
async function exportPdf(
  session: Session,
  name: string,
  body: Record<string, unknown>,
): Promise<{ pdf: string; text: string }> {
  const response = await exportSnapshot(session, {
    format: 'pdf',
    paper: 'A4',
    orientation: 'landscape',
    ...body,
  });
  expect(response.status).toBe(200);
  const pdf = join(outputDirectory, name);
  writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));
  return { pdf, text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }) };
}

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A page of a PDF as greyscale pixels (pdftoppm's PGM). */
function rasterise(pdf: string, resolution: number): { width: number; height: number; pixels: Buffer } {
  const stem = pdf.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', String(resolution), '-gray', '-singlefile', pdf, stem]);
  const data = readFileSync(`${stem}.pgm`);
  // "P5\n<width> <height>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length) };
}

/** The standard deviation of the grey levels in a box given as fractions of the page. */
function greyDeviation(
  image: { width: number; height: number; pixels: Buffer },
  box: { left: number; top: number; right: number; bottom: number },
): number {
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = Math.floor(box.top * image.height); y < box.bottom * image.height; y++) {
    for (let x = Math.floor(box.left * image.width); x < box.right * image.width; x++) {
      const grey = image.pixels[y * image.width + x] as number;
      sum += grey;
      squares += grey * grey;
      count++;
    }
  }
  const mean = sum / count;
  return Math.sqrt(squares / count - mean * mean);
}

function sessionsLeft(address: string): number {
  const database = new Database(harness.databasePath, { readonly: true });
  try {
    const row = database.prepare('select count(*) as count from sessions where address = ?').get(address) as {
      count: number;
    };
    return row.count;
  } finally {
    database.close();
  }
}

/** Incidents in every commune of the demo's 2020 era, 0 to 18 each, so that the choropleth has classes. */
function writeIncidentCsv(path: string): void {
  const [era2020] = generateDemoProvince();
  const lines = ['Ngày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc;Số hiệu'];
  let reference = 0;
  era2020?.features.forEach((feature, index) => {
    const [longitude, latitude] = labelPoint(feature.geometry.coordinates) as [number, number];
    for (let planted = 0; planted < (index * 7) % 19; planted++) {
      lines.push(
        `${String(1 + (planted % 14)).padStart(2, '0')}/03/2025;${longitude};${latitude};Đánh bạc;SN-${reference++}`,
      );
    }
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  harness = await startBrowserHarness({
    workDirectoryPrefix: 'diaban-snapshots-',
    prepareDatabase: (databasePath) => {
      addAccount(databasePath, ANALYST, 'analyst');
      addAccount(databasePath, ADMIN, 'admin');
    },
  });
  const csv = join(harness.workDirectory, 'incidents.csv');
  writeIncidentCsv(csv);
  const report = JSON.parse(
    runDiaban(['import', 'incidents', csv, '--db', harness.databasePath, '--json']),
  ) as {
    rejected: number;
  };
  expect(report.rejected).toBe(0);
  // Two flashpoints for the record layers: one arising, one resolved.
  const analyst = await signInApi(ANALYST);
  const [era2020] = generateDemoProvince();
  for (const [index, status] of [
    [3, 'arising'],
    [11, 'resolved'],
  ] as const) {
    const feature = era2020?.features[index];
    if (!feature) throw new Error('the demo province has fewer communes');
    const created = await request('/api/flashpoints', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: analyst.cookie,
        'X-CSRF-Token': analyst.csrfToken,
      },
      body: JSON.stringify({
        geometry: { type: 'Point', coordinates: labelPoint(feature.geometry.coordinates) },
        kind: 'land-dispute',
        title: `Tranh chấp đất ${index}`,
        severity: 'high',
        status,
        statusDate: '2025-03-05',
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
  }
}, 120_000);

afterAll(() => harness?.close());

describe('map snapshots', () => {
  it('exports a PNG at the paper size times dpi / 96', async () => {
    const session = await signInApi(ANALYST);
    const response = await exportSnapshot(session, {
      location: VIEW,
      format: 'png',
      paper: 'A4',
      orientation: 'landscape',
      dpi: 150,
      marking: 'Lưu hành nội bộ',
    });
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ''),
    ).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''B%E1%BA%A3n/);
    const bytes = Buffer.from(await response.arrayBuffer());
    writeFileSync(join(outputDirectory, 'snapshot-map-150dpi.png'), bytes);
    const size = pngSize(bytes);
    // A4 landscape is 1123 × 794 CSS pixels; at 150 dpi, 1.5625 device pixels each.
    expect(Math.abs(size.width - 1123 * 1.5625)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - 794 * 1.5625)).toBeLessThanOrEqual(1);
    expect(sessionsLeft('print')).toBe(0);
  });

  it('exports a PDF with title, legend, scale, source, marking and a drawn map', async () => {
    const session = await signInApi(ANALYST);
    const response = await exportSnapshot(session, {
      location: VIEW,
      format: 'pdf',
      paper: 'A4',
      orientation: 'landscape',
      dpi: 150,
      title: 'Giao ban tháng 3/2025',
      marking: 'MẬT',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = join(outputDirectory, 'snapshot-map-a4.pdf');
    writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts/);
    expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/NotoSans.*yes\s+yes/);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Giao ban tháng 3/2025');
    expect(text.match(/MẬT/g)?.length).toBe(2);
    expect(text).toContain('01/03/2025 – 14/03/2025');
    expect(text).toContain('CHÚ GIẢI');
    expect(text).toMatch(/Số vụ việc, 01\/03\/2025/);
    // Five classes with their communes, then the boundaries shown.
    expect(text.match(/\d+ đơn vị/g)?.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('Ranh giới xã, phường');
    expect(text).toMatch(/\b\d+(,\d)? k?m\b/);
    expect(text).toMatch(/Tỉ lệ 1 : [\d.]+/);
    expect(text).toMatch(/Nguồn: [\d.]+ vụ việc trong 39 xã, phường/);
    expect(text).toMatch(/Tạo lúc \d\d\/\d\d\/\d{4} \d\d:\d\d bởi phantich/);

    // The map frame takes the left three quarters of the page below the title: not one flat colour.
    const page = rasterise(pdf, 60);
    const deviation = greyDeviation(page, { left: 0.1, top: 0.3, right: 0.6, bottom: 0.8 });
    expect(deviation).toBeGreaterThan(12);
    // …while the page's margin is.
    expect(greyDeviation(page, { left: 0, top: 0.3, right: 0.02, bottom: 0.8 })).toBeLessThan(1);
    expect(sessionsLeft('print')).toBe(0);
  });

  it('prints hot spots and the programme with their own legends and method lines', async () => {
    const analyst = await signInApi(ANALYST);
    const hotSpots = await exportSnapshot(analyst, {
      location: '/hotspots?era=demo-2020&period=custom&from=2025-03-01&to=2025-03-14',
      format: 'pdf',
      paper: 'A4',
      orientation: 'portrait',
      dpi: 96,
    });
    expect(hotSpots.status).toBe(200);
    const hotSpotPdf = join(outputDirectory, 'snapshot-hot-spots-a4.pdf');
    writeFileSync(hotSpotPdf, Buffer.from(await hotSpots.arrayBuffer()));
    const hotSpotText = execFileSync('pdftotext', [hotSpotPdf, '-'], { encoding: 'utf8' });
    expect(hotSpotText).toContain('Bản đồ điểm nóng (Getis-Ord Gi*)');
    expect(hotSpotText).toContain('Điểm nóng, độ tin cậy 99 %');
    expect(hotSpotText).toMatch(/G_i\* trên Số vụ việc; trọng số kề chung đỉnh \(queen\); 999 hoán vị/);
    expect(hotSpotText).toContain('hiệu chỉnh FDR');

    const emerging = await exportSnapshot(analyst, {
      location: '/hotspots?era=demo-2020&period=custom&from=2025-03-01&to=2025-03-14&mode=emerging&months=12',
      format: 'pdf',
      paper: 'A4',
      orientation: 'landscape',
      dpi: 96,
    });
    const emergingPdf = join(outputDirectory, 'snapshot-emerging-a4.pdf');
    writeFileSync(emergingPdf, Buffer.from(await emerging.arrayBuffer()));
    const emergingText = execFileSync('pdftotext', [emergingPdf, '-'], { encoding: 'utf8' });
    expect(emergingText).toContain('Bản đồ điểm nóng (Điểm nóng mới nổi)');
    expect(emergingText).toMatch(/Mann–Kendall\) trên 12 tháng/);

    const admin = await signInApi(ADMIN);
    const programme = await exportSnapshot(admin, {
      location: '/programme?year=2024',
      format: 'pdf',
      paper: 'A3',
      orientation: 'landscape',
      dpi: 96,
      subtitle: 'Sơ kết năm 2024',
    });
    expect(programme.status).toBe(200);
    const programmePdf = join(outputDirectory, 'snapshot-programme-a3.pdf');
    writeFileSync(programmePdf, Buffer.from(await programme.arrayBuffer()));
    expect(execFileSync('pdfinfo', [programmePdf], { encoding: 'utf8' })).toMatch(
      /Page size:\s+119[01]\.\d+ x 841\.\d+ pts/,
    );
    const programmeText = execFileSync('pdftotext', [programmePdf, '-'], { encoding: 'utf8' });
    expect(programmeText).toContain('Chương trình chuyển hóa địa bàn năm 2024');
    expect(programmeText).toContain('Sơ kết năm 2024');
    expect(programmeText).toContain('Trạng thái năm 2024');
    expect(programmeText).toContain('Không trong chương trình');
    expect(sessionsLeft('print')).toBe(0);
  });

  it('prints the incident map with its heatmap and flashpoints, each in the legend', async () => {
    const analyst = await signInApi(ANALYST);
    // No choropleth: what is drawn is the heatmap, the flashpoints and the boundary lines.
    const location = `${VIEW}&layers=districts,provinces,labels,heatmap,flashpoints&heatmapRadius=1000`;
    const { pdf, text } = await exportPdf(analyst, 'snapshot-map-heatmap.pdf', { location, dpi: 150 });
    expect(text).toContain('Bản đồ vụ việc');
    expect(text).toMatch(/Mật độ vụ việc\s+Bán kính 1 km\s+[\d.]+ vụ việc/);
    expect(text).toMatch(/[\d.]+ vụ việc/);
    expect(text).toMatch(/Mới phát sinh\s+1 điểm/);
    expect(text).toMatch(/Đã giải quyết\s+1 điểm/);
    expect(text).toMatch(/Phát sinh trở lại\s+0 điểm/);
    expect(text).toMatch(/Nguồn: [\d.]+ vụ việc có tọa độ/);
    const page = rasterise(pdf, 60);
    expect(greyDeviation(page, { left: 0.1, top: 0.3, right: 0.6, bottom: 0.8 })).toBeGreaterThan(8);

    // The print page itself: the heatmap shows, at the radius asked for, and both flashpoints are drawn.
    const browserPage = await harness.browser.newPage({ viewport: { width: 1123, height: 794 } });
    const problems = collectPageErrors(browserPage);
    await browserPage.goto(`${harness.baseUrl}/#/map`);
    await fillLoginForm(browserPage, ANALYST);
    await waitForMapReady(browserPage);
    await browserPage.goto(`${harness.baseUrl}/#/print?view=${encodeURIComponent(location)}&dpi=96`);
    await browserPage.waitForFunction(() => document.body.dataset.printReady === 'true', undefined, {
      timeout: 60_000,
    });
    const drawn = await browserPage.evaluate(() => {
      const map = window.diabanPrintMap;
      if (!map) return null;
      return {
        heatmap: map.getLayoutProperty('incidents-heatmap', 'visibility'),
        heatmapPoints: map.querySourceFeatures('incident-points').length,
        flashpoints: map.queryRenderedFeatures({ layers: ['flashpoints-points'] }).length,
        zoom: map.getZoom(),
        radius: map.getPaintProperty('incidents-heatmap', 'heatmap-radius'),
        latitude: map.getCenter().lat,
      };
    });
    expect(drawn).not.toBeNull();
    expect(drawn?.heatmap).toBe('visible');
    expect(drawn?.heatmapPoints).toBeGreaterThan(0);
    expect(drawn?.flashpoints).toBe(2);
    // 1 km on the ground at the print's zoom, in CSS pixels: 1000 · 2^z / (78,271.5 m · cos φ).
    const radius = drawn?.radius as [string, unknown, unknown, number, number, number, number];
    const zoom = drawn?.zoom ?? 0;
    const atZoom = radius[4] + ((radius[6] - radius[4]) * (2 ** zoom - 1)) / (2 ** 24 - 1);
    const expected = (1000 * 2 ** zoom) / (78_271.51696 * Math.cos(((drawn?.latitude ?? 0) * Math.PI) / 180));
    expect(Math.abs(atZoom - expected) / expected).toBeLessThan(0.01);
    expect(problems).toEqual([]);
    await browserPage.close();
  });

  it('prints the optimized grid with density contours and clusters, each in the legend', async () => {
    const analyst = await signInApi(ANALYST);
    const { pdf, text } = await exportPdf(analyst, 'snapshot-hot-spots-grid.pdf', {
      location:
        '/hotspots?era=demo-2020&period=custom&from=2025-03-01&to=2025-03-14&mode=grid&overlays=density,clusters&clusterMinimum=2&clusterDistance=50000',
      dpi: 96,
    });
    expect(text).toContain('Bản đồ điểm nóng tối ưu trên lưới (Getis-Ord Gi*)');
    expect(text).toMatch(/Không có ý nghĩa thống kê\s+\d+ ?ô/);
    expect(text).toContain('Mật độ vụ việc (vụ/km²)');
    expect(text).toMatch(/≥ [\d,]+/);
    expect(text).toMatch(/Cụm điểm nóng\s+\d+ cụm/);
    expect(text).toMatch(/Phương pháp: điểm nóng tối ưu G_i\* trên lưới ô lục giác cao [\d.,]+ k?m/);
    const page = rasterise(pdf, 60);
    expect(greyDeviation(page, { left: 0.1, top: 0.3, right: 0.6, bottom: 0.8 })).toBeGreaterThan(8);
  });

  it('prints a comparison of two windows side by side, each map labelled', async () => {
    const analyst = await signInApi(ANALYST);
    const { pdf, text } = await exportPdf(analyst, 'snapshot-hot-spots-compare.pdf', {
      location:
        '/hotspots?era=demo-2020&period=custom&from=2025-03-08&to=2025-03-14&compare=on&compareFrom=2025-03-01&compareTo=2025-03-07',
      dpi: 96,
    });
    expect(text).toContain('Kỳ so sánh: 01/03/2025 – 07/03/2025');
    expect(text).toContain('Kỳ này: 08/03/2025 – 14/03/2025');
    expect(text).toContain('Bản đồ bên trái: kỳ so sánh (01/03/2025 –');
    expect(text).toMatch(/Không có ý nghĩa thống kê\s+\d+ ?\/ ?\d+/);
    // Both halves of the map frame are drawn.
    const page = rasterise(pdf, 60);
    expect(greyDeviation(page, { left: 0.05, top: 0.3, right: 0.35, bottom: 0.8 })).toBeGreaterThan(8);
    expect(greyDeviation(page, { left: 0.42, top: 0.3, right: 0.72, bottom: 0.8 })).toBeGreaterThan(8);
  });

  it('prints in English when asked', async () => {
    const analyst = await signInApi(ANALYST);
    const { text } = await exportPdf(analyst, 'snapshot-map-english.pdf', {
      location: VIEW,
      dpi: 96,
      language: 'en',
    });
    expect(text).toContain('LEGEND');
    expect(text).toContain('Incident map');
    expect(text).toMatch(/Incidents, 01\/03\/2025/);
    expect(text).toContain('Commune boundary');
    expect(text).toMatch(/Source: [\d,]+ incidents in 39 communes/);
    expect(text).toMatch(/Generated \d\d\/\d\d\/\d{4} \d\d:\d\d by phantich/);
    expect(text).not.toContain('Chú giải');
  });

  it('writes the same kind of file from the command line', () => {
    const out = join(harness.workDirectory, 'brief.png');
    const output = runDiaban([
      'brief',
      '--url',
      `http://localhost:8080/#${VIEW}`,
      '--out',
      out,
      '--dpi',
      '96',
      '--paper',
      'A4',
      '--orientation',
      'portrait',
      '--marking',
      'Lưu hành nội bộ',
      '--user',
      ANALYST.username,
      '--db',
      harness.databasePath,
    ]);
    expect(output).toContain('phantich');
    const size = pngSize(readFileSync(out));
    expect(size).toEqual({ width: 794, height: 1123 });
    expect(sessionsLeft('print')).toBe(0);
  });

  it('downloads from the export dialog of the map', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems = collectPageErrors(page);
    await page.goto(`${harness.baseUrl}/#${VIEW}`);
    await fillLoginForm(page, ANALYST);
    await waitForMapReady(page);
    await page.getByTestId('snapshot-open').click();
    // The print's language starts as the interface's.
    expect(await page.getByTestId('snapshot-language').inputValue()).toBe('vi');
    await page.getByTestId('snapshot-format-png').check();
    await page.getByTestId('snapshot-dpi').selectOption('96');
    await page.getByTestId('snapshot-marking').fill('Lưu hành nội bộ');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('snapshot-download').click();
    await page.getByTestId('snapshot-progress').waitFor();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^Bản đồ vụ việc - \d\d-\d\d-\d{4} \d{4}\.png$/);
    await page.getByTestId('snapshot-done').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('diaban.snapshot.marking'))).toBe(
      'Lưu hành nội bộ',
    );
    expect(problems).toEqual([]);
    await page.close();
  });
});
