import { getJson, urlWithQuery } from './http';
import type { AuditFilter, AuditPage } from './types';

/** Newest first; `before` (an entry's id) pages back in time. */
export function fetchAuditEntries(
  filter: AuditFilter,
  before: number | null,
  limit: number,
  signal?: AbortSignal,
): Promise<AuditPage> {
  return getJson('/api/audit', { ...filter, before, limit }, signal);
}

/** The CSV export of the entries the filter lets through, for a plain link: the cookie signs it. */
export function auditExportUrl(filter: AuditFilter): string {
  return urlWithQuery('/api/audit/export', { ...filter });
}
