import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBoundaryFile } from '../geodata/import/import-boundaries';
import type { Database } from '../server/db/database';
import { listAuditRecords } from '../server/db/queries/audit';
import {
  insertBriefingPack,
  insertBriefingRender,
  updateBriefingRender,
} from '../server/db/queries/briefing-packs';
import {
  insertCycle,
  insertDecision,
  insertDesignation,
  insertTransition,
  setDecisionDocument,
} from '../server/db/queries/programme-cycles';
import {
  addFlashpointStatus,
  addViceSpotStatus,
  allEras,
  insertFlashpoint,
  insertViceSpot,
} from '../server/db/queries/records';
import { insertIncident } from '../server/db/queries/records-incidents';
import { insertSavedView } from '../server/db/queries/saved-views';
import { HOLDERS, PERMISSIONS, ROLES, type Role } from '../server/domain/access/roles';
import { defaultCriteriaSet } from '../server/domain/programme/criteria';
import { checkIncidentInput } from '../server/domain/records/hand-entered-incident';
import { decisionDocumentsDirectory } from '../server/routes/programme-decisions';
import { createAccount } from '../server/services/accounts';
import { briefingFilePath } from '../server/services/briefing-pack-render';
import { unitsContaining } from '../server/services/incident-assignment';
import { UnitLocator } from '../server/services/unit-locator';
import { appFor, databaseWithTinyProvince, fixturePath, type SignedInClient, signIn } from './helpers';

/*
 * Every role × every API route × inside / outside the account's area, with the status expected. The roles
 * allowed on each route are written out here, apart from the permission matrix in the code, so that a change
 * to either shows up as a failing row. A route the app serves that this table does not list fails the test.
 */

type Expected = number | 'success';

interface RouteRow {
  method: string;
  route: string;
  /** Roles that may use the route; 'everyone' for any signed-in account, 'public' without one. */
  allowed: readonly Role[] | 'everyone' | 'public';
  /** A request inside the account's area (the tiny province). */
  inside: (context: Fixture) => Request;
  /** What an allowed role gets inside, when not a success (a request that passes the permission check only). */
  insideExpected?: Expected;
  /** A request outside it (the neighbouring province), and what an allowed role gets. */
  outside?: { request: (context: Fixture) => Request; expected: Expected };
}

interface Fixture {
  victim: string;
  fresh: () => string;
}

const EVERY_ROLE = ROLES;
const json = (method: string, path: string, body: unknown) =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
const get = (path: string) => new Request(`http://localhost${path}`);

/** The roles that run hot-spot analyses ('analysis:run'). */
const ANALYSTS: readonly Role[] = ['planner', 'commander', 'analyst'];
/** The roles that enter and edit incidents and records ('incidents:write'). */
const WRITERS: readonly Role[] = ['commander', 'analyst'];

/** The roles that read the programme ('programme:read') and change it ('programme:write'). */
const PROGRAMME_READERS: readonly Role[] = ['admin', 'planner', 'commander', 'viewer'];
const PROGRAMME_WRITERS: readonly Role[] = ['planner'];
/** The roles that save views and build briefing packs ('briefings:write'). */
const BRIEFING_WRITERS: readonly Role[] = ['planner', 'commander'];
const BRIEFING_PACK = {
  name: 'Giao ban',
  title: 'Giao ban tháng 5',
  paper: 'A4',
  orientation: 'landscape',
  items: [{ kind: 'table', table: 'programme-kpis', year: 2024 }],
};
const RECOGNITION = {
  kind: 'recognition',
  number: '5/QĐ-BCĐ',
  date: '2024-05-10',
  year: 2024,
  signer: 'Trưởng Ban Chỉ đạo',
};
const CANDIDATES = {
  year: 2024,
  factors: [{ code: 'incident-count', weight: 1 }],
  normalisation: 'rank',
};
const DESIGNATION = { year: 2024, kind: 'area-type', level: '4' };
const CRITERION_ENTRY = {
  era: 'test-2021',
  unit: '90001',
  year: 2024,
  criterion: 'no-organised-crime',
  value: true,
  evidence: ['Biên bản số 12/BB-CAX ngày 03/11/2024'],
};
const PDF = '%PDF-1.4\n%test\n';
const pdfUpload = (path: string) =>
  new Request(`http://localhost${path}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/pdf' },
    body: PDF,
  });

const HAND_ENTERED_INCIDENT = {
  occurredAt: '2024-05-01T08:30',
  longitude: 105.52,
  latitude: 10.02,
  categoryCode: 'danh-bac',
};

const TABLE: RouteRow[] = [
  { method: 'GET', route: '/api/health', allowed: 'public', inside: () => get('/api/health') },
  {
    method: 'POST',
    route: '/api/auth/login',
    allowed: 'public',
    inside: () => json('POST', '/api/auth/login', { username: 'nobody', password: 'wrong password' }),
  },
  { method: 'GET', route: '/api/auth/me', allowed: 'everyone', inside: () => get('/api/auth/me') },
  {
    method: 'POST',
    route: '/api/auth/logout',
    allowed: 'everyone',
    inside: () => json('POST', '/api/auth/logout', {}),
  },
  { method: 'GET', route: '/api/eras', allowed: 'everyone', inside: () => get('/api/eras') },
  {
    method: 'GET',
    route: '/api/units',
    allowed: 'everyone',
    inside: () => get(`/api/units?province=${encodeURIComponent('Tỉnh Thử Nghiệm')}`),
    outside: {
      request: () => get(`/api/units?province=${encodeURIComponent('Tỉnh Bên Cạnh')}`),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/units/at',
    allowed: 'everyone',
    inside: () => get('/api/units/at?lon=105.52&lat=10.02'),
    outside: { request: () => get('/api/units/at?lon=105.62&lat=10.02'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/units/:code',
    allowed: 'everyone',
    inside: () => get('/api/units/90001'),
    outside: { request: () => get('/api/units/92001'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/units/:code/lineage',
    allowed: 'everyone',
    inside: () => get('/api/units/90001/lineage'),
    outside: { request: () => get('/api/units/92001/lineage'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/lineage/report',
    allowed: 'everyone',
    inside: () => get('/api/lineage/report?from=test-2021&to=test-2021'),
  },
  {
    method: 'GET',
    route: '/api/search',
    allowed: 'everyone',
    inside: () => get('/api/search?q=vinh'),
    // Searching is allowed; what lies outside the area is left out of the results (checked below).
    outside: { request: () => get('/api/search?q=binh%20minh'), expected: 200 },
  },
  { method: 'GET', route: '/api/settings', allowed: 'everyone', inside: () => get('/api/settings') },
  {
    method: 'PUT',
    route: '/api/settings',
    allowed: ['admin'],
    inside: () => json('PUT', '/api/settings', { basemap: null }),
  },
  { method: 'GET', route: '/api/users', allowed: ['admin'], inside: () => get('/api/users') },
  {
    method: 'POST',
    route: '/api/users',
    allowed: ['admin'],
    inside: ({ fresh }) =>
      json('POST', '/api/users', { username: fresh(), role: 'viewer', password: 'mot-mat-khau-dai' }),
  },
  {
    method: 'PATCH',
    route: '/api/users/:username',
    allowed: ['admin'],
    inside: ({ victim }) => json('PATCH', `/api/users/${victim}`, { displayName: 'Nguyễn Văn A' }),
  },
  {
    method: 'PUT',
    route: '/api/users/:username/password',
    allowed: ['admin'],
    inside: ({ victim }) => json('PUT', `/api/users/${victim}/password`, { password: 'mat-khau-moi-2025' }),
  },
  { method: 'GET', route: '/api/audit', allowed: ['admin'], inside: () => get('/api/audit') },
  { method: 'GET', route: '/api/audit/export', allowed: ['admin'], inside: () => get('/api/audit/export') },
  {
    method: 'GET',
    route: '/api/stats/units',
    allowed: 'everyone',
    inside: () => get('/api/stats/units?from=2024-01-01&to=2024-12-31'),
  },
  {
    method: 'GET',
    route: '/api/hotspots/units',
    allowed: ANALYSTS,
    inside: () => get('/api/hotspots/units?from=2024-01-01&to=2024-12-31&permutations=99'),
    outside: {
      request: () =>
        get(
          `/api/hotspots/units?from=2024-01-01&to=2024-12-31&province=${encodeURIComponent('Tỉnh Bên Cạnh')}`,
        ),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/hotspots/emerging',
    allowed: ANALYSTS,
    inside: () => get('/api/hotspots/emerging?to=2024-12-31'),
    outside: {
      request: () =>
        get(`/api/hotspots/emerging?to=2024-12-31&province=${encodeURIComponent('Tỉnh Bên Cạnh')}`),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/hotspots/grid',
    allowed: ANALYSTS,
    inside: () => get('/api/hotspots/grid?from=2024-01-01&to=2024-12-31'),
    // The area has fewer than the 30 incidents a grid analysis needs: past the permission check, a 400.
    insideExpected: 400,
  },
  {
    method: 'GET',
    route: '/api/hotspots/density',
    allowed: ANALYSTS,
    inside: () => get('/api/hotspots/density?from=2024-01-01&to=2024-12-31'),
  },
  {
    method: 'GET',
    route: '/api/stats/series',
    allowed: 'everyone',
    inside: () => get('/api/stats/series?to=2024-12-31&unit=90001'),
    outside: { request: () => get('/api/stats/series?to=2024-12-31&unit=92001'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/stats/series/units',
    allowed: 'everyone',
    inside: () => get('/api/stats/series/units?to=2024-12-31&months=12'),
  },
  {
    method: 'GET',
    route: '/api/stats/categories',
    allowed: 'everyone',
    inside: () => get('/api/stats/categories?from=2024-01-01&to=2024-12-31&unit=90001'),
    outside: {
      request: () => get('/api/stats/categories?from=2024-01-01&to=2024-12-31&unit=92001'),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/incidents',
    allowed: 'everyone',
    inside: () => get('/api/incidents?unit=90001'),
    outside: { request: () => get('/api/incidents?unit=92001'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/incidents/points',
    allowed: 'everyone',
    inside: () => get('/api/incidents/points?from=2024-01-01&to=2024-12-31'),
    outside: {
      request: () => get('/api/incidents/points?from=2024-01-01&to=2024-12-31&unit=92001'),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/incident-categories',
    allowed: 'everyone',
    inside: () => get('/api/incident-categories'),
  },
  {
    method: 'POST',
    route: '/api/incident-categories',
    allowed: ['admin'],
    inside: ({ fresh }) =>
      json('POST', '/api/incident-categories', {
        code: fresh(),
        group: 'khac',
        nameVi: 'Loại thử',
        nameEn: 'Test category',
        aliases: ['thử'],
      }),
  },
  {
    method: 'PATCH',
    route: '/api/incident-categories/:code',
    allowed: ['admin'],
    inside: () => json('PATCH', '/api/incident-categories/khac', { nameEn: 'Other incidents' }),
  },
  // Records: inside rows use the records seeded in the tiny province (id 1), outside ones those in the
  // neighbouring province (id 2); see `seedRecords`.
  ...siteRows('flashpoints', {
    geometry: { type: 'Point', coordinates: [105.52, 10.02] },
    kind: 'land-dispute',
    title: 'Tranh chấp đất',
    severity: 'high',
  }),
  ...siteRows('vice-spots', {
    geometry: { type: 'Point', coordinates: [105.52, 10.02] },
    kind: 'gambling',
    title: 'Tụ điểm cờ bạc',
  }),
  {
    method: 'GET',
    route: '/api/indicators/definitions',
    allowed: 'everyone',
    inside: () => get('/api/indicators/definitions'),
  },
  {
    method: 'POST',
    route: '/api/indicators/definitions',
    allowed: ['admin'],
    inside: ({ fresh }) =>
      json('POST', '/api/indicators/definitions', {
        code: fresh(),
        nameVi: 'Chỉ tiêu thử',
        nameEn: 'Test indicator',
        unitVi: 'vụ',
        unitEn: 'cases',
      }),
  },
  {
    method: 'PATCH',
    route: '/api/indicators/definitions/:code',
    allowed: ['admin'],
    inside: () => json('PATCH', '/api/indicators/definitions/wanted-persons', { unitEn: 'people' }),
  },
  {
    method: 'GET',
    route: '/api/indicators',
    allowed: 'everyone',
    inside: () => get('/api/indicators?unit=90001&period=2024-04'),
    outside: { request: () => get('/api/indicators?unit=92001&period=2024-04'), expected: 403 },
  },
  {
    method: 'PUT',
    route: '/api/indicators',
    allowed: WRITERS,
    inside: () =>
      json('PUT', '/api/indicators', { unit: '90001', period: '2024-04', values: { 'wanted-persons': 2 } }),
    outside: {
      request: () =>
        json('PUT', '/api/indicators', { unit: '92001', period: '2024-04', values: { 'wanted-persons': 2 } }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/carried/indicators',
    allowed: 'everyone',
    inside: () => get('/api/carried/indicators?period=2024-04'),
    outside: { request: () => get('/api/carried/indicators?period=2024-04&unit=92001'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/carried/outcomes',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/carried/outcomes?year=2024'),
    outside: { request: () => get('/api/carried/outcomes?year=2024&unit=92001'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/carried/former-districts',
    allowed: 'everyone',
    inside: () => get('/api/carried/former-districts'),
  },
  {
    method: 'GET',
    route: '/api/carried/history',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/carried/history?unit=90001'),
    outside: { request: () => get('/api/carried/history?unit=92001'), expected: 403 },
  },
  {
    method: 'POST',
    route: '/api/incidents',
    allowed: WRITERS,
    inside: () => json('POST', '/api/incidents', { ...HAND_ENTERED_INCIDENT, longitude: 105.53 }),
    outside: {
      request: () => json('POST', '/api/incidents', { ...HAND_ENTERED_INCIDENT, longitude: 105.63 }),
      expected: 403,
    },
  },
  {
    method: 'PATCH',
    route: '/api/incidents/:id',
    allowed: WRITERS,
    inside: () => json('PATCH', '/api/incidents/1', { deaths: 1 }),
    outside: { request: () => json('PATCH', '/api/incidents/2', { deaths: 1 }), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/incidents/:id/history',
    allowed: 'everyone',
    inside: () => get('/api/incidents/1/history'),
    outside: { request: () => get('/api/incidents/2/history'), expected: 403 },
  },
  {
    method: 'POST',
    route: '/api/incident-imports/preview',
    allowed: WRITERS,
    inside: () =>
      new Request('http://localhost/api/incident-imports/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': 'vu-viec.csv' },
        body: 'Ngày xảy ra;Kinh độ;Vĩ độ;Loại vụ việc\n05/03/2024;105.521;10.015;Đánh bạc\n',
      }),
  },
  // The next three need an upload or an import of the account's own: past the permission check, an
  // unknown one is a 400 or a 404 (see test/incident-imports.test.ts for the rest).
  {
    method: 'POST',
    route: '/api/incident-imports/:uploadId/preview',
    allowed: WRITERS,
    inside: () => json('POST', `/api/incident-imports/${'0'.repeat(32)}/preview`, {}),
    insideExpected: 400,
  },
  {
    method: 'POST',
    route: '/api/incident-imports',
    allowed: WRITERS,
    inside: () => json('POST', '/api/incident-imports', { uploadId: '0'.repeat(32) }),
    insideExpected: 400,
  },
  {
    method: 'GET',
    route: '/api/incident-imports/:id/rejected.csv',
    allowed: WRITERS,
    inside: () => get('/api/incident-imports/1/rejected.csv'),
    insideExpected: 404,
  },
  // The programme: inside rows use the cycle, decision and designation seeded in the tiny province (id 1),
  // outside ones those in the neighbouring province (id 2); see `seedProgramme`.
  {
    method: 'GET',
    route: '/api/programme/phases',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/phases'),
  },
  {
    method: 'PUT',
    route: '/api/programme/phases/:code',
    allowed: ['admin'],
    inside: () =>
      json('PUT', '/api/programme/phases/2021-2025', {
        nameVi: 'Giai đoạn 2021–2025',
        nameEn: 'Phase 2021–2025',
        firstYear: 2021,
        lastYear: 2025,
      }),
  },
  {
    method: 'GET',
    route: '/api/programme/years/:year',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/years/2024'),
  },
  {
    method: 'PUT',
    route: '/api/programme/years/:year',
    allowed: ['admin'],
    inside: () =>
      json('PUT', '/api/programme/years/2024', { window: { from: '2024-04-15', to: '2024-12-14' } }),
  },
  {
    method: 'GET',
    route: '/api/programme/designation-kinds',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/designation-kinds'),
  },
  {
    method: 'GET',
    route: '/api/programme/criteria/:year',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/criteria/2024'),
  },
  {
    method: 'PUT',
    route: '/api/programme/criteria/:year',
    allowed: ['admin'],
    inside: () => json('PUT', '/api/programme/criteria/2024', { groups: defaultCriteriaSet(2024).groups }),
  },
  // Figures of the account's area only (test/programme.test.ts).
  {
    method: 'GET',
    route: '/api/programme/kpis',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/kpis?year=2024'),
  },
  // Tracking: criteria values and risk flags of the area's communes (test/programme-tracking.test.ts).
  {
    method: 'GET',
    route: '/api/programme/tracking',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/tracking?year=2024'),
    outside: {
      request: () => get('/api/programme/tracking?year=2024&era=test-2021&unit=92001'),
      expected: 403,
    },
  },
  // Entered criteria with their evidence (test/programme-criterion-entries.test.ts).
  {
    method: 'GET',
    route: '/api/programme/criterion-entries',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/criterion-entries?year=2024&era=test-2021&unit=90001'),
    outside: {
      request: () => get('/api/programme/criterion-entries?year=2024&era=test-2021&unit=92001'),
      expected: 403,
    },
  },
  {
    method: 'POST',
    route: '/api/programme/criterion-entries',
    allowed: PROGRAMME_WRITERS,
    inside: () => json('POST', '/api/programme/criterion-entries', CRITERION_ENTRY),
    outside: {
      request: () => json('POST', '/api/programme/criterion-entries', { ...CRITERION_ENTRY, unit: '92001' }),
      expected: 403,
    },
  },
  // Candidates and the suggested list, of the account's area only (test/programme-candidates.test.ts).
  {
    method: 'POST',
    route: '/api/programme/candidates',
    allowed: PROGRAMME_READERS,
    inside: () => json('POST', '/api/programme/candidates', CANDIDATES),
    outside: {
      request: () =>
        json('POST', '/api/programme/candidates', {
          ...CANDIDATES,
          constraints: { province: 'Tỉnh Bên Cạnh' },
        }),
      expected: 403,
    },
  },
  {
    method: 'POST',
    route: '/api/programme/suggestion',
    allowed: PROGRAMME_WRITERS,
    inside: () => json('POST', '/api/programme/suggestion', { ...CANDIDATES, size: 1, groupBy: 'district' }),
    outside: {
      request: () =>
        json('POST', '/api/programme/suggestion', {
          ...CANDIDATES,
          size: 1,
          groupBy: 'district',
          include: ['92001'],
        }),
      expected: 403,
    },
  },
  // The planner's list as a download (test/programme-exports.test.ts); CSV, so that no browser is started.
  {
    method: 'POST',
    route: '/api/programme/list-export',
    allowed: PROGRAMME_READERS,
    inside: () =>
      json('POST', '/api/programme/list-export?format=csv', { year: 2024, communes: [{ code: '90001' }] }),
    outside: {
      request: () =>
        json('POST', '/api/programme/list-export?format=csv', { year: 2024, communes: [{ code: '92001' }] }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/programme/cycles',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/cycles?year=2024'),
    outside: { request: () => get('/api/programme/cycles?era=test-2021&unit=92001'), expected: 403 },
  },
  {
    method: 'POST',
    route: '/api/programme/cycles',
    allowed: PROGRAMME_WRITERS,
    inside: () => json('POST', '/api/programme/cycles', { unit: '90002', year: 2024 }),
    outside: {
      request: () => json('POST', '/api/programme/cycles', { unit: '92002', year: 2024 }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/programme/cycles/:id',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/cycles/1'),
    outside: { request: () => get('/api/programme/cycles/2'), expected: 403 },
  },
  {
    method: 'POST',
    route: '/api/programme/cycles/:id/transitions',
    allowed: PROGRAMME_WRITERS,
    inside: () =>
      json('POST', '/api/programme/cycles/1/transitions', { status: 'in-progress', date: '2024-05-01' }),
    outside: {
      request: () =>
        json('POST', '/api/programme/cycles/2/transitions', { status: 'in-progress', date: '2024-05-01' }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/programme/decisions',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/decisions'),
  },
  {
    method: 'POST',
    route: '/api/programme/decisions',
    allowed: PROGRAMME_WRITERS,
    inside: () => json('POST', '/api/programme/decisions', { ...RECOGNITION, province: 'Tỉnh Thử Nghiệm' }),
    outside: {
      request: () => json('POST', '/api/programme/decisions', { ...RECOGNITION, province: 'Tỉnh Bên Cạnh' }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/programme/decisions/:id',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/decisions/1'),
    outside: { request: () => get('/api/programme/decisions/2'), expected: 403 },
  },
  {
    method: 'PUT',
    route: '/api/programme/decisions/:id/document',
    allowed: PROGRAMME_WRITERS,
    inside: () => pdfUpload('/api/programme/decisions/1/document'),
    outside: { request: () => pdfUpload('/api/programme/decisions/2/document'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/programme/decisions/:id/document',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/decisions/1/document'),
    outside: { request: () => get('/api/programme/decisions/2/document'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/programme/designations',
    allowed: PROGRAMME_READERS,
    inside: () => get('/api/programme/designations?year=2024'),
    outside: { request: () => get('/api/programme/designations?era=test-2021&unit=92001'), expected: 403 },
  },
  {
    method: 'POST',
    route: '/api/programme/designations',
    allowed: PROGRAMME_WRITERS,
    inside: () => json('POST', '/api/programme/designations', { ...DESIGNATION, unit: '90001' }),
    outside: {
      request: () => json('POST', '/api/programme/designations', { ...DESIGNATION, unit: '92001' }),
      expected: 403,
    },
  },
  {
    method: 'DELETE',
    route: '/api/programme/designations/:id',
    allowed: PROGRAMME_WRITERS,
    inside: () => new Request('http://localhost/api/programme/designations/1', { method: 'DELETE' }),
    outside: {
      request: () => new Request('http://localhost/api/programme/designations/2', { method: 'DELETE' }),
      expected: 403,
    },
  }, // Map snapshots (test/snapshots.test.ts): a view that cannot be printed, so that no browser is started.
  {
    method: 'POST',
    route: '/api/snapshots',
    allowed: 'everyone',
    inside: () => json('POST', '/api/snapshots', { location: '/admin/users', format: 'png' }),
    insideExpected: 400,
  },
  // Saved views and packs (test/briefings.test.ts): 1 saved for the tiny province, 2 for the neighbouring
  // one (seedBriefings); each role's POST makes number 3, which its PATCH and DELETE then change. Renaming
  // and deleting pass the permission check with briefings:read: only the owner or an administrator may,
  // which test/briefings.test.ts checks, so they are tried here on a number that does not exist.
  { method: 'GET', route: '/api/saved-views', allowed: 'everyone', inside: () => get('/api/saved-views') },
  {
    method: 'POST',
    route: '/api/saved-views',
    allowed: BRIEFING_WRITERS,
    inside: () => json('POST', '/api/saved-views', { name: 'Giao ban', location: '/map?era=test-2021' }),
  },
  {
    method: 'GET',
    route: '/api/saved-views/:id',
    allowed: 'everyone',
    inside: () => get('/api/saved-views/1'),
    outside: { request: () => get('/api/saved-views/2'), expected: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/saved-views/:id',
    allowed: 'everyone',
    inside: () => json('PATCH', '/api/saved-views/999', { name: 'Đổi tên' }),
    insideExpected: 404,
    outside: { request: () => json('PATCH', '/api/saved-views/2', { name: 'Đổi tên' }), expected: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/saved-views/:id',
    allowed: 'everyone',
    inside: () => new Request('http://localhost/api/saved-views/999', { method: 'DELETE' }),
    insideExpected: 404,
    outside: {
      request: () => new Request('http://localhost/api/saved-views/2', { method: 'DELETE' }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/briefing-packs',
    allowed: 'everyone',
    inside: () => get('/api/briefing-packs'),
  },
  {
    method: 'POST',
    route: '/api/briefing-packs',
    allowed: BRIEFING_WRITERS,
    inside: () => json('POST', '/api/briefing-packs', BRIEFING_PACK),
    outside: {
      request: () =>
        json('POST', '/api/briefing-packs', {
          ...BRIEFING_PACK,
          items: [{ kind: 'atlas', year: 2024, units: ['92001'] }],
        }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/briefing-packs/:id',
    allowed: 'everyone',
    inside: () => get('/api/briefing-packs/1'),
    outside: { request: () => get('/api/briefing-packs/2'), expected: 403 },
  },
  {
    method: 'PUT',
    route: '/api/briefing-packs/:id',
    allowed: 'everyone',
    inside: () => json('PUT', '/api/briefing-packs/999', BRIEFING_PACK),
    insideExpected: 404,
    outside: { request: () => json('PUT', '/api/briefing-packs/2', BRIEFING_PACK), expected: 403 },
  },
  // Pack 1 holds a view that no longer exists: refused before any browser starts.
  {
    method: 'POST',
    route: '/api/briefing-packs/:id/render',
    allowed: 'everyone',
    inside: () => new Request('http://localhost/api/briefing-packs/1/render', { method: 'POST' }),
    insideExpected: 400,
    outside: {
      request: () => new Request('http://localhost/api/briefing-packs/2/render', { method: 'POST' }),
      expected: 403,
    },
  },
  {
    method: 'DELETE',
    route: '/api/briefing-packs/:id',
    allowed: 'everyone',
    inside: () => new Request('http://localhost/api/briefing-packs/999', { method: 'DELETE' }),
    insideExpected: 404,
    outside: {
      request: () => new Request('http://localhost/api/briefing-packs/2', { method: 'DELETE' }),
      expected: 403,
    },
  },
  {
    method: 'GET',
    route: '/api/briefing-renders/:id',
    allowed: 'everyone',
    inside: () => get('/api/briefing-renders/1'),
    outside: { request: () => get('/api/briefing-renders/2'), expected: 403 },
  },
  {
    method: 'GET',
    route: '/api/briefing-renders/:id/file',
    allowed: 'everyone',
    inside: () => get('/api/briefing-renders/1/file'),
    outside: { request: () => get('/api/briefing-renders/2/file'), expected: 403 },
  },
];

/** Saved views, packs and a finished render (with its file) in the tiny province (1) and the neighbouring one (2). */
function seedBriefings(database: Database): void {
  const now = '2024-05-01T00:00:00.000Z';
  for (const province of ['Tỉnh Thử Nghiệm', 'Tỉnh Bên Cạnh']) {
    const scope = { kind: 'provinces' as const, provinces: [province] };
    insertSavedView(database, { name: province, location: '/map', scope, owner: 'test' }, now);
    const pack = insertBriefingPack(
      database,
      {
        name: province,
        definition: { ...BRIEFING_PACK, items: [{ kind: 'view', viewId: 999 }] },
        scope,
        owner: 'test',
      },
      now,
    );
    const render = insertBriefingRender(
      database,
      { packId: pack.id, title: province, format: 'pdf', requestedBy: 'test' },
      now,
    );
    updateBriefingRender(database, render.id, { status: 'done', fileBytes: PDF.length, finishedAt: now });
    const path = briefingFilePath(database, render);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, PDF);
  }
}

/** The six routes of a site register (flashpoints, vice spots). */
function siteRows(name: string, created: Record<string, unknown>): RouteRow[] {
  const base = `/api/${name}`;
  const outsidePoint = { ...created, geometry: { type: 'Point', coordinates: [105.62, 10.02] } };
  const nextStatus = name === 'flashpoints' ? 'being-resolved' : 'eliminated';
  return [
    {
      method: 'GET',
      route: `${base}/vocabulary`,
      allowed: 'everyone',
      inside: () => get(`${base}/vocabulary`),
    },
    { method: 'GET', route: base, allowed: 'everyone', inside: () => get(base) },
    { method: 'GET', route: `${base}/clusters`, allowed: ANALYSTS, inside: () => get(`${base}/clusters`) },
    {
      method: 'POST',
      route: base,
      allowed: WRITERS,
      inside: () => json('POST', base, created),
      outside: { request: () => json('POST', base, outsidePoint), expected: 403 },
    },
    {
      method: 'GET',
      route: `${base}/:id`,
      allowed: 'everyone',
      inside: () => get(`${base}/1`),
      outside: { request: () => get(`${base}/2`), expected: 403 },
    },
    {
      method: 'PATCH',
      route: `${base}/:id`,
      allowed: WRITERS,
      inside: () => json('PATCH', `${base}/1`, { title: 'Đã sửa' }),
      outside: { request: () => json('PATCH', `${base}/2`, { title: 'Đã sửa' }), expected: 403 },
    },
    {
      method: 'POST',
      route: `${base}/:id/status`,
      allowed: WRITERS,
      inside: () => json('POST', `${base}/1/status`, { status: nextStatus, date: '2024-05-15' }),
      outside: {
        request: () => json('POST', `${base}/2/status`, { status: nextStatus, date: '2024-05-15' }),
        expected: 403,
      },
    },
  ];
}

/** A flashpoint, a vice spot and an incident in the tiny province (id 1) and in the neighbouring one (id 2). */
function seedRecords(database: Database): void {
  const now = '2024-05-01T00:00:00.000Z';
  const eras = allEras(database);
  for (const longitude of [105.52, 105.62]) {
    const point = { type: 'Point', coordinates: [longitude, 10.02] };
    const stamps = { createdAt: now, createdBy: 'test', updatedAt: now, updatedBy: 'test' };
    const status = { date: '2024-04-01', note: null, actor: 'test', at: now };
    const flashpoint = insertFlashpoint(database, {
      kind: 'other',
      title: 'Điểm nóng',
      geometry: JSON.stringify(point),
      anchorLongitude: longitude,
      anchorLatitude: 10.02,
      severity: 'low',
      status: 'arising',
      statusSince: '2024-04-01',
      ...stamps,
    });
    addFlashpointStatus(database, flashpoint.id, { ...status, status: 'arising' });
    const spot = insertViceSpot(database, {
      kind: 'drug-use',
      title: 'Tụ điểm',
      longitude,
      latitude: 10.02,
      status: 'active',
      statusSince: '2024-04-01',
      ...stamps,
    });
    addViceSpotStatus(database, spot.id, { ...status, status: 'active' });
    const incident = checkIncidentInput(
      { ...HAND_ENTERED_INCIDENT, longitude, occurredAt: '2024-04-20T10:00' },
      [{ code: 'danh-bac', active: true }],
      '2024-05-01T00:00:00',
    );
    if ('vi' in incident) throw new Error(incident.en);
    insertIncident(
      database,
      incident,
      unitsContaining(new UnitLocator(database), eras, longitude, 10.02),
      now,
    );
  }
}

/** A decision (with its PDF), a cycle and a designation in the tiny province (id 1) and in the neighbouring one (id 2). */
function seedProgramme(database: Database): void {
  const now = '2024-05-01T00:00:00.000Z';
  const eraId = (allEras(database)[0] as { id: number }).id;
  const stamp = { createdAt: now, createdBy: 'test' };
  for (const [province, unitCode] of [
    ['Tỉnh Thử Nghiệm', '90001'],
    ['Tỉnh Bên Cạnh', '92001'],
  ] as const) {
    const decision = insertDecision(database, {
      eraId,
      provinceCode: null,
      provinceName: province,
      kind: 'selection',
      number: '93/QĐ-BCĐ',
      date: '2024-04-12',
      year: 2024,
      signer: 'Trưởng Ban Chỉ đạo',
      ...stamp,
    });
    const directory = decisionDocumentsDirectory(database);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, `${decision.id}.pdf`), PDF);
    setDecisionDocument(database, decision.id, {
      name: 'qd.pdf',
      bytes: PDF.length,
      sha256: 'test',
      uploadedAt: now,
      uploadedBy: 'test',
    });
    const cycleId = insertCycle(database, { eraId, unitCode, year: 2024, ...stamp });
    insertTransition(database, {
      cycleId,
      status: 'selected',
      date: '2024-04-12',
      decisionId: decision.id,
      reason: null,
      actor: 'test',
      recordedAt: now,
    });
    insertDesignation(database, { eraId, unitCode, year: 2024, kind: 'area-type', level: '1', ...stamp });
  }
}

async function fixture(): Promise<{ database: Database; app: ReturnType<typeof appFor>; context: Fixture }> {
  const database = await databaseWithTinyProvince();
  await importBoundaryFile(database, fixturePath('neighbouring-province.geojson'), {
    era: 'test-2021',
    validFrom: '2021-07-01',
    validTo: '2025-06-30',
    level: 'commune',
    append: true,
  });
  await createAccount(
    database,
    { username: 'nan-nhan', role: 'viewer', password: 'mat-khau-bi-doi-2024' },
    { name: 'test', address: null },
    new Date(),
  );
  seedRecords(database);
  seedProgramme(database);
  seedBriefings(database);
  let counter = 0;
  return {
    database,
    app: appFor(database),
    context: { victim: 'nan-nhan', fresh: () => `tai-khoan-${++counter}` },
  };
}

async function send(
  client: SignedInClient | null,
  app: ReturnType<typeof appFor>,
  request: Request,
): Promise<Response> {
  const init = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    duplex: 'half',
  } as RequestInit;
  const path = new URL(request.url).pathname + new URL(request.url).search;
  return client ? client.request(path, init) : app.request(path, init);
}

function allowedFor(row: RouteRow, role: Role): boolean {
  return row.allowed === 'public' || row.allowed === 'everyone' || row.allowed.includes(role);
}

describe('authorization', () => {
  it('lists every API route the app serves', async () => {
    const { app } = await fixture();
    const served = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
        .map((route) => `${route.method} ${route.path}`),
    );
    expect([...served].sort()).toEqual(TABLE.map((row) => `${row.method} ${row.route}`).sort());
  });

  it('answers 401 on every route without a session, but the public ones', async () => {
    const { app, context } = await fixture();
    for (const row of TABLE) {
      const response = await send(null, app, row.inside(context));
      if (row.allowed === 'public') expect(response.status, row.route).not.toBe(403);
      else expect([row.method, row.route, response.status]).toEqual([row.method, row.route, 401]);
    }
  });

  it.each(EVERY_ROLE)('gives %s what its role and area allow, and nothing else', async (role) => {
    const { app, database, context } = await fixture();
    // Limited to the tiny province, so that the neighbouring one is outside the area.
    const client = await signIn(app, database, role, { kind: 'provinces', provinces: ['Tỉnh Thử Nghiệm'] });
    for (const row of TABLE) {
      if (row.route === '/api/auth/logout') continue; // Signs the client out: checked on its own below.
      const inside = await send(client, app, row.inside(context));
      const expectedInside = allowedFor(row, role) ? (row.insideExpected ?? 'success') : 403;
      const actualInside = inside.status < 300 ? 'success' : inside.status;
      if (row.route === '/api/auth/login') {
        expect(inside.status).toBe(401); // Wrong credentials, whoever asks.
        continue;
      }
      expect([row.method, row.route, 'inside', actualInside]).toEqual([
        row.method,
        row.route,
        'inside',
        expectedInside,
      ]);
      if (row.outside) {
        const outside = await send(client, app, row.outside.request(context));
        const expectedOutside = allowedFor(row, role) ? row.outside.expected : 403;
        expect([row.method, row.route, 'outside', outside.status]).toEqual([
          row.method,
          row.route,
          'outside',
          expectedOutside,
        ]);
      }
    }
    const signOut = await client.request('/api/auth/logout', { method: 'POST' });
    expect(signOut.status).toBe(204);
    expect((await client.request('/api/eras')).status).toBe(401);
  });

  it('leaves what lies outside the area out of lists and searches, and audits requests for it', async () => {
    const { app, database } = await fixture();
    const client = await signIn(app, database, 'planner', {
      kind: 'provinces',
      provinces: ['Tỉnh Thử Nghiệm'],
    });
    const units = (await (await client.request('/api/units')).json()) as {
      features: { properties: { code: string } }[];
    };
    expect(units.features.map((feature) => feature.properties.code)).toEqual([
      '90001',
      '90002',
      '90003',
      '90004',
    ]);
    const search = (await (await client.request('/api/search?q=tan')).json()) as {
      results: { code: string }[];
    };
    expect(search.results.map((result) => result.code)).toEqual(['90004']);
    const outlines = (await (await client.request('/api/units?level=province')).json()) as {
      features: { properties: { name: string } }[];
    };
    expect(outlines.features.map((feature) => feature.properties.name)).toEqual(['Tỉnh Thử Nghiệm']);

    const eras = (await (await client.request('/api/eras')).json()) as {
      eras: { unitCounts: { commune: number }; boundingBox: number[] }[];
    };
    // Counts and extent are of the area only: the neighbouring province lies east of 105.6°.
    expect(eras.eras[0]?.unitCounts.commune).toBe(4);
    expect(eras.eras[0]?.boundingBox).toEqual([105.5, 10, 105.6, 10.1]);

    expect((await client.request('/api/units/92001')).status).toBe(403);
    const denied = listAuditRecords(database, { action: 'access.denied', limit: 10 });
    expect(denied[0]).toMatchObject({
      actor: client.username,
      outcome: 'denied',
      target: 'unit test-2021/commune/92001',
    });
  });

  it('limits an account to its communes, with their province around them', async () => {
    const { app, database } = await fixture();
    const client = await signIn(app, database, 'commander', {
      kind: 'communes',
      communes: ['90001', '90002'],
    });
    const units = (await (await client.request('/api/units')).json()) as {
      features: { properties: { code: string } }[];
    };
    expect(units.features.map((feature) => feature.properties.code)).toEqual(['90001', '90002']);
    expect((await client.request('/api/units/90003')).status).toBe(403);
    expect((await client.request('/api/units/at?lon=105.57&lat=10.07')).status).toBe(403);
    const provinces = (await (await client.request('/api/units?level=province')).json()) as {
      features: { properties: { name: string } }[];
    };
    expect(provinces.features.map((feature) => feature.properties.name)).toEqual(['Tỉnh Thử Nghiệm']);
  });

  it('keeps the written permission matrix equal to the one the server enforces', () => {
    const markdown = readFileSync(new URL('../server/domain/access/PERMISSIONS.md', import.meta.url), 'utf8');
    const rows = markdown
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) =>
        line
          .split('|')
          .map((cell) => cell.trim())
          .slice(1, -1),
      );
    const [header] = rows;
    expect(header?.slice(1, 1 + ROLES.length)).toEqual([...ROLES]);
    for (const permission of PERMISSIONS) {
      const cells = rows.find((row) => row[0] === permission);
      expect(cells, permission).toBeDefined();
      const written = ROLES.filter((_, index) => cells?.[index + 1] === '✓');
      expect([permission, written]).toEqual([permission, [...HOLDERS[permission]]]);
    }
  });
});
