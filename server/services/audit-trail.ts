import { createHash } from 'node:crypto';
import { type Database, inTransaction } from '../db/database';
import { type AuditRecord, auditRecordsAfter, insertAuditRecord, lastAuditHash } from '../db/queries/audit';

/** What happened, by whom, to what: one entry of the audit trail. */
export interface AuditEntry {
  /** The account ("nguyenvana"), "cli:<system user>" for the command line, or "anonymous". */
  actor: string;
  /** A dotted verb: "auth.login", "user.create", "boundaries.import", "access.denied"… */
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  /** The client's address, or "local" for the command line. */
  address?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
}

const GENESIS = '0'.repeat(64);

function contentHash(
  previousHash: string,
  record: Omit<AuditRecord, 'id' | 'previousHash' | 'hash'>,
): string {
  const content = JSON.stringify([
    record.at,
    record.actor,
    record.action,
    record.target,
    record.before,
    record.after,
    record.address,
    record.outcome,
  ]);
  return createHash('sha256').update(previousHash).update('\n').update(content).digest('hex');
}

/** Appends an entry, chained to the one before it. */
export function appendAudit(database: Database, entry: AuditEntry, now: Date): AuditRecord {
  return inTransaction(database, () => {
    const previousHash = lastAuditHash(database) ?? GENESIS;
    const record = {
      at: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      address: entry.address ?? null,
      outcome: entry.outcome ?? 'success',
    };
    return insertAuditRecord(database, { ...record, previousHash, hash: contentHash(previousHash, record) });
  });
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: 'content' | 'link' | 'gap' };

/**
 * Walks the whole chain: each entry must link to the hash of the one before, carry the hash of its own
 * content, and follow it without a gap in ids. The first entry that does not is reported.
 */
export function verifyAuditTrail(database: Database): AuditVerification {
  let previousHash = GENESIS;
  let previousId = 0;
  let entries = 0;
  for (;;) {
    const page = auditRecordsAfter(database, previousId, 1000);
    if (page.length === 0) return { ok: true, entries };
    for (const record of page) {
      if (record.id !== previousId + 1) return { ok: false, entries, brokenAt: record.id, reason: 'gap' };
      if (record.previousHash !== previousHash)
        return { ok: false, entries, brokenAt: record.id, reason: 'link' };
      if (record.hash !== contentHash(previousHash, record)) {
        return { ok: false, entries, brokenAt: record.id, reason: 'content' };
      }
      previousHash = record.hash;
      previousId = record.id;
      entries++;
    }
  }
}
