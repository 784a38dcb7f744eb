import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/access/roles';
import { UNIT_LEVELS } from '../domain/boundaries/unit-level';

/**
 * A boundary set with the dates it is valid for (dates as YYYY-MM-DD, `validTo` inclusive, null while it
 * is still in force). The 2025 reorganisation makes two: the units valid until 30/06/2025 and those valid
 * from 01/07/2025. `revision` grows with every change to the era's units, for cache validation.
 */
export const eras = sqliteTable('eras', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  label: text('label').notNull().unique(),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  revision: integer('revision').notNull().default(1),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** An administrative unit of one era and level. Geometry is GeoJSON MultiPolygon text, WGS84. */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    level: text('level', { enum: UNIT_LEVELS }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind'),
    fullName: text('full_name').notNull(),
    districtCode: text('district_code'),
    districtName: text('district_name'),
    provinceCode: text('province_code'),
    provinceName: text('province_name'),
    population: integer('population'),
    areaKm2: real('area_km2').notNull(),
    labelLongitude: real('label_longitude').notNull(),
    labelLatitude: real('label_latitude').notNull(),
    minLongitude: real('min_longitude').notNull(),
    minLatitude: real('min_latitude').notNull(),
    maxLongitude: real('max_longitude').notNull(),
    maxLatitude: real('max_latitude').notNull(),
    /** Code, full name, district and province folded for accent- and case-blind search. */
    searchText: text('search_text').notNull(),
    geometry: text('geometry').notNull(),
    /** The source feature's attributes, as JSON. */
    properties: text('properties').notNull(),
  },
  (table) => [
    uniqueIndex('units_era_level_code').on(table.eraId, table.level, table.code),
    index('units_era_level_province').on(table.eraId, table.level, table.provinceName),
  ],
);

/**
 * District and province outlines derived from an era's communes, for eras whose district and province
 * boundaries were not imported as units of their own. Geometry is GeoJSON MultiLineString text.
 */
export const unitOutlines = sqliteTable(
  'unit_outlines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    level: text('level', { enum: UNIT_LEVELS }).notNull(),
    name: text('name').notNull(),
    provinceName: text('province_name'),
    geometry: text('geometry').notNull(),
  },
  (table) => [index('unit_outlines_era_level').on(table.eraId, table.level)],
);

/** Where each era's units came from: one row per import, with what was rejected and why. */
export const boundaryImports = sqliteTable('boundary_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eraId: integer('era_id')
    .notNull()
    .references(() => eras.id, { onDelete: 'cascade' }),
  level: text('level', { enum: UNIT_LEVELS }).notNull(),
  sourceFile: text('source_file').notNull(),
  format: text('format').notNull(),
  coordinateSystem: text('coordinate_system').notNull(),
  /** The column mapping used, as JSON. */
  columns: text('columns').notNull(),
  importedCount: integer('imported_count').notNull(),
  rejectedCount: integer('rejected_count').notNull(),
  /** [{index, code, reason: {vi, en}}] as JSON. */
  rejectedFeatures: text('rejected_features').notNull(),
  importedAt: text('imported_at').notNull(),
});

/** Installation settings (e.g. the optional basemap), values as JSON. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Local accounts. Passwords are stored only as scrypt hashes ("scrypt$N$r$p$salt$hash", base64). `scope` is
 * JSON: {"kind": "all"}, {"kind": "provinces", "provinces": [...]} or {"kind": "communes", "communes": [...]}.
 */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  scope: text('scope').notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** The account made for the demo dataset, removed with it. */
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Signed-in sessions. The cookie holds a random token; only its SHA-256 is stored, so a copy of the
 * database does not let anyone in. Times are ISO 8601.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    address: text('address'),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

/** Failed sign-ins, for rate limiting; pruned as they age out of the window. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    at: text('at').notNull(),
    address: text('address'),
  },
  (table) => [index('login_failures_username_at').on(table.username, table.at)],
);

/**
 * The audit trail: every write and every sign-in, append-only. Each row's `hash` is the SHA-256 of the
 * previous row's hash and this row's content, so changing or removing a row breaks the chain from there
 * on (`npx diaban audit verify`). Triggers refuse updates and deletions.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    /** JSON, or null. */
    before: text('before'),
    /** JSON, or null. */
    after: text('after'),
    address: text('address'),
    outcome: text('outcome').notNull(),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_log_at').on(table.at),
    index('audit_log_actor').on(table.actor),
    // The change history of one record is read by target ("flashpoint:12").
    index('audit_log_target').on(table.target),
  ],
);

/**
 * The incident categories (the Ministry's groups and the social evils within them): data, seeded with
 * DEFAULT_INCIDENT_CATEGORIES and editable, not an enum in code. `aliases` is a JSON array of other names.
 */
export const incidentCategories = sqliteTable('incident_categories', {
  code: text('code').primaryKey(),
  groupCode: text('group_code').notNull(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  aliases: text('aliases').notNull(),
  sortOrder: integer('sort_order').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** One incident import: where rows came from and what became of them. */
export const incidentImports = sqliteTable('incident_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sourceFile: text('source_file').notNull(),
  format: text('format').notNull(),
  readCount: integer('read_count').notNull(),
  acceptedCount: integer('accepted_count').notNull(),
  insertedCount: integer('inserted_count').notNull(),
  rejectedCount: integer('rejected_count').notNull(),
  /** [{row, reason: {vi, en}}] as JSON. */
  rejectedRows: text('rejected_rows').notNull(),
  actor: text('actor').notNull(),
  importedAt: text('imported_at').notNull(),
});

/**
 * Incidents (vụ việc). `occurredAt` is Vietnam wall-clock time, "YYYY-MM-DDTHH:mm:ss"; `occurredDate` its
 * day, for date windows. `dedupKey` (incidentDedupKey: a 53-bit hash, an integer so that its index stays
 * small) makes re-importing the same rows a no-op. Counts only: no personal data.
 */
export const incidents = sqliteTable('incidents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  occurredAt: text('occurred_at').notNull(),
  occurredDate: text('occurred_date').notNull(),
  longitude: real('longitude').notNull(),
  latitude: real('latitude').notNull(),
  categoryCode: text('category_code')
    .notNull()
    .references(() => incidentCategories.code),
  subcategory: text('subcategory'),
  severity: text('severity'),
  cleared: integer('cleared', { mode: 'boolean' }),
  deaths: integer('deaths').notNull().default(0),
  injuries: integer('injuries').notNull().default(0),
  source: text('source'),
  reference: text('reference'),
  dedupKey: integer('dedup_key').notNull().unique(),
  importId: integer('import_id').references(() => incidentImports.id),
  createdAt: text('created_at').notNull(),
});

/**
 * Which unit of each era contains each incident, found through the point-in-polygon locator. An incident
 * outside every unit of an era has no row for it. Counting goes through the in-memory incident index, which
 * reads an era's rows in one scan: no secondary index is needed.
 */
export const incidentUnits = sqliteTable(
  'incident_units',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.eraId] })],
);

/**
 * A counter per kind of data ("incidents", ...), moved on by every write to it, so that caches built from
 * that data (the per-commune counts) know when to rebuild, even when another process wrote.
 */
export const dataRevisions = sqliteTable('data_revisions', {
  name: text('name').primaryKey(),
  revision: integer('revision').notNull(),
});

/**
 * Flashpoints (điểm nóng): land disputes, mass complaints, site clearance, religion or ethnic issues.
 * `geometry` is GeoJSON Point, Polygon or MultiPolygon text (WGS84); `anchorLongitude`/`anchorLatitude` the
 * point standing for it (the point, or the area's pole of inaccessibility), which decides its commune in
 * each era when read. The current status is kept here, and every status it had in
 * flashpoint_status_changes; all other edits are in the audit trail (target "flashpoint:<id>").
 */
export const flashpoints = sqliteTable(
  'flashpoints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    geometry: text('geometry').notNull(),
    anchorLongitude: real('anchor_longitude').notNull(),
    anchorLatitude: real('anchor_latitude').notNull(),
    peopleInvolved: integer('people_involved'),
    areaHa: real('area_ha'),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    /** YYYY-MM-DD: the date of the current status. */
    statusSince: text('status_since').notNull(),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [index('flashpoints_status').on(table.status)],
);

/** Every status a flashpoint has had, with its date (YYYY-MM-DD), in order. */
export const flashpointStatusChanges = sqliteTable(
  'flashpoint_status_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    flashpointId: integer('flashpoint_id')
      .notNull()
      .references(() => flashpoints.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    date: text('date').notNull(),
    note: text('note'),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
  },
  (table) => [index('flashpoint_status_changes_flashpoint').on(table.flashpointId)],
);

/**
 * Recurring vice spots (tụ điểm): drug use or dealing, gambling, prostitution; a point each. Status as for
 * flashpoints (active, eliminated "triệt xóa", re-formed); edits in the audit trail ("vice-spot:<id>").
 */
export const viceSpots = sqliteTable(
  'vice_spots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    longitude: real('longitude').notNull(),
    latitude: real('latitude').notNull(),
    status: text('status').notNull(),
    statusSince: text('status_since').notNull(),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [index('vice_spots_status').on(table.status)],
);

export const viceSpotStatusChanges = sqliteTable(
  'vice_spot_status_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    viceSpotId: integer('vice_spot_id')
      .notNull()
      .references(() => viceSpots.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    date: text('date').notNull(),
    note: text('note'),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
  },
  (table) => [index('vice_spot_status_changes_vice_spot').on(table.viceSpotId)],
);

/**
 * The figures communes report per reporting month (drug users under management, crime reports received…):
 * data, seeded with DEFAULT_INDICATOR_DEFINITIONS and editable. Counts only, never personal data.
 */
export const indicatorDefinitions = sqliteTable('indicator_definitions', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  unitVi: text('unit_vi').notNull(),
  unitEn: text('unit_en').notNull(),
  sortOrder: integer('sort_order').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** One commune's figure for one indicator and reporting month ("YYYY-MM", 15th to 14th). */
export const indicatorValues = sqliteTable(
  'indicator_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    period: text('period').notNull(),
    code: text('code')
      .notNull()
      .references(() => indicatorDefinitions.code),
    value: integer('value').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [
    uniqueIndex('indicator_values_era_unit_period_code').on(
      table.eraId,
      table.unitCode,
      table.period,
      table.code,
    ),
    index('indicator_values_era_period').on(table.eraId, table.period),
  ],
);

// The transformation programme ("chuyển hóa địa bàn"): all of it data, editable, checked by
// server/domain/programme. Communes are referenced by era and code, like indicator values, so that a
// re-import of an era's boundaries (new unit ids) keeps the programme's history.

/**
 * Programme phases ("giai đoạn", e.g. 2021–2025) with their targets in percent; the default 2021–2025
 * phase is seeded by the migration. Changes are in the audit trail (target "programme-phase:<code>").
 */
export const programmePhases = sqliteTable('programme_phases', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  firstYear: integer('first_year').notNull(),
  lastYear: integer('last_year').notNull(),
  transformedPct: real('transformed_pct').notNull(),
  notRelapsedPct: real('not_relapsed_pct').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** What a plan sets for one year of its phase; a null column takes the phase's default. */
export const programmeYearSettings = sqliteTable(
  'programme_year_settings',
  {
    phaseCode: text('phase_code')
      .notNull()
      .references(() => programmePhases.code, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** The evaluation window, both dates inclusive, YYYY-MM-DD; both null for the reporting year. */
    windowFrom: text('window_from'),
    windowTo: text('window_to'),
    transformedPct: real('transformed_pct'),
    notRelapsedPct: real('not_relapsed_pct'),
    source: text('source'),
  },
  (table) => [primaryKey({ columns: [table.phaseCode, table.year] })],
);

/**
 * The kinds of designation a commune can carry in a year (transformation list, the Ministry's key-complex
 * list, drug rating, "An toàn về ANTT", area types): data, seeded by the migration. `levels` is a JSON array
 * of {code, nameVi, nameEn} (drug rating I / II / III / drug-free; area types 1–4), empty for a kind
 * without levels; `singleLevel`: at most one level of the kind per commune and year.
 */
export const programmeDesignationKinds = sqliteTable('programme_designation_kinds', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  levels: text('levels').notNull(),
  singleLevel: integer('single_level', { mode: 'boolean' }).notNull(),
  sortOrder: integer('sort_order').notNull(),
});

/**
 * The steering committee's decisions: selection of the year's list, recognition ("công nhận"), removal.
 * A decision belongs to the province of an era (its committee), which decides who sees it. The attached
 * PDF lies on disk beside the database ("programme-decisions/<id>.pdf"); its size and SHA-256 are here.
 */
export const programmeDecisions = sqliteTable(
  'programme_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    provinceCode: text('province_code'),
    /** As the era's units name it; empty when they name none. */
    provinceName: text('province_name').notNull(),
    kind: text('kind').notNull(),
    /** As written, e.g. "93/QĐ-BCĐ". */
    number: text('number').notNull(),
    /** YYYY-MM-DD: the day it was signed. */
    date: text('date').notNull(),
    /** The programme year it concerns (a recognition of 2021 is signed in 2022). */
    year: integer('year').notNull(),
    signer: text('signer').notNull(),
    title: text('title'),
    documentName: text('document_name'),
    documentBytes: integer('document_bytes'),
    documentSha256: text('document_sha256'),
    documentUploadedAt: text('document_uploaded_at'),
    documentUploadedBy: text('document_uploaded_by'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [
    uniqueIndex('programme_decisions_number').on(table.eraId, table.provinceName, table.number, table.date),
    index('programme_decisions_year').on(table.year),
  ],
);

/**
 * One commune's cycle of one programme year. Its status is not stored: it is the replay of its
 * transitions (server/domain/programme/cycle-status.ts), so it cannot disagree with its history.
 */
export const programmeCycles = sqliteTable(
  'programme_cycles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [
    uniqueIndex('programme_cycles_era_unit_year').on(table.eraId, table.unitCode, table.year),
    index('programme_cycles_year').on(table.year),
  ],
);

/** Every status a cycle has had, in order: the date it took effect, the decision it rests on, why, who. */
export const programmeCycleTransitions = sqliteTable(
  'programme_cycle_transitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => programmeCycles.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    date: text('date').notNull(),
    // No cascade: a decision a status rests on cannot be deleted from under it.
    decisionId: integer('decision_id').references(() => programmeDecisions.id),
    reason: text('reason'),
    actor: text('actor').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (table) => [index('programme_cycle_transitions_cycle').on(table.cycleId)],
);

/** The designations of a commune in a year, several at once; `level` is '' for a kind without levels. */
export const programmeDesignations = sqliteTable(
  'programme_designations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    kind: text('kind')
      .notNull()
      .references(() => programmeDesignationKinds.code),
    level: text('level').notNull().default(''),
    /** The document it rests on, as written (e.g. a Ministry decision's number and date). */
    reference: text('reference'),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [
    uniqueIndex('programme_designations_unique').on(
      table.eraId,
      table.unitCode,
      table.year,
      table.kind,
      table.level,
    ),
    index('programme_designations_year').on(table.year),
  ],
);

/**
 * Criteria sets, one per year and version: each change stores a new version, the old ones are kept so
 * that past evaluations stay explainable. `criteria` is the JSON of the domain's CriteriaSet.
 */
export const programmeCriteriaSets = sqliteTable(
  'programme_criteria_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    criteria: text('criteria').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [uniqueIndex('programme_criteria_sets_year_version').on(table.year, table.version)],
);

/**
 * What planners enter for a year's "entered" criteria of a commune, with the evidence each value rests on.
 * Every save appends a row: the latest per (era, commune, year, criterion) is in force, the earlier ones are
 * the criterion's history. `value` is JSON (a number, true/false, or null with `notApplicable`); `evidence`
 * a JSON array of references (a document's number and date, a note, a decision's id).
 */
export const programmeCriterionEntries = sqliteTable(
  'programme_criterion_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eraId: integer('era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    year: integer('year').notNull(),
    criterionCode: text('criterion_code').notNull(),
    value: text('value').notNull(),
    notApplicable: integer('not_applicable', { mode: 'boolean' }).notNull().default(false),
    evidence: text('evidence').notNull(),
    note: text('note'),
    enteredAt: text('entered_at').notNull(),
    enteredBy: text('entered_by').notNull(),
  },
  (table) => [
    index('programme_criterion_entries_unit').on(table.eraId, table.unitCode, table.year),
    index('programme_criterion_entries_year').on(table.year),
  ],
);

/**
 * How the units of one era became those of the next (the 2025 reorganisation): one row per old → new pair
 * and source, "official" from an imported mapping file, "geometry" derived by overlaying the two eras.
 * Shares are of the old unit (0–1): the part of its area, and of its population where known, that went to
 * the new unit. Both sources are kept side by side, so where they disagree can be listed.
 */
export const unitLineage = sqliteTable(
  'unit_lineage',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source', { enum: ['official', 'geometry'] }).notNull(),
    oldEraId: integer('old_era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    oldUnitCode: text('old_unit_code').notNull(),
    newEraId: integer('new_era_id')
      .notNull()
      .references(() => eras.id, { onDelete: 'cascade' }),
    newUnitCode: text('new_unit_code').notNull(),
    areaShare: real('area_share'),
    populationShare: real('population_share'),
    /** The official mapping says the old unit was split between several new ones. */
    partial: integer('partial', { mode: 'boolean' }).notNull().default(false),
    /** The mapping file's name, or null for a derived row. */
    sourceFile: text('source_file'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('unit_lineage_pair').on(
      table.source,
      table.oldEraId,
      table.oldUnitCode,
      table.newEraId,
      table.newUnitCode,
    ),
    index('unit_lineage_new').on(table.newEraId, table.newUnitCode),
  ],
);

/**
 * Saved map views: a name and the view's whole state as the URL carries it (route and query after "#",
 * e.g. "/hotspots?era=2021&mode=communes&lng=…"). `scope` is the owner's area when saved (JSON, as on
 * users): another account sees the view only when its own area covers it.
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    location: text('location').notNull(),
    scope: text('scope').notNull(),
    owner: text('owner').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('saved_views_owner').on(table.owner)],
);

/**
 * Briefing packs: a name and what goes in, in order (saved views, tables, an atlas of communes), with the
 * print settings (paper, orientation, title, marking), as JSON. Scoped like saved views.
 */
export const briefingPacks = sqliteTable('briefing_packs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  definition: text('definition').notNull(),
  scope: text('scope').notNull(),
  owner: text('owner').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * One rendering of a pack or a snapshot: its progress while headless Chromium works, then the file, which
 * lies beside the database ("briefings/<id>.pdf|png") and stays downloadable. `error` is bilingual JSON.
 */
export const briefingRenders = sqliteTable(
  'briefing_renders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packId: integer('pack_id').references(() => briefingPacks.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    format: text('format', { enum: ['pdf', 'png'] }).notNull(),
    status: text('status', { enum: ['queued', 'rendering', 'done', 'failed'] }).notNull(),
    pagesDone: integer('pages_done').notNull().default(0),
    pagesTotal: integer('pages_total').notNull().default(0),
    fileBytes: integer('file_bytes'),
    error: text('error'),
    requestedBy: text('requested_by').notNull(),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
  },
  (table) => [index('briefing_renders_requested_by').on(table.requestedBy)],
);
