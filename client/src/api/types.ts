/** The shapes the server answers with (see the API contract in server/). */
import type { Role } from '@domain/access/roles';
import type { Scope } from '@domain/access/scope';
import type { BilingualText } from '@domain/bilingual';
import type { UnitLevel } from '@domain/boundaries/unit-level';
import type { BoundingBox } from '@domain/geometry/types';
import type { IncidentColumnRole } from '@domain/incidents/detect-incident-columns';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';

export type { BilingualText, BoundingBox, Role, Scope, UnitLevel };

/** A boundary set and the dates it is valid for (YYYY-MM-DD, `validTo` inclusive, null while in force). */
export interface Era {
  label: string;
  validFrom: string;
  validTo: string | null;
  demo: boolean;
  /** Valid today. */
  current: boolean;
  unitCounts: Record<UnitLevel, number>;
  boundingBox: BoundingBox | null;
  /** Eras after 1 July 2025 have no district tier. */
  hasDistricts: boolean;
}

export interface EraList {
  eras: Era[];
  defaultEra: string | null;
  today: string;
}

export interface UnitProperties {
  code: string;
  name: string;
  fullName: string;
  kind: string | null;
  district: string | null;
  districtCode: string | null;
  province: string | null;
  provinceCode: string | null;
  areaKm2: number;
  population: number | null;
  /** The point inside the unit farthest from its edges, where its label goes. */
  labelLongitude: number;
  labelLatitude: number;
}

export type UnitFeature = Feature<MultiPolygon, UnitProperties>;

/** A district or province outline the server derived from the communes' edges. */
export interface OutlineProperties {
  name: string;
  province: string | null;
  derived: true;
}

interface UnitCollectionHeader {
  era: string;
  level: UnitLevel;
}

export interface CommuneCollection
  extends FeatureCollection<MultiPolygon, UnitProperties>,
    UnitCollectionHeader {}

export interface OutlineCollection
  extends FeatureCollection<MultiLineString | MultiPolygon, OutlineProperties | UnitProperties>,
    UnitCollectionHeader {}

export interface SearchResult {
  code: string;
  name: string;
  fullName: string;
  kind: string | null;
  district: string | null;
  province: string | null;
  era: string;
  level: UnitLevel;
  boundingBox: BoundingBox;
  label: [number, number];
}

export interface BasemapSettings {
  /** A raster tile URL template ({z}/{x}/{y}) or a MapLibre style URL. */
  url: string;
  kind: 'raster' | 'style';
  attribution: string | null;
}

export interface Settings {
  basemap: BasemapSettings | null;
}

export interface ErrorBody {
  error: { code: string; message: BilingualText };
}

/** An account as the server shows it (never its password). */
export interface User {
  username: string;
  displayName: string;
  role: Role;
  roleName: BilingualText;
  /** The area the account may see; the server filters every answer by it. */
  scope: Scope;
  disabled: boolean;
}

/** A signed-in session: whose it is, and the token every state-changing request must carry. */
export interface Session {
  user: User;
  csrfToken: string;
  /** ISO 8601; the session ends then whatever happens (12 hours after signing in). */
  expiresAt: string;
  /** Minutes without a request after which the server ends the session; only /api/auth/me tells. */
  idleMinutes?: number;
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
  scope?: Scope;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  scope?: Scope;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** One entry of the audit trail. `before` and `after` are whatever the action recorded. */
export interface AuditEntry {
  id: number;
  /** ISO 8601, UTC. */
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
  outcome: AuditOutcome;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The id to page back from, or null at the oldest entry. */
  nextBefore: number | null;
}

/** Which entries to show or export; instants are ISO 8601, `action` a code or its prefix ("auth."). */
export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
}

// Records: flashpoints, vice spots, per-period indicators, incidents entered by hand, incident points.

export type FlashpointKind =
  | 'land-dispute'
  | 'mass-complaint'
  | 'compensation-clearance'
  | 'religion-ethnic'
  | 'other';
export type FlashpointStatus = 'arising' | 'being-resolved' | 'resolved' | 'flared-again';
export type ViceSpotKind = 'drug-use' | 'drug-dealing' | 'gambling' | 'prostitution';
export type ViceSpotStatus = 'active' | 'eliminated' | 're-formed';

export interface FlashpointProperties {
  id: number;
  kind: FlashpointKind;
  title: string;
  peopleInvolved: number | null;
  areaHa: number | null;
  /** low, medium, high or critical (how complex it is for public order). */
  severity: string;
  status: FlashpointStatus;
  /** YYYY-MM-DD: the day the current status began. */
  statusSince: string;
  /** Still needs attention (arising, being resolved, flared up again). */
  open?: boolean;
  unitCode: string | null;
  notes: string | null;
}

export interface ViceSpotProperties {
  id: number;
  kind: ViceSpotKind;
  title: string;
  status: ViceSpotStatus;
  statusSince: string;
  /** Still needs attention (active, re-formed). */
  open?: boolean;
  unitCode: string | null;
  notes: string | null;
}

export type FlashpointFeature = Feature<Point | Polygon | MultiPolygon, FlashpointProperties>;
export type ViceSpotFeature = Feature<Point, ViceSpotProperties>;
export type FlashpointCollection = FeatureCollection<Point | Polygon | MultiPolygon, FlashpointProperties>;
export type ViceSpotCollection = FeatureCollection<Point, ViceSpotProperties>;

export interface StatusHistoryEntry {
  status: string;
  /** YYYY-MM-DD */
  date: string;
  note: string | null;
  actor: string;
  /** ISO 8601 instant of the entry. */
  at: string;
}

export interface ChangeEntry {
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** A record with its status history and change history, as GET /api/flashpoints/:id answers. */
export interface RecordDetail<Properties> extends Feature<Point | Polygon | MultiPolygon, Properties> {
  /** The statuses the record may move to now. */
  nextStatuses?: string[];
  statusHistory: StatusHistoryEntry[];
  changes: ChangeEntry[];
}

export interface StatusChange {
  status: string;
  /** YYYY-MM-DD */
  date: string;
  note?: string | undefined;
}

export interface IndicatorDefinition {
  code: string;
  nameVi: string;
  nameEn: string;
  unitVi: string;
  unitEn: string;
}

export interface IndicatorValues {
  era?: string;
  unit?: string;
  period?: string;
  values: Record<string, number | null>;
}

/** An incident as entered by hand (POST /api/incidents). */
export interface IncidentInput {
  /** YYYY-MM-DDTHH:mm, Vietnam time. */
  occurredAt: string;
  longitude: number;
  latitude: number;
  categoryCode: string;
  subcategory?: string | null;
  severity?: string | null;
  cleared?: boolean | null;
  deaths?: number | null;
  injuries?: number | null;
  source?: string | null;
  reference?: string | null;
}

export interface IncidentRecord extends IncidentInput {
  id: number;
  unitCode?: string | null;
}

export interface IncidentCategoryItem {
  code: string;
  group: string;
  nameVi: string;
  nameEn: string;
  active: boolean;
}

export interface SeverityItem {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface IncidentTaxonomy {
  categories: IncidentCategoryItem[];
  severities: SeverityItem[];
}

/** Every incident of a filter, compact: `fields` names the columns of each row. */
export interface IncidentPointRows {
  count: number;
  fields: string[];
  rows: unknown[][];
}

/** The common incident filter of every incident read endpoint. */
export interface IncidentFilterQuery {
  era?: string | null;
  from?: string | null;
  to?: string | null;
  categories?: string | null;
  severities?: string | null;
  cleared?: 'yes' | 'no' | null;
}

// ------------------------------------------------------------------------------------ incident imports

/** What the columns of an incident file can tell, as the server names the roles. */
export { INCIDENT_COLUMN_ROLES as INCIDENT_IMPORT_ROLES } from '@domain/incidents/detect-incident-columns';
export type IncidentImportRole = IncidentColumnRole;

/** What the user chose for reading an uploaded file. */
export interface IncidentImportChoices {
  mapping?: { columns?: Partial<Record<IncidentImportRole, string>> };
  layer?: string;
  coordinateSystem?: string;
}

export interface IncidentImportSampleRow {
  row: number;
  values: Record<string, string>;
  parsed: {
    occurredAt: string;
    longitude: number;
    latitude: number;
    category: string;
    subcategory: string | null;
    severity: string | null;
    cleared: boolean | null;
  } | null;
  reason: { vi: string; en: string } | null;
}

/** POST /api/incident-imports/preview and /:uploadId/preview. */
export interface IncidentImportPreview {
  uploadId: string;
  file: string;
  bytes: number;
  format: 'csv' | 'xlsx' | 'geojson' | 'shapefile';
  layer: string | null;
  layers: string[];
  columns: string[];
  detected: Record<IncidentImportRole, string | null>;
  coordinateSystem: { name: string; from: 'chosen' | 'file' | 'default'; geographic: boolean };
  hasGeometry: boolean;
  rowCount: number;
  sample: IncidentImportSampleRow[];
}

/** POST /api/incident-imports. */
export interface IncidentImportResult {
  importId: number;
  file: string;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  inserted: number;
  outsideUnits: number;
  rejectedRows: { row: number; reason: { vi: string; en: string } }[];
  rejectedRowsListed: number;
}
