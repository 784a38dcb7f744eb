import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
