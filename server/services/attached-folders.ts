/**
 * Files the database refers to but does not hold, in folders beside the database file: the signed
 * decisions' PDFs, uploaded incident files and their rejected rows, rendered briefings. `diaban backup` and `restore` carry them.
 */
export const DECISION_DOCUMENTS_FOLDER = 'programme-decisions';
export const INCIDENT_UPLOADS_FOLDER = 'incident-imports';
export const BRIEFING_FILES_FOLDER = 'briefings';
export const ATTACHED_FOLDERS = [
  DECISION_DOCUMENTS_FOLDER,
  INCIDENT_UPLOADS_FOLDER,
  BRIEFING_FILES_FOLDER,
] as const;
