import { type Database, inTransaction } from '../db/database';
import { deleteSetting, readSetting, writeSetting } from '../db/queries/settings';
import type { Actor } from './accounts';
import { appendAudit } from './audit-trail';

/** The optional basemap, for networks that have a tile server: a raster template or a MapLibre style URL. */
export interface BasemapSetting {
  url: string;
  attribution?: string;
}

const BASEMAP_SETTING = 'basemap';

export function readBasemap(database: Database): BasemapSetting | null {
  return readSetting<BasemapSetting>(database, BASEMAP_SETTING) ?? null;
}

/** What the client is told: a URL template with {z}/{x}/{y} is raster tiles, anything else a style. */
export function basemapView(basemap: BasemapSetting | null) {
  return basemap
    ? {
        url: basemap.url,
        kind: basemap.url.includes('{z}') ? 'raster' : 'style',
        attribution: basemap.attribution ?? '',
      }
    : null;
}

/** Sets (or, with null, removes) the basemap, and writes the change to the audit trail. */
export function changeBasemap(
  database: Database,
  basemap: BasemapSetting | null,
  actor: Actor,
  now: Date,
): void {
  inTransaction(database, () => {
    const before = readBasemap(database);
    if (basemap) writeSetting(database, BASEMAP_SETTING, basemap);
    else deleteSetting(database, BASEMAP_SETTING);
    appendAudit(
      database,
      {
        actor: actor.name,
        address: actor.address,
        action: 'settings.update',
        target: 'basemap',
        before,
        after: basemap,
      },
      now,
    );
  });
}
