/** The shapes the server answers with (see the API contract in server/). */
import type { Role } from '@domain/access/roles';
import type { Scope } from '@domain/access/scope';
import type { BilingualText } from '@domain/bilingual';
import type { UnitLevel } from '@domain/boundaries/unit-level';
import type { BoundingBox } from '@domain/geometry/types';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon } from 'geojson';

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
