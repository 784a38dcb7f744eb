import { Hono } from 'hono';
import { z } from 'zod';
import { type AuditRecord, listAuditRecords } from '../db/queries/audit';
import { bilingual } from '../domain/bilingual';
import { csvField } from '../domain/text/csv-field';
import { type AppEnv, audit, permit } from './access';
import type { AppContext } from './context';
import { validQuery } from './query-validation';

const instant = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/);

const auditQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number)
    .optional(),
  from: instant.optional(),
  to: instant.optional(),
  actor: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().min(1).max(1000))
    .default(100),
});

const EXPECTATIONS = {
  before: bilingual('số thứ tự một mục nhật ký', 'the id of a log entry'),
  from: bilingual('thời điểm dạng YYYY-MM-DD hoặc ISO 8601', 'an instant as YYYY-MM-DD or ISO 8601'),
  to: bilingual('thời điểm dạng YYYY-MM-DD hoặc ISO 8601', 'an instant as YYYY-MM-DD or ISO 8601'),
  actor: bilingual('tên tài khoản', 'an account name'),
  action: bilingual('tên thao tác, ví dụ auth.login', 'an action name, e.g. auth.login'),
  limit: bilingual('số nguyên từ 1 đến 1000', 'a whole number from 1 to 1000'),
};

function entryView(record: AuditRecord) {
  return {
    id: record.id,
    at: record.at,
    actor: record.actor,
    action: record.action,
    target: record.target,
    before: record.before === null ? null : JSON.parse(record.before),
    after: record.after === null ? null : JSON.parse(record.after),
    address: record.address,
    outcome: record.outcome,
    hash: record.hash,
  };
}

/** A day given as YYYY-MM-DD is a day in Vietnam (UTC+7), from its first to its last millisecond. */
function instantOf(text: string, edge: 'start' | 'end'): string {
  if (text.length !== 10) return text;
  return new Date(`${text}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}+07:00`).toISOString();
}

/**
 * /api/audit: the audit trail, newest first, for administrators to browse and export. There is no route that
 * changes it.
 */
export function auditRoutes(context: AppContext) {
  const canRead = permit(context, 'audit:read');
  const filterOf = (query: z.infer<typeof auditQuery>) => ({
    beforeId: query.before,
    from: query.from && instantOf(query.from, 'start'),
    to: query.to && instantOf(query.to, 'end'),
    actor: query.actor,
    action: query.action,
  });
  return new Hono<AppEnv>()
    .get('/', canRead, validQuery(auditQuery, EXPECTATIONS), (c) => {
      const query = c.req.valid('query');
      const records = listAuditRecords(context.database, { ...filterOf(query), limit: query.limit });
      const last = records[records.length - 1];
      return c.json({
        entries: records.map(entryView),
        nextBefore: records.length === query.limit && last ? last.id : null,
      });
    })
    .get(
      '/export',
      canRead,
      validQuery(auditQuery.omit({ limit: true, before: true }), EXPECTATIONS),
      (c) => {
        const records = listAuditRecords(context.database, {
          ...filterOf({ ...c.req.valid('query'), limit: 0 }),
          limit: -1,
        });
        const header = [
          'id',
          'at',
          'actor',
          'action',
          'target',
          'outcome',
          'address',
          'before',
          'after',
          'previous_hash',
          'hash',
        ];
        const rows = records.map((record) =>
          [
            record.id,
            record.at,
            record.actor,
            record.action,
            record.target,
            record.outcome,
            record.address,
            record.before,
            record.after,
            record.previousHash,
            record.hash,
          ]
            .map(csvField)
            .join(','),
        );
        audit(c, context, { action: 'audit.export', after: { entries: records.length } });
        // A byte-order mark so that Excel, which most offices open CSV files with, reads UTF-8.
        return c.body(`\uFEFF${[header.join(','), ...rows].join('\r\n')}\r\n`, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="diaban-audit-${context.now().toISOString().slice(0, 10)}.csv"`,
        });
      },
    );
}
