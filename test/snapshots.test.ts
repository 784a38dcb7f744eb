import { afterEach, describe, expect, it, vi } from 'vitest';
import { briefOptions } from '../server/cli/commands/brief';
import { CommandError } from '../server/cli/output';
import {
  locationFromUrl,
  pagePixels,
  printLocation,
  printOptionsSchema,
  snapshotFileNames,
} from '../server/services/print-render';
import { contentDisposition } from '../server/services/programme-list-export';
import { appFor, databaseWithTinyProvince, signIn } from './helpers';

/*
 * POST /api/snapshots without a browser: who may ask, and how bad options are refused (bilingual 400s) before
 * Chromium starts; the 503 when Chromium is missing; the print page's address and the file names. The
 * rendering itself is tested in Chromium (test/browser/snapshots.test.ts).
 */

const PNG = {
  location: '/map?era=test-2021',
  format: 'png',
  paper: 'A4',
  orientation: 'landscape',
  dpi: 150,
};

const post = (client: Awaited<ReturnType<typeof signIn>>, body: unknown) =>
  client.request('/api/snapshots', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('POST /api/snapshots', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('needs a session and, on writes, the CSRF token', async () => {
    const database = await databaseWithTinyProvince();
    const app = appFor(database);
    const anonymous = await app.request('/api/snapshots', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(PNG),
    });
    expect(anonymous.status).toBe(401);
    const client = await signIn(app, database, 'viewer');
    const withoutToken = await app.request('/api/snapshots', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: client.cookie },
      body: JSON.stringify(PNG),
    });
    expect(withoutToken.status).toBe(403);
  });

  it('refuses options that make no sense with a bilingual 400 naming the field', async () => {
    const database = await databaseWithTinyProvince();
    const client = await signIn(appFor(database), database, 'analyst');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...PNG, format: 'jpeg' }, 'format'],
      [{ ...PNG, paper: 'A5' }, 'paper'],
      [{ ...PNG, orientation: 'sideways' }, 'orientation'],
      [{ ...PNG, dpi: 72 }, 'dpi'],
      [{ ...PNG, dpi: '300' }, 'dpi'],
      [{ ...PNG, location: '/admin/users' }, 'location'],
      [{ ...PNG, location: '' }, 'location'],
      [{ ...PNG, title: 'x'.repeat(201) }, 'title'],
      [{ ...PNG, marking: 'M'.repeat(61) }, 'marking'],
      [{ ...PNG, language: 'fr' }, 'language'],
    ];
    for (const [body, field] of cases) {
      const response = await post(client, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const answer = (await response.json()) as {
        error: { code: string; message: { vi: string; en: string } };
      };
      expect(answer.error.code).toBe('invalid_parameter');
      expect(answer.error.message.vi).toContain(`"${field}"`);
      expect(answer.error.message.en).toContain(`"${field}"`);
    }
    const notJson = await client.request('/api/snapshots', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('exports a view only to a role that may see it', async () => {
    const database = await databaseWithTinyProvince();
    const app = appFor(database);
    const viewer = await signIn(app, database, 'viewer');
    const refused = await post(viewer, { ...PNG, location: '/hotspots?era=test-2021' });
    expect(refused.status).toBe(403);
    const analyst = await signIn(app, database, 'analyst');
    const programme = await post(analyst, { ...PNG, location: '/programme?year=2024' });
    expect(programme.status).toBe(403);
  });

  it('answers 503, in both languages, when the server has no Chromium', async () => {
    vi.stubEnv('DIABAN_CHROMIUM', '/nonexistent/chromium');
    vi.resetModules();
    const helpers = await import('./helpers');
    const database = await helpers.databaseWithTinyProvince();
    const client = await helpers.signIn(helpers.appFor(database), database, 'viewer');
    const response = await post(client, PNG);
    expect(response.status).toBe(503);
    const answer = (await response.json()) as {
      error: { code: string; message: { vi: string; en: string } };
    };
    expect(answer.error.code).toBe('print_unavailable');
    expect(answer.error.message.vi).toContain('Chromium');
    expect(answer.error.message.en).toContain('Chromium');
  });
});

describe('print options', () => {
  it('takes defaults and strips a leading "#"', () => {
    expect(printOptionsSchema.parse({ location: '#/map?era=x', format: 'pdf' })).toEqual({
      location: '/map?era=x',
      format: 'pdf',
      paper: 'A4',
      orientation: 'landscape',
      dpi: 150,
      language: 'vi',
    });
    expect(printOptionsSchema.safeParse({ location: '/map', format: 'pdf', language: 'fr' }).success).toBe(
      false,
    );
  });

  it('asks the print page for English only when English is wanted', () => {
    const options = {
      location: '/map',
      format: 'pdf',
      paper: 'A4',
      orientation: 'landscape',
      dpi: 96,
    } as const;
    expect(new URLSearchParams(printLocation({ ...options, language: 'en' }).slice(7)).get('language')).toBe(
      'en',
    );
    expect(printLocation({ ...options, language: 'vi' })).not.toContain('language');
    expect(printLocation(options)).not.toContain('language');
  });

  it('builds the print page address with every text encoded', () => {
    const address = printLocation({
      location: '/map?era=2021&unit=31006',
      format: 'pdf',
      paper: 'A3',
      orientation: 'portrait',
      dpi: 300,
      title: 'Tình hình & diễn biến',
      marking: 'MẬT',
    });
    expect(address.startsWith('/print?')).toBe(true);
    const query = new URLSearchParams(address.slice('/print?'.length));
    expect(query.get('view')).toBe('/map?era=2021&unit=31006');
    expect(query.get('title')).toBe('Tình hình & diễn biến');
    expect(query.get('marking')).toBe('MẬT');
    expect(query.get('dpi')).toBe('300');
    expect(address).not.toContain('+');
  });

  it('sizes the page at 96 px per inch', () => {
    expect(pagePixels('A4', 'landscape')).toEqual({ width: 1123, height: 794 });
    expect(pagePixels('A3', 'portrait')).toEqual({ width: 1123, height: 1587 });
  });

  it('reads the view out of a whole URL', () => {
    expect(locationFromUrl('http://localhost:8080/#/hotspots?era=x')).toBe('/hotspots?era=x');
    expect(locationFromUrl('/map')).toBe('/map');
  });

  it('names the file after the title and the time in Vietnam, with a plain fallback', () => {
    const names = snapshotFileNames(
      {
        ...PNG,
        format: 'pdf',
        paper: 'A4',
        orientation: 'landscape',
        dpi: 150,
        title: 'Điểm nóng: quý 1/2025',
      },
      new Date('2025-03-14T07:05:00Z'),
    );
    expect(names.unicode).toBe('Điểm nóng- quý 1-2025 - 14-03-2025 1405.pdf');
    expect(names.ascii).toBe('Diem-nong-quy-1-2025-14-03-2025-1405.pdf');
    expect(contentDisposition(names)).toContain("filename*=UTF-8''%C4%90i%E1%BB%83m");
    const untitled = snapshotFileNames(
      { ...PNG, format: 'png', paper: 'A4', orientation: 'landscape', dpi: 150, location: '/hotspots' },
      new Date('2025-03-14T07:05:00Z'),
    );
    expect(untitled.unicode).toBe('Điểm nóng - 14-03-2025 1405.png');
  });

  it('checks the command line options as the API does', () => {
    const flags = {
      url: 'http://localhost:8080/#/map?era=x',
      dpi: '300',
      paper: 'A3',
      orientation: 'portrait',
      language: 'en',
    };
    expect(briefOptions(flags, 'png')).toMatchObject({
      location: '/map?era=x',
      dpi: 300,
      paper: 'A3',
      language: 'en',
    });
    expect(() => briefOptions({ ...flags, language: 'fr' }, 'pdf')).toThrow(/--language/);
    expect(() => briefOptions({ ...flags, url: 'http://localhost:8080/#/import' }, 'pdf')).toThrow(
      CommandError,
    );
    expect(() => briefOptions({ ...flags, dpi: '72' }, 'pdf')).toThrow(/--dpi/);
  });
});
