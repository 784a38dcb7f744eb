import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importIncidentFile } from '../geodata/import/import-incidents';
import { createApp } from '../server/app';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import { dataRevision } from '../server/db/queries/data-revisions';
import { findEraByLabel } from '../server/db/queries/eras';
import { createAppContext } from '../server/routes/context';
import { UnitLocator } from '../server/services/unit-locator';
import { databaseWithTinyProvince, type SignedInClient, signIn } from './helpers';

const incidentsFile = fileURLToPath(
  new URL('./fixtures/incidents/tiny-province-incidents.csv', import.meta.url),
);

interface Category {
  code: string;
  group: string;
  nameVi: string;
  nameEn: string;
  aliases: string[];
  sortOrder: number;
  active: boolean;
}

interface Definition {
  code: string;
  nameVi: string;
  nameEn: string;
  unitVi: string;
  unitEn: string;
  sortOrder: number;
  active: boolean;
}

interface ErrorAnswer {
  error: { code: string; message: { vi: string; en: string } };
}

async function setUp(database?: Database) {
  const db = database ?? (await databaseWithTinyProvince());
  const context = createAppContext(db, () => new Date('2024-05-15T03:00:00Z'));
  const app = createApp(context);
  const admin = await signIn(app, db, 'admin');
  return { database: db, context, app, admin };
}

const send = (client: SignedInClient, method: string, path: string, body: unknown) =>
  client.request(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function categories(client: SignedInClient): Promise<Category[]> {
  return ((await (await client.request('/api/incident-categories')).json()) as { categories: Category[] })
    .categories;
}

const NEW_CATEGORY = {
  code: 'tranh-chap',
  group: 'khac',
  nameVi: 'Tranh chấp dân sự',
  nameEn: 'Civil disputes',
  aliases: ['tranh chấp', 'TRANH CHẤP', ' ', 'civil dispute'],
};

describe('incident categories', () => {
  it('adds a category, listed with its aliases last in the order, audited; refuses an existing code', async () => {
    const { database, admin } = await setUp();
    const revision = dataRevision(database, 'incidents');
    const created = await send(admin, 'POST', '/api/incident-categories', NEW_CATEGORY);
    expect(created.status).toBe(201);
    const { category } = (await created.json()) as { category: Category };
    // Blank and repeated (once folded) aliases are dropped.
    expect(category).toMatchObject({
      code: 'tranh-chap',
      group: 'khac',
      aliases: ['tranh chấp', 'civil dispute'],
      active: true,
    });
    const listed = await categories(admin);
    expect(listed.at(-1)).toEqual(category);
    expect(category.sortOrder).toBeGreaterThan(listed.at(-2)?.sortOrder ?? 0);
    expect(dataRevision(database, 'incidents')).toBe(revision + 1);

    const [entry] = listAuditRecords(database, { action: 'incident-category.', limit: 5 });
    expect(entry).toMatchObject({
      action: 'incident-category.create',
      target: 'incident-category:tranh-chap',
    });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual(category);

    const again = await send(admin, 'POST', '/api/incident-categories', NEW_CATEGORY);
    expect(again.status).toBe(409);
    const seeded = await send(admin, 'POST', '/api/incident-categories', {
      ...NEW_CATEGORY,
      code: 'danh-bac',
    });
    expect(seeded.status).toBe(409);
    expect(((await seeded.json()) as ErrorAnswer).error.message.vi).toMatch(/danh-bac/);
  });

  it('refuses bad input with a 400 in both languages', async () => {
    const { admin } = await setUp();
    for (const [body, field] of [
      [{ ...NEW_CATEGORY, code: 'Trộm Cắp' }, 'code'],
      [{ ...NEW_CATEGORY, code: 'a--b' }, 'code'],
      [{ ...NEW_CATEGORY, group: '' }, 'group'],
      [{ ...NEW_CATEGORY, nameVi: '  ' }, 'nameVi'],
      [{ ...NEW_CATEGORY, aliases: 'tranh chấp' }, 'aliases'],
      [{ ...NEW_CATEGORY, colour: 'red' }, ''],
    ] as const) {
      const response = await send(admin, 'POST', '/api/incident-categories', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as ErrorAnswer;
      expect(error.message.en).toContain(`"${field}"`);
      expect(error.message.vi).toContain(`"${field}"`);
    }
    // The code is not renamed, and an empty change is no change.
    const rename = await send(admin, 'PATCH', '/api/incident-categories/khac', { code: 'khac-2' });
    expect(rename.status).toBe(400);
    expect(((await rename.json()) as ErrorAnswer).error.message.en).toMatch(/code cannot be changed/);
    expect((await send(admin, 'PATCH', '/api/incident-categories/khac', {})).status).toBe(400);
    expect((await send(admin, 'PATCH', '/api/incident-categories/khac', { active: 'no' })).status).toBe(400);
  });

  it('edits names, aliases, group, order and state, audited before and after; 404 for an unknown code', async () => {
    const { database, context, admin } = await setUp();
    const era = findEraByLabel(database, 'test-2021');
    if (!era) throw new Error('no era');
    expect(context.incidents.forEra(era).columns.categoryCodes.slice(0, 2)).toEqual([
      'trat-tu-xa-hoi',
      'trat-tu-kinh-te',
    ]);
    const response = await send(admin, 'PATCH', '/api/incident-categories/khac', {
      nameVi: 'Vụ việc khác',
      nameEn: 'Other incidents',
      aliases: ['khác', 'other'],
      group: 'khac-nhom',
      sortOrder: 0,
    });
    expect(response.status).toBe(200);
    const { category } = (await response.json()) as { category: Category };
    expect(category).toEqual({
      code: 'khac',
      group: 'khac-nhom',
      nameVi: 'Vụ việc khác',
      nameEn: 'Other incidents',
      aliases: ['khác', 'other'],
      sortOrder: 0,
      active: true,
    });
    // The taxonomy order is the list's and the incident index's (rebuilt on the data revision).
    expect((await categories(admin)).slice(0, 2).map((entry) => entry.code)).toEqual([
      'khac',
      'trat-tu-xa-hoi',
    ]);
    expect(context.incidents.forEra(era).columns.categoryCodes.slice(0, 2)).toEqual([
      'khac',
      'trat-tu-xa-hoi',
    ]);

    const [entry] = listAuditRecords(database, { action: 'incident-category.update', limit: 1 });
    expect(entry?.target).toBe('incident-category:khac');
    expect(JSON.parse(entry?.before ?? 'null')).toMatchObject({ nameEn: 'Other', active: true });
    expect(JSON.parse(entry?.after ?? 'null')).toEqual(category);

    const unknown = await send(admin, 'PATCH', '/api/incident-categories/khong-co', { active: false });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorAnswer).error.message.vi).toMatch(/khong-co/);
  });

  it('matches new aliases on import, and files no new rows under an inactive category', async () => {
    const { database, admin } = await setUp();
    // Row 11 reads "Tranh chấp dân sự", unknown to the seeded list; row 5 "Cháy nổ".
    expect(
      (await send(admin, 'PATCH', '/api/incident-categories/khac', { aliases: ['tranh chấp dân sự'] }))
        .status,
    ).toBe(200);
    expect((await send(admin, 'PATCH', '/api/incident-categories/chay-no', { active: false })).status).toBe(
      200,
    );
    const report = await importIncidentFile(database, new UnitLocator(database), incidentsFile);
    expect(report).toMatchObject({ read: 11, accepted: 8, rejected: 3 });
    expect(report.rejectedRows.map((rejection) => rejection.row)).toEqual([5, 10, 12]);
    expect(report.rejectedRows[0]?.reason).toMatch(/Cháy nổ/);

    // The browser import's preview reads the same list.
    const listed = await categories(admin);
    expect(listed.find((category) => category.code === 'chay-no')?.active).toBe(false);
  });

  it('keeps counting incidents of a retired category, and refuses it for new incidents entered by hand', async () => {
    const { database, app, admin } = await setUp();
    await importIncidentFile(database, new UnitLocator(database), incidentsFile);
    const counts = async () =>
      (
        (await (await admin.request('/api/stats/categories?from=2024-01-01&to=2024-12-31')).json()) as {
          categories: { code: string; count: number }[];
        }
      ).categories.find((category) => category.code === 'danh-bac')?.count;
    expect(await counts()).toBe(2);
    expect((await send(admin, 'PATCH', '/api/incident-categories/danh-bac', { active: false })).status).toBe(
      200,
    );
    expect(await counts()).toBe(2);
    const filtered = await admin.request(
      '/api/stats/units?from=2024-01-01&to=2024-12-31&categories=danh-bac',
    );
    expect(filtered.status).toBe(200);

    const commander = await signIn(app, database, 'commander');
    const incident = { occurredAt: '2024-05-01T08:30', longitude: 105.52, latitude: 10.02 };
    const refused = await send(commander, 'POST', '/api/incidents', {
      ...incident,
      categoryCode: 'danh-bac',
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ErrorAnswer).error.message.en).toMatch(/no longer used/);
    const accepted = await send(commander, 'POST', '/api/incidents', { ...incident, categoryCode: 'so-de' });
    expect(accepted.status).toBe(201);

    // Back in use: new incidents may name it again.
    expect((await send(admin, 'PATCH', '/api/incident-categories/danh-bac', { active: true })).status).toBe(
      200,
    );
    const again = await send(commander, 'POST', '/api/incidents', { ...incident, categoryCode: 'danh-bac' });
    expect(again.status).toBe(201);
  });
});

describe('indicator definitions', () => {
  const NEW_DEFINITION = {
    code: 'youth-clubs',
    nameVi: 'Câu lạc bộ thanh niên',
    nameEn: 'Youth clubs',
    unitVi: 'câu lạc bộ',
    unitEn: 'clubs',
  };

  it('adds, edits and retires definitions, audited; 409 and 404 as for categories', async () => {
    const { database, admin } = await setUp();
    const created = await send(admin, 'POST', '/api/indicators/definitions', NEW_DEFINITION);
    expect(created.status).toBe(201);
    const { definition } = (await created.json()) as { definition: Definition };
    expect(definition).toMatchObject({ ...NEW_DEFINITION, active: true });
    expect((await send(admin, 'POST', '/api/indicators/definitions', NEW_DEFINITION)).status).toBe(409);
    const bad = await send(admin, 'POST', '/api/indicators/definitions', { ...NEW_DEFINITION, unitEn: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorAnswer).error.message.vi).toMatch(/"unitEn".*đơn vị/);

    const active = async (all = false) =>
      (
        (await (
          await admin.request(`/api/indicators/definitions${all ? '?all=true' : ''}`)
        ).json()) as Definition[]
      ).map((entry) => entry.code);
    expect((await active()).at(-1)).toBe('youth-clubs');

    const retired = await send(admin, 'PATCH', '/api/indicators/definitions/wanted-persons', {
      active: false,
      nameEn: 'Persons wanted',
    });
    expect(retired.status).toBe(200);
    expect(((await retired.json()) as { definition: Definition }).definition).toMatchObject({
      code: 'wanted-persons',
      nameEn: 'Persons wanted',
      active: false,
    });
    expect(await active()).not.toContain('wanted-persons');
    expect(await active(true)).toContain('wanted-persons');

    const [entry] = listAuditRecords(database, { action: 'indicator-definition.update', limit: 1 });
    expect(entry?.target).toBe('indicator-definition:wanted-persons');
    expect(JSON.parse(entry?.before ?? 'null')).toMatchObject({ nameEn: 'Wanted persons', active: true });
    expect(JSON.parse(entry?.after ?? 'null')).toMatchObject({ nameEn: 'Persons wanted', active: false });

    expect(
      (await send(admin, 'PATCH', '/api/indicators/definitions/khong-co', { active: true })).status,
    ).toBe(404);
    expect(
      (await send(admin, 'PATCH', '/api/indicators/definitions/youth-clubs', { code: 'x' })).status,
    ).toBe(400);
  });

  it('takes no new figures for a retired indicator, and takes them for a new one', async () => {
    const { app, database, admin } = await setUp();
    await send(admin, 'POST', '/api/indicators/definitions', NEW_DEFINITION);
    await send(admin, 'PATCH', '/api/indicators/definitions/wanted-persons', { active: false });
    const commander = await signIn(app, database, 'commander');
    const slot = { unit: '90001', period: '2024-04' };
    const refused = await send(commander, 'PUT', '/api/indicators', {
      ...slot,
      values: { 'wanted-persons': 2 },
    });
    expect(refused.status).toBe(400);
    const stored = await send(commander, 'PUT', '/api/indicators', { ...slot, values: { 'youth-clubs': 3 } });
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { values: Record<string, number> }).values).toEqual({
      'youth-clubs': 3,
    });
  });
});
