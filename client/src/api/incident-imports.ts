import { sendFile, sendJson } from './http';
import type { IncidentImportChoices, IncidentImportPreview, IncidentImportResult } from './types';

/** Uploads an incident file; the answer previews it as the server would import it. */
export function uploadIncidentFile(file: File): Promise<IncidentImportPreview> {
  return sendFile('/api/incident-imports/preview', file);
}

/** Reads an uploaded file again with other choices. */
export function previewIncidentUpload(
  uploadId: string,
  choices: IncidentImportChoices,
): Promise<IncidentImportPreview> {
  return sendJson('POST', `/api/incident-imports/${encodeURIComponent(uploadId)}/preview`, choices);
}

/** Imports an uploaded file with the choices made. */
export function importIncidentUpload(
  uploadId: string,
  choices: IncidentImportChoices,
): Promise<IncidentImportResult> {
  return sendJson('POST', '/api/incident-imports', { uploadId, ...choices });
}

export function rejectedRowsUrl(importId: number): string {
  return `/api/incident-imports/${importId}/rejected.csv`;
}
