import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Database } from '../db/database';

/**
 * Files the database refers to but does not hold, in folders beside the database file: the signed
 * decisions' PDFs, uploaded incident files and their rejected rows, rendered briefings. `diaban backup`
 * and `restore` carry them.
 */
export const DECISION_DOCUMENTS_FOLDER = 'programme-decisions';
export const INCIDENT_UPLOADS_FOLDER = 'incident-imports';
export const BRIEFING_FILES_FOLDER = 'briefings';
export const ATTACHED_FOLDERS = [
  DECISION_DOCUMENTS_FOLDER,
  INCIDENT_UPLOADS_FOLDER,
  BRIEFING_FILES_FOLDER,
] as const;
export type AttachedFolder = (typeof ATTACHED_FOLDERS)[number];

const TEMPORARY_PREFIX = 'diaban-';
const folders = new WeakMap<Database, Map<AttachedFolder, string>>();
const temporaryFolders = new Set<string>();

/**
 * Where a database keeps one of its attached folders: beside its file, or for an in-memory database (the
 * tests) a temporary folder that, like the database itself, is gone when the process ends.
 */
export function attachedFolder(database: Database, folder: AttachedFolder): string {
  let byName = folders.get(database);
  if (!byName) {
    byName = new Map();
    folders.set(database, byName);
  }
  let path = byName.get(folder);
  if (!path) {
    const client = database.$client;
    if (client.memory || !client.name) {
      if (temporaryFolders.size === 0) {
        removeOrphanedFolders();
        process.once('exit', () => {
          for (const temporary of temporaryFolders) rmSync(temporary, { recursive: true, force: true });
        });
      }
      path = mkdtempSync(join(tmpdir(), `${TEMPORARY_PREFIX}${folder}-${process.pid}-`));
      temporaryFolders.add(path);
    } else {
      path = join(dirname(client.name), folder);
    }
    byName.set(folder, path);
  }
  return path;
}

/** Temporary folders of processes that ended without removing theirs (killed test runs). */
function removeOrphanedFolders(): void {
  const pattern = new RegExp(`^${TEMPORARY_PREFIX}(?:${ATTACHED_FOLDERS.join('|')})-(\\d+)-`);
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      // Signal 0 only asks whether the process exists.
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
      }
    }
  }
}
